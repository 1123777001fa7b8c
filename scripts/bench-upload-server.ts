// The app's upload pipeline (lib/evidence/tus.ts: tus file store, then ingest) as a bare HTTP
// server, for scripts/bench-upload.ts to measure. Sign-in is left out: it costs the same for any
// size; the upload's owner comes from its metadata instead of the session.
import http from "node:http";
import { PrismaPg } from "@prisma/adapter-pg";
import { makeTusServer } from "../lib/evidence/tus";
import { PostgresLocker } from "../lib/evidence/upload-lock";
import { PrismaClient } from "../lib/generated/prisma/client";
import { uploadDir } from "../lib/storage";

const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }) });
const tus = makeTusServer({
  path: "/files",
  directory: uploadDir(),
  prisma: () => prisma,
  locker: new PostgresLocker(process.env.DATABASE_URL!),
  async onUploadCreate(_req, upload) {
    const meta = upload.metadata ?? {};
    await prisma.evidenceUpload.create({
      data: {
        id: upload.id,
        evidenceId: meta.evidenceId!,
        candidateId: meta.candidateId!,
        displayName: meta.filename!,
        size: BigInt(upload.size ?? 0),
      },
    });
    return {};
  },
});
const server = http.createServer((req, res) => void tus.handle(req, res));
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  console.log(`ready ${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => server.close(() => prisma.$disconnect().then(() => process.exit(0))));
