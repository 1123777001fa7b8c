// Chooses the evidence store from configuration: local disk by default, S3 when EVIDENCE_STORAGE=s3.
import path from "node:path";
import { LocalStorage } from "./local";
import { S3Storage } from "./s3";
import type { EvidenceStorage } from "./types";

export type { EvidenceStorage } from "./types";

/** Where unfinished resumable uploads wait (local disk in both configurations). */
export const uploadDir = () => path.resolve(/*turbopackIgnore: true*/ process.env.EVIDENCE_UPLOAD_DIR ?? ".data/uploads");

let cached: EvidenceStorage | undefined;

export function evidenceStorage(): EvidenceStorage {
  if (cached) return cached;
  if (process.env.EVIDENCE_STORAGE === "s3") {
    const bucket = process.env.S3_BUCKET;
    if (!bucket) throw new Error("EVIDENCE_STORAGE=s3 needs S3_BUCKET (and S3_ENDPOINT for non-AWS services).");
    cached = new S3Storage({
      bucket,
      endpoint: process.env.S3_ENDPOINT,
      region: process.env.S3_REGION ?? "eu-west-2",
      accessKeyId: process.env.S3_ACCESS_KEY_ID,
      secretAccessKey: process.env.S3_SECRET_ACCESS_KEY,
      forcePathStyle: process.env.S3_FORCE_PATH_STYLE !== "false",
    });
  } else {
    cached = new LocalStorage(path.resolve(/*turbopackIgnore: true*/ process.env.EVIDENCE_STORAGE_DIR ?? ".data/evidence"));
  }
  return cached;
}
