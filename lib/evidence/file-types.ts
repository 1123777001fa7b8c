// What may be stored: an explicit list (extensions.ts), decided by the file's content (magic
// bytes), never by the browser's claimed type; the name's extension must then fit that content.
// HTML, SVG and scripts are never accepted. Older Office files are compound files (CFB), a
// container also used by installers and Outlook messages, so their directory is read here.
import { open } from "node:fs/promises";
import { fileTypeFromBuffer } from "file-type";
import { allowedType, nameTypeProblem, type AllowedType } from "./extensions";
import { formatBytes } from "./limits";

export {
  ALLOWED_DESCRIPTION,
  allowedType,
  extensionProblem,
  servedFileName,
  type AllowedType,
  type Kind,
} from "./extensions";

const SAMPLE_BYTES = 8192;

/**
 * Largest older Office (97-2003) file accepted. Checking one means reading it whole into memory,
 * and real ones are far smaller; bigger ones are asked to be saved in the current format.
 */
export const LEGACY_OFFICE_MAX_BYTES = 64 * 1024 * 1024;

/** file-type's names for types the list knows under another name. */
const SAME_TYPE: Record<string, string> = {
  "video/matroska": "video/x-matroska", // file-type 21 reports the 2024 registration; browsers know x-matroska
  "video/x-m4v": "video/mp4", // iTunes' M4V brand is MP4 video
};
/** "audio/ogg; codecs=opus" is audio/ogg. */
const normalised = (mime: string) => {
  const base = mime.split(";")[0]!.trim().toLowerCase();
  return SAME_TYPE[base] ?? base;
};

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

const refuse = (reason: string): Detection => ({ ok: false, reason });

/**
 * Decides the type from the start of a file. `size` is the whole file's and `whole` reads it all:
 * only called for a compound file within LEGACY_OFFICE_MAX_BYTES.
 */
async function detect(sample: Buffer, size: number, whole: () => Promise<Buffer>): Promise<Detection> {
  if (sample.length === 0) return refuse("The file is empty.");
  const found = await fileTypeFromBuffer(sample);
  if (found) {
    const mime = normalised(found.mime);
    if (mime === "application/x-cfb") {
      if (size > LEGACY_OFFICE_MAX_BYTES) {
        return refuse(
          `The file is an older Office (97-2003) file of ${formatBytes(size)}; those can be at most ${formatBytes(LEGACY_OFFICE_MAX_BYTES)}. Open it in Office, save it in the current format (.docx, .xlsx or .pptx) and upload that.`,
        );
      }
      return legacyOffice(await whole());
    }
    const type = allowedType(mime);
    if (type) return { ok: true, type };
    return refuse(
      `The file's content is ${found.ext.toUpperCase()} (${found.mime}), which cannot be used as evidence.`,
    );
  }
  if (MARKUP.test(sample.toString("utf8"))) {
    return refuse("The file contains web page or script markup (HTML, SVG or XML), which cannot be used as evidence.");
  }
  if (looksLikePlainText(sample)) return { ok: true, type: allowedType("text/plain")! };
  return refuse("The file's content is not a type we accept, whatever its name says.");
}

const withName = (detection: Detection, fileName?: string): Detection => {
  if (!detection.ok || fileName === undefined) return detection;
  const problem = nameTypeProblem(fileName, detection.type);
  return problem ? refuse(problem) : detection;
};

/**
 * Decides what a file is from its bytes, and with `fileName` refuses a name whose extension does
 * not fit. For an older Office file `buffer` must be the whole file (it is when small enough).
 */
export async function detectBuffer(buffer: Buffer, fileName?: string): Promise<Detection> {
  return withName(await detect(buffer.subarray(0, SAMPLE_BYTES), buffer.length, async () => buffer), fileName);
}

/** Reads a stored file (the start, or all of an older Office file) and decides what it is. */
export async function detectFile(path: string, fileName?: string): Promise<Detection> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    const sample = Buffer.alloc(Math.min(SAMPLE_BYTES, size));
    const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
    const whole = async () => {
      const all = Buffer.alloc(size);
      for (let at = 0; at < size;) {
        const { bytesRead: n } = await handle.read(all, at, size - at, at);
        if (n === 0) break;
        at += n;
      }
      return all;
    };
    return withName(await detect(sample.subarray(0, bytesRead), size, whole), fileName);
  } finally {
    await handle.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Older Office files: Word, Excel and PowerPoint 97-2003 are compound files ([MS-CFB]); so are
// Windows Installer packages and Outlook messages. Only the first three are accepted, and only
// without macros. The reader below is deliberately small and bounded (every chain and tree walk
// is checked for loops and limits) because the content is untrusted. The `cfb` package (SheetJS,
// 1.2.2 on npm) loops until the process runs out of memory on a 3 KB file whose directory
// siblings point at each other, which would take the server down, so it only builds test samples.

const OFFICE = {
  word: { mime: "application/msword", current: "a Word document (.docx)" },
  excel: { mime: "application/vnd.ms-excel", current: "an Excel workbook (.xlsx)" },
  powerpoint: { mime: "application/vnd.ms-powerpoint", current: "a PowerPoint presentation (.pptx)" },
} as const;

const UNREADABLE =
  "The file looks like an older Office (97-2003) file but could not be read. Open it in Office, save it in the current format (.docx, .xlsx or .pptx) and upload that.";

function legacyOffice(file: Buffer): Detection {
  let cfb: CompoundFile;
  try {
    cfb = readCompoundFile(file);
  } catch (error) {
    if (error instanceof Malformed) return refuse(UNREADABLE);
    throw error;
  }
  // Names in a compound file compare without regard to case.
  const atRoot = new Map(cfb.entries.filter((e) => e.depth === 1).map((e) => [e.name.toUpperCase(), e]));
  const stream = (name: string) => (atRoot.get(name)?.type === STREAM ? atRoot.get(name) : undefined);
  const kind = stream("WORDDOCUMENT")
    ? "word"
    : stream("WORKBOOK") || stream("BOOK")
      ? "excel"
      : stream("POWERPOINT DOCUMENT")
        ? "powerpoint"
        : null;
  if (!kind) {
    if (atRoot.has("ENCRYPTEDPACKAGE")) {
      return refuse(
        "The file is a password-protected Office document, which cannot be checked. Remove the password and upload it again.",
      );
    }
    if ([...atRoot.keys()].some((n) => n.startsWith("__SUBSTG1.0_") || n.startsWith("__PROPERTIES_VERSION1.0"))) {
      return refuse(
        "The file is an Outlook message, which cannot be used as evidence. Save the message as a PDF and upload that.",
      );
    }
    // Installer streams have names packed into CJK code points (U+3800 to U+4840).
    if (cfb.rootClsid === MSI_CLSID || [...atRoot.keys()].some((n) => /^[\u3800-\u4840]/.test(n))) {
      return refuse("The file is a Windows Installer package, which cannot be used as evidence.");
    }
    return refuse(
      "The file is a compound file but not a Word, Excel or PowerPoint 97-2003 document, so it cannot be used as evidence.",
    );
  }
  const office = OFFICE[kind];
  const type = allowedType(office.mime)!;
  const macros = `The file is ${type.noun} that contains macros, which cannot be used as evidence because macros can run programs. Save it as ${office.current} without macros and upload that.`;
  const password = `The file is a password-protected ${type.label}, which cannot be checked for macros. Remove the password and upload it again.`;
  // Word keeps VBA in "Macros", Excel in "_VBA_PROJECT_CUR", embedded objects in "VBA".
  if (
    cfb.entries.some((e) => e.type === STORAGE && ["MACROS", "_VBA_PROJECT_CUR", "VBA"].includes(e.name.toUpperCase()))
  ) {
    return refuse(macros);
  }
  try {
    const found =
      kind === "excel"
        ? excelMacros(cfb.read((stream("WORKBOOK") ?? stream("BOOK"))!))
        : kind === "powerpoint"
          ? powerPointMacros(
              cfb.read(stream("POWERPOINT DOCUMENT")!),
              stream("CURRENT USER") && cfb.read(stream("CURRENT USER")!),
              atRoot.has("ENCRYPTEDSUMMARY"),
            )
          : null;
    if (found === "password") return refuse(password);
    if (found === "macros") return refuse(macros);
  } catch (error) {
    if (error instanceof Malformed) return refuse(UNREADABLE);
    throw error;
  }
  return { ok: true, type };
}

/**
 * Excel 4.0 macro sheets (and Excel 5 VBA module sheets) live in the workbook stream, not in a
 * storage: its first part lists every sheet (BoundSheet records, type 0x0085) with a sheet type
 * byte. An encrypted workbook (FilePass, 0x002F) hides that byte.
 */
function excelMacros(workbook: Buffer): "macros" | "password" | null {
  for (let at = 0; at + 4 <= workbook.length;) {
    const type = workbook.readUInt16LE(at);
    const length = workbook.readUInt16LE(at + 2);
    if (type === 0x000a) break; // EOF of the workbook globals
    if (type === 0x002f) return "password";
    if (type === 0x0085 && length >= 6 && at + 4 + 6 <= workbook.length) {
      const sheetType = workbook[at + 4 + 5];
      if (sheetType === 0x01 || sheetType === 0x06) return "macros";
    }
    at += 4 + length;
  }
  return null;
}

/**
 * PowerPoint keeps its VBA project inside the presentation stream: a VBAInfo container (record
 * 0x03FF) holding a VBAInfo atom (0x0400) whose second field says whether there are macros.
 * Records nest (version 0xF marks a container); the walk is bounded by the stream. An encrypted
 * presentation says so in its Current User stream's header token, or has an EncryptedSummary.
 */
function powerPointMacros(
  stream: Buffer,
  currentUser: Buffer | undefined,
  encryptedSummary: boolean,
): "macros" | "password" | null {
  if (encryptedSummary || (currentUser && currentUser.length >= 16 && currentUser.readUInt32LE(12) === 0xf3d1c4df))
    return "password";
  const ranges: Array<[number, number]> = [[0, stream.length]];
  while (ranges.length > 0) {
    const [from, to] = ranges.pop()!;
    for (let at = from; at + 8 <= to;) {
      const version = stream.readUInt16LE(at) & 0x0f;
      const type = stream.readUInt16LE(at + 2);
      const length = stream.readUInt32LE(at + 4);
      const end = at + 8 + length;
      if (end > to) break; // a record running past its container: stop reading this level
      if (type === 0x2f14) return "password"; // CryptSession10Container
      if (type === 0x0400 && length >= 8 && stream.readUInt32LE(at + 12) !== 0) return "macros";
      if (version === 0x0f && length > 0) ranges.push([at + 8, end]);
      at = end;
    }
  }
  return null;
}

// [MS-CFB] constants.
const ENDOFCHAIN = 0xfffffffe;
const NOSTREAM = 0xffffffff;
const STORAGE = 1;
const STREAM = 2;
const ROOT = 5;
const MINI_STREAM_CUTOFF = 4096;
const MSI_CLSID = "000c1084-0000-0000-c000-000000000046";

class Malformed extends Error {}

/** depth: 1 for entries of the root storage. */
type Entry = { name: string; type: number; depth: number; start: number; size: number };
/** Real Office files nest a few storages deep; a crafted file must not make the walk costly. */
const MAX_DEPTH = 32;
const MAX_ENTRIES = 50_000;
type CompoundFile = { entries: Entry[]; rootClsid: string; read: (entry: Entry) => Buffer };

function readCompoundFile(file: Buffer): CompoundFile {
  const fail = (): never => {
    throw new Malformed();
  };
  if (file.length < 512) fail();
  const major = file.readUInt16LE(0x1a);
  const shift = file.readUInt16LE(0x1e);
  if (file.readUInt16LE(0x1c) !== 0xfffe || !((major === 3 && shift === 9) || (major === 4 && shift === 12))) fail();
  if (file.readUInt16LE(0x20) !== 6 || file.readUInt32LE(0x38) !== MINI_STREAM_CUTOFF) fail();
  const sectorSize = 1 << shift;
  const perSector = sectorSize / 4;
  // Sector n starts after the header, at (n + 1) * sectorSize; a short last sector is padded.
  const sectorCount = Math.max(0, Math.ceil((file.length - sectorSize) / sectorSize));
  const sector = (n: number): Buffer => {
    if (!(n < sectorCount)) fail();
    const at = (n + 1) * sectorSize;
    const bytes = file.subarray(at, at + sectorSize);
    return bytes.length === sectorSize ? bytes : Buffer.concat([bytes, Buffer.alloc(sectorSize - bytes.length)]);
  };
  const words = (buffers: Buffer[]) => {
    const out = new Uint32Array(buffers.length * perSector);
    buffers.forEach((b, k) => {
      for (let i = 0; i < perSector; i++) out[k * perSector + i] = b.readUInt32LE(i * 4);
    });
    return out;
  };
  /** Up to `want` sectors of a chain, refusing loops and sectors out of range. */
  const chain = (start: number, next: Uint32Array, want = Infinity): number[] => {
    const out: number[] = [];
    const seen = new Set<number>();
    for (let s = start; s !== ENDOFCHAIN && out.length < want; s = next[s]!) {
      if (s >= next.length || seen.has(s)) fail();
      seen.add(s);
      out.push(s);
    }
    return out;
  };

  // The FAT's own sectors: 109 listed in the header, the rest in a chain of DIFAT sectors.
  const fatCount = file.readUInt32LE(0x2c);
  if (fatCount > sectorCount) fail();
  const fatSectors: number[] = [];
  for (let i = 0; i < 109 && fatSectors.length < fatCount; i++) fatSectors.push(file.readUInt32LE(0x4c + i * 4));
  const seenDifat = new Set<number>();
  for (let d = file.readUInt32LE(0x44); fatSectors.length < fatCount;) {
    if (seenDifat.has(d)) fail();
    seenDifat.add(d);
    const bytes = sector(d);
    for (let i = 0; i < perSector - 1 && fatSectors.length < fatCount; i++) fatSectors.push(bytes.readUInt32LE(i * 4));
    d = bytes.readUInt32LE(sectorSize - 4);
  }
  const fat = words(fatSectors.map(sector));

  // The directory: 128-byte entries forming, per storage, a tree of siblings under one child.
  const directory = chain(file.readUInt32LE(0x30), fat).map(sector);
  const raw = directory.flatMap((bytes) =>
    Array.from({ length: sectorSize / 128 }, (_, i) => {
      const e = bytes.subarray(i * 128, (i + 1) * 128);
      const nameBytes = Math.min(64, e.readUInt16LE(0x40));
      return {
        name: e.subarray(0, Math.max(0, nameBytes - 2)).toString("utf16le"),
        type: e[0x42]!,
        left: e.readUInt32LE(0x44),
        right: e.readUInt32LE(0x48),
        child: e.readUInt32LE(0x4c),
        clsid: e.subarray(0x50, 0x60),
        start: e.readUInt32LE(0x74),
        // Version 3 files may leave junk in the high half of the size.
        size: e.readUInt32LE(0x78) + (major === 4 ? e.readUInt32LE(0x7c) * 2 ** 32 : 0),
      };
    }),
  );
  const root = raw[0];
  if (!root || root.type !== ROOT) fail();
  const entries: Entry[] = [];
  const visited = new Set<number>([0]);
  // Each entry keeps only its depth (not its whole path), so memory stays linear in the entries.
  const stack: Array<[number, number]> = [[root!.child, 1]];
  while (stack.length > 0) {
    const [id, depth] = stack.pop()!;
    if (id === NOSTREAM) continue;
    if (id >= raw.length || visited.has(id) || depth > MAX_DEPTH || entries.length >= MAX_ENTRIES) fail();
    visited.add(id);
    const e = raw[id]!;
    if (e.type !== STORAGE && e.type !== STREAM) fail();
    entries.push({ name: e.name, type: e.type, depth, start: e.start, size: e.size });
    stack.push([e.left, depth], [e.right, depth]);
    if (e.type === STORAGE) stack.push([e.child, depth + 1]);
  }

  let mini: { stream: Buffer; fat: Uint32Array } | undefined;
  const collect = (sectors: Buffer[], size: number) => {
    const bytes = Buffer.concat(sectors);
    if (bytes.length < size) fail();
    return bytes.subarray(0, size);
  };
  const readRegular = (start: number, size: number) => {
    if (size > file.length) fail();
    return collect(chain(start, fat, Math.ceil(size / sectorSize)).map(sector), size);
  };
  const read = (entry: Entry): Buffer => {
    if (entry.size === 0) return Buffer.alloc(0);
    if (entry.size >= MINI_STREAM_CUTOFF) return readRegular(entry.start, entry.size);
    // Small streams live in 64-byte pieces of the mini stream, which is the root entry's data.
    mini ??= {
      stream: readRegular(root!.start, root!.size),
      fat: words(chain(file.readUInt32LE(0x3c), fat).map(sector)),
    };
    const { stream, fat: miniFat } = mini;
    const pieces = chain(entry.start, miniFat, Math.ceil(entry.size / 64)).map((n) => {
      if ((n + 1) * 64 > stream.length) fail();
      return stream.subarray(n * 64, (n + 1) * 64);
    });
    return collect(pieces, entry.size);
  };
  const c = root!.clsid;
  const rootClsid = [
    c.readUInt32LE(0).toString(16).padStart(8, "0"),
    c.readUInt16LE(4).toString(16).padStart(4, "0"),
    c.readUInt16LE(6).toString(16).padStart(4, "0"),
    c.subarray(8, 10).toString("hex"),
    c.subarray(10, 16).toString("hex"),
  ].join("-");
  return { entries, rootClsid, read };
}
