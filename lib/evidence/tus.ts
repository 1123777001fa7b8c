// The resumable-upload pipeline: a tus server whose uploads land in `directory`, hashed as they
// arrive (lib/evidence/hashing-store.ts), and when the last byte arrives are checked and moved into
// evidence storage (lib/evidence/ingest.ts). Several app servers can share one upload directory
// and database: the lock on an upload is PostgreSQL's (lib/evidence/upload-lock.ts).
// The app serves it behind its own checks (app/api/uploads); the benchmark runs it bare.
import { rm } from "node:fs/promises";
import path from "node:path";
import { Server, type ServerOptions } from "@tus/server";
import type { Locker } from "@tus/utils";
import type { PrismaClient } from "../generated/prisma/client";
import { logWithReference, quoteReference } from "@/lib/server/core/error-reference";
import { HashingFileStore } from "./hashing-store";
import { endUpload, ingestUpload } from "./ingest";
import { maxFileBytes } from "./size-limits";

/** Removes an upload's partial file and the tus store's record of it. Safe to repeat. */
export async function removeUploadFiles(directory: string, uploadId: string) {
  await rm(path.join(directory, uploadId), { force: true });
  await rm(path.join(directory, `${uploadId}.json`), { force: true });
}

export function makeTusServer(options: {
  path: string;
  directory: string;
  prisma: () => PrismaClient;
  locker: Locker;
  onUploadCreate?: ServerOptions["onUploadCreate"];
  namingFunction?: ServerOptions["namingFunction"];
}): Server {
  const store = new HashingFileStore(options.directory);
  return new Server({
    path: options.path,
    datastore: store,
    locker: options.locker,
    maxSize: maxFileBytes(),
    relativeLocation: true,
    respectForwardedHeaders: false,
    disableTerminationForFinishedUploads: true,
    onUploadCreate: options.onUploadCreate,
    namingFunction: options.namingFunction,
    async onUploadFinish(_req, upload) {
      const file = path.join(options.directory, upload.id);
      let result;
      try {
        result = await ingestUpload(options.prisma(), upload.id, file, {
          sha256: store.takeDigest(upload.id, upload.size ?? -1),
        });
      } catch (error) {
        // Storage, scanner or database trouble: release the reservation, keep the detail in the log.
        const reference = logWithReference(`Finishing upload ${upload.id} failed`, error);
        await endUpload(options.prisma(), upload.id, "failed", `Server error ${reference}`).catch(() => {});
        await removeUploadFiles(options.directory, upload.id).catch(() => {});
        throw {
          status_code: 500,
          body: `We could not store your file. Please upload it again. ${quoteReference(reference)}`,
        };
      }
      await rm(`${file}.json`, { force: true }); // the tus store's record of the finished upload
      if (!result.ok) throw { status_code: 422, body: result.reason };
      return { headers: { "Evidence-File-Id": result.fileId, "Evidence-File-Sha256": result.sha256 } };
    },
    // Any other failure inside the tus server would send its raw message (paths, errors) to the browser.
    onResponseError(_req, error) {
      if (!(error instanceof Error) && typeof error.status_code === "number" && error.status_code < 500)
        return undefined;
      if (!(error instanceof Error) && typeof error.body === "string" && error.body.includes("quote reference"))
        return undefined;
      const reference = logWithReference("Upload request failed", error);
      return {
        status_code: 500,
        body: `The upload could not continue because of a problem on our side. Please try again. ${quoteReference(reference)}`,
      };
    },
  });
}
