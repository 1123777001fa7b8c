// The evidence limits a deployment sets (README "Configuration"; defaults in lib/config): server
// code only. The fixed limits, which forms in the browser show too, are in ./limits.ts.
import { config } from "../config";

/** Largest single file: room for long phone videos (at least 2 GB). */
export const maxFileBytes = () => config().EVIDENCE_MAX_FILE_BYTES;

/** Everything one candidate may store, counting uploads in progress. */
export const maxCandidateBytes = () => config().EVIDENCE_MAX_CANDIDATE_BYTES;

/** An unfinished upload with no bytes for this long expires and its space is released. */
export const uploadExpiryHours = () => config().EVIDENCE_UPLOAD_EXPIRY_HOURS;

/** Files larger than this are virus-checked by the job queue after they are stored, not while the upload ends. */
export const scanInlineMaxBytes = () => config().EVIDENCE_SCAN_INLINE_MAX_BYTES;
