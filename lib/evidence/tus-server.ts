import "server-only";
// One tus server per process: resumable uploads land in uploadDir(); when the last byte
// arrives the file is checked and moved into evidence storage (lib/evidence/ingest.ts).
import { rm } from "node:fs/promises";
import path from "node:path";
import { FileStore } from "@tus/file-store";
import { MemoryLocker, Server } from "@tus/server";
import { db } from "@/lib/server/db";
import { uploadDir } from "@/lib/storage";
import { ingestUpload } from "./ingest";
import { maxFileBytes } from "./limits";

const globalForTus = globalThis as unknown as { tusServer?: Server };

export function tusServer(): Server {
  if (globalForTus.tusServer) return globalForTus.tusServer;
  const directory = uploadDir();
  globalForTus.tusServer = new Server({
    path: "/api/uploads",
    datastore: new FileStore({ directory }),
    locker: new MemoryLocker(),
    maxSize: maxFileBytes(),
    relativeLocation: true,
    respectForwardedHeaders: false,
    disableTerminationForFinishedUploads: true,
    async onUploadFinish(_req, upload) {
      const file = path.join(directory, upload.id);
      const result = await ingestUpload(db(), upload.id, file);
      await rm(`${file}.json`, { force: true }); // the tus store's record of the finished upload
      if (!result.ok) throw { status_code: 422, body: result.reason };
      return { headers: { "Evidence-File-Id": result.fileId, "Evidence-File-Sha256": result.sha256 } };
    },
  });
  return globalForTus.tusServer;
}
