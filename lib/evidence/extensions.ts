// The accepted types and the file-name extensions that fit each. The type is decided by content
// (file-types.ts); the name must still fit it, because Windows and most desktops open a download
// by its extension: plain text called fix.cmd would run as a script. Pure (no node: modules), so
// the browser can check a name before a byte is uploaded.
import { withoutUnsafeCharacters } from "../domain/text";

export type Kind = "document" | "image" | "audio" | "video";
export type AllowedType = {
  mime: string;
  label: string;
  kind: Kind;
  /** How a sentence names the content: "its content is {noun}". */
  noun: string;
  /** Lower case, without the dot; the first is the one added when a served name needs one. */
  extensions: readonly string[];
};

// Some pairs are loose on purpose, because file-type reports the container's brand rather than
// what the file is called: an .m4a or .mov with a generic MP4 brand comes back as video/mp4, an
// M4B audiobook as audio/mp4, a QuickTime file renamed .mp4 as video/quicktime, and audio-only
// WebM as video/webm. Each of those extensions still opens as media, never as a program.
const ACCEPTED: AllowedType[] = [
  { mime: "application/pdf", label: "PDF", kind: "document", noun: "a PDF", extensions: ["pdf"] },
  {
    mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    label: "Word document",
    kind: "document",
    noun: "a Word document",
    extensions: ["docx"],
  },
  {
    mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    label: "Excel workbook",
    kind: "document",
    noun: "an Excel workbook",
    extensions: ["xlsx"],
  },
  {
    mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    label: "PowerPoint presentation",
    kind: "document",
    noun: "a PowerPoint presentation",
    extensions: ["pptx"],
  },
  {
    mime: "application/vnd.oasis.opendocument.text",
    label: "OpenDocument text",
    kind: "document",
    noun: "an OpenDocument text document",
    extensions: ["odt"],
  },
  {
    mime: "application/vnd.oasis.opendocument.spreadsheet",
    label: "OpenDocument spreadsheet",
    kind: "document",
    noun: "an OpenDocument spreadsheet",
    extensions: ["ods"],
  },
  {
    mime: "application/vnd.oasis.opendocument.presentation",
    label: "OpenDocument presentation",
    kind: "document",
    noun: "an OpenDocument presentation",
    extensions: ["odp"],
  },
  // Older Office files are compound files; file-types.ts accepts only real Word, Excel and
  // PowerPoint ones without macros and stores them under these types.
  {
    mime: "application/msword",
    label: "Word 97-2003 document",
    kind: "document",
    noun: "a Word 97-2003 document",
    extensions: ["doc", "dot"],
  },
  {
    mime: "application/vnd.ms-excel",
    label: "Excel 97-2003 workbook",
    kind: "document",
    noun: "an Excel 97-2003 workbook",
    extensions: ["xls"],
  },
  {
    mime: "application/vnd.ms-powerpoint",
    label: "PowerPoint 97-2003 presentation",
    kind: "document",
    noun: "a PowerPoint 97-2003 presentation",
    extensions: ["ppt"],
  },
  // Not .csv: spreadsheets open it and run formulas in it.
  {
    mime: "text/plain",
    label: "Plain text",
    kind: "document",
    noun: "plain text",
    extensions: ["txt", "text", "log", "md"],
  },
  { mime: "image/jpeg", label: "JPEG photo", kind: "image", noun: "a JPEG photo", extensions: ["jpg", "jpeg", "jfif"] },
  { mime: "image/png", label: "PNG image", kind: "image", noun: "a PNG image", extensions: ["png"] },
  { mime: "image/gif", label: "GIF image", kind: "image", noun: "a GIF image", extensions: ["gif"] },
  { mime: "image/webp", label: "WebP image", kind: "image", noun: "a WebP image", extensions: ["webp"] },
  { mime: "image/heic", label: "HEIC photo", kind: "image", noun: "a HEIC photo", extensions: ["heic", "heif"] },
  { mime: "image/heif", label: "HEIF photo", kind: "image", noun: "a HEIF photo", extensions: ["heif", "heic"] },
  { mime: "audio/mpeg", label: "MP3 audio", kind: "audio", noun: "MP3 audio", extensions: ["mp3"] },
  { mime: "audio/mp4", label: "M4A audio", kind: "audio", noun: "M4A audio", extensions: ["m4a", "m4b", "mp4"] },
  { mime: "audio/x-m4a", label: "M4A audio", kind: "audio", noun: "M4A audio", extensions: ["m4a", "m4b", "mp4"] },
  { mime: "audio/aac", label: "AAC audio", kind: "audio", noun: "AAC audio", extensions: ["aac"] },
  { mime: "audio/wav", label: "WAV audio", kind: "audio", noun: "WAV audio", extensions: ["wav"] },
  { mime: "audio/ogg", label: "Ogg audio", kind: "audio", noun: "Ogg audio", extensions: ["ogg", "oga", "opus"] },
  { mime: "audio/webm", label: "WebM audio", kind: "audio", noun: "WebM audio", extensions: ["webm", "weba"] },
  {
    mime: "video/mp4",
    label: "MP4 video",
    kind: "video",
    noun: "an MP4 video",
    extensions: ["mp4", "m4v", "mov", "m4a", "m4b"],
  },
  {
    mime: "video/quicktime",
    label: "QuickTime video",
    kind: "video",
    noun: "a QuickTime video",
    extensions: ["mov", "qt", "mp4"],
  },
  { mime: "video/webm", label: "WebM video", kind: "video", noun: "a WebM video", extensions: ["webm", "weba"] },
  { mime: "video/3gpp", label: "3GP video", kind: "video", noun: "a 3GP video", extensions: ["3gp", "3gpp"] },
  { mime: "video/x-matroska", label: "Matroska video", kind: "video", noun: "a Matroska video", extensions: ["mkv"] },
];

export const ALLOWED_DESCRIPTION =
  "PDF, Word, Excel, PowerPoint (also 97-2003 without macros), OpenDocument and plain-text (.txt, .log, .md) documents; JPEG, PNG, GIF, WebP and HEIC images; MP3, M4A, AAC, WAV and Ogg audio; MP4, MOV, WebM, 3GP and Matroska video";

/** An accepted type by its MIME type (as detected and stored), or undefined. */
export const allowedType = (mime: string): AllowedType | undefined => ACCEPTED.find((t) => t.mime === mime);

/** Every extension some accepted type fits. */
export const ACCEPTED_EXTENSIONS: ReadonlySet<string> = new Set(ACCEPTED.flatMap((t) => t.extensions));

/**
 * Files stored before the extension rule as "application/x-cfb" may be installers or Outlook
 * messages: keep the name only when it is an Office one, otherwise serve it as inert ".bin".
 */
const STORED_BEFORE_THE_RULE: Record<string, readonly string[]> = { "application/x-cfb": ["doc", "dot", "xls", "ppt"] };
const INERT_EXTENSION = "bin";

/**
 * The extension as Windows sees it: after the last dot, once trailing dots and spaces are gone
 * (Windows drops them, so "fix.cmd." is fix.cmd). Lower case; null when there is none.
 */
export function extensionOf(name: string): string | null {
  const base =
    name
      .replace(/[. ]+$/, "")
      .split(/[/\\]/)
      .pop() ?? "";
  const dot = base.lastIndexOf(".");
  return dot > 0 && dot < base.length - 1 ? base.slice(dot + 1).toLowerCase() : null;
}

const listOf = (extensions: readonly string[]) => {
  const dotted = extensions.map((e) => `.${e}`);
  return dotted.length === 1 ? dotted[0]! : `${dotted.slice(0, -1).join(", ")} or ${dotted.at(-1)}`;
};

/**
 * Before any bytes arrive: a name whose extension fits no accepted type (fix.cmd, setup.exe,
 * page.html, logo.svg) is refused. A name without an extension passes; it is served with one.
 */
export function extensionProblem(name: string): string | null {
  const extension = extensionOf(name);
  if (extension === null || ACCEPTED_EXTENSIONS.has(extension)) return null;
  return `The file is called ${name}, and .${extension} files cannot be used as evidence. Accepted: ${ALLOWED_DESCRIPTION}.`;
}

/** Once the content is known: the name's extension, if it has one, must fit the content's type. */
export function nameTypeProblem(name: string, type: AllowedType): string | null {
  const extension = extensionOf(name);
  if (extension === null || type.extensions.includes(extension)) return null;
  return `The file is called ${name}, but its content is ${type.noun}: only ${listOf(type.extensions)} names are accepted for ${type.noun}.`;
}

/**
 * The name a file is downloaded under: its display name when the extension fits the stored type,
 * otherwise with the type's own extension added ("notes" -> "notes.txt", "fix.cmd" -> "fix.cmd.txt"),
 * so the receiving computer opens it as what it is. Direction controls and control characters in
 * names stored before they were refused are dropped, so the served name reads as it is.
 */
export function servedFileName(displayName: string, mime: string): string {
  const name = withoutUnsafeCharacters(displayName).replace(/[. ]+$/, "") || "evidence";
  const fits = allowedType(mime)?.extensions ?? STORED_BEFORE_THE_RULE[mime];
  const extension = extensionOf(name);
  if (fits && extension !== null && fits.includes(extension)) return name;
  return `${name}.${allowedType(mime)?.extensions[0] ?? INERT_EXTENSION}`;
}
