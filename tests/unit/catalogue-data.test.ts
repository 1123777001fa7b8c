/** The shipped catalogue is faithful to the handbook texts, and bad files are reported by line. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildShippedSuites, SHIPPED_FILES } from "@/lib/catalogue/extract/index";
import { parseSpec } from "@/lib/catalogue/parse-spec";
import { projectSuite, suiteSchema, type CreditSuite } from "@/lib/domain/catalogue/spec";
import { verifierWorkingTowardsProblem } from "@/lib/domain/assessment/rules";

const shipped = (file: string) => JSON.parse(readFileSync(`prisma/catalogue/${file}`, "utf8")) as unknown;
const source = (file: string) => readFileSync(`prisma/catalogue/sources/${file}`, "utf8");
const cg = suiteSchema.parse(shipped("cg-3412.json")) as CreditSuite;

/** Criterion numbers per unit, counted straight from the text with a plain pattern. */
function criteriaInHandbook(): Map<string, Set<string>> {
  const lines = source("cg-3412-handbook-v3.0.txt").split("\n");
  const start = lines.findIndex((l) => l.startsWith("Unit 101") && !l.includes("\t25"));
  const end = lines.findIndex((l, i) => i > start && l.startsWith("Appendix 1"));
  const counts = new Map<string, Set<string>>();
  let unit = "";
  for (const raw of lines.slice(start, end)) {
    const line = raw.replace(/<[^>]+>/g, " ").replace(/\t/g, " ");
    const heading = /^Unit (\d{3})/.exec(line);
    if (heading) {
      unit = heading[1]!;
      counts.set(unit, new Set());
      continue;
    }
    for (const m of line.matchAll(/(?:^|\s)(\d{1,2}\.\d{1,2})\s/g)) counts.get(unit)!.add(m[1]!);
  }
  return counts;
}

describe("the shipped catalogue files", () => {
  it("are exactly what the extractors make from the sources (npm run catalogue -- build)", () => {
    const built = buildShippedSuites();
    for (const file of SHIPPED_FILES) {
      expect(JSON.parse(JSON.stringify(built[file])), file).toEqual(shipped(file));
    }
  });

  it("validate against the interchange schema", () => {
    for (const file of SHIPPED_FILES) expect(suiteSchema.safeParse(shipped(file)).success, file).toBe(true);
  });

  it("hold every criterion number of every unit section in the handbook", () => {
    const expected = criteriaInHandbook();
    expect(expected.size).toBe(43);
    for (const [ref, numbers] of expected) {
      const unit = cg.units.find((u) => u.ref === ref)!;
      const got = unit.outcomes.flatMap((o) => o.criteria.map((c) => c.number));
      expect(new Set(got), `unit ${ref}`).toEqual(numbers);
      expect(got.length, `unit ${ref} has no duplicates`).toBe(numbers.size);
    }
  });

  it("hold every criterion of the imported unit pack", () => {
    const text = source("cg-3412-imported-units-v1.1.txt");
    const inText = [...text.matchAll(/^- (\d+\.\d+) (.*)$/gm)].map((m) => `${m[1]} ${m[2]!.trim()}`);
    const imported = cg.units.filter((u) => /^(41[1-8]|509|51[0-2])$/.test(u.ref));
    expect(imported).toHaveLength(12);
    const inCatalogue = imported.flatMap((u) =>
      u.outcomes.flatMap((o) => o.criteria.map((c) => `${c.number} ${c.text}`)),
    );
    expect(inCatalogue).toEqual(inText);
    expect(inCatalogue).toHaveLength(172);
  });

  it("keeps criterion texts exactly, including ones the export split across lines", () => {
    const criterion = (ref: string, n: string) =>
      cg.units
        .find((u) => u.ref === ref)!
        .outcomes.flatMap((o) => o.criteria)
        .find((c) => c.number === n)!.text;
    expect(criterion("204", "2.4")).toBe(
      "Explain to customers the features and benefits of products and/or services for sale",
    );
    expect(criterion("101", "3.7")).toBe("State the difference between hazard and risk in the work area");
    expect(criterion("619", "1.2")).toBe("Assess how own career goals affect work role and professional development");
    expect(criterion("309", "2.3")).toBe(
      "Identify staff availability, preferences and constraints in context of business needs",
    );
  });

  it("hold units listed only by title, marked as such", () => {
    const unit = cg.units.find((u) => u.ref === "316")!;
    expect(unit).toMatchObject({
      title: "Gather, analyse and interpret customer feedback",
      level: 3,
      credits: 10,
      glh: 67,
      criteriaInSource: false,
      outcomes: [],
    });
  });

  it("flag the oddities instead of correcting them", () => {
    const flags = (ref: string) => cg.units.find((u) => u.ref === ref)!.flags.map((f) => f.about);
    expect(flags("203")).toContain("UAN");
    expect(flags("415")).toContain("GLH");
    expect(flags("115")).toContain("title");
    expect(cg.units.find((u) => u.ref === "415")!.glh).toBe(73);
  });

  it("projects one qualification with only its units", () => {
    const one = projectSuite(cg, "3412-01")!;
    expect(one.qualifications.map((q) => q.code)).toEqual(["3412-01"]);
    expect(one.units.map((u) => u.ref)).toContain("218");
    expect(one.units.map((u) => u.ref)).not.toContain("301");
    expect(suiteSchema.safeParse(one).success).toBe(true);
  });
});

describe("reading a specification file", () => {
  const good = JSON.stringify(projectSuite(cg, "3412-01"), null, 2);

  it("accepts a file it exported", () => {
    expect(parseSpec(good).ok).toBe(true);
  });

  it("points at the line of a syntax error", () => {
    const lines = good.split("\n");
    lines[4] = lines[4]!.replace(/,$/, "");
    const result = parseSpec(lines.join("\n"));
    expect(result).toMatchObject({ ok: false, problems: [{ line: 6, message: "Expected a comma" }] });
  });

  it("points at the line of each value that breaks the format", () => {
    const text = good.replace('"credits": 2,', '"credits": "two",').replace('"number": "1.1"', '"number": "one"');
    const result = parseSpec(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lineOf = (needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: lineOf('"credits": "two"'), path: "units.0.credits" }),
        expect.objectContaining({ line: lineOf('"number": "one"'), message: "A criterion number looks like 1.2" }),
      ]),
    );
  });

  it("reports a unit a rule names that the file does not hold", () => {
    const at = good.lastIndexOf('"102",'); // in group B's list, after the units
    const text = `${good.slice(0, at)}"999",${good.slice(at + 6)}`;
    const result = parseSpec(text);
    expect(result).toMatchObject({ ok: false, problems: [{ message: "Unit 999 is not in this file's units" }] });
  });

  it("refuses an empty file and a file of the wrong format", () => {
    expect(parseSpec("")).toMatchObject({ ok: false });
    expect(parseSpec('{"format": "something else"}')).toMatchObject({
      ok: false,
      problems: [
        { line: 1, path: "format", message: '"format" must be "nvq-qualification-spec"' },
        { line: 1, path: "formatVersion", message: "This product reads format version 1" },
        { line: 1, path: "scheme", message: '"scheme" must be "credit" or "unitValue"' },
      ],
    });
  });
});

describe("who may assess and verify, from the handbooks", () => {
  const ocr = suiteSchema.parse(shipped("ocr-cco.json"));
  it("OCR lets only qualified IVs verify (D/V1 units); C&G 3412 lets those working towards them verify, countersigned", () => {
    for (const code of ["03447", "03448", "03449", "03450", "03451"]) {
      expect(verifierWorkingTowardsProblem(ocr, code)).toMatch(
        /^Only a qualified internal verifier can verify this qualification\. OCR scheme.*D\/V1 units/,
      );
    }
    for (const q of cg.qualifications) expect(verifierWorkingTowardsProblem(cg, q.code)).toBeNull();
    expect(
      cg.qualifications.every((q) => q.assessment?.verifiers?.basis.includes("Assessor/Verifier (A/V) units")),
    ).toBe(true);
  });
});
