// Unit content in both shapes, the editor's draft and the spreadsheet reader: pure, no database.
import ExcelJS from "exceljs";
import { ZipArchive } from "archiver";
import { describe, expect, it } from "vitest";
import {
  contentAt,
  contentProblems,
  levelOf,
  requirementGroupsFor,
  requirementName,
  requirementsFor,
  REQUIREMENT_KEY,
  type UnitContent,
} from "@/lib/domain/catalogue/content";
import { applyDraftOp, contentFromDraft, draftFromContent, emptyDraft } from "@/lib/domain/catalogue/draft";
import { readSheet, unitChangesFromRows, type SheetLookup } from "@/lib/catalogue/unit-sheet";

const nos: UnitContent = {
  shape: "nos",
  elements: [
    {
      number: "1",
      text: "TEST element 1",
      criteria: [
        { number: "1.1", text: "TEST performance criterion 1.1" },
        { number: "1.2", text: "TEST performance criterion 1.2" },
      ],
      range: [{ number: "R1.1", text: "TEST range 1.1" }],
    },
  ],
  knowledge: [{ number: "K1", text: "TEST knowledge 1" }],
  evidence: [{ number: "E1", text: "TEST evidence requirement 1" }],
};

const area = { ref: "AA", values: { "1": 10, "2": 20 }, outcomes: [], content: { "2": nos } };
const credit = {
  ref: "101",
  level: 1,
  outcomes: [{ number: "1", text: "Outcome", criteria: [{ number: "1.1", text: "Criterion" }] }],
};

describe("unit content", () => {
  it("reads an area's content at the level the selection names, and a credit unit's at its own level", () => {
    expect(levelOf(area, ["BB@1", "AA@2"])).toBe(2);
    expect(requirementsFor(area, ["AA@2"]).map((r) => `${r.kind}:${r.number}`)).toEqual([
      "performance:1.1",
      "performance:1.2",
      "range:R1.1",
      "knowledge:K1",
      "evidence:E1",
    ]);
    // Level 1 has nothing published: not yet assessable there.
    expect(requirementsFor(area, ["AA@1"])).toEqual([]);
    expect(contentAt(area, 1)).toBeNull();
    expect(requirementsFor(credit, null).map((r) => r.number)).toEqual(["1.1"]);
    expect(requirementGroupsFor(area, ["AA@2"]).map((g) => g.label)).toEqual([
      "Element 1",
      "Knowledge and understanding",
      "Evidence requirements",
    ]);
  });

  it("names requirements and accepts their keys in forms", () => {
    expect(requirementName({ number: "K3" })).toBe("knowledge K3");
    expect(requirementName({ number: "R1.2" })).toBe("range R1.2");
    expect(requirementName({ number: "E2" })).toBe("evidence requirement E2");
    for (const key of ["208:1.2", "AA:K3", "AA:R1.2", "V10:E12"]) expect(REQUIREMENT_KEY.test(key)).toBe(true);
    for (const key of ["208:1", "AA:K", "aa:1.1", "AA:X1", "AA:1.1;drop"])
      expect(REQUIREMENT_KEY.test(key)).toBe(false);
  });

  it("finds numbers used twice and criteria filed under the wrong heading", () => {
    const bad: UnitContent = {
      ...nos,
      elements: [
        { ...nos.elements[0]!, criteria: [...nos.elements[0]!.criteria, { number: "2.1", text: "x" }] },
        { number: "1", text: "again", criteria: [{ number: "1.1", text: "y" }], range: [] },
      ],
    } as UnitContent;
    expect(contentProblems(bad)).toEqual(
      expect.arrayContaining([
        "element 1 is listed twice",
        "2.1 is filed under element 1: it belongs to element 2",
        "1.1 is listed twice",
      ]),
    );
  });
});

describe("the editor's draft", () => {
  it("numbers by position, so moving renumbers and nothing clashes", () => {
    let draft = draftFromContent(nos);
    draft = applyDraftOp(draft, "add-criterion:0").draft;
    draft.headings[0]!.criteria[2] = "TEST performance criterion 3";
    draft = applyDraftOp(draft, "up-criterion:0:2").draft;
    const result = contentFromDraft(draft);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.content.shape === "nos" && result.content.elements[0]!.criteria).toEqual([
      { number: "1.1", text: "TEST performance criterion 1.1" },
      { number: "1.2", text: "TEST performance criterion 3" },
      { number: "1.3", text: "TEST performance criterion 1.2" },
    ]);
  });

  it("says what stops publishing, and refuses an operation on something gone", () => {
    const draft = emptyDraft("qcf");
    expect(contentFromDraft(draft)).toEqual({
      ok: false,
      problems: ["Learning outcome 1 has no text.", "Learning outcome 1, criterion 1.1 has no text."],
    });
    expect(applyDraftOp(draft, "remove-criterion:4:0").refused).toMatch(/no longer there/);
    expect(applyDraftOp(draft, "up-heading:0").refused).toMatch(/already first/);
  });
});

const lookup: SheetLookup = (code) =>
  code === "T1"
    ? {
        awardingBody: "OCR",
        suite: "T",
        units: new Map([
          ["AA", { levels: [1, 2], credit: false }],
          ["208", { levels: [2], credit: true }],
        ]),
      }
    : null;

const header = ["Qualification", "Unit", "Level", "Shape", "Type", "Number", "Text"];
const rowsOf = (lines: string[][]) =>
  [header, ...lines].map((cells, i) => ({ row: i + 1, cells: cells.map((text) => ({ text, formula: false })) }));

describe("unit spreadsheets", () => {
  it("reads good rows into one change per unit and level", () => {
    const read = unitChangesFromRows(
      rowsOf([
        ["T1", "AA", "2", "NOS", "element", "1", "TEST element 1"],
        ["T1", "AA", "2", "NOS", "performance criterion", "1.1", "TEST pc 1.1"],
        ["T1", "AA", "2", "NOS", "knowledge", "K1", "TEST knowledge 1"],
        ["T1", "208", "2", "QCF", "outcome", "1", "TEST outcome 1"],
        ["T1", "208", "2", "QCF", "criterion", "1.1", "TEST criterion 1.1"],
      ]),
      lookup,
    );
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.changes.map((c) => `${c.unitRef}@${c.level} ${c.content.shape}`)).toEqual(["AA@2 nos", "208@2 qcf"]);
  });

  it("gives every bad row its own message with row and column, and returns no change", () => {
    const long = "x".repeat(2001);
    const read = unitChangesFromRows(
      [
        ...rowsOf([
          ["T1", "AA", "2", "NOS", "element", "1", "TEST element 1"], // 2 good
          ["T1", "AA", "2", "NOS", "performance criterion", "1.1", "TEST pc"], // 3 good
          ["T1", "ZZ", "2", "NOS", "element", "1", "x"], // 4 missing unit
          ["T1", "AA", "2", "NOS", "performance criterion", "1.1", "again"], // 5 duplicate
          ["T1", "AA", "2", "NOS", "knowledge", "K1", "  "], // 6 empty text
          ["T1", "208", "3", "QCF", "outcome", "1", "x"], // 7 level mismatch
          ["T1", "AA", "2", "NOS", "knowledge", "K2", long], // 8 over-long
          ["T1", "AA", "2", "SVQ", "element", "2", "x"], // 9 unknown shape
          ["NOPE", "AA", "2", "NOS", "element", "1", "x"], // 10 unknown qualification
          ["T1", "AA", "2", "NOS", "criterion", "1.2", "x"], // 11 type not of the shape
          ["T1", "AA", "2", "NOS", "knowledge", "1.2", "x"], // 12 bad number
          ["T1", "AA", "2", "NOS", "performance criterion", "3.1", "x"], // 13 no element 3
          ["T1", "AA", "9", "NOS", "element", "2", "x"], // 14 not a level
        ]),
        { row: 15, cells: header.map((_, i) => ({ text: "", formula: i === 6 })) }, // 15 formula
      ],
      lookup,
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const at = (row: number) => read.problems.filter((p) => p.row === row).map((p) => `${p.column}: ${p.message}`);
    expect(at(4)).toEqual(["Unit: Unit ZZ is not in qualification T1."]);
    expect(at(5)[0]).toMatch(/^Number: Unit AA 1.1 is already in row 3/);
    expect(at(6)).toEqual(["Text: The text is empty."]);
    expect(at(7)).toEqual(["Level: Unit 208 is a level 2 unit, not level 3."]);
    expect(at(8)).toEqual(["Text: The text is 2001 characters; at most 2000."]);
    expect(at(9)[0]).toMatch(/^Shape: "SVQ" is not a unit shape/);
    expect(at(10)).toEqual(["Qualification: Qualification NOPE is not in the catalogue."]);
    expect(at(11)[0]).toMatch(/^Type: A NOS unit has no "criterion" rows/);
    expect(at(12)[0]).toMatch(/^Number: "1.2" is not a knowledge number/);
    expect(at(13)[0]).toMatch(/^Number: Unit AA has no element 3 row/);
    expect(at(14)[0]).toMatch(/^Level: "9" is not a level/);
    expect(at(15)).toEqual(["Text: The cell holds a formula: type the value itself."]);
  });

  it("reads a workbook with exceljs, marking formula cells, and CSV with csv-parse", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Units");
    sheet.addRow(header);
    sheet.addRow(["T1", "AA", 2, "NOS", "element", "1", "TEST element 1"]);
    sheet.addRow(["T1", "AA", 2, "NOS", "performance criterion", "1.1", { formula: 'CONCAT("a","b")', result: "ab" }]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const rows = await readSheet(bytes, "units.xlsx");
    expect(rows.map((r) => r.cells[2]!.text)).toEqual(["Level", "2", "2"]);
    expect(rows[2]!.cells[6]!.formula).toBe(true);

    const csv = new TextEncoder().encode(
      `${header.join(",")}\nT1,AA,2,NOS,element,1,"TEST, quoted"\nT1,AA,2,NOS,knowledge,K1,=1+1\n`,
    );
    const csvRows = await readSheet(csv, "units.csv");
    expect(csvRows[1]!.cells[6]).toEqual({ text: "TEST, quoted", formula: false });
    expect(csvRows[2]!.cells[6]!.formula).toBe(true);
    await expect(readSheet(new TextEncoder().encode("PK not a zip"), "units.xlsx")).rejects.toThrow(/cannot be read/);
  });

  it("refuses a small workbook that unpacks to more than the limit, before exceljs reads it", async () => {
    const archive = new ZipArchive({ zlib: { level: 9 } });
    const chunks: Buffer[] = [];
    archive.on("data", (c: Buffer) => chunks.push(c));
    const done = new Promise((resolve) => archive.on("end", resolve));
    archive.append('<?xml version="1.0"?><Types/>', { name: "[Content_Types].xml" });
    archive.append(Buffer.alloc(61 * 1024 * 1024, 0x61), { name: "xl/worksheets/sheet1.xml" });
    await archive.finalize();
    await done;
    const bomb = new Uint8Array(Buffer.concat(chunks));
    expect(bomb.byteLength).toBeLessThan(1024 * 1024);
    await expect(readSheet(bomb, "units.xlsx")).rejects.toThrow(/unpacks to more than 60 MB/);
  });

  it("refuses text with hidden direction characters and, in a workbook, text a spreadsheet would run", () => {
    const read = unitChangesFromRows(
      rowsOf([
        ["T1", "AA", "2", "NOS", "element", "1", "TEST \u202Eelement"],
        ["T1", "AA", "2", "NOS", "performance criterion", "1.1", "TEST pc"],
      ]),
      lookup,
    );
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.problems[0]).toMatchObject({
        row: 2,
        column: "Text",
        message: expect.stringMatching(/hidden characters/),
      });
  });
});
