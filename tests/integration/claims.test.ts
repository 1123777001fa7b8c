// Certificate claims on real PostgreSQL: a claim is raised only when every rule is met, and the
// refusal names each broken rule (not signed off, on hold, IV sample outstanding, rules of
// combination, age); the claim pack is frozen with its hash and never changes; the EV appointed to
// the centre authorises or refuses once, with reasons; a refused claim is corrected by a new one.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { canonicalJson } from "@/lib/domain/claims/unit-claims";
import type { Actor } from "@/lib/domain/policy";
import { acceptAwaitingCriteria, countersignUnitAsCandidate, signOffUnit } from "@/lib/server/assessment";
import { CSV_COLUMNS, claimSummaryPdf, releasedClaimsCsv } from "@/lib/server/claims";
import { listDirectClaims, setDirectClaims } from "@/lib/server/awarding-body";
import { decideClaim, getClaim, getClaimOptions, listClaimsForVerifier, raiseClaim } from "@/lib/server/claims";
import { recordCompetence } from "@/lib/server/internal-verification";
import { db } from "@/lib/server/core/internal/db";
import { AppError } from "@/lib/server/core";
import { createEvidence, setEvidenceMapping, submitEvidence } from "@/lib/server/evidence";
import { recordVerdict, sampleUnit } from "@/lib/server/internal-verification";
import { getRegistrations, recordRegistrationNumbers } from "@/lib/server/registrations";
import { getPortfolioProgress } from "@/lib/server/assessment";
import { createPlan, qualificationsWithoutPlan } from "@/lib/server/internal-verification";
import { registrationNumbersSchema } from "@/lib/validation/registration";
import { actorFor, makeUser, makeWorld, PASSWORD, unique, type World } from "./fixtures";

const checks = { valid: true, authentic: true, reliable: true, current: true, sufficient: true };
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)),
  );

describe("certificate claims", () => {
  let w: World;
  let admin: Actor;
  let assessor: Actor;
  let iv: Actor;
  let ev: Actor;

  async function newCandidate(specCode = "3412-01", units = ["101", "201", "102", "103"], dateOfBirth = "1990-01-01") {
    const c = await makeUser(w.a.id, ["CANDIDATE"], "claimant");
    await db().user.update({ where: { id: c.id }, data: { dateOfBirth: new Date(`${dateOfBirth}T00:00:00Z`) } });
    const spec = await db().qualificationSpec.findFirstOrThrow({
      where: { code: specCode },
      orderBy: { importedAt: "asc" },
    });
    const r = await db().candidateRegistration.create({
      data: {
        candidateId: c.id,
        specId: spec.id,
        registeredOn: new Date("2025-09-01T00:00:00Z"),
        units,
        createdById: w.users.admin.id,
      },
    });
    await db().assessorAssignment.create({ data: { candidateId: c.id, assessorId: assessor.userId } });
    return { candidate: await actorFor(c.id), registrationId: r.id, specId: spec.id };
  }

  /** Evidence with a file for every criterion of the unit, accepted, signed off, countersigned by the candidate. */
  async function signedOff(candidate: Actor, specId: string, ref: string) {
    const [r] = await getRegistrations(candidate, candidate.userId);
    const criteria = r!.suite.units
      .find((u) => u.ref === ref)!
      .outcomes.flatMap((o) => o.criteria.map((c) => `${ref}:${c.number}`));
    const { id } = await createEvidence(candidate, {
      title: unique("log"),
      description: "",
      activityDate: "2026-10-01",
      method: "PRODUCT",
    });
    await db().evidenceFile.create({
      data: {
        evidenceId: id,
        storageKey: `test/${unique("k")}`,
        displayName: "log.pdf",
        contentType: "application/pdf",
        size: 1n,
        sha256: createHash("sha256").update(unique("f")).digest("hex"),
        scanStatus: "not-scanned",
        scanDetail: "",
      },
    });
    await setEvidenceMapping(candidate, { evidenceId: id, specId, criteria });
    await submitEvidence(candidate, id, { declared: true });
    await acceptAwaitingCriteria(assessor, { evidenceId: id, specId, feedback: "", ...checks, criteria });
    const { id: signOffId } = await signOffUnit(assessor, {
      candidateId: candidate.userId,
      specId,
      unitRef: ref,
      password: PASSWORD,
      declared: true,
      expected: "",
    });
    await countersignUnitAsCandidate(candidate, { signOffId, password: PASSWORD });
    return signOffId;
  }

  beforeAll(async () => {
    w = await makeWorld();
    admin = await actorFor(w.users.admin.id);
    assessor = await actorFor(w.users.assessor.id);
    iv = await actorFor(w.users.iv.id);
    ev = await actorFor(w.users.ev.id);
    await recordCompetence(admin, {
      userId: assessor.userId,
      role: "ASSESSOR",
      status: "QUALIFIED",
      award: "D32",
      achievedOn: "2015-01-01",
      certificateNumber: unique("D32"),
      occupationalCompetence: "Team leader.",
    });
    await recordCompetence(admin, {
      userId: iv.userId,
      role: "INTERNAL_VERIFIER",
      status: "QUALIFIED",
      award: "D34",
      achievedOn: "2016-01-01",
      certificateNumber: unique("D34"),
      occupationalCompetence: "Quality lead.",
    });
  });

  it("claims signed-off units and names each broken rule; the pack is frozen with its hash and never changes", async () => {
    const { candidate, registrationId, specId } = await newCandidate();
    await signedOff(candidate, specId, "201");
    const options = (await getClaimOptions(admin, candidate.userId)).options[0]!;
    expect(options.units).toEqual(
      expect.arrayContaining([
        // The world's plan covers the sign-off and did not select it (its line for the assessor samples none).
        {
          entry: "201",
          assessable: true,
          problem: null,
          verification: expect.stringMatching(/^not selected by the sampling plan for 1 January 2026 to /),
        },
        { entry: "102", assessable: true, problem: "Unit 102 is not signed off.", verification: null },
      ]),
    );
    expect(options.qualificationProblems.join(" ")).toMatch(
      /^The rules of combination are not met by the units that can be claimed/,
    );

    const refused = await failure(
      raiseClaim(admin, { candidateId: candidate.userId, registrationId, kind: "UNITS", units: ["201", "102"] }),
    );
    expect(refused?.code).toBe("CLAIM_REFUSED");
    expect(refused?.fieldErrors?.units).toEqual(["Unit 102 is not signed off."]);
    expect(await db().certificateClaim.count({ where: { candidateId: candidate.userId } })).toBe(0);
    expect(
      (
        await failure(
          raiseClaim(admin, { candidateId: candidate.userId, registrationId, kind: "QUALIFICATION", units: [] }),
        )
      )?.code,
    ).toBe("CLAIM_REFUSED");

    const { id, packSha256 } = await raiseClaim(admin, {
      candidateId: candidate.userId,
      registrationId,
      kind: "UNITS",
      units: ["201"],
    });
    const claim = await getClaim(admin, id);
    expect(claim.packIntact).toBe(true);
    expect(createHash("sha256").update(canonicalJson(claim.pack)).digest("hex")).toBe(packSha256);
    const pack = claim.pack as {
      qualification: { code: string; version: string };
      registration: { registeredOn: string };
      units: {
        ref: string;
        credits: number;
        signOff: { assessor: string };
        internalVerification: { outcome: string };
        evidence: { files: { sha256: string }[] }[];
      }[];
    };
    expect(pack.qualification.code).toBe("3412-01");
    expect(pack.registration.registeredOn).toBe("2025-09-01");
    expect(pack.units).toHaveLength(1);
    expect(pack.units[0]).toMatchObject({ ref: "201", internalVerification: { outcome: "not selected" } });
    expect(pack.units[0]!.credits).toBeGreaterThan(0);
    const files = await db().evidenceFile.findMany({
      where: { evidence: { candidateId: candidate.userId } },
      select: { sha256: true },
    });
    expect(pack.units[0]!.evidence.flatMap((e) => e.files.map((f) => f.sha256))).toEqual(files.map((f) => f.sha256));

    // Claimed once: not again while it waits.
    expect(
      (
        await failure(
          raiseClaim(admin, { candidateId: candidate.userId, registrationId, kind: "UNITS", units: ["201"] }),
        )
      )?.fieldErrors?.units,
    ).toEqual(["Unit 201 is already in a claim that is waiting for the external verifier or authorised."]);
    // Permanent: the database refuses any change to the claim or its pack.
    await expect(
      db().certificateClaim.updateMany({ where: { id }, data: { packSha256: "0".repeat(64) } }),
    ).rejects.toThrow(/permanent/);
  });

  it("an IV sample still outstanding, or a unit on hold, stops the claim until the IV agrees", async () => {
    const { candidate, registrationId, specId } = await newCandidate();
    await signedOff(candidate, specId, "102");
    const { id: sampleId } = await sampleUnit(iv, {
      candidateId: candidate.userId,
      specId,
      unitRef: "102",
      stage: "SUMMATIVE",
      reason: "Plan",
    });
    const claim = () =>
      raiseClaim(admin, { candidateId: candidate.userId, registrationId, kind: "UNITS", units: ["102"] });
    expect((await failure(claim()))?.fieldErrors?.units).toEqual([
      "Unit 102 has an internal verification sample still outstanding.",
    ]);
    const d = await recordVerdict(iv, { sampleId, outcome: "DISAGREE", feedback: "Thin.", expected: "", actions: [] });
    expect((await failure(claim()))?.fieldErrors?.units).toEqual([
      "Unit 102 is on hold: the internal verifier disagreed and has not yet agreed.",
    ]);
    const { respondToSample } = await import("@/lib/server/internal-verification");
    await respondToSample(assessor, { sampleId, note: "Added evidence." });
    await recordVerdict(iv, { sampleId, outcome: "AGREE", feedback: "", expected: d.id, actions: [] });
    const { id } = await claim();
    const pack = (await getClaim(admin, id)).pack as {
      units: { internalVerification: { outcome: string; iv: string } }[];
    };
    expect(pack.units[0]!.internalVerification).toMatchObject({ outcome: "agreed" });
  });

  it("a unit claimed under one version of the qualification is not claimed again after re-registration on the next", async () => {
    const { candidate, registrationId, specId } = await newCandidate();
    await signedOff(candidate, specId, "201");
    await raiseClaim(admin, { candidateId: candidate.userId, registrationId, kind: "UNITS", units: ["201"] });
    const old = await db().qualificationSpec.findUniqueOrThrow({ where: { id: specId } });
    const next = await db().qualificationSpec.create({
      data: {
        code: old.code,
        version: unique("next"),
        awardingBody: old.awardingBody,
        title: old.title,
        level: old.level,
        scheme: old.scheme,
        spec: old.spec as object,
        sha256: unique("sha"),
      },
    });
    await db().candidateRegistration.create({
      data: {
        candidateId: candidate.userId,
        specId: next.id,
        registeredOn: new Date("2026-09-01T00:00:00Z"),
        units: ["101", "201", "102", "103"],
        createdById: w.users.admin.id,
      },
    });
    await signedOff(candidate, next.id, "201");
    const options = (await getClaimOptions(admin, candidate.userId)).options;
    expect(options.map((o) => o.qualification.version)).toEqual([next.version]);
    expect(options[0]!.units.find((u) => u.entry === "201")?.problem).toBe(
      "Unit 201 is already in a claim that is waiting for the external verifier or authorised.",
    );
  });

  it("refuses a claim for a candidate under the qualification's minimum age, whatever the units", async () => {
    const { candidate, registrationId } = await newCandidate(
      "3412-04",
      ["101", "301", "302", "303", "309", "310", "619", "311", "323"],
      "2010-01-01",
    );
    const refused = await failure(
      raiseClaim(admin, { candidateId: candidate.userId, registrationId, kind: "UNITS", units: ["101"] }),
    );
    expect(refused?.fieldErrors?.units).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^The candidate is 15 on 1 September 2025, under the minimum age of 16 for 3412-04\./),
      ]),
    );
  });

  it("the EV appointed to the centre refuses with reasons; the corrected claim names the old one and is authorised, once", async () => {
    const { candidate, registrationId, specId } = await newCandidate();
    await signedOff(candidate, specId, "103");
    const first = await raiseClaim(admin, {
      candidateId: candidate.userId,
      registrationId,
      kind: "UNITS",
      units: ["103"],
    });
    const bEv = await actorFor(w.users.bEv.id);
    expect((await failure(decideClaim(bEv, { claimId: first.id, outcome: "AUTHORISED", reasons: "" })))?.code).toBe(
      "NOT_FOUND",
    );
    expect((await failure(getClaim(bEv, first.id)))?.code).toBe("NOT_FOUND");
    expect((await failure(decideClaim(ev, { claimId: first.id, outcome: "REFUSED", reasons: "" })))?.code).toBe(
      "INVALID_INPUT",
    );
    expect((await listClaimsForVerifier(ev)).items.find((c) => c.id === first.id)).toMatchObject({
      decision: null,
      qualification: "3412-01",
    });
    await decideClaim(ev, {
      claimId: first.id,
      outcome: "REFUSED",
      reasons: "The witness testimony for 103 is unsigned.",
    });
    expect((await failure(decideClaim(ev, { claimId: first.id, outcome: "AUTHORISED", reasons: "" })))?.code).toBe(
      "ALREADY_SIGNED",
    );

    // Refused: the unit is free to claim again, as a correction naming the refused claim; one correction only.
    const [a, b] = await Promise.all([
      failure(
        raiseClaim(admin, {
          candidateId: candidate.userId,
          registrationId,
          kind: "UNITS",
          units: ["103"],
          correctsId: first.id,
        }),
      ),
      failure(
        raiseClaim(admin, {
          candidateId: candidate.userId,
          registrationId,
          kind: "UNITS",
          units: ["103"],
          correctsId: first.id,
        }),
      ),
    ]);
    // Two at once: one lands; the other finds the unit claimed again (the candidate's lock serialises them).
    expect([a, b].filter((x) => x === null)).toHaveLength(1);
    expect([a, b].find((x) => x !== null)?.code).toMatch(/^(CLAIM_REFUSED|INVALID_INPUT)$/);
    const second = await db().certificateClaim.findFirstOrThrow({ where: { correctsId: first.id } });
    expect((await getClaim(admin, first.id)).correctedById).toBe(second.id);
    await decideClaim(ev, { claimId: second.id, outcome: "AUTHORISED", reasons: "" });
    expect((await getClaim(ev, second.id)).decision?.outcome).toBe("AUTHORISED");
    await expect(db().claimDecision.deleteMany({ where: { claimId: second.id } })).rejects.toThrow(/permanent/);
  });

  it("released claims export as CSV from the pack, with formula-like cells defused, and print as a PDF; unreleased ones do not", async () => {
    const { candidate, registrationId, specId } = await newCandidate();
    await db().user.update({ where: { id: candidate.userId }, data: { name: "=HYPERLINK(1)" } });
    await signedOff(candidate, specId, "201");
    const { id, packSha256 } = await raiseClaim(admin, {
      candidateId: candidate.userId,
      registrationId,
      kind: "UNITS",
      units: ["201"],
    });
    const abAdmin = await actorFor(w.users.abAdmin.id);
    expect(await releasedClaimsCsv(admin)).not.toContain(id);
    expect((await failure(claimSummaryPdf(abAdmin, id)))?.code).toBe("NOT_FOUND");
    await decideClaim(ev, { claimId: id, outcome: "AUTHORISED", reasons: "" });
    for (const who of [admin, abAdmin]) {
      const csv = await releasedClaimsCsv(who);
      const row = csv.split("\r\n").find((l) => l.startsWith(id))!;
      expect(row).toContain(packSha256);
      expect(row).toContain("'=HYPERLINK(1)");
      expect(row).toContain(",201,");
    }
    expect(csv0(await releasedClaimsCsv(admin))).toBe(CSV_COLUMNS.join(","));
    const bAdmin = await actorFor(w.users.bAdmin.id);
    expect(await releasedClaimsCsv(bAdmin)).not.toContain(id);
    const pdf = await claimSummaryPdf(admin, id);
    expect(Buffer.from(pdf.bytes).subarray(0, 5).toString()).toBe("%PDF-");
    expect((await failure(claimSummaryPdf(bAdmin, id)))?.code).toBe("NOT_FOUND");
  });

  it("under direct claims status a claim is released at once and stays in the EV's sample; the EV can withdraw the status, not grant it", async () => {
    const abAdmin = await actorFor(w.users.abAdmin.id);
    const bEv = await actorFor(w.users.bEv.id);
    const { candidate, registrationId, specId } = await newCandidate();
    await signedOff(candidate, specId, "201");
    await signedOff(candidate, specId, "102");
    expect(
      (await failure(setDirectClaims(ev, { centreId: w.a.id, specCode: "3412-01", granted: true, reason: "x" })))?.code,
    ).toBe("FORBIDDEN");
    await setDirectClaims(abAdmin, {
      centreId: w.a.id,
      specCode: "3412-01",
      granted: true,
      reason: "Three years of clean samples.",
    });
    const granted = await listDirectClaims(ev, w.a.id);
    expect(granted.find((x) => x.code === "3412-01")?.direct).toBe(true);
    expect(granted.filter((x) => x.direct).map((x) => x.code)).toEqual(["3412-01"]); // that qualification only
    const direct = await raiseClaim(admin, {
      candidateId: candidate.userId,
      registrationId,
      kind: "UNITS",
      units: ["201"],
    });
    expect(direct.releasedDirectly).toBe(true);
    expect(await releasedClaimsCsv(admin)).toContain(direct.id);
    expect((await listClaimsForVerifier(ev)).items.find((c) => c.id === direct.id)).toMatchObject({
      releasedDirectly: true,
      decision: null,
    });
    expect(
      (await failure(setDirectClaims(bEv, { centreId: w.a.id, specCode: "3412-01", granted: false, reason: "x" })))
        ?.code,
    ).toBe("NOT_FOUND");
    await setDirectClaims(ev, {
      centreId: w.a.id,
      specCode: "3412-01",
      granted: false,
      reason: "Sampled claims lacked dated records.",
    });
    // The latest record counts, for this qualification only.
    const statuses = await listDirectClaims(ev, w.a.id);
    expect(statuses.find((x) => x.code === "3412-01")?.direct).toBe(false);
    expect(statuses.length).toBeGreaterThan(1);
    expect(statuses.every((x) => !x.direct)).toBe(true);
    // The EV's sample refuses the directly released claim: the refusal takes it out of the released
    // claims (the awarding body's export no longer lists it, its PDF says not to certificate it),
    // and its unit may be claimed again once put right.
    await decideClaim(ev, { claimId: direct.id, outcome: "REFUSED", reasons: "The record of 201 is undated." });
    expect(await releasedClaimsCsv(admin)).not.toContain(direct.id);
    expect(await releasedClaimsCsv(abAdmin)).not.toContain(direct.id);
    expect(
      (await getClaimOptions(admin, candidate.userId)).options[0]!.units.find((u) => u.entry === "201")?.problem,
    ).toBeNull();
    const waiting = await raiseClaim(admin, {
      candidateId: candidate.userId,
      registrationId,
      kind: "UNITS",
      units: ["102"],
    });
    expect(waiting.releasedDirectly).toBe(false);
    expect(await releasedClaimsCsv(admin)).not.toContain(waiting.id);
    expect(await db().directClaimsStatus.count({ where: { centreId: w.a.id } })).toBe(2);
  });

  it("a unit no sampling plan covers and no IV sampled cannot be claimed; a plan made later selects from the units signed off in its period, and the pack names the plan", async () => {
    // A centre of its own with no plan at all, as the demo centre starts.
    const w2 = await makeWorld();
    await db().samplingPlan.deleteMany({ where: { centreId: w2.a.id } });
    const [admin2, assessor2, iv2] = await Promise.all(
      [w2.users.admin, w2.users.assessor, w2.users.iv].map((u) => actorFor(u.id)),
    );
    await recordCompetence(admin2!, {
      userId: assessor2!.userId,
      role: "ASSESSOR",
      status: "QUALIFIED",
      award: "D32",
      achievedOn: "2015-01-01",
      certificateNumber: unique("D32"),
      occupationalCompetence: "Team leader.",
    });
    await recordCompetence(admin2!, {
      userId: iv2!.userId,
      role: "INTERNAL_VERIFIER",
      status: "QUALIFIED",
      award: "D34",
      achievedOn: "2016-01-01",
      certificateNumber: unique("D34"),
      occupationalCompetence: "Quality lead.",
    });
    const c = await makeUser(w2.a.id, ["CANDIDATE"], "unplanned");
    const r = await db().candidateRegistration.create({
      data: {
        candidateId: c.id,
        specId: w2.specId,
        registeredOn: new Date("2025-09-01T00:00:00Z"),
        units: ["101", "201", "102", "103"],
        createdById: w2.users.admin.id,
      },
    });
    await db().assessorAssignment.create({ data: { candidateId: c.id, assessorId: assessor2!.userId } });
    const candidate = await actorFor(c.id);
    const sign = async (ref: string) => {
      const [reg] = await getRegistrations(candidate, candidate.userId);
      const criteria = reg!.suite.units
        .find((u) => u.ref === ref)!
        .outcomes.flatMap((o) => o.criteria.map((x) => `${ref}:${x.number}`));
      const { id } = await createEvidence(candidate, {
        title: unique("log"),
        description: "",
        activityDate: "2026-10-01",
        method: "PRODUCT",
      });
      await db().evidenceFile.create({
        data: {
          evidenceId: id,
          storageKey: `test/${unique("k")}`,
          displayName: "log.pdf",
          contentType: "application/pdf",
          size: 1n,
          sha256: createHash("sha256").update(unique("f")).digest("hex"),
          scanStatus: "not-scanned",
          scanDetail: "",
        },
      });
      await setEvidenceMapping(candidate, { evidenceId: id, specId: w2.specId, criteria });
      await submitEvidence(candidate, id, { declared: true });
      await acceptAwaitingCriteria(assessor2!, {
        evidenceId: id,
        specId: w2.specId,
        feedback: "",
        ...checks,
        criteria,
      });
      const { id: signOffId } = await signOffUnit(assessor2!, {
        candidateId: c.id,
        specId: w2.specId,
        unitRef: ref,
        password: PASSWORD,
        declared: true,
        expected: "",
      });
      await countersignUnitAsCandidate(candidate, { signOffId, password: PASSWORD });
    };
    for (const ref of ["101", "201", "102"]) await sign(ref);
    // No plan: no sample was taken at sign-off, and the units are held, with the handbook's reason.
    expect(await db().ivSample.count({ where: { candidateId: c.id } })).toBe(0);
    const options = (await getClaimOptions(admin2!, c.id)).options[0]!;
    expect(options.claimable).toEqual([]);
    expect(options.units.find((u) => u.entry === "101")?.problem).toMatch(
      /^Unit 101 has no internal verification of its sign-off: no sampling plan for the qualification covers its sign-off on \d{1,2} \w+ \d{4}, and no internal verifier has sampled the signed-off unit\./,
    );
    const refused = await failure(
      raiseClaim(admin2!, { candidateId: c.id, registrationId: r.id, kind: "UNITS", units: ["101"] }),
    );
    expect(refused?.fieldErrors?.units?.[0]).toMatch(/^Unit 101 has no internal verification of its sign-off/);
    expect((await qualificationsWithoutPlan(admin2!)).map((q) => q.id)).toContain(w2.specId);
    // An agreed interim sample looked at judgements before the sign-off, not at the sign-off: still held.
    const interim = await db().ivSample.create({
      data: {
        centreId: w2.a.id,
        candidateId: c.id,
        specId: w2.specId,
        unitRef: "201",
        stage: "INTERIM",
        criteria: ["1.1"],
        reason: "Early look",
        selectedById: iv2!.userId,
      },
    });
    await db().ivVerdict.create({
      data: { sampleId: interim.id, outcome: "AGREE", feedback: "", ivId: iv2!.userId, judgementIds: [] },
    });
    expect((await getClaimOptions(admin2!, c.id)).options[0]!.units.find((u) => u.entry === "201")?.problem).toMatch(
      /^Unit 201 has no internal verification of its sign-off/,
    );

    // The IV makes a plan for a period covering the sign-offs: they go through its selection at
    // once, oldest first. The assessor has candidates, so the plan proposes at least 2 of 3.
    const plan = await createPlan(iv2!, { specId: w2.specId, periodFrom: "2026-01-01", periodTo: "2099-12-31" });
    expect(plan.selected).toBeGreaterThanOrEqual(2);
    expect((await qualificationsWithoutPlan(admin2!)).map((q) => q.id)).not.toContain(w2.specId);
    // Across the centre (the world's own candidate's unit 101 was signed off first), and some of these units.
    expect(
      await db().ivSample.count({
        where: { centreId: w2.a.id, stage: "SUMMATIVE", reason: { startsWith: "Selected by the sampling plan" } },
      }),
    ).toBe(plan.selected);
    const samples = await db().ivSample.findMany({
      where: { candidateId: c.id, stage: "SUMMATIVE" },
      select: { id: true, unitRef: true, reason: true },
    });
    expect(samples.length).toBeGreaterThanOrEqual(1);
    expect(samples.length).toBeLessThan(3);
    expect(samples.every((x) => x.reason.startsWith("Selected by the sampling plan"))).toBe(true);
    const after = (await getClaimOptions(admin2!, c.id)).options[0]!;
    const sampled = new Set(samples.map((x) => x.unitRef));
    for (const ref of ["101", "201", "102"]) {
      const u = after.units.find((x) => x.entry === ref)!;
      if (sampled.has(ref))
        expect(u.problem).toBe(`Unit ${ref} has an internal verification sample still outstanding.`);
      else
        expect([u.problem, u.verification]).toEqual([
          null,
          "not selected by the sampling plan for 1 January 2026 to 31 December 2099",
        ]);
    }
    // The IV agrees with the samples; every unit can then be claimed, and the pack says which plan left which unit out.
    for (const x of samples)
      await recordVerdict(iv2!, { sampleId: x.id, outcome: "AGREE", feedback: "", expected: "", actions: [] });
    const { id } = await raiseClaim(admin2!, {
      candidateId: c.id,
      registrationId: r.id,
      kind: "UNITS",
      units: ["101", "201", "102"],
    });
    const pack = (await getClaim(admin2!, id)).pack as {
      units: {
        ref: string;
        internalVerification: {
          outcome: string;
          samplingPlan?: { id: string; periodFrom: string; periodTo: string } | null;
        };
      }[];
      auditHead: { eventId: string; hash: string };
    };
    for (const u of pack.units) {
      if (sampled.has(u.ref)) expect(u.internalVerification.outcome).toBe("agreed");
      else
        expect(u.internalVerification).toEqual({
          outcome: "not selected",
          samplingPlan: { id: plan.id, periodFrom: "2026-01-01", periodTo: "2099-12-31", madeBy: w2.users.iv.name },
        });
    }
    // The claim anchored the centre's audit chain: the pack's head is a checkpoint, and in the chain.
    expect(
      await db().auditCheckpoint.count({
        where: { centreId: w2.a.id, eventId: BigInt(pack.auditHead.eventId), hash: pack.auditHead.hash },
      }),
    ).toBe(1);
  });

  it("records the awarding body's enrolment number and a valid ULN on the registration, and carries both into the pack, CSV and PDF", async () => {
    const { candidate, registrationId, specId } = await newCandidate();
    expect(
      registrationNumbersSchema.safeParse({ registrationId, enrolmentNumber: "", uln: "1000000042" }).error?.issues[0]
        ?.message,
    ).toMatch(/check digit/);
    expect(registrationNumbersSchema.parse({ registrationId, enrolmentNumber: " abc 1234 ", uln: "" })).toEqual({
      registrationId,
      enrolmentNumber: "ABC1234",
      uln: null,
    });
    // The database refuses an invalid ULN whoever writes it.
    await expect(
      db().candidateRegistration.update({ where: { id: registrationId }, data: { uln: "1000000042" } }),
    ).rejects.toThrow(/uln_check/);
    await recordRegistrationNumbers(admin, { registrationId, enrolmentNumber: "NG-0042", uln: "1000000043" });
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "registration.numbers", subjectId: candidate.userId },
    });
    // The trail, which outlives retention, holds the numbers' last characters, not the numbers.
    expect(event.detail).toMatchObject({
      before: { enrolmentNumber: null, uln: null },
      after: { enrolmentNumber: "…042", uln: "…043" },
    });
    expect(JSON.stringify(event.detail)).not.toContain("1000000043");
    const bAdmin = await actorFor(w.users.bAdmin.id);
    expect(
      (await failure(recordRegistrationNumbers(bAdmin, { registrationId, enrolmentNumber: null, uln: null })))?.code,
    ).toBe("NOT_FOUND");

    await signedOff(candidate, specId, "201");
    const { id } = await raiseClaim(admin, {
      candidateId: candidate.userId,
      registrationId,
      kind: "UNITS",
      units: ["201"],
    });
    const pack = (await getClaim(admin, id)).pack as { registration: { enrolmentNumber: string; uln: string } };
    expect(pack.registration).toMatchObject({ enrolmentNumber: "NG-0042", uln: "1000000043" });
    await decideClaim(ev, { claimId: id, outcome: "AUTHORISED", reasons: "" });
    const csv = (await releasedClaimsCsv(admin)).split("\r\n");
    const header = csv[0]!.split(",");
    const row = csv.find((l) => l.startsWith(id))!.split(",");
    expect(row[header.indexOf("enrolment_number")]).toBe("NG-0042");
    expect(row[header.indexOf("uln")]).toBe("1000000043");
    const pdf = Buffer.from((await claimSummaryPdf(admin, id)).bytes).toString("latin1");
    expect(pdf).toContain("%PDF-");
  });

  it("a corrected sign-off carries the record it corrected into the pack: the history shows both", async () => {
    const { candidate, registrationId, specId } = await newCandidate();
    const first = await signedOff(candidate, specId, "103");
    const { correctSignOff } = await import("@/lib/server/assessment");
    const { id: second } = await correctSignOff(assessor, {
      signOffId: first,
      action: "resign",
      reason: "The declaration named the wrong date.",
      password: PASSWORD,
      declared: true,
    });
    await countersignUnitAsCandidate(candidate, { signOffId: second, password: PASSWORD });
    const { id } = await raiseClaim(admin, {
      candidateId: candidate.userId,
      registrationId,
      kind: "UNITS",
      units: ["103"],
    });
    const pack = (await getClaim(admin, id)).pack as {
      units: {
        signOff: {
          id: string;
          correctionReason: string;
          earlierRecords: { id: string; signed: boolean; candidateSignedAt: string | null }[];
        };
      }[];
    };
    expect(pack.units[0]!.signOff).toMatchObject({
      id: second,
      correctionReason: "The declaration named the wrong date.",
      earlierRecords: [{ id: first, signed: true, candidateSignedAt: expect.any(String) }],
    });
    const progress = (await getPortfolioProgress(admin, candidate.userId))[0]!.units.find((u) => u.ref === "103")!;
    expect(progress.signOff?.id).toBe(second);
    expect(progress.earlierSignOffs.map((e) => e.id)).toEqual([first]);
  });

  it("a claim cannot be authorised once a rule it rested on is broken: the EV is told why and refuses it", async () => {
    const { candidate, registrationId, specId } = await newCandidate();
    await signedOff(candidate, specId, "101");
    const claim = await raiseClaim(admin, {
      candidateId: candidate.userId,
      registrationId,
      kind: "UNITS",
      units: ["101"],
    });
    const { id: sampleId } = await sampleUnit(iv, {
      candidateId: candidate.userId,
      specId,
      unitRef: "101",
      stage: "SUMMATIVE",
      reason: "After the claim",
    });
    await recordVerdict(iv, { sampleId, outcome: "DISAGREE", feedback: "Not sufficient.", expected: "", actions: [] });
    const refused = await failure(decideClaim(ev, { claimId: claim.id, outcome: "AUTHORISED", reasons: "" }));
    expect(refused?.code).toBe("CLAIM_REFUSED");
    expect(refused?.fieldErrors?.units?.[0]).toBe(
      "Unit 101 is on hold: the internal verifier disagreed and has not yet agreed.",
    );
    expect(await db().claimDecision.count({ where: { claimId: claim.id } })).toBe(0);
    await decideClaim(ev, {
      claimId: claim.id,
      outcome: "REFUSED",
      reasons: "The IV disagreed with unit 101 after the claim.",
    });
  });
});

const csv0 = (csv: string) => csv.split("\r\n")[0];
