// Chooses the evidence store from configuration: local disk by default, S3 when EVIDENCE_STORAGE=s3.
import path from "node:path";
import { LocalStorage } from "./local";
import { S3Storage } from "./s3";
import type { EvidenceStorage } from "./types";
import { config } from "../config";

export type { EvidenceStorage } from "./types";

/** Where unfinished resumable uploads wait (local disk in both configurations). */
export const uploadDir = () => path.resolve(/*turbopackIgnore: true*/ config().EVIDENCE_UPLOAD_DIR);

let cached: EvidenceStorage | undefined;

export function evidenceStorage(): EvidenceStorage {
  if (cached) return cached;
  const c = config();
  if (c.EVIDENCE_STORAGE === "s3") {
    // S3_BUCKET is required with s3 (lib/config); S3_ENDPOINT for non-AWS services.
    cached = new S3Storage({
      bucket: c.S3_BUCKET!,
      endpoint: c.S3_ENDPOINT,
      region: c.S3_REGION,
      accessKeyId: c.S3_ACCESS_KEY_ID,
      secretAccessKey: c.S3_SECRET_ACCESS_KEY,
      forcePathStyle: c.S3_FORCE_PATH_STYLE !== "false",
    });
  } else {
    cached = new LocalStorage(path.resolve(/*turbopackIgnore: true*/ c.EVIDENCE_STORAGE_DIR));
  }
  return cached;
}
