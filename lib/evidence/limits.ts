// Evidence limits, explicit and documented (README "Limits and rules"); the server enforces them.
const GiB = 1024 ** 3;

const bytesFromEnv = (name: string, fallback: number) => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

/** Largest single file: room for long phone videos (at least 2 GB). */
export const maxFileBytes = () => bytesFromEnv("EVIDENCE_MAX_FILE_BYTES", 5 * GiB);
/** Everything one candidate may store, counting uploads in progress. */
export const maxCandidateBytes = () => bytesFromEnv("EVIDENCE_MAX_CANDIDATE_BYTES", 50 * GiB);

/** Unfinished uploads one candidate may have at once: each reserves its full size. */
export const MAX_UNFINISHED_UPLOADS = 10;
/** An unfinished upload with no bytes for this long expires and its space is released. */
export const uploadExpiryHours = () => bytesFromEnv("EVIDENCE_UPLOAD_EXPIRY_HOURS", 24);
/** Files larger than this are virus-checked by the job queue after they are stored, not while the upload ends. */
export const scanInlineMaxBytes = () => bytesFromEnv("EVIDENCE_SCAN_INLINE_MAX_BYTES", 64 * 1024 * 1024);

export const MAX_FILE_NAME_LENGTH = 255;
export const MAX_TITLE_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 5000;
export const MAX_PLACE_LENGTH = 300;
/** Feedback, notes and testimony: long enough for a page of writing. */
export const MAX_NOTE_LENGTH = 10000;
export const UPLOAD_CHUNK_BYTES = 16 * 1024 * 1024;

export function formatBytes(bytes: number): string {
  if (bytes >= GiB) return `${(bytes / GiB).toFixed(bytes % GiB === 0 ? 0 : 1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}
