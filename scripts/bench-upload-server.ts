// The upload pipeline of the app (tus file store + lib/evidence/ingest) as a bare HTTP server,
// for scripts/bench-upload.ts to measure. Sign-in is left out: it costs the same for any size.
import http from "node:http";
import path from "node:path";
import { FileStore } from "@tus/file-store";
import { MemoryLocker, Server } from "@tus/server";
import { ingestUpload } from "../lib/evidence/ingest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../lib/generated/prisma/client";
import { uploadDir } from "../lib/storage";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
const directory = uploadDir();
const tus = new Server({
  path: "/files",
  datastore: new FileStore({ directory }),
  locker: new MemoryLocker(),
  async onUploadCreate(_req, upload) {
    const meta = upload.metadata ?? {};
    await prisma.evidenceUpload.create({
      data: { id: upload.id, evidenceId: meta.evidenceId!, candidateId: meta.candidateId!, displayName: meta.filename!, size: BigInt(upload.size ?? 0) },
    });
    return {};
  },
  async onUploadFinish(_req, upload) {
    const result = await ingestUpload(prisma, upload.id, path.join(directory, upload.id));
    if (!result.ok) throw { status_code: 422, body: result.reason };
    return { headers: { "Evidence-File-Sha256": result.sha256 } };
  },
});
const server = http.createServer((req, res) => void tus.handle(req, res));
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`ready ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => server.close(() => prisma.$disconnect().then(() => process.exit(0))));
