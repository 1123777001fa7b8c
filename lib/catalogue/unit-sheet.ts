/**
 * Unit content from a spreadsheet (docs/catalogue-format.md, "Unit content spreadsheets"): CSV read
 * with csv-parse, XLSX with exceljs. One row per requirement, and one per learning outcome or
 * element it sits under. Every bad row gets a message with its row number and column; nothing is
 * published unless every row is good.
 */
import ExcelJS from "exceljs";
import yauzl from "yauzl";
import { parse as parseCsv } from "csv-parse/sync";
import {
  CRITERION_NUMBER,
  EVIDENCE_NUMBER,
  HEADING_NUMBER,
  KNOWLEDGE_NUMBER,
  RANGE_NUMBER,
  REQUIREMENT_TEXT_MAX,
  contentProblems,
  unitContentSchema,
  type UnitContent,
  type UnitShape,
} from "../domain/catalogue/content";
import type { UnitChange } from "./publish-units";
import { displayTextProblem } from "../domain/text";

/**
 * Limits, stated on the import page and in docs/catalogue-format.md. A workbook is a ZIP: what it
 * unpacks to is limited too, and checked by unpacking it (counting, keeping nothing) before exceljs
 * reads it, so a small file that unpacks to gigabytes (a "zip bomb") is refused, not parsed.
 */
export const UNIT_SHEET_LIMITS = {
  bytes: 5 * 1024 * 1024,
  rows: 10_000,
  unpackedBytes: 60 * 1024 * 1024,
  entries: 500,
  worksheets: 20,
} as const;

/** Unpacks every entry, counting bytes (yauzl checks each against its declared size), within the limits. */
function checkWorkbookSize(bytes: Uint8Array): Promise<void> {
  const tooBig = () =>
    new SheetUnreadable(
      `The workbook unpacks to more than ${UNIT_SHEET_LIMITS.unpackedBytes / 1024 / 1024} MB, or has more than ${UNIT_SHEET_LIMITS.worksheets} worksheets: keep the unit content on one worksheet, or save it as CSV.`,
    );
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes), { lazyEntries: true, validateEntrySizes: true }, (error, zip) => {
      if (error || !zip)
        return reject(
          new SheetUnreadable("The workbook cannot be read: save it again from Excel as .xlsx, or as CSV."),
        );
      let total = 0;
      let entries = 0;
      let sheets = 0;
      const fail = (e: Error) => {
        zip.close();
        reject(e);
      };
      zip.on("error", () =>
        fail(new SheetUnreadable("The workbook cannot be read: save it again from Excel as .xlsx, or as CSV.")),
      );
      zip.on("end", () => resolve());
      zip.on("entry", (entry: yauzl.Entry) => {
        entries += 1;
        if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.fileName)) sheets += 1;
        if (entries > UNIT_SHEET_LIMITS.entries || sheets > UNIT_SHEET_LIMITS.worksheets) return fail(tooBig());
        if (total + entry.uncompressedSize > UNIT_SHEET_LIMITS.unpackedBytes) return fail(tooBig());
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream)
            return fail(
              new SheetUnreadable("The workbook cannot be read: save it again from Excel as .xlsx, or as CSV."),
            );
          stream.on("data", (chunk: Buffer) => {
            total += chunk.length;
            if (total > UNIT_SHEET_LIMITS.unpackedBytes) {
              stream.destroy();
              fail(tooBig());
            }
          });
          stream.on("error", () =>
            fail(new SheetUnreadable("The workbook cannot be read: save it again from Excel as .xlsx, or as CSV.")),
          );
          stream.on("end", () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  });
}

export const UNIT_SHEET_COLUMNS = ["Qualification", "Unit", "Level", "Shape", "Type", "Number", "Text"] as const;
type Column = (typeof UNIT_SHEET_COLUMNS)[number];

export type SheetProblem = { row: number; column: string; message: string };
export type SheetCell = { text: string; formula: boolean };
export type SheetRow = { row: number; cells: SheetCell[] };

export class SheetUnreadable extends Error {}

/** The first worksheet's rows (XLSX) or the file's records (CSV), with formula cells marked. */
export async function readSheet(bytes: Uint8Array, fileName: string): Promise<SheetRow[]> {
  if (bytes.byteLength > UNIT_SHEET_LIMITS.bytes) {
    throw new SheetUnreadable(
      `The file is ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB; unit spreadsheets are at most ${UNIT_SHEET_LIMITS.bytes / 1024 / 1024} MB.`,
    );
  }
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (/\.xlsx$/i.test(fileName) || zip) {
    if (!zip) throw new SheetUnreadable("The file is named .xlsx but is not an Excel workbook.");
    await checkWorkbookSize(bytes);
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    } catch {
      throw new SheetUnreadable("The workbook cannot be read: save it again from Excel as .xlsx, or as CSV.");
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new SheetUnreadable("The workbook has no worksheet.");
    if (sheet.rowCount > UNIT_SHEET_LIMITS.rows + 1)
      throw new SheetUnreadable(
        `The worksheet has ${sheet.rowCount} rows; at most ${UNIT_SHEET_LIMITS.rows} are read.`,
      );
    const rows: SheetRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
      const cells: SheetCell[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, UNIT_SHEET_COLUMNS.length); c++) {
        const cell = row.getCell(c);
        // A formula cell, or text that a spreadsheet would run as one when the file is opened again.
        const formula =
          cell.type === ExcelJS.ValueType.Formula ||
          cell.formula !== undefined ||
          /^\s*=/.test((cell.text ?? "").toString());
        cells.push({ text: formula ? "" : (cell.text ?? "").toString(), formula });
      }
      rows.push({ row: number, cells });
    });
    return rows;
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes).replace(/^\uFEFF/, "");
  } catch {
    throw new SheetUnreadable("The file is neither an Excel workbook (.xlsx) nor UTF-8 CSV text.");
  }
  let records: string[][];
  try {
    records = parseCsv(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    throw new SheetUnreadable(`The CSV cannot be read: ${error instanceof Error ? error.message : "bad quoting"}.`);
  }
  if (records.length > UNIT_SHEET_LIMITS.rows + 1)
    throw new SheetUnreadable(`The file has ${records.length} rows; at most ${UNIT_SHEET_LIMITS.rows} are read.`);
  return records
    .map((cells, i) => ({
      row: i + 1,
      // A CSV cell cannot hold a formula, but one that starts with "=" was meant as one (and would
      // run as one when the file is opened in a spreadsheet again).
      cells: cells.map((c) => ({ text: c, formula: /^\s*=/.test(c) })),
    }))
    .filter((r) => r.cells.some((c) => c.text.trim() !== "" || c.formula));
}

/** What the catalogue knows of a qualification named in the sheet. */
export type SheetLookup = (code: string) => {
  awardingBody: string;
  suite: string;
  units: Map<string, { levels: number[]; credit: boolean }>;
} | null;

type Kind = "outcome" | "criterion" | "element" | "performance" | "range" | "knowledge" | "evidence";

const TYPES: Record<string, Kind> = {
  outcome: "outcome",
  "learning outcome": "outcome",
  criterion: "criterion",
  "assessment criterion": "criterion",
  element: "element",
  "performance criterion": "performance",
  performance: "performance",
  pc: "performance",
  range: "range",
  knowledge: "knowledge",
  "knowledge and understanding": "knowledge",
  evidence: "evidence",
  "evidence requirement": "evidence",
};

const KINDS_OF: Record<UnitShape, Kind[]> = {
  qcf: ["outcome", "criterion"],
  nos: ["element", "performance", "range", "knowledge", "evidence"],
};

const NUMBER_OF: Record<Kind, { pattern: RegExp; example: string }> = {
  outcome: { pattern: HEADING_NUMBER, example: "2" },
  element: { pattern: HEADING_NUMBER, example: "2" },
  criterion: { pattern: CRITERION_NUMBER, example: "2.1" },
  performance: { pattern: CRITERION_NUMBER, example: "2.1" },
  range: { pattern: RANGE_NUMBER, example: "R2.1" },
  knowledge: { pattern: KNOWLEDGE_NUMBER, example: "K3" },
  evidence: { pattern: EVIDENCE_NUMBER, example: "E2" },
};

type GoodRow = { row: number; unitKey: string; kind: Kind; number: string; text: string };

/**
 * Reads the rows into unit content, one change per unit and level, or the problems: a message per
 * bad row with its row number and column. Pure apart from `lookup`.
 */
export function unitChangesFromRows(
  rows: SheetRow[],
  lookup: SheetLookup,
): { ok: true; changes: UnitChange[] } | { ok: false; problems: SheetProblem[] } {
  const problems: SheetProblem[] = [];
  const header = rows[0];
  if (!header) return { ok: false, problems: [{ row: 1, column: "A", message: "The file is empty." }] };
  const names = header.cells.map((c) => c.text.trim().toLowerCase());
  const index = new Map<Column, number>();
  for (const column of UNIT_SHEET_COLUMNS) {
    const at = names.indexOf(column.toLowerCase());
    if (at < 0)
      problems.push({
        row: header.row,
        column,
        message: `The header row has no "${column}" column. The columns are: ${UNIT_SHEET_COLUMNS.join(", ")}.`,
      });
    else index.set(column, at);
  }
  if (problems.length > 0) return { ok: false, problems };
  if (rows.length === 1)
    return { ok: false, problems: [{ row: 2, column: "A", message: "The file has no rows after the header." }] };

  const units = new Map<
    string,
    { awardingBody: string; suite: string; unitRef: string; level: number; shape: UnitShape; rows: GoodRow[] }
  >();
  const seen = new Map<string, number>();
  for (const r of rows.slice(1)) {
    const problem = (column: Column, message: string) => problems.push({ row: r.row, column, message });
    const cell = (column: Column) => r.cells[index.get(column)!] ?? { text: "", formula: false };
    let bad = false;
    for (const column of UNIT_SHEET_COLUMNS) {
      if (cell(column).formula) {
        problem(column, "The cell holds a formula: type the value itself.");
        bad = true;
      }
    }
    if (bad) continue;
    const value = (column: Column) => cell(column).text.trim();
    const code = value("Qualification");
    const unitRef = value("Unit").toUpperCase();
    const levelText = value("Level");
    const shapeText = value("Shape").toLowerCase();
    const typeText = value("Type").toLowerCase();
    const number = value("Number").toUpperCase();
    const text = cell("Text").text.trim();

    const qualification = code ? lookup(code) : null;
    if (!code) {
      problem("Qualification", "No qualification: give the qualification number, e.g. 03448 or 3412-03.");
      continue;
    }
    if (!qualification) {
      problem("Qualification", `Qualification ${code} is not in the catalogue.`);
      continue;
    }
    if (!unitRef) {
      problem("Unit", "No unit: give the unit's reference, e.g. 208 or AA.");
      continue;
    }
    const unit = qualification.units.get(unitRef);
    if (!unit) {
      problem("Unit", `Unit ${unitRef} is not in qualification ${code}.`);
      continue;
    }
    const level = /^[1-8]$/.test(levelText) ? Number(levelText) : null;
    if (level === null) {
      problem("Level", `"${levelText}" is not a level: give 1 to 8.`);
      continue;
    }
    if (!unit.levels.includes(level)) {
      problem(
        "Level",
        unit.credit
          ? `Unit ${unitRef} is a level ${unit.levels[0]} unit, not level ${level}.`
          : `Unit ${unitRef} is offered at level ${unit.levels.join(", ")}, not at level ${level}.`,
      );
      continue;
    }
    const shape: UnitShape | null =
      shapeText === "qcf" ? "qcf" : shapeText === "nos" || shapeText === "nvq" ? "nos" : null;
    if (!shape) {
      problem("Shape", `"${value("Shape")}" is not a unit shape: give QCF (outcomes and criteria) or NOS (elements).`);
      continue;
    }
    const kind = TYPES[typeText];
    if (!kind || !KINDS_OF[shape].includes(kind)) {
      problem(
        "Type",
        kind
          ? `A ${shape.toUpperCase()} unit has no "${value("Type")}" rows: its types are ${KINDS_OF[shape].join(", ")}.`
          : `"${value("Type")}" is not a type: give one of ${KINDS_OF[shape].join(", ")}.`,
      );
      continue;
    }
    if (!NUMBER_OF[kind].pattern.test(number)) {
      problem("Number", `"${value("Number")}" is not a ${kind} number: it looks like ${NUMBER_OF[kind].example}.`);
      continue;
    }
    if (!text) {
      problem("Text", "The text is empty.");
      continue;
    }
    if (text.length > REQUIREMENT_TEXT_MAX) {
      problem("Text", `The text is ${text.length} characters; at most ${REQUIREMENT_TEXT_MAX}.`);
      continue;
    }
    const hidden = displayTextProblem(text, { multiline: true });
    if (hidden) {
      problem("Text", hidden);
      continue;
    }
    const unitKey = `${qualification.awardingBody}|${qualification.suite}|${unitRef}|${level}`;
    const existing = units.get(unitKey);
    if (existing && existing.shape !== shape) {
      problem(
        "Shape",
        `Unit ${unitRef} at level ${level} is ${existing.shape.toUpperCase()} in row ${existing.rows[0]!.row}.`,
      );
      continue;
    }
    const heading = kind === "outcome" || kind === "element";
    const dupKey = `${unitKey}|${heading ? "#" : ""}${number}`;
    if (seen.has(dupKey)) {
      problem("Number", `Unit ${unitRef} ${heading ? `${kind} ` : ""}${number} is already in row ${seen.get(dupKey)}.`);
      continue;
    }
    seen.set(dupKey, r.row);
    const group = existing ?? {
      awardingBody: qualification.awardingBody,
      suite: qualification.suite,
      unitRef,
      level,
      shape,
      rows: [],
    };
    group.rows.push({ row: r.row, unitKey, kind, number, text });
    units.set(unitKey, group);
  }

  const changes: UnitChange[] = [];
  for (const unit of units.values()) {
    const headingKind = unit.shape === "qcf" ? "outcome" : "element";
    const headings = unit.rows.filter((r) => r.kind === headingKind);
    const known = new Set(headings.map((h) => h.number));
    for (const r of unit.rows) {
      if (r.kind === "criterion" || r.kind === "performance" || r.kind === "range") {
        const owner = r.number.replace(/^R/, "").split(".")[0]!;
        if (!known.has(owner))
          problems.push({
            row: r.row,
            column: "Number",
            message: `Unit ${unit.unitRef} has no ${headingKind} ${owner} row for ${r.number} to sit under.`,
          });
      }
    }
    for (const h of headings) {
      const under = unit.rows.filter(
        (r) => (r.kind === "criterion" || r.kind === "performance") && r.number.split(".")[0] === h.number,
      );
      if (under.length === 0)
        problems.push({
          row: h.row,
          column: "Number",
          message: `Unit ${unit.unitRef} ${headingKind} ${h.number} has no ${unit.shape === "qcf" ? "assessment" : "performance"} criteria.`,
        });
    }
    if (headings.length === 0) {
      problems.push({
        row: unit.rows[0]!.row,
        column: "Type",
        message: `Unit ${unit.unitRef} at level ${unit.level} has no ${headingKind} rows: each ${unit.shape === "qcf" ? "criterion" : "performance criterion"} sits under one.`,
      });
    }
    const byNumber = (a: GoodRow, b: GoodRow) =>
      a.number.localeCompare(b.number, "en", { numeric: true, sensitivity: "base" });
    const under = (kind: Kind, h: string) =>
      unit.rows
        .filter((r) => r.kind === kind && r.number.replace(/^R/, "").split(".")[0] === h)
        .sort(byNumber)
        .map((r) => ({ number: r.number, text: r.text }));
    const content: unknown =
      unit.shape === "qcf"
        ? {
            shape: "qcf",
            outcomes: headings
              .sort(byNumber)
              .map((h) => ({ number: h.number, text: h.text, criteria: under("criterion", h.number) })),
          }
        : {
            shape: "nos",
            elements: headings.sort(byNumber).map((h) => ({
              number: h.number,
              text: h.text,
              criteria: under("performance", h.number),
              range: under("range", h.number),
            })),
            knowledge: unit.rows
              .filter((r) => r.kind === "knowledge")
              .sort(byNumber)
              .map((r) => ({ number: r.number, text: r.text })),
            evidence: unit.rows
              .filter((r) => r.kind === "evidence")
              .sort(byNumber)
              .map((r) => ({ number: r.number, text: r.text })),
          };
    const parsed = unitContentSchema.safeParse(content);
    if (!parsed.success) {
      // Row checks catch what a person writes wrong; what remains is a limit (e.g. 60 criteria).
      for (const issue of parsed.error.issues)
        problems.push({
          row: unit.rows[0]!.row,
          column: "Number",
          message: `Unit ${unit.unitRef}: ${issue.message} (${issue.path.join(".")}).`,
        });
      continue;
    }
    for (const message of contentProblems(parsed.data))
      problems.push({ row: unit.rows[0]!.row, column: "Number", message: `Unit ${unit.unitRef}: ${message}.` });
    changes.push({
      awardingBody: unit.awardingBody,
      suite: unit.suite,
      unitRef: unit.unitRef,
      level: unit.level,
      content: parsed.data as UnitContent,
    });
  }
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };
  return { ok: true, changes };
}

export const formatSheetProblems = (problems: SheetProblem[]) =>
  problems.map((p) => `Row ${p.row}, column ${p.column}: ${p.message}`);
