// What may be stored: an explicit list, decided by the file's content (magic bytes), never by
// its name or the browser's claimed type. HTML, SVG and scripts are never accepted.
import { open } from "node:fs/promises";
import { fileTypeFromBuffer } from "file-type";

export type Kind = "document" | "image" | "audio" | "video";
export type AllowedType = { mime: string; label: string; kind: Kind };

const ALLOWED: AllowedType[] = [
  { mime: "application/pdf", label: "PDF", kind: "document" },
  { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "Word document", kind: "document" },
  { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "Excel workbook", kind: "document" },
  { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", label: "PowerPoint presentation", kind: "document" },
  { mime: "application/vnd.oasis.opendocument.text", label: "OpenDocument text", kind: "document" },
  { mime: "application/vnd.oasis.opendocument.spreadsheet", label: "OpenDocument spreadsheet", kind: "document" },
  { mime: "application/vnd.oasis.opendocument.presentation", label: "OpenDocument presentation", kind: "document" },
  { mime: "application/x-cfb", label: "Office document (older format)", kind: "document" },
  { mime: "text/plain", label: "Plain text", kind: "document" },
  { mime: "image/jpeg", label: "JPEG photo", kind: "image" },
  { mime: "image/png", label: "PNG image", kind: "image" },
  { mime: "image/gif", label: "GIF image", kind: "image" },
  { mime: "image/webp", label: "WebP image", kind: "image" },
  { mime: "image/heic", label: "HEIC photo", kind: "image" },
  { mime: "image/heif", label: "HEIF photo", kind: "image" },
  { mime: "audio/mpeg", label: "MP3 audio", kind: "audio" },
  { mime: "audio/mp4", label: "M4A audio", kind: "audio" },
  { mime: "audio/x-m4a", label: "M4A audio", kind: "audio" },
  { mime: "audio/aac", label: "AAC audio", kind: "audio" },
  { mime: "audio/wav", label: "WAV audio", kind: "audio" },
  { mime: "audio/ogg", label: "Ogg audio", kind: "audio" },
  { mime: "audio/webm", label: "WebM audio", kind: "audio" },
  { mime: "video/mp4", label: "MP4 video", kind: "video" },
  { mime: "video/quicktime", label: "QuickTime video", kind: "video" },
  { mime: "video/webm", label: "WebM video", kind: "video" },
  { mime: "video/3gpp", label: "3GP video", kind: "video" },
  { mime: "video/x-matroska", label: "Matroska video", kind: "video" },
];

export const ALLOWED_DESCRIPTION =
  "PDF, Word, Excel, PowerPoint, OpenDocument and plain-text documents; JPEG, PNG, GIF, WebP and HEIC images; MP3, M4A, AAC, WAV and Ogg audio; MP4, MOV, WebM and 3GP video";

export const allowedType = (mime: string) => ALLOWED.find((t) => t.mime === mime);

const SAMPLE_BYTES = 8192;

/** Markup a browser could run: refused even when it would otherwise pass as text. */
const MARKUP = /<\s*(!doctype|html|head|body|script|svg|iframe|object|embed|\?xml)|<\s*[a-z]+[^>]*\son\w+\s*=/i;

function looksLikePlainText(sample: Buffer): boolean {
  if (sample.length === 0 || sample.includes(0)) return false;
  try {
    // A multi-byte character may be cut at the end of the sample: allow up to 3 trailing bytes.
    new TextDecoder("utf-8", { fatal: true }).decode(sample.subarray(0, Math.max(0, sample.length - 3)));
  } catch {
    return false;
  }
  return !MARKUP.test(sample.toString("utf8"));
}

export type Detection = { ok: true; type: AllowedType } | { ok: false; reason: string };

export async function detectBuffer(sample: Buffer): Promise<Detection> {
  if (sample.length === 0) return { ok: false, reason: "The file is empty." };
  const found = await fileTypeFromBuffer(sample);
  if (found) {
    const type = allowedType(found.mime);
    if (type) return { ok: true, type };
    return { ok: false, reason: `The file's content is ${found.ext.toUpperCase()} (${found.mime}), which cannot be used as evidence.` };
  }
  if (MARKUP.test(sample.toString("utf8"))) {
    return { ok: false, reason: "The file contains web page or script markup (HTML, SVG or XML), which cannot be used as evidence." };
  }
  if (looksLikePlainText(sample)) return { ok: true, type: allowedType("text/plain")! };
  return { ok: false, reason: "The file's content is not a type we accept, whatever its name says." };
}

/** Reads the start of a stored file and decides what it is. */
export async function detectFile(path: string): Promise<Detection> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return detectBuffer(buffer.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
