// Importing specifications (atomic, versioned, line-precise errors) and registering candidates
// (the engine decides; records are append-only), on the real database.
import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { promisify } from "node:util";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { projectSuite, suiteSchema, type Suite } from "@/lib/domain/catalogue/spec";
import { validateSelection } from "@/lib/domain/catalogue/combination";
import { suggestCompletion } from "@/lib/domain/catalogue/progress";
import type { Actor } from "@/lib/domain/policy";
import { getQualification, importSpecification, listQualifications } from "@/lib/server/catalogue";
import { db } from "@/lib/server/core/internal/db";
import { AppError } from "@/lib/server/core";
import { getCentreApprovals, setCentreApproval } from "@/lib/server/awarding-body";
import { getRegistrableQualification, getRegistrations, registerCandidate } from "@/lib/server/registrations";
import { setDateOfBirth } from "@/lib/server/identity";
import { actorFor, makeUser, makeWorld, unique, type World } from "./fixtures";

const run = promisify(execFile);
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e) => (e instanceof AppError ? e.code : Promise.reject(e)),
  );
const cg = suiteSchema.parse(JSON.parse(readFileSync("prisma/catalogue/cg-3412.json", "utf8")));

/** A small suite of our own: one qualification built from two 3412 units. */
function ownSuite(code: string, version = "1.0"): Suite {
  const base = projectSuite(cg, "3412-01")!;
  if (base.scheme !== "credit") throw new Error("expected credits");
  const q = base.qualifications[0]!;
  return {
    ...base,
    suite: code,
    version,
    units: base.units.filter((u) => ["101", "201"].includes(u.ref)),
    qualifications: [
      {
        ...q,
        code,
        title: `Test qualification ${code}`,
        groups: [{ id: "A", name: "Mandatory Group A", units: ["101", "201"] }],
        rules: { ...q.rules, totalCredits: 6, minCreditsAtLevel: [], minCreditsFromGroup: [], mandatoryGroups: ["A"] },
      },
    ],
  };
}

describe("importing a specification", () => {
  let world: World;
  let publisher: Actor;
  beforeAll(async () => {
    world = await makeWorld();
    publisher = await actorFor(world.users.abAdmin.id);
  });

  it("imports every qualification of a file, records who did it, and finds it again", async () => {
    const code = unique("T").toUpperCase().slice(0, 10);
    const result = await importSpecification(publisher, JSON.stringify(ownSuite(code), null, 2));
    expect(result).toMatchObject({ ok: true, outcomes: [{ code, version: "1.0", status: "imported" }] });
    const row = await db().qualificationSpec.findUniqueOrThrow({ where: { code_version: { code, version: "1.0" } } });
    expect(row.importedById).toBe(publisher.userId);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "catalogue.import", actorId: publisher.userId },
    });
    expect(audit.detail).toMatchObject({ qualifications: [`${code} imported`] });
    const found = await listQualifications(publisher, { page: 1, q: code });
    expect(found.items.map((i) => i.code)).toEqual([code]);
    expect((await getQualification(publisher, row.id)).suite.units.map((u) => u.ref)).toEqual(["101", "201"]);
  });

  it("treats the same file again as unchanged, and refuses different content under the same version", async () => {
    const code = unique("T").toUpperCase().slice(0, 10);
    await importSpecification(publisher, JSON.stringify(ownSuite(code)));
    expect(await importSpecification(publisher, JSON.stringify(ownSuite(code)))).toMatchObject({
      ok: true,
      outcomes: [{ status: "unchanged" }],
    });
    const changed = ownSuite(code);
    changed.units[0]!.title = "A different title";
    const result = await importSpecification(publisher, JSON.stringify(changed));
    expect(result).toMatchObject({ ok: false, problems: [{ path: "version" }] });
    const v2 = await importSpecification(publisher, JSON.stringify({ ...changed, version: "2.0" }));
    expect(v2).toMatchObject({ ok: true });
    expect(await db().qualificationSpec.count({ where: { code } })).toBe(2);
  });

  it("imports nothing from a file with one bad qualification among good ones", async () => {
    const good = unique("G").toUpperCase().slice(0, 10);
    const clash = unique("C").toUpperCase().slice(0, 10);
    await importSpecification(publisher, JSON.stringify(ownSuite(clash)));
    const changedClash = ownSuite(clash).qualifications[0]!;
    const suite = ownSuite(good);
    if (suite.scheme !== "credit" || changedClash.title === undefined) throw new Error("expected credits");
    const both = { ...suite, qualifications: [...suite.qualifications, { ...changedClash, title: "Changed" }] };
    const result = await importSpecification(publisher, JSON.stringify(both));
    expect(result.ok).toBe(false);
    expect(await db().qualificationSpec.count({ where: { code: good } })).toBe(0);
  });

  it("reports problems with their lines and stores nothing", async () => {
    const code = unique("B").toUpperCase().slice(0, 10);
    const text = JSON.stringify(ownSuite(code), null, 2).replace('"credits": 2', '"credits": -2');
    const result = await importSpecification(publisher, text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const line = text.split("\n").findIndex((l) => l.includes('"credits": -2')) + 1;
    expect(result.problems).toEqual([expect.objectContaining({ line, path: "units.0.credits" })]);
    expect(await db().qualificationSpec.count({ where: { code } })).toBe(0);
  });
});

describe("registering a candidate", () => {
  let world: World;
  let admin: Actor;
  let specs: Record<string, string>;
  beforeAll(async () => {
    world = await makeWorld();
    admin = await actorFor(world.users.admin.id);
    const rows = await db().qualificationSpec.findMany({ where: { code: { in: ["3412-03", "3412-04"] } } });
    specs = Object.fromEntries(rows.map((r) => [r.code, r.id]));
  });

  it("saves a valid selection with an audit record and shows it with its verdict", async () => {
    const units = ["101", "201", "202", "203", "204", "208", "213"];
    await registerCandidate(admin, {
      candidateId: world.users.candidate.id,
      specId: specs["3412-03"]!,
      registeredOn: "2025-09-01",
      units,
    });
    const [current] = await getRegistrations(admin, world.users.candidate.id);
    expect(current).toMatchObject({
      units,
      spec: { code: "3412-03" },
      verdict: { valid: true, total: 29 },
      progress: { achieved: 0, required: 28 },
    });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "registration.create", subjectId: world.users.candidate.id },
    });
    expect(audit.detail).toMatchObject({ qualification: "3412-03", units });
  });

  it("refuses an invalid selection with the engine's reasons, and stores nothing", async () => {
    const before = await db().candidateRegistration.count();
    const attempt = registerCandidate(admin, {
      candidateId: world.users.otherCandidate.id,
      specId: specs["3412-04"]!,
      registeredOn: "2018-01-01",
      units: ["101", "301", "302", "303", "309", "310", "319", "311", "323"],
    });
    await expect(attempt).rejects.toMatchObject({ code: "INVALID_SELECTION" });
    const error = (await attempt.catch((e: unknown) => e)) as AppError;
    expect(error.fieldErrors?.units).toEqual([
      "Unit 319 was replaced by unit 619 for candidates registered on or after 1 July 2017; this candidate was registered on 1 January 2018. Choose unit 619 instead of unit 319.",
    ]);
    expect(await db().candidateRegistration.count()).toBe(before);
  });

  it("refuses a 3412-04 registration under 16 and a 3412-05 one under 18, or without a date of birth (C&G 3412 section 2)", async () => {
    const young = await makeUser(world.a.id, ["CANDIDATE"], "young");
    const units04 = ["101", "301", "302", "303", "309", "310", "619", "311", "323"];
    const register = (registeredOn: string) =>
      registerCandidate(admin, { candidateId: young.id, specId: specs["3412-04"]!, registeredOn, units: units04 });
    await setDateOfBirth(admin, { userId: young.id, dateOfBirth: "2009-09-02" });
    const error = (await register("2025-09-01").catch((e: unknown) => e)) as AppError;
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.fieldErrors?.units?.[0]).toMatch(
      /^The candidate is 15 on 1 September 2025, under the minimum age of 16 for 3412-04\. C&G 3412 handbook/,
    );
    expect(await db().candidateRegistration.count({ where: { candidateId: young.id } })).toBe(0);
    // Sixteen on the day: accepted.
    await register("2025-09-02");
    await db().user.update({ where: { id: young.id }, data: { dateOfBirth: null } });
    await expect(register("2025-09-03")).rejects.toMatchObject({
      fieldErrors: { units: [expect.stringMatching(/^Record the candidate's date of birth first/)] },
    });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "user.date-of-birth", subjectId: young.id },
    });
    expect(audit.detail).toEqual({ before: "1990-01-01", after: "2009-09-02" });
    // Only candidates have one, and only of the administrator's own centre.
    expect(await codeOf(setDateOfBirth(admin, { userId: world.users.assessor.id, dateOfBirth: "1980-01-01" }))).toBe(
      "NOT_A_CANDIDATE",
    );
    expect(await codeOf(setDateOfBirth(admin, { userId: world.users.bCandidate.id, dateOfBirth: "1980-01-01" }))).toBe(
      "NOT_FOUND",
    );
  });

  it("a unit that needs the centre's approval registers only once the awarding body has approved the centre for it", async () => {
    const abAdmin = await actorFor(world.users.abAdmin.id);
    const edx = await db().qualificationSpec.findFirstOrThrow({
      where: { code: "EDX-CCO-2" },
      orderBy: { importedAt: "desc" },
    });
    const suite = suiteSchema.parse(edx.spec);
    const candidate = await makeUser(world.a.id, ["CANDIDATE"], "edexcel");
    const approved = { registeredOn: "2025-09-01", centreApprovals: ["N"] };
    const start = ["AA@2", "BB@1", "N@2"];
    const units = [...start, ...suggestCompletion(suite, "EDX-CCO-2", start, approved).additions];
    expect(validateSelection(suite, "EDX-CCO-2", units, approved).valid).toBe(true);
    const register = () =>
      registerCandidate(admin, { candidateId: candidate.id, specId: edx.id, registeredOn: "2025-09-01", units });
    expect(await register().catch((e: AppError) => e)).toMatchObject({ code: "INVALID_SELECTION" });
    await setCentreApproval(abAdmin, { centreId: world.a.id, specCode: "EDX-CCO-2", unitRef: "N", approved: true });
    expect((await getCentreApprovals(abAdmin, world.a.id)).units).toContainEqual(
      expect.objectContaining({ unitRef: "N", approved: true }),
    );
    expect((await getRegistrableQualification(admin, edx.id)).centreApprovals).toEqual(["N"]);
    await register();
    // Withdrawn: the next registration is refused again, and both records are kept.
    await setCentreApproval(abAdmin, { centreId: world.a.id, specCode: "EDX-CCO-2", unitRef: "N", approved: false });
    expect(await register().catch((e: AppError) => e)).toMatchObject({ code: "INVALID_SELECTION" });
    expect(await db().centreApproval.count({ where: { centreId: world.a.id } })).toBe(2);
    expect(
      await codeOf(
        setCentreApproval(abAdmin, { centreId: world.a.id, specCode: "EDX-CCO-2", unitRef: "AA", approved: true }),
      ),
    ).toBe("INVALID_INPUT");
  });

  it("keeps earlier selections: a change is a new record and the latest is current", async () => {
    const id = world.users.otherCandidate.id;
    const first = ["101", "301", "302", "303", "309", "310", "319", "311", "323"];
    await registerCandidate(admin, {
      candidateId: id,
      specId: specs["3412-04"]!,
      registeredOn: "2017-06-30",
      units: first,
    });
    const second = first.map((u) => (u === "311" ? "312" : u));
    await registerCandidate(admin, {
      candidateId: id,
      specId: specs["3412-04"]!,
      registeredOn: "2017-06-30",
      units: second,
    });
    expect(await db().candidateRegistration.count({ where: { candidateId: id } })).toBe(2);
    const current = await getRegistrations(admin, id);
    expect(current.map((r) => r.units)).toEqual([second]);
  });

  it("refuses to register someone who is not a candidate", async () => {
    await expect(
      registerCandidate(admin, {
        candidateId: world.users.assessor.id,
        specId: specs["3412-03"]!,
        registeredOn: "2025-09-01",
        units: ["101"],
      }),
    ).rejects.toMatchObject({ code: "NOT_A_CANDIDATE" });
  });
});

describe("npm run catalogue", () => {
  const cli = (...args: string[]) =>
    run("node_modules/.bin/tsx", ["scripts/catalogue.ts", ...args], {
      env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it("check prints the verdict and exits 0 for a valid selection", async () => {
    const r = await cli("check", "3412-01", "101,201,102,103");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ valid: true, total: 12, atLevel: { 1: 8, 2: 4 }, reasons: [] });
  });

  it("check exits 1 with reasons for an invalid unit-value selection", async () => {
    const r = await cli("check", "03448", "AA@2,BB@1,CC@2,G@2,I@2,J@2");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).reasons.map((x: { rule: string }) => x.rule)).toEqual(["max-restricted"]);
  });

  it("check takes the registration date for 319/619", async () => {
    const units = "101,301,302,303,309,310,319,311,323";
    expect((await cli("check", "3412-04", units, "--registered", "2017-06-30")).code).toBe(0);
    expect((await cli("check", "3412-04", units, "--registered", "2017-07-01")).code).toBe(1);
  });

  it("export prints a specification that imports back", async () => {
    const r = await cli("export", "3412-02");
    expect(r.code).toBe(0);
    const suite = suiteSchema.parse(JSON.parse(r.stdout));
    expect(suite.qualifications.map((q) => q.code)).toEqual(["3412-02"]);
  });

  it("import reports a bad file by line and exits 1", async () => {
    const file = `/tmp/${unique("spec")}.json`;
    const { writeFileSync } = await import("node:fs");
    writeFileSync(file, '{\n  "format": "nvq-qualification-spec",\n  "formatVersion": 2\n}\n');
    const r = await cli("import", file);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${file}: line 3, column 3 (formatVersion)`);
  });
});
