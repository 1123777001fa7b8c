// Internal verification on real PostgreSQL: sampling a signed-off unit, a disagreement putting it
// on hold (it stops counting), the assessor's response, agreement; and the rule above all others:
// nobody internally verifies their own assessments, including a unit they judged only in part.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/policy";
import {
  acceptAwaitingCriteria,
  countersignUnitAsCandidate,
  judgeCriterion,
  signOffUnit,
} from "@/lib/server/assessment";
import { recordCompetence } from "@/lib/server/internal-verification";
import { db } from "@/lib/server/core/internal/db";
import { AppError } from "@/lib/server/core";
import { createEvidence, setEvidenceMapping, submitEvidence } from "@/lib/server/evidence";
import {
  getSample,
  listFlaggedUnits,
  listSamples,
  listSignedOffUnits,
  markIvActionDone,
  recordVerdict,
  respondToSample,
  sampleUnit,
} from "@/lib/server/internal-verification";
import { getPortfolioProgress } from "@/lib/server/assessment";
import { getIvDashboard } from "@/lib/server/internal-verification";
import { adjustPlan, createPlan, getPlan, listPlanQualifications } from "@/lib/server/internal-verification";
import { proposedSampleSize, riskFactors, riskRating } from "@/lib/domain/internal-verification/risk";
import { londonToday } from "@/lib/domain/today";
import { getRegistrations } from "@/lib/server/registrations";
import { actorFor, makeUser, makeWorld, PASSWORD, unique, type World } from "./fixtures";

const checks = { valid: true, authentic: true, reliable: true, current: true, sufficient: true };
const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e) => (e instanceof AppError ? e.code : Promise.reject(e)),
  );

describe("internal verification", () => {
  let w: World;
  let candidate: Actor;
  let assessor: Actor;
  let iv: Actor;
  let gareth: Actor;

  /** Unit `ref` of the candidate: evidence for every criterion, all accepted by `judge`, signed off and countersigned. */
  async function signedOffUnit(ref: string, judges: Actor[] = [assessor]) {
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
        sha256: "a".repeat(64),
        scanStatus: "not-scanned",
        scanDetail: "",
      },
    });
    await setEvidenceMapping(candidate, { evidenceId: id, specId: w.specId, criteria });
    await submitEvidence(candidate, id, { declared: true });
    // The first judge decides the first criterion alone; the last accepts the rest.
    if (judges.length > 1) {
      const [unitRef, criterion] = criteria[0]!.split(":") as [string, string];
      await judgeCriterion(judges[0]!, {
        evidenceId: id,
        specId: w.specId,
        unitRef,
        criterion,
        outcome: "ACCEPTED",
        feedback: "",
        ...checks,
        checksNote: "",
        expected: "",
      });
    }
    await acceptAwaitingCriteria(judges.at(-1)!, {
      evidenceId: id,
      specId: w.specId,
      feedback: "",
      ...checks,
      criteria: judges.length > 1 ? criteria.slice(1) : criteria,
    });
    const { id: signOffId } = await signOffUnit(judges.at(-1)!, {
      candidateId: candidate.userId,
      specId: w.specId,
      unitRef: ref,
      password: PASSWORD,
      declared: true,
      expected: "",
    });
    await countersignUnitAsCandidate(candidate, { signOffId, password: PASSWORD });
    return { evidenceId: id, signOffId };
  }
  const unitState = async (ref: string) => (await getRegistrations(candidate, candidate.userId))[0]!.unitStates[ref];

  beforeAll(async () => {
    w = await makeWorld();
    candidate = await actorFor(w.users.candidate.id);
    assessor = await actorFor(w.users.assessor.id);
    iv = await actorFor(w.users.iv.id);
    const admin = await actorFor(w.users.admin.id);
    // Gareth: an IV who also assesses, on this candidate's caseload.
    const g = await makeUser(w.a.id, ["INTERNAL_VERIFIER", "ASSESSOR"], "gareth");
    await db().assessorAssignment.create({ data: { candidateId: candidate.userId, assessorId: g.id } });
    gareth = await actorFor(g.id);
    for (const who of [assessor, gareth]) {
      await recordCompetence(admin, {
        userId: who.userId,
        role: "ASSESSOR",
        status: "QUALIFIED",
        award: "D32",
        achievedOn: "2015-01-01",
        certificateNumber: unique("D32"),
        occupationalCompetence: "Team leader.",
      });
    }
    await recordCompetence(admin, {
      userId: iv.userId,
      role: "INTERNAL_VERIFIER",
      status: "QUALIFIED",
      award: "V1",
      achievedOn: "2014-01-01",
      certificateNumber: unique("V1"),
      occupationalCompetence: "Quality lead.",
    });
    await recordCompetence(admin, {
      userId: gareth.userId,
      role: "INTERNAL_VERIFIER",
      status: "QUALIFIED",
      award: "D34",
      achievedOn: "2016-01-01",
      certificateNumber: unique("D34"),
      occupationalCompetence: "Operations manager.",
    });
  });

  it("a disagreement puts the unit on hold, so it stops counting; the assessor responds and the IV agrees", async () => {
    await signedOffUnit("201");
    expect(await unitState("201")).toBe("achieved");
    const credits = (await getRegistrations(candidate, candidate.userId))[0]!.progress.achieved;
    expect(credits).toBe(4); // unit 201 is 4 credits (the world already has a sign-off of 101)

    const listed = await listSignedOffUnits(iv, { page: 1 });
    expect(listed.items.find((i) => i.unitRef === "201" && i.candidateId === candidate.userId)).toMatchObject({
      own: false,
      sampleId: null,
    });
    const { id: sampleId } = await sampleUnit(iv, {
      candidateId: candidate.userId,
      specId: w.specId,
      unitRef: "201",
      stage: "SUMMATIVE",
      reason: "Newly signed off",
    });
    // Sampling twice gives the same sample.
    expect(
      (
        await sampleUnit(iv, {
          candidateId: candidate.userId,
          specId: w.specId,
          unitRef: "201",
          stage: "SUMMATIVE",
          reason: "Again",
        })
      ).id,
    ).toBe(sampleId);

    const disagree = {
      sampleId,
      outcome: "DISAGREE" as const,
      feedback: "1.1 rests on a policy read, not on performance at work.",
      expected: "",
      actions: [{ text: "Observe the candidate following the procedure", targetOn: "2099-01-31" }],
    };
    const [first, second] = await Promise.allSettled([recordVerdict(iv, disagree), recordVerdict(iv, disagree)]);
    expect([first.status, second.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect(await unitState("201")).toBe("on-hold");
    expect((await getRegistrations(candidate, candidate.userId))[0]!.progress.achieved).toBe(0);
    const [progress] = await getPortfolioProgress(assessor, candidate.userId);
    expect(progress!.units.find((u) => u.ref === "201")!.state).toBe("on-hold");
    expect(await db().ivActionPoint.count({ where: { assessorId: assessor.userId, verdict: { sampleId } } })).toBe(1);

    const sample = await getSample(iv, sampleId);
    expect(sample.onHold).toBe(true);
    const agree = { sampleId, outcome: "AGREE" as const, feedback: "", expected: sample.latestVerdictId, actions: [] };
    await expect(recordVerdict(iv, agree)).rejects.toMatchObject({
      fieldErrors: { outcome: ["The assessor has not yet responded to the disagreement."] },
    });
    await respondToSample(assessor, { sampleId, note: "Observed the candidate on 3 November; observation added." });
    await recordVerdict(iv, agree);
    expect(await unitState("201")).toBe("achieved");
    expect((await listSamples(iv, { page: 1 })).items.find((s) => s.id === sampleId)?.state).toBe("agreed");
    // The dashboard: one disagreement and one agreement on Amira's units this month.
    const dashboard = await getIvDashboard(iv);
    const amira = dashboard.rates.items.find((r) => r.assessorId === assessor.userId)!;
    expect(amira.byMonth.at(-1)).toMatchObject({ agreed: 1, total: 2, rate: 50 });
    // The world has one open action point of Amira's already (fixtures.ts); this disagreement added one.
    expect(dashboard.actionPoints.items.find((a) => a.assessorId === assessor.userId)).toMatchObject({
      open: 2,
      overdue: 0,
    });
    const point = await db().ivActionPoint.findFirstOrThrow({
      where: { assessorId: assessor.userId, verdict: { sampleId } },
    });
    await expect(markIvActionDone(iv, point.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await Promise.all([markIvActionDone(assessor, point.id), markIvActionDone(assessor, point.id)]);
    expect((await getIvDashboard(iv)).actionPoints.items.find((a) => a.assessorId === assessor.userId)).toMatchObject({
      open: 1,
    });
    await expect(respondToSample(assessor, { sampleId, note: "Again" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    // Verdicts are permanent.
    await expect(
      db().$executeRaw`UPDATE "IvVerdict" SET outcome = 'AGREE' WHERE "sampleId" = ${sampleId}::uuid`,
    ).rejects.toThrow(/permanent/);
  });

  it("nobody verifies their own assessments, even a unit they judged only in part, by any route", async () => {
    // Gareth accepts one criterion of unit 102; Amira accepts the rest and signs it off.
    await signedOffUnit("102", [gareth, assessor]);
    const unit = { candidateId: candidate.userId, specId: w.specId, unitRef: "102" };
    const row = (await listSignedOffUnits(gareth, { page: 1 })).items.find(
      (i) => i.unitRef === "102" && i.candidateId === candidate.userId,
    );
    expect(row?.own).toBe(true);
    expect(await code(sampleUnit(gareth, { ...unit, stage: "SUMMATIVE", reason: "Mine" }))).toBe("OWN_VERIFICATION");
    // Another IV samples it; Gareth still cannot open or decide it.
    const { id: sampleId } = await sampleUnit(iv, { ...unit, stage: "SUMMATIVE", reason: "Routed to another IV" });
    expect(await code(getSample(gareth, sampleId))).toBe("OWN_VERIFICATION");
    expect(
      await code(recordVerdict(gareth, { sampleId, outcome: "AGREE", feedback: "", expected: "", actions: [] })),
    ).toBe("OWN_VERIFICATION");
    expect(await code(getSample(iv, sampleId))).toBe("ok");
  });

  it("a countersignature counts as one's own decision too; other centres get nothing", async () => {
    await signedOffUnit("103");
    const signOff = await db().unitSignOff.findFirstOrThrow({
      where: { candidateId: candidate.userId, unitRef: "103" },
    });
    // Recorded directly: Gareth countersigned the sign-off.
    await db().countersignature.create({
      data: { signOffId: signOff.id, assessorId: gareth.userId, declaration: "test" },
    });
    expect(
      await code(
        sampleUnit(gareth, {
          candidateId: candidate.userId,
          specId: w.specId,
          unitRef: "103",
          stage: "INTERIM",
          reason: "x",
        }),
      ),
    ).toBe("OWN_VERIFICATION");
    const bIv = await actorFor(w.users.bAssessor.id);
    expect(
      await code(
        sampleUnit(bIv, {
          candidateId: candidate.userId,
          specId: w.specId,
          unitRef: "103",
          stage: "INTERIM",
          reason: "x",
        }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("authenticity signals raise a unit's priority, each with its reason", async () => {
    // Unit 103 was signed off in the test before.
    const evidenceId = (
      await db().unitSignOff.findFirstOrThrow({
        where: { candidateId: candidate.userId, unitRef: "103", signed: true },
      })
    ).evidenceIds[0]!;
    const other = await makeUser(w.a.id, ["CANDIDATE"], "copier");
    const copy = await db().evidence.create({
      data: {
        candidateId: other.id,
        title: "Copied",
        description: "",
        activityDate: new Date("2026-10-01"),
        method: "PRODUCT",
      },
    });
    await db().evidenceFile.create({
      data: {
        evidenceId: copy.id,
        storageKey: `test/${unique("k")}`,
        displayName: "copy.pdf",
        contentType: "application/pdf",
        size: 1n,
        sha256: "a".repeat(64),
        scanStatus: "not-scanned",
        scanDetail: "",
      },
    });
    // A copy at another centre is not counted: the IV learns nothing about other centres' candidates.
    const elsewhere = await db().evidence.create({
      data: {
        candidateId: w.users.bCandidate.id,
        title: "Elsewhere",
        description: "",
        activityDate: new Date("2026-10-01"),
        method: "PRODUCT",
      },
    });
    await db().evidenceFile.create({
      data: {
        evidenceId: elsewhere.id,
        storageKey: `test/${unique("k")}`,
        displayName: "copy.pdf",
        contentType: "application/pdf",
        size: 1n,
        sha256: "a".repeat(64),
        scanStatus: "not-scanned",
        scanDetail: "",
      },
    });
    await db().evidence.update({ where: { id: evidenceId }, data: { activityDate: new Date("2024-01-01") } });
    const row = (await listSignedOffUnits(iv, { page: 1 })).items.find(
      (i) => i.candidateId === candidate.userId && i.unitRef === "103",
    )!;
    expect(row.signals).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^The file "log.pdf" \(same SHA-256\) is also in another candidate's portfolio\.$/),
        expect.stringMatching(/is dated before the candidate's registration\.$/),
        expect.stringMatching(/is dated more than a year before it was judged\.$/),
      ]),
    );
    // Found across the centre too, not only on the first page of the list.
    const flagged = await listFlaggedUnits(iv);
    expect(flagged.find((i) => i.candidateId === candidate.userId && i.unitRef === "103")?.signals).toEqual(
      row.signals,
    );
  });

  it("plans can be made for the qualifications the centre's candidates are registered on, and no others", async () => {
    const codes = (await listPlanQualifications(await actorFor(w.users.iv.id))).map((q) => q.code);
    const used = await db().candidateRegistration.findMany({
      where: { candidate: { centreId: w.a.id } },
      select: { spec: { select: { code: true } } },
    });
    expect(codes).toEqual([...new Set(used.map((r) => r.spec.code))].sort());
    expect(codes.length).toBeGreaterThan(0);
    expect((await listPlanQualifications(await actorFor(w.users.bAssessor.id))).map((q) => q.code)).toEqual([]);
  });

  it("a plan rates each assessor by the documented rule, proposes a sample, takes overrides with a reason, and shows coverage", async () => {
    // Made during its period: the units already signed off in it go through its selection at once.
    const { id, selected } = await createPlan(iv, {
      specId: w.specId,
      periodFrom: "2026-01-01",
      periodTo: londonToday(),
    });
    const plan = await getPlan(iv, id);
    const amira = plan.lines.find((l) => l.assessorId === assessor.userId)!;
    const signedOff = await db().unitSignOff.count({
      where: { assessorId: assessor.userId, specId: w.specId, signed: true },
    });
    expect(amira.facts).toMatchObject({
      workingTowards: false,
      earlierSignOffs: 0,
      decisionsInPeriod: signedOff,
      disagreements: 1,
    });
    expect(amira.factors.map((f) => f.label)).toEqual(
      expect.arrayContaining([
        "New to this qualification (no earlier sign-offs)",
        "Earlier samples disagreed (1 of 1)",
      ]),
    );
    expect(amira.rating).toBe(riskRating(riskFactors(amira.facts)));
    expect(amira.proposed).toBe(proposedSampleSize(amira.rating, signedOff));
    // Units 201 and 102 of hers were sampled by hand, and the plan took what its rule selects of the rest.
    expect(selected).toBeGreaterThanOrEqual(0);
    expect(amira.sampled).toBe(2 + selected);
    expect(
      plan.matrix.find((r) => r.assessorId === assessor.userId)!.cells.find((c) => c.unitRef === "201"),
    ).toMatchObject({ signedOff: 1, sampled: 1 });
    // The methods of the units sampled by hand (the fixture's own sign-off records no evidence).
    expect(plan.methods.find((m) => m.method === "PRODUCT")).toMatchObject({ sampled: 2 });
    expect(plan.methods.find((m) => m.method === "OBSERVATION")).toMatchObject({ signedOff: 0, sampled: 0 });
    // One candidate, reached; their evidence records no place, so it counts as at their workplace.
    expect(plan.candidates).toEqual({ signedOff: 1, sampled: 1 });
    expect(plan.sites).toEqual([{ site: null, signedOff: signedOff, sampled: 2 + selected }]);

    await adjustPlan(iv, {
      planId: id,
      assessorId: assessor.userId,
      rating: "HIGH",
      target: 3,
      reason: "New to 3412-01 at this centre.",
    });
    const adjusted = (await getPlan(iv, id)).lines.find((l) => l.assessorId === assessor.userId)!;
    expect(adjusted).toMatchObject({
      rating: "HIGH",
      target: 3,
      override: "New to 3412-01 at this centre.",
      computed: amira.computed,
    });
    // Gareth's own line is routed to another IV; the centre has one (the world's IV, qualified).
    const garethsPlan = await getPlan(
      gareth,
      (await createPlan(gareth, { specId: w.specId, periodFrom: "2026-01-01", periodTo: londonToday() })).id,
    );
    const own = garethsPlan.lines.find((l) => l.assessorId === gareth.userId)!;
    expect(own.own).toBe(true);
    expect(own.verifiers).toEqual([{ name: expect.any(String), qualified: true }]);
    expect(own.verifiers.map((v) => v.name)).not.toContain(
      (await db().user.findUniqueOrThrow({ where: { id: gareth.userId } })).name,
    );
    const bIv = await actorFor(w.users.bAssessor.id);
    expect(await code(getPlan(bIv, id))).toBe("NOT_FOUND");
    expect(
      await code(adjustPlan(bIv, { planId: id, assessorId: assessor.userId, rating: "LOW", target: 0, reason: "x" })),
    ).toBe("NOT_FOUND");
  });
});
