// Evidence limits, explicit and documented (README "Limits and rules"); the server enforces them.
const GiB = 1024 ** 3;

/** Unfinished uploads one candidate may have at once: each reserves its full size. */
export const MAX_UNFINISHED_UPLOADS = 10;

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
