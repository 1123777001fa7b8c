// The awarding body publishes unit content (decision 0022): in the editor and from a spreadsheet,
// in both shapes; a fill completes the current version, a change makes a new one; candidates stay
// on theirs; decisions keep the words they judged. On the real database, with suites of our own so
// the shipped catalogue other tests read stays as it is.
import ExcelJS from "exceljs";
import { readFileSync } from "node:fs";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { projectSuite, suiteSchema, type Suite } from "@/lib/domain/catalogue/spec";
import type { Actor } from "@/lib/domain/policy";
import {
  discardUnitDraft,
  getUnitAuthoring,
  importSpecification,
  importUnitContent,
  listUnitsToAuthor,
  publishUnitDraft,
  saveUnitDraft,
} from "@/lib/server/catalogue";
import { getPortfolioProgress, judgeCriterion, signOffUnit } from "@/lib/server/assessment";
import { createEvidence, setEvidenceMapping, submitEvidence } from "@/lib/server/evidence";
import { recordCompetence } from "@/lib/server/internal-verification";
import { getRegistrations, registerCandidate } from "@/lib/server/registrations";
import { db } from "@/lib/server/core/internal/db";
import { actorFor, makeWorld, PASSWORD, unique, type World } from "./fixtures";

const run = promisify(execFile);
const allChecks = { valid: true, authentic: true, reliable: true, current: true, sufficient: true, checksNote: "" };
const ocr = suiteSchema.parse(JSON.parse(readFileSync("prisma/catalogue/ocr-cco.json", "utf8")));
const cg = suiteSchema.parse(JSON.parse(readFileSync("prisma/catalogue/cg-3412.json", "utf8")));

/** An OCR-style unit-value qualification of our own: area AA at level 2 (20 UV) is the whole of it. */
function nosSuite(code: string): Suite {
  const base = projectSuite(ocr, "03448")!;
  if (base.scheme !== "unitValue") throw new Error("expected unit values");
  const q = base.qualifications[0]!;
  return {
    ...base,
    suite: code,
    version: "1.0",
    units: base.units.filter((u) => ["AA", "CC"].includes(u.ref)),
    qualifications: [
      {
        ...q,
        code,
        title: `TEST qualification ${code}`,
        areas: ["AA", "CC"],
        rules: {
          ...q.rules,
          totalValue: 20,
          mandatory: [{ area: "AA", level: 2 }],
          optionalShareAtLevel: null,
          maxRestricted: null,
        },
      },
    ],
  };
}

/** A credit qualification of our own from C&G unit 208, which the handbook lists by title only. */
function qcfSuite(code: string): Suite {
  const base = projectSuite(cg, "3412-03")!;
  if (base.scheme !== "credit") throw new Error("expected credits");
  const q = base.qualifications[0]!;
  return {
    ...base,
    suite: code,
    version: "1.0",
    units: base.units.filter((u) => u.ref === "208"),
    qualifications: [
      {
        ...q,
        code,
        title: `TEST qualification ${code}`,
        groups: [{ id: "A", name: "Mandatory Group A", units: ["208"] }],
        minimumAge: undefined,
        rules: {
          ...q.rules,
          totalCredits: 5,
          minCreditsAtLevel: [],
          minCreditsFromGroup: [],
          mandatoryGroups: ["A"],
          maxCreditsAtLevel: [],
          maxUnitsFrom: [],
          barredPairs: [],
          replacements: [],
        },
      },
    ],
  };
}

const nosDraft = (pc: string) => ({
  shape: "nos" as const,
  headings: [{ text: "TEST element 1", criteria: [pc, "TEST performance criterion 1.2"], range: ["TEST range 1.1"] }],
  knowledge: ["TEST knowledge 1"],
  evidence: ["TEST evidence requirement 1"],
});

/** One stored file on a piece of evidence, as an upload would leave it (its hash made of `c`). */
const attachFile = (evidenceId: string, c: string) =>
  db().evidenceFile.create({
    data: {
      evidenceId,
      storageKey: `test/${unique("k")}`,
      displayName: "work.pdf",
      contentType: "application/pdf",
      size: 10n,
      sha256: c.repeat(64),
      scanStatus: "not-scanned",
      scanDetail: "fixture",
    },
  });

async function workbook(rows: (string | number)[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Units");
  sheet.addRow(["Qualification", "Unit", "Level", "Shape", "Type", "Number", "Text"]);
  for (const r of rows) sheet.addRow(r);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

describe("unit content", () => {
  let world: World;
  let ab: Actor;
  let admin: Actor;
  let candidate: Actor;
  let other: Actor;
  let assessor: Actor;
  let nosCode: string;
  let qcfCode: string;
  let nosSpecId: string;
  let qcfSpecId: string;

  beforeAll(async () => {
    world = await makeWorld();
    ab = await actorFor(world.users.abAdmin.id);
    admin = await actorFor(world.users.admin.id);
    candidate = await actorFor(world.users.candidate.id);
    other = await actorFor(world.users.otherCandidate.id);
    assessor = await actorFor(world.users.assessor.id);
    await recordCompetence(admin, {
      userId: assessor.userId,
      role: "ASSESSOR",
      status: "QUALIFIED",
      award: "D32",
      achievedOn: "2015-01-01",
      certificateNumber: "D32/1",
      occupationalCompetence: "Team leader.",
    });
    await db().assessorAssignment.createMany({
      data: [{ candidateId: other.userId, assessorId: assessor.userId }],
      skipDuplicates: true,
    });
    nosCode = unique("TN").toUpperCase().slice(0, 12);
    qcfCode = unique("TQ").toUpperCase().slice(0, 12);
    expect(await importSpecification(ab, JSON.stringify(nosSuite(nosCode)))).toMatchObject({ ok: true });
    expect(await importSpecification(ab, JSON.stringify(qcfSuite(qcfCode)))).toMatchObject({ ok: true });
    nosSpecId = (await db().qualificationSpec.findFirstOrThrow({ where: { code: nosCode } })).id;
    qcfSpecId = (await db().qualificationSpec.findFirstOrThrow({ where: { code: qcfCode } })).id;
    for (const who of [candidate, other])
      await registerCandidate(admin, {
        candidateId: who.userId,
        specId: nosSpecId,
        registeredOn: "2026-09-01",
        units: ["AA@2"],
      });
  });

  it("lets only the awarding-body administrator read the list, write, publish or import", async () => {
    const key = { specId: nosSpecId, unitRef: "AA", level: 2 };
    for (const actor of [admin, candidate, assessor, await actorFor(world.users.ev.id)]) {
      await expect(listUnitsToAuthor(actor, {})).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(getUnitAuthoring(actor, key)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(saveUnitDraft(actor, { ...key, draft: nosDraft("x"), op: null })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
      await expect(publishUnitDraft(actor, key)).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(
        importUnitContent(actor, { bytes: new Uint8Array([1]), name: "x.csv" }, { dryRun: true }),
      ).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });

  it("says a unit without content is not yet assessable, and lists it by the candidates waiting", async () => {
    const [progress] = (await getPortfolioProgress(candidate, candidate.userId)).filter(
      (p) => p.registration.spec.id === nosSpecId,
    );
    expect(progress!.units.find((u) => u.ref === "AA")).toMatchObject({ assessable: false, total: 0 });
    const list = await listUnitsToAuthor(ab, { q: nosCode });
    const aa = list.units.find((u) => u.unitRef === "AA")!;
    expect(aa).toMatchObject({ candidates: 2, assessable: false });
    expect(aa.levels.find((l) => l.level === 2)).toMatchObject({ published: false, candidates: 2 });
    expect(list.units[0]!.unitRef).toBe("AA");
  });

  it("fills the current version from the editor, notifies the centre, and the chain runs on NOS requirements", async () => {
    const key = { specId: nosSpecId, unitRef: "AA", level: 2 };
    const before = await db().qualificationSpec.findUniqueOrThrow({ where: { id: nosSpecId } });
    await saveUnitDraft(ab, { ...key, draft: null, op: null, start: "nos" });
    await saveUnitDraft(ab, { ...key, draft: nosDraft("TEST performance criterion 1.1"), op: "add-knowledge" });
    let page = await getUnitAuthoring(ab, key);
    expect(page.problems).toEqual(["Knowledge K2 has no text."]);
    await saveUnitDraft(ab, { ...key, draft: nosDraft("TEST performance criterion 1.1"), op: null });
    page = await getUnitAuthoring(ab, key);
    expect(page.plan).toMatchObject({ status: "fill", added: 5 });

    const result = await publishUnitDraft(ab, key);
    expect(result.versions).toEqual([expect.objectContaining({ code: nosCode, version: "1.0", how: "filled" })]);
    const after = await db().qualificationSpec.findUniqueOrThrow({ where: { id: nosSpecId } });
    expect(after.version).toBe("1.0");
    expect(after.sha256).not.toBe(before.sha256);
    expect(after.importedSha256).toBe(before.sha256);
    // The text as it stood before the fill is kept, so a claim pack recording that hash can be checked.
    expect(
      await db().qualificationSpecRevision.findFirst({ where: { specId: nosSpecId, sha256: before.sha256 } }),
    ).toMatchObject({ spec: before.spec });
    expect(await db().unitContentDraft.count({ where: { suite: nosCode } })).toBe(0);
    // The same file imported again is still recognised.
    expect(await importSpecification(ab, JSON.stringify(nosSuite(nosCode)))).toMatchObject({
      ok: true,
      outcomes: [{ status: "unchanged" }],
    });
    expect(await db().notification.count({ where: { userId: admin.userId, kind: "catalogue.unit-published" } })).toBe(
      1,
    );
    expect(
      await db().auditEvent.count({
        where: { action: "catalogue.unit.publish", subjectId: `OCR AA@2`, actorId: ab.userId },
      }),
    ).toBeGreaterThan(0);

    const [progress] = (await getPortfolioProgress(candidate, candidate.userId)).filter(
      (p) => p.registration.spec.id === nosSpecId,
    );
    const aa = progress!.units.find((u) => u.ref === "AA")!;
    expect(aa.assessable).toBe(true);
    expect(aa.outcomes.flatMap((o) => o.criteria.map((c) => `${c.kind} ${c.number}`))).toEqual([
      "performance 1.1",
      "performance 1.2",
      "range R1.1",
      "knowledge K1",
      "evidence E1",
    ]);

    const { id } = await createEvidence(candidate, {
      title: unique("evidence"),
      description: "",
      activityDate: "2026-10-01",
      method: "PRODUCT",
    });
    await attachFile(id, "b");
    const all = ["1.1", "1.2", "R1.1", "K1", "E1"];
    await expect(
      setEvidenceMapping(candidate, { evidenceId: id, specId: nosSpecId, criteria: ["AA:K9"] }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await setEvidenceMapping(candidate, { evidenceId: id, specId: nosSpecId, criteria: all.map((c) => `AA:${c}`) });
    await submitEvidence(candidate, id, { declared: true });
    for (const criterion of all)
      await judgeCriterion(assessor, {
        evidenceId: id,
        specId: nosSpecId,
        unitRef: "AA",
        criterion,
        outcome: "ACCEPTED",
        feedback: "",
        ...allChecks,
        expected: "",
      });
    const signOff = await signOffUnit(assessor, {
      candidateId: candidate.userId,
      specId: nosSpecId,
      unitRef: "AA",
      password: PASSWORD,
      declared: true,
      expected: "",
    });
    const record = await db().unitSignOff.findUniqueOrThrow({ where: { id: signOff.id } });
    expect(record.evidence).toEqual(
      expect.arrayContaining([expect.objectContaining({ criterion: "1.1", text: "TEST performance criterion 1.1" })]),
    );
  });

  it("makes a new version when published content changes; the candidate stays and the sign-off keeps its words", async () => {
    const key = { specId: nosSpecId, unitRef: "AA", level: 2 };
    // The other candidate mapped evidence (no decision yet): they can be moved later.
    const { id: evidenceId } = await createEvidence(other, {
      title: unique("evidence"),
      description: "",
      activityDate: "2026-10-01",
      method: "PRODUCT",
    });
    await setEvidenceMapping(other, { evidenceId, specId: nosSpecId, criteria: ["AA:1.1", "AA:1.2"] });

    await saveUnitDraft(ab, { ...key, draft: null, op: null, start: "nos" });
    await saveUnitDraft(ab, { ...key, draft: nosDraft("TEST performance criterion 1.1, reworded"), op: null });
    expect((await getUnitAuthoring(ab, key)).plan).toMatchObject({ status: "change", changed: 1, added: 0 });
    const old = await db().qualificationSpec.findUniqueOrThrow({ where: { id: nosSpecId } });
    // A double click: one publication, one new version.
    const results = await Promise.allSettled([publishUnitDraft(ab, key), publishUnitDraft(ab, key)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "INVALID_INPUT" } });
    const versions = await db().qualificationSpec.findMany({
      where: { code: nosCode },
      orderBy: { importedAt: "asc" },
    });
    expect(versions.map((v) => v.version)).toEqual(["1.0", "1.0.1"]);
    expect(versions[1]!.basedOnId).toBe(nosSpecId);
    // The centre is told a new version exists, and that its candidates stay on theirs.
    expect(
      await db().notification.findMany({
        where: { userId: admin.userId, kind: "catalogue.unit-published", title: { startsWith: "Version 1.0.1 of" } },
        select: { title: true },
      }),
    ).toEqual([{ title: expect.stringMatching(/candidates stay on version 1\.0 until you register them/) }]);
    // The old version is untouched, and the candidates are still on it.
    expect(versions[0]!.sha256).toBe(old.sha256);
    const [mine] = await getRegistrations(candidate, candidate.userId);
    expect(mine!.spec.id).toBe(nosSpecId);
    const [progress] = await getPortfolioProgress(candidate, candidate.userId);
    const aa = progress!.units.find((u) => u.ref === "AA")!;
    expect(aa.outcomes[0]!.criteria[0]!.text).toBe("TEST performance criterion 1.1");
    expect(aa.state).not.toBe("not-signed-off");

    // The candidate with decisions on 1.0 stays on it; the other moves, keeping the unchanged mapping.
    const newSpecId = versions[1]!.id;
    await expect(
      registerCandidate(admin, {
        candidateId: candidate.userId,
        specId: newSpecId,
        registeredOn: "2026-09-01",
        units: ["AA@2"],
      }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { specId: [expect.stringMatching(/stay on that version/)] },
    });
    await registerCandidate(admin, {
      candidateId: other.userId,
      specId: newSpecId,
      registeredOn: "2026-09-01",
      units: ["AA@2"],
    });
    const carried = await db().evidenceCriterion.findMany({ where: { evidenceId, specId: newSpecId } });
    expect(carried.map((c) => c.criterion)).toEqual(["1.2"]);
    expect(await db().auditEvent.count({ where: { action: "registration.move", subjectId: other.userId } })).toBe(1);
  });

  it("imports a workbook: a dry run changes nothing, then every unit is published", async () => {
    const bytes = await workbook([
      [qcfCode, "208", 2, "QCF", "outcome", "1", "TEST outcome 1"],
      [qcfCode, "208", 2, "QCF", "criterion", "1.1", "TEST criterion 1.1"],
      [qcfCode, "208", 2, "QCF", "criterion", "1.2", "TEST criterion 1.2"],
      [nosCode, "CC", 1, "NOS", "element", "1", "TEST element 1"],
      [nosCode, "CC", 1, "NOS", "performance criterion", "1.1", "TEST performance criterion 1.1"],
      [nosCode, "CC", 1, "NOS", "knowledge", "K1", "TEST knowledge 1"],
    ]);
    const before = await db().qualificationSpec.findUniqueOrThrow({ where: { id: qcfSpecId } });
    const dry = await importUnitContent(ab, { bytes, name: "units.xlsx" }, { dryRun: true });
    expect(dry).toMatchObject({
      ok: true,
      dryRun: true,
      units: [
        { unitRef: "208", level: 2, status: "fill", added: 2 },
        { unitRef: "CC", level: 1, status: "fill", added: 2 },
      ],
    });
    expect((await db().qualificationSpec.findUniqueOrThrow({ where: { id: qcfSpecId } })).sha256).toBe(before.sha256);
    const done = await importUnitContent(ab, { bytes, name: "units.xlsx" }, { dryRun: false });
    expect(done).toMatchObject({ ok: true, dryRun: false });
    const filled = await db().qualificationSpec.findUniqueOrThrow({ where: { id: qcfSpecId } });
    expect(filled.version).toBe("1.0");
    expect(filled.sha256).not.toBe(before.sha256);
    // CC had no content at level 1 anywhere: every version of the suite is filled, so candidates
    // still on 1.0 get it too.
    for (const v of await db().qualificationSpec.findMany({ where: { code: nosCode }, select: { spec: true } })) {
      const cc = suiteSchema.parse(v.spec).units.find((u) => u.ref === "CC")!;
      expect(cc.content?.["1"]).toMatchObject({ shape: "nos" });
    }
    // Again: nothing to change.
    expect(await importUnitContent(ab, { bytes, name: "units.xlsx" }, { dryRun: true })).toMatchObject({
      units: [{ status: "unchanged" }, { status: "unchanged" }],
    });
  });

  it("refuses a spreadsheet with bad rows, a message per row, and publishes nothing", async () => {
    const rows: (string | number)[][] = [
      [qcfCode, "999", 2, "QCF", "outcome", "1", "x"], // missing unit
      [qcfCode, "208", 2, "QCF", "outcome", "2", "TEST outcome 2"],
      [qcfCode, "208", 2, "QCF", "criterion", "2.1", "TEST"],
      [qcfCode, "208", 2, "QCF", "criterion", "2.1", "TEST again"], // duplicate
      [qcfCode, "208", 2, "QCF", "criterion", "2.2", ""], // empty text
      [qcfCode, "208", 3, "QCF", "outcome", "1", "x"], // level mismatch
      [qcfCode, "208", 2, "QCF", "criterion", "2.3", "y".repeat(2001)], // over-long
      [qcfCode, "208", 2, "XYZ", "outcome", "3", "x"], // unknown shape
      ["NO-SUCH", "208", 2, "QCF", "outcome", "1", "x"], // unknown qualification
      [qcfCode, "208", 2, "QCF", "knowledge", "K1", "x"], // type not of the shape
      [qcfCode, "208", 2, "QCF", "criterion", "two", "x"], // bad number
      [qcfCode, "208", 2, "QCF", "criterion", "4.1", "x"], // no outcome 4
    ];
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Units");
    sheet.addRow(["Qualification", "Unit", "Level", "Shape", "Type", "Number", "Text"]);
    for (const r of rows) sheet.addRow(r);
    sheet.addRow([qcfCode, "208", 2, "QCF", "criterion", "2.4", { formula: 'UPPER("x")', result: "X" }]); // formula
    const bytes = new Uint8Array(await book.xlsx.writeBuffer());
    const specsBefore = await db().qualificationSpec.findMany({ where: { code: qcfCode }, select: { sha256: true } });
    const result = await importUnitContent(ab, { bytes, name: "bad.xlsx" }, { dryRun: false });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const rowsWithProblems = new Set(result.problems.map((p) => p.row));
    for (const row of [2, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]) expect(rowsWithProblems.has(row)).toBe(true);
    expect(result.problems.find((p) => p.row === 14)).toMatchObject({
      column: "Text",
      message: expect.stringMatching(/formula/),
    });
    expect(await db().qualificationSpec.findMany({ where: { code: qcfCode }, select: { sha256: true } })).toEqual(
      specsBefore,
    );
  });

  it("keeps a discarded draft out of the catalogue", async () => {
    const key = { specId: nosSpecId, unitRef: "CC", level: 2 };
    await saveUnitDraft(ab, { ...key, draft: null, op: null, start: "nos" });
    await discardUnitDraft(ab, key);
    await expect(discardUnitDraft(ab, key)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(publishUnitDraft(ab, key)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect(await db().auditEvent.count({ where: { action: "catalogue.unit.draft.discard", actorId: ab.userId } })).toBe(
      1,
    );
  });

  it("keeps an area at the level its evidence was mapped at, and judges a moved candidate on the new version only", async () => {
    const spare = await actorFor(world.users.spare.id);
    await db().assessorAssignment.create({ data: { candidateId: spare.userId, assessorId: assessor.userId } });
    const [v1, v2] = await db().qualificationSpec.findMany({
      where: { code: nosCode },
      orderBy: { importedAt: "asc" },
    });
    await registerCandidate(admin, {
      candidateId: spare.userId,
      specId: v1!.id,
      registeredOn: "2026-09-01",
      units: ["AA@2", "CC@1"],
    });
    const { id } = await createEvidence(spare, {
      title: unique("evidence"),
      description: "",
      activityDate: "2026-10-01",
      method: "PRODUCT",
    });
    await attachFile(id, "c");
    await setEvidenceMapping(spare, { evidenceId: id, specId: v1!.id, criteria: ["AA:1.2", "CC:1.1"] });
    await submitEvidence(spare, id, { declared: true });
    await expect(
      registerCandidate(admin, {
        candidateId: spare.userId,
        specId: v1!.id,
        registeredOn: "2026-09-01",
        units: ["AA@2", "CC@2"],
      }),
    ).rejects.toMatchObject({
      fieldErrors: { units: [expect.stringMatching(/^Unit CC has evidence mapped to it at level 1/)] },
    });

    await registerCandidate(admin, {
      candidateId: spare.userId,
      specId: v2!.id,
      registeredOn: "2026-09-01",
      units: ["AA@2", "CC@1"],
    });
    const carried = await db().evidenceCriterion.findMany({
      where: { evidenceId: id, specId: v2!.id },
      orderBy: { unitRef: "asc" },
    });
    expect(carried.map((c) => `${c.unitRef}:${c.criterion}`)).toEqual(["AA:1.2", "CC:1.1"]);
    const judge = (specId: string) =>
      judgeCriterion(assessor, {
        evidenceId: id,
        specId,
        unitRef: "AA",
        criterion: "1.2",
        outcome: "ACCEPTED",
        feedback: "",
        ...allChecks,
        expected: "",
      });
    await expect(judge(v1!.id)).rejects.toMatchObject({
      fieldErrors: { outcome: [expect.stringMatching(/now registered on version 1\.0\.1/)] },
    });
    await judge(v2!.id);
  });

  it("never publishes a draft over content published since it was started, nor brings a published draft back", async () => {
    const key = { specId: nosSpecId, unitRef: "CC", level: 2 };
    await saveUnitDraft(ab, { ...key, draft: null, op: null, start: "nos" });
    await saveUnitDraft(ab, { ...key, draft: nosDraft("TEST from the editor"), op: null });
    const sheet = await workbook([
      [nosCode, "CC", 2, "NOS", "element", "1", "TEST element 1"],
      [nosCode, "CC", 2, "NOS", "performance criterion", "1.1", "TEST from the spreadsheet"],
    ]);
    expect(await importUnitContent(ab, { bytes: sheet, name: "cc.xlsx" }, { dryRun: false })).toMatchObject({
      ok: true,
    });
    await expect(publishUnitDraft(ab, key)).rejects.toMatchObject({
      fieldErrors: { draft: [expect.stringMatching(/^Other content for this unit has been published since/)] },
    });
    // Starting again keeps the draft in progress rather than overwriting it.
    expect(await saveUnitDraft(ab, { ...key, draft: null, op: null, start: "nos" })).toMatchObject({
      refused: expect.stringMatching(/already in progress/),
    });
    await discardUnitDraft(ab, key);
    await saveUnitDraft(ab, { ...key, draft: null, op: null, start: "nos" });
    expect((await publishUnitDraft(ab, key)).versions).toEqual([]);
    await expect(saveUnitDraft(ab, { ...key, draft: nosDraft("late save"), op: null })).rejects.toMatchObject({
      fieldErrors: { draft: [expect.stringMatching(/^There is no draft any more/)] },
    });
  });

  it("imports from the command line: a dry run prints what would change, a bad file exits 1 with each row", async () => {
    const { writeFileSync } = await import("node:fs");
    const cli = (...args: string[]) =>
      run("node_modules/.bin/tsx", ["scripts/catalogue.ts", ...args], {
        env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
      }).then(
        (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
      );
    const good = `/tmp/${unique("units")}.csv`;
    writeFileSync(
      good,
      `Qualification,Unit,Level,Shape,Type,Number,Text\n${nosCode},CC,3,NOS,element,1,TEST element 1\n${nosCode},CC,3,NOS,performance criterion,1.1,TEST performance criterion 1.1\n`,
    );
    const dry = await cli("import-units", good, "--dry-run");
    expect(dry.code).toBe(0);
    expect(JSON.parse(dry.stdout)).toMatchObject({
      dryRun: true,
      units: [{ unit: "CC", level: 3, status: "fill", added: 1 }],
    });
    const bad = `/tmp/${unique("units")}.csv`;
    writeFileSync(
      bad,
      `Qualification,Unit,Level,Shape,Type,Number,Text\n${nosCode},CC,9,NOS,element,1,x\n${nosCode},ZZ,3,NOS,element,1,x\n`,
    );
    const refused = await cli("import-units", bad);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${bad}: Row 2, column Level: "9" is not a level`);
    expect(refused.stderr).toContain(`${bad}: Row 3, column Unit: Unit ZZ is not in qualification ${nosCode}.`);
    expect(refused.stderr).toContain("nothing was published");
  });
});
