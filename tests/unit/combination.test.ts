/**
 * Rules-of-combination cases worked out by hand from the handbook text.
 * Credits and levels quoted in comments are from the 3412 structure tables
 * and the OCR/candidate-guide unit value tables.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { describeRules, validateSelection, type Context } from "@/lib/domain/catalogue/combination";
import { achievement, suggestCompletion } from "@/lib/domain/catalogue/progress";
import { suiteSchema, type Suite } from "@/lib/domain/catalogue/spec";

const load = (file: string): Suite => suiteSchema.parse(JSON.parse(readFileSync(`prisma/catalogue/${file}`, "utf8")));
const cg = load("cg-3412.json");
const ocr = load("ocr-cco.json");
const edx = load("edexcel-cco.json");

const after: Context = { registeredOn: "2018-09-01" };
const before: Context = { registeredOn: "2016-09-01" };
const rules = (suite: Suite, code: string, units: string, ctx: Context = after) =>
  validateSelection(suite, code, units.split(","), ctx);
const ruleNames = (suite: Suite, code: string, units: string, ctx: Context = after) =>
  rules(suite, code, units, ctx).reasons.map((r) => r.rule);

describe("3412-01 Level 1 Award: 12 credits, 7 at level 1, group A, 3 from group B", () => {
  it("accepts exactly the minimum: 101(2) 201(4) 102(3) 103(3) = 12 credits, 8 at level 1", () => {
    const v = rules(cg, "3412-01", "101,201,102,103");
    expect(v).toEqual({ valid: true, total: 12, atLevel: { 1: 8, 2: 4 }, reasons: [] });
  });
  it("accepts exactly 7 credits at level 1 and exactly 3 from group B", () => {
    // 101(2,L1) 106(3,L1,B) 112(2,L1,C) = 7 at level 1; 201(4,L2) 226(4,L2,C).
    const v = rules(cg, "3412-01", "101,201,106,112,226");
    expect(v.valid).toBe(true);
    expect(v.atLevel).toEqual({ 1: 7, 2: 8 });
  });
  it("rejects 11 credits with the shortfall named", () => {
    const v = rules(cg, "3412-01", "101,201,106,112");
    expect(v.valid).toBe(false);
    expect(v.total).toBe(11);
    expect(v.reasons).toEqual([
      {
        rule: "total-credits",
        message: "The qualification needs at least 12 credits; the selection has 11 credits.",
        fix: "Add units worth at least 1 more credit.",
      },
    ]);
  });
  it("rejects 6 credits at level 1", () => {
    // 101(2) 106(3) 201(4) 218(6,L2) -> level 1 = 5
    const v = rules(cg, "3412-01", "101,201,106,218");
    expect(v.reasons.map((r) => r.rule)).toEqual(["credits-at-level"]);
    expect(v.reasons[0]!.message).toBe(
      "At least 7 credits must be at level 1; the selection has 5 credits at level 1.",
    );
  });
  it("requires both mandatory units", () => {
    const v = rules(cg, "3412-01", "101,102,103,104,105");
    expect(v.reasons[0]).toEqual({
      rule: "mandatory-group",
      message: "Every unit in Mandatory Group A is mandatory; unit 201 is missing.",
      fix: "Add unit 201.",
    });
  });
  it("requires 3 credits from group B", () => {
    // 107(5,C) 108(5,C): 16 credits, 12 at level 1, none from B.
    expect(ruleNames(cg, "3412-01", "101,201,107,108")).toEqual(["credits-from-group"]);
  });
  it("rejects a unit that is not in the qualification", () => {
    expect(rules(cg, "3412-01", "101,201,102,103,301").reasons[0]).toMatchObject({
      rule: "unit-not-in-qualification",
      fix: "Remove unit 301.",
    });
  });
});

describe("3412-02 Level 1 Certificate: at most 6 credits at level 2 in B/C, two of 112-114", () => {
  it("accepts 22 credits with exactly 6 from group B", () => {
    expect(rules(cg, "3412-02", "101,201,102,103,107,108").valid).toBe(true);
  });
  it("accepts exactly 6 optional credits at level 2 (unit 218)", () => {
    expect(rules(cg, "3412-02", "101,201,102,103,104,105,218").valid).toBe(true);
  });
  it("rejects 10 optional credits at level 2 (218 and 226)", () => {
    const v = rules(cg, "3412-02", "101,201,102,103,104,105,218,226");
    expect(v.reasons.map((r) => r.rule)).toEqual(["max-credits-at-level"]);
    expect(v.reasons[0]!.fix).toBe("Remove level 2 units worth at least 4 credits.");
  });
  it("rejects three units from 112, 113 and 114", () => {
    const v = rules(cg, "3412-02", "101,201,102,103,112,113,114,107");
    expect(v.reasons).toEqual([
      {
        rule: "max-units-from-list",
        message:
          "No more than 2 units may be taken from units 112, 113 and 114; the selection has 3 (112, 113 and 114).",
        fix: "Remove one of units 112, 113 and 114.",
      },
    ]);
  });
});

describe("3412-03 Level 2 Certificate: barred units and the restricted list", () => {
  const valid = "101,201,202,203,204,208,213";
  it("accepts 29 credits, 27 at level 2, 14 from group B", () => {
    expect(rules(cg, "3412-03", valid)).toMatchObject({ valid: true, total: 29, atLevel: { 1: 2, 2: 27 } });
  });
  it("rejects the barred pair 112 and 221", () => {
    expect(rules(cg, "3412-03", "101,201,202,203,204,208,112,221").reasons).toEqual([
      {
        rule: "barred-units",
        message: "Units 112 and 221 are barred from being taken together.",
        fix: "Keep only one of units 112 and 221.",
      },
    ]);
  });
  it("rejects the barred pair 212 and 220 in either order", () => {
    expect(ruleNames(cg, "3412-03", "101,201,202,203,204,220,212")).toEqual(["barred-units"]);
  });
  it("rejects three units from the list of eight", () => {
    expect(ruleNames(cg, "3412-03", `${valid},112,222,224`)).toEqual(["max-units-from-list"]);
  });
  it("keeps unit 116 in the published rule, though no unit 116 can be chosen", () => {
    const q = cg.scheme === "credit" ? cg.qualifications.find((x) => x.code === "3412-03")! : null;
    expect(q!.rules.maxUnitsFrom[0]!.units).toContain("116");
    expect(cg.units.some((u) => u.ref === "116")).toBe(false);
    expect(ruleNames(cg, "3412-03", `${valid},116`)).toEqual(["unit-not-in-qualification"]);
  });
  it("requires 12 credits from group B", () => {
    // B: 202(4) 203(5) = 9
    expect(ruleNames(cg, "3412-03", "101,201,202,203,208,209,210")).toEqual(["credits-from-group"]);
  });
});

describe("3412-04 Level 3 Diploma: 319 before 1 July 2017, 619 from then", () => {
  const with619 = "101,301,302,303,309,310,619,311,323";
  it("accepts 44 credits with unit 619 for a candidate registered in 2018", () => {
    expect(rules(cg, "3412-04", with619)).toMatchObject({ valid: true, total: 44, atLevel: { 1: 2, 3: 42 } });
  });
  it("rejects unit 319 for a candidate registered in 2018", () => {
    const v = rules(cg, "3412-04", with619.replace("619", "319"));
    expect(v.reasons).toEqual([
      {
        rule: "replaced-unit",
        message:
          "Unit 319 was replaced by unit 619 for candidates registered on or after 1 July 2017; this candidate was registered on 1 September 2018.",
        fix: "Choose unit 619 instead of unit 319.",
      },
    ]);
  });
  it("accepts 319 and rejects 619 for a candidate registered on 30 June 2017", () => {
    const ctx = { registeredOn: "2017-06-30" };
    expect(rules(cg, "3412-04", with619.replace("619", "319"), ctx).valid).toBe(true);
    expect(ruleNames(cg, "3412-04", with619, ctx)).toEqual(["replaced-unit"]);
  });
  it("uses 619 for a candidate registered on 1 July 2017 itself", () => {
    expect(rules(cg, "3412-04", with619, { registeredOn: "2017-07-01" }).valid).toBe(true);
  });
  it("rejects the barred pair 212 and 318", () => {
    expect(ruleNames(cg, "3412-04", `${with619},212,318`)).toEqual(["barred-units"]);
  });
  it("needs 23 credits at level 3: 22 is one short", () => {
    // L3: 301(4) 302(5) 303(6) 304(4) 305(4)... choose B at level 4 to keep level 3 low.
    // 101(2) 301(4,L3) 404(6,L4) 405(6,L4) 406(6,L4) 408(5,L4) 302(5,L3) 303(6,L3) 309(7,L3) = 47, L3 = 22
    const v = rules(cg, "3412-04", "101,301,404,405,406,408,302,303,309");
    expect(v.atLevel[3]).toBe(22);
    expect(v.reasons.map((r) => r.rule)).toEqual(["credits-at-level"]);
  });
});

describe("3412-05 Level 4 Diploma: the published rule of 23 credits at level 3", () => {
  it("rejects a selection with no level 3 credits, as the handbook's words require", () => {
    expect(ruleNames(cg, "3412-05", "101,401,404,405,406,407,409,410")).toEqual(["credits-at-level"]);
  });
  it("accepts 23 level 3 credits from 304, 307, 309, 316", () => {
    // 101(2) 401(5) 304(4) 307(4) 309(7) 316(10,C) = 32; + 404(6) 405(6) = 44; B = 4+4+7+6+6 = 27
    expect(rules(cg, "3412-05", "101,401,304,307,309,316,404,405")).toMatchObject({ valid: true, total: 44 });
  });
  it("flags the oddity rather than correcting it", () => {
    const q = cg.scheme === "credit" ? cg.qualifications.find((x) => x.code === "3412-05")! : null;
    expect(q!.flags.map((f) => f.about)).toContain("Credits at level");
  });
});

describe("OCR 03448 Level 2: 100 UV, AA at level 2, BB, 60% at level 2, two restricted", () => {
  it("accepts exactly 100 UV", () => {
    expect(rules(ocr, "03448", "AA@2,BB@1,CC@2,DD@2,EE@2,FF@2")).toEqual({
      valid: true,
      total: 100,
      atLevel: { 1: 5, 2: 95 },
      reasons: [],
    });
  });
  it("accepts exactly 60%: 60 of 100 UV of optional units at level 2", () => {
    const v = rules(ocr, "03448", "AA@2,BB@1,CC@2,EE@2,FF@2,HH@3,GG@1");
    expect(v).toMatchObject({ valid: true, total: 125 });
  });
  it("rejects 55 UV at level 2 against the guide's 60", () => {
    const v = rules(ocr, "03448", "AA@2,BB@1,CC@2,DD@2,EE@1,FF@1,GG@1,H@1,ZZ@2");
    expect(v.reasons).toEqual([
      {
        rule: "optional-share-at-level",
        message:
          "At least 60% of the optional units' value must be at level 2 (here 60 UV, the figure the guide gives for level 2); the selection has 55 UV of optional units at level 2.",
        fix: "Add or move optional units worth at least 5 UV to level 2.",
      },
    ]);
  });
  it("rejects 75 of 165 UV optional at level 2: 60% is 99", () => {
    const v = rules(ocr, "03448", "AA@2,BB@1,CC@2,DD@2,EE@2,FF@2,GG@3,HH@3,ZZ@3");
    expect(v.reasons[0]!.message).toContain("99 UV, 60% of the 165 UV of optional units selected");
  });
  it("rejects three restricted units", () => {
    expect(ruleNames(ocr, "03448", "AA@2,BB@1,CC@2,DD@2,G@2,I@2,J@2")).toEqual(["max-restricted"]);
  });
  it("counts an area at one level only", () => {
    expect(ruleNames(ocr, "03448", "AA@2,BB@1,CC@2,CC@3,DD@2,EE@2,FF@2")).toEqual(["one-level-per-area"]);
  });
  it("needs AA at the qualification's level", () => {
    expect(rules(ocr, "03448", "AA@1,BB@1,CC@2,DD@2,EE@2,FF@2,GG@2").reasons[0]).toEqual({
      rule: "mandatory-area",
      message:
        "AA (Develop personal and organisational effectiveness) is mandatory at level 2; the selection has it at level 1.",
      fix: "Change AA@1 to AA@2.",
    });
  });
  it("explains a level an area is not offered at, and a badly written unit", () => {
    const v = rules(ocr, "03448", "AA@2,BB@2,CC2");
    expect(v.reasons.map((r) => r.rule)).toEqual([
      "level-not-offered",
      "selection-format",
      "mandatory-area",
      "total-value",
      "optional-share-at-level",
    ]);
    expect(v.reasons[0]!.message).toBe(
      "BB (Health and Safety in ICT and Contact Centres) has no unit value at level 2; it is offered at level 1, 3, 4 and 5.",
    );
  });
});

describe("OCR 03451 Level 5: AA at level 4", () => {
  it("accepts AA@4 with 210 UV of optional units at level 5", () => {
    // 40 + 5 + CC/EE/FF/GG/HH@5 (250) + DD@4 (40) = 335 -> add II@5 50 = 385; optional 340, 60% = 204, published 210; L5 = 300
    expect(rules(ocr, "03451", "AA@4,BB@1,CC@5,EE@5,FF@5,GG@5,HH@5,II@5,DD@4").valid).toBe(true);
  });
  it("rejects AA@5, which has no value", () => {
    expect(ruleNames(ocr, "03451", "AA@5,BB@1,CC@5,EE@5,FF@5,GG@5,HH@5,II@5,DD@4")).toContain("level-not-offered");
  });
});

describe("Edexcel level 2 from the candidate guide", () => {
  const base = "AA@2,BB@1,CC@2,DD@2,EE@2";
  it("needs the centre's approval for specialist and bespoke software (N)", () => {
    expect(ruleNames(edx, "EDX-CCO-2", `${base},N@2`)).toEqual(["centre-approval"]);
    expect(rules(edx, "EDX-CCO-2", `${base},N@2`, { registeredOn: "2007-01-01", centreApprovals: ["N"] }).valid).toBe(
      true,
    );
  });
  it("has no 60% rule: 20 UV optional at level 2 of 100 is enough", () => {
    expect(rules(edx, "EDX-CCO-2", `${base},FF@2`).valid).toBe(true);
  });
  it("keeps its own letters for S and T, which OCR has the other way round", () => {
    expect(edx.units.find((u) => u.ref === "S")!.title).toBe("Use IT Software");
    expect(ocr.units.find((u) => u.ref === "S")!.title).toBe("General uses of IT");
    const email = edx.scheme === "unitValue" ? edx.units.find((u) => u.ref === "H") : undefined;
    expect(email?.restricted).toBe(false);
  });
});

describe("achievement from signed-off units", () => {
  it("counts credits per group and names what is still needed", () => {
    const a = achievement(cg, "3412-01", ["101", "201", "102", "103"], ["101", "102"], after);
    expect(a.complete).toBe(false);
    expect(a.achieved).toBe(5);
    expect(a.required).toBe(12);
    expect(a.groups.map((g) => [g.id, g.achieved, g.required])).toEqual([
      ["A", 2, 6],
      ["B", 3, 3],
      ["C", 0, null],
    ]);
    // 101 + 102 = 5 credits at level 1, short of 7 as well as of 12 in all.
    expect(a.stillRequired.map((r) => r.rule)).toEqual(["mandatory-group", "total-credits", "credits-at-level"]);
    expect(a.outstanding).toEqual(["201", "103"]);
  });
  it("is complete when every unit of a valid selection is signed off", () => {
    const units = ["101", "201", "102", "103"];
    expect(achievement(cg, "3412-01", units, units, after)).toMatchObject({
      complete: true,
      achieved: 12,
      stillRequired: [],
    });
  });
  it("ignores signed-off units outside the selection", () => {
    expect(achievement(cg, "3412-01", ["101"], ["101", "104"], after).achieved).toBe(2);
  });
  it("works for unit values", () => {
    const sel = ["AA@2", "BB@1", "CC@2", "DD@2", "EE@2", "FF@2"];
    expect(achievement(ocr, "03448", sel, ["AA@2", "cc@2"], after)).toMatchObject({
      complete: false,
      achieved: 40,
      required: 100,
    });
  });
});

describe("suggestions to complete a selection", () => {
  it("completes an empty 3412-01 selection validly", () => {
    const s = suggestCompletion(cg, "3412-01", [], after);
    expect(s.verdict.valid).toBe(true);
    expect(s.additions.slice(0, 2)).toEqual(["101", "201"]);
  });
  it("never suggests a unit barred with one already chosen, nor a third from the list", () => {
    const s = suggestCompletion(cg, "3412-03", ["112", "113"], after);
    expect(s.verdict.valid).toBe(true);
    expect(s.additions).not.toContain("221");
    expect(s.additions).not.toContain("222");
    expect(s.additions.filter((u) => ["114", "116", "223", "224"].includes(u))).toEqual([]);
  });
  it("offers 619 but not 319 after 1 July 2017, and 319 before", () => {
    for (const ctx of [after, before]) {
      const s = suggestCompletion(cg, "3412-04", [], ctx);
      expect(s.verdict.valid).toBe(true);
      expect(s.additions).not.toContain(ctx === after ? "319" : "619");
    }
  });
  it("reports what adding cannot fix", () => {
    const s = suggestCompletion(cg, "3412-03", ["212", "220"], after);
    expect(s.needsRemoval.map((r) => r.rule)).toEqual(["barred-units"]);
  });
  it("completes OCR levels 1 to 5 within the restricted limit", () => {
    for (const code of ["03447", "03448", "03449", "03450", "03451"]) {
      const s = suggestCompletion(ocr, code, [], after);
      expect(s.verdict, code).toMatchObject({ valid: true });
    }
  });
  it("keeps to the centre's approvals for Edexcel", () => {
    const s = suggestCompletion(edx, "EDX-CCO-2", ["AA@2"], after);
    expect(s.verdict.valid).toBe(true);
    expect(s.additions).not.toContain("N@2");
  });
});

describe("rules in plain English", () => {
  it("describes 3412-02 as the handbook does", () => {
    expect(describeRules(cg, "3412-02")).toEqual([
      "At least 21 credits in total.",
      "At least 11 credits at level 1.",
      "Every unit in Mandatory Group A.",
      "At least 6 credits from Optional Group B.",
      "The remaining credits from any other units of the qualification's groups.",
      "No more than 6 credits from group B and C at level 2.",
      "No more than 2 units from units 112, 113 and 114.",
    ]);
  });
  it("describes OCR 03449", () => {
    expect(describeRules(ocr, "03449")).toContain(
      "At least 60% of the optional units' value at level 3 (the guide says this equates to 110 UV).",
    );
  });
});
