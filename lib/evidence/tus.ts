// The resumable-upload pipeline: a tus server whose uploads land in `directory` and, when the
// last byte arrives, are checked and moved into evidence storage (lib/evidence/ingest.ts).
// The app serves it behind its own checks (tus-server.ts); the benchmark runs it bare.
import { rm } from "node:fs/promises";
import path from "node:path";
import { FileStore } from "@tus/file-store";
import { MemoryLocker, Server, type ServerOptions } from "@tus/server";
import type { PrismaClient } from "../generated/prisma/client";
import { ingestUpload } from "./ingest";
import { maxFileBytes } from "./limits";

export function makeTusServer(options: {
  path: string;
  directory: string;
  prisma: () => PrismaClient;
  onUploadCreate?: ServerOptions["onUploadCreate"];
}): Server {
  return new Server({
    path: options.path,
    datastore: new FileStore({ directory: options.directory }),
    locker: new MemoryLocker(),
    maxSize: maxFileBytes(),
    relativeLocation: true,
    respectForwardedHeaders: false,
    disableTerminationForFinishedUploads: true,
    onUploadCreate: options.onUploadCreate,
    async onUploadFinish(_req, upload) {
      const file = path.join(options.directory, upload.id);
      const result = await ingestUpload(options.prisma(), upload.id, file);
      await rm(`${file}.json`, { force: true }); // the tus store's record of the finished upload
      if (!result.ok) throw { status_code: 422, body: result.reason };
      return { headers: { "Evidence-File-Id": result.fileId, "Evidence-File-Sha256": result.sha256 } };
    },
  });
}
