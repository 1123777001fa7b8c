// Internal verification, the rest of it, on real PostgreSQL: an IV working towards the verifier
// units and the qualified IV's countersignature; interim samples of some criteria; the plan
// selecting newly signed-off units for the summative sample; observations and standardisation
// meetings feeding the risk rating.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/policy";
import {
  acceptAwaitingCriteria,
  correctSignOff,
  countersignUnitAsCandidate,
  signOffUnit,
} from "@/lib/server/assessment";
import { createAssessorEvidence } from "@/lib/server/evidence";
import { recordCompetence } from "@/lib/server/internal-verification";
import { heldUnits } from "@/lib/server/assessment/internal/assessment-state";
import { db } from "@/lib/server/core/internal/db";
import { AppError } from "@/lib/server/core";
import { createEvidence, setEvidenceMapping, submitEvidence } from "@/lib/server/evidence";
import {
  getSample,
  listSamples,
  listSignedOffUnits,
  listUnitsInProgress,
  recordVerdict,
  respondToSample,
  sampleUnit,
} from "@/lib/server/internal-verification";
import { countersignVerdicts, listIvCountersignQueue } from "@/lib/server/internal-verification";
import { adjustPlan, createPlan, getPlan } from "@/lib/server/internal-verification";
import { recordMeeting, recordObservation } from "@/lib/server/internal-verification";
import { getRegistrations } from "@/lib/server/registrations";
import { londonToday } from "@/lib/domain/today";
import { actorFor, makeUser, makeWorld, PASSWORD, unique, type World } from "./fixtures";

const checks = { valid: true, authentic: true, reliable: true, current: true, sufficient: true };
const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e) => (e instanceof AppError ? e.code : Promise.reject(e)),
  );
const qualifiedAs = (role: "ASSESSOR" | "INTERNAL_VERIFIER") =>
  role === "ASSESSOR"
    ? ({
        role,
        status: "QUALIFIED",
        award: "D32",
        achievedOn: "2015-01-01",
        occupationalCompetence: "Team leader.",
      } as const)
    : ({
        role,
        status: "QUALIFIED",
        award: "D34",
        achievedOn: "2016-01-01",
        occupationalCompetence: "Quality lead.",
      } as const);

describe("internal verification: competence, interim and plan-driven samples, standardisation", () => {
  let w: World;
  let admin: Actor;
  let assessor: Actor;
  let iv: Actor;
  let trainee: Actor;
  let gareth: Actor;

  /** A fresh candidate of the world's centre on 3412-01, assessed by the world's assessor and Gareth. */
  async function newCandidate() {
    const c = await makeUser(w.a.id, ["CANDIDATE"], "candidate");
    await db().candidateRegistration.create({
      data: {
        candidateId: c.id,
        specId: w.specId,
        registeredOn: new Date("2025-09-01T00:00:00Z"),
        units: ["101", "201", "102", "103"],
        createdById: w.users.admin.id,
      },
    });
    await db().assessorAssignment.createMany({
      data: [
        { candidateId: c.id, assessorId: assessor.userId },
        { candidateId: c.id, assessorId: gareth.userId },
      ],
    });
    return actorFor(c.id);
  }

  /** Evidence for every criterion of unit `ref`, accepted by `judge` (all, or `only` these criteria). */
  async function judged(candidate: Actor, ref: string, judge: Actor, only?: number) {
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
        sha256: unique("h").padEnd(64, "0").slice(0, 64),
        scanStatus: "not-scanned",
        scanDetail: "",
      },
    });
    await setEvidenceMapping(candidate, { evidenceId: id, specId: w.specId, criteria });
    await submitEvidence(candidate, id, { declared: true });
    await acceptAwaitingCriteria(judge, {
      evidenceId: id,
      specId: w.specId,
      feedback: "",
      ...checks,
      criteria: criteria.slice(0, only ?? criteria.length),
    });
    return { evidenceId: id, criteria: criteria.map((c) => c.split(":")[1]!) };
  }

  async function signedOff(candidate: Actor, ref: string, judge: Actor = assessor) {
    await judged(candidate, ref, judge);
    const { id } = await signOffUnit(judge, {
      candidateId: candidate.userId,
      specId: w.specId,
      unitRef: ref,
      password: PASSWORD,
      declared: true,
      expected: "",
    });
    await countersignUnitAsCandidate(candidate, { signOffId: id, password: PASSWORD });
    return id;
  }
  const state = async (candidate: Actor, ref: string) =>
    (await getRegistrations(candidate, candidate.userId))[0]!.unitStates[ref];

  beforeAll(async () => {
    w = await makeWorld();
    admin = await actorFor(w.users.admin.id);
    assessor = await actorFor(w.users.assessor.id);
    iv = await actorFor(w.users.iv.id);
    trainee = await actorFor((await makeUser(w.a.id, ["INTERNAL_VERIFIER"], "trainee-iv")).id);
    gareth = await actorFor((await makeUser(w.a.id, ["INTERNAL_VERIFIER", "ASSESSOR"], "gareth")).id);
    for (const who of [assessor, gareth])
      await recordCompetence(admin, {
        userId: who.userId,
        ...qualifiedAs("ASSESSOR"),
        certificateNumber: unique("D32"),
      });
    for (const who of [iv, gareth])
      await recordCompetence(admin, {
        userId: who.userId,
        ...qualifiedAs("INTERNAL_VERIFIER"),
        certificateNumber: unique("D34"),
      });
    await recordCompetence(admin, {
      userId: trainee.userId,
      role: "INTERNAL_VERIFIER",
      status: "WORKING_TOWARDS",
      award: "TAQA-IQA",
      achievedOn: "",
      certificateNumber: "",
      occupationalCompetence: "Quality manager.",
    });
  });

  it("an IV's competence record is kept per role, and an assessor award cannot stand for a verifier one", async () => {
    expect(
      await code(
        recordCompetence(admin, {
          userId: trainee.userId,
          role: "INTERNAL_VERIFIER",
          status: "QUALIFIED",
          award: "D32",
          achievedOn: "2020-01-01",
          certificateNumber: "X1",
          occupationalCompetence: "x",
        }),
      ),
    ).toBe("ok");
    // The schema refuses the pairing at the edge; the data layer refuses a role the person does not hold.
    expect(
      await code(
        recordCompetence(admin, {
          userId: trainee.userId,
          role: "ASSESSOR",
          status: "QUALIFIED",
          award: "D32",
          achievedOn: "2020-01-01",
          certificateNumber: "X2",
          occupationalCompetence: "x",
        }),
      ),
    ).toBe("NOT_FOUND");
    // Put her back to working towards for the rest of the file.
    await recordCompetence(admin, {
      userId: trainee.userId,
      role: "INTERNAL_VERIFIER",
      status: "WORKING_TOWARDS",
      award: "TAQA-IQA",
      achievedOn: "",
      certificateNumber: "",
      occupationalCompetence: "Quality manager.",
    });
    const { competenceSchema } = await import("@/lib/validation/assessment");
    const parsed = competenceSchema.safeParse({
      userId: trainee.userId,
      role: "INTERNAL_VERIFIER",
      status: "QUALIFIED",
      award: "D32",
      achievedOn: "2020-01-01",
      certificateNumber: "X",
      occupationalCompetence: "x",
    });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.message).toMatch(/verifier award/);
  });

  it("a working-towards IV's agreement counts only once a qualified IV countersigns it; a disagreement holds at once", async () => {
    const candidate = await newCandidate();
    await signedOff(candidate, "201");
    const { id: sampleId } = await sampleUnit(trainee, {
      candidateId: candidate.userId,
      specId: w.specId,
      unitRef: "201",
      stage: "SUMMATIVE",
      reason: "Trainee's sample",
    });
    const disagree = await recordVerdict(trainee, {
      sampleId,
      outcome: "DISAGREE",
      feedback: "Thin evidence for 1.2.",
      expected: "",
      actions: [],
    });
    expect(disagree.needsCountersignature).toBe(true);
    expect(await state(candidate, "201")).toBe("on-hold");
    await respondToSample(assessor, { sampleId, note: "Added a second call log." });
    const agree = await recordVerdict(trainee, {
      sampleId,
      outcome: "AGREE",
      feedback: "Now sufficient.",
      expected: disagree.id,
      actions: [],
    });
    // Not yet countersigned: the unit stays on hold.
    expect(await state(candidate, "201")).toBe("on-hold");
    expect((await getSample(trainee, sampleId)).state).toBe("awaiting-countersignature");

    expect((await listIvCountersignQueue(trainee)).qualified).toBe(false);
    expect(await code(countersignVerdicts(trainee, { ids: [agree.id], password: PASSWORD }))).toBe("NOT_QUALIFIED_IV");
    expect(await code(countersignVerdicts(iv, { ids: [agree.id], password: "wrong" }))).toBe("WRONG_PASSWORD");
    const queue = await listIvCountersignQueue(iv);
    expect(queue.verdicts.filter((v) => v.sample.id === sampleId).map((v) => v.blocked)).toEqual([null, null]);
    // Two countersignatures at once: one lands, the other is told it is already signed.
    const both = await Promise.all(
      [
        countersignVerdicts(iv, { ids: [agree.id], password: PASSWORD }),
        countersignVerdicts(iv, { ids: [agree.id], password: PASSWORD }),
      ].map(code),
    );
    expect(both.sort()).toEqual(["ALREADY_SIGNED", "ok"]);
    expect(await state(candidate, "201")).not.toBe("on-hold");
    expect((await getSample(iv, sampleId)).state).toBe("agreed");
  });

  it("the countersigning IV is bound by the own-decisions rule, and nobody countersigns their own verdict", async () => {
    const candidate = await newCandidate();
    // Gareth judged some of unit 103's criteria; the world's assessor the rest and signed it off.
    const { evidenceId, criteria } = await judged(candidate, "103", gareth, 1);
    await acceptAwaitingCriteria(assessor, {
      evidenceId,
      specId: w.specId,
      feedback: "",
      ...checks,
      criteria: criteria.slice(1).map((c) => `103:${c}`),
    });
    const { id: signOffId } = await signOffUnit(assessor, {
      candidateId: candidate.userId,
      specId: w.specId,
      unitRef: "103",
      password: PASSWORD,
      declared: true,
      expected: "",
    });
    await countersignUnitAsCandidate(candidate, { signOffId, password: PASSWORD });
    const { id: sampleId } = await sampleUnit(trainee, {
      candidateId: candidate.userId,
      specId: w.specId,
      unitRef: "103",
      stage: "SUMMATIVE",
      reason: "x",
    });
    const verdict = await recordVerdict(trainee, {
      sampleId,
      outcome: "AGREE",
      feedback: "",
      expected: "",
      actions: [],
    });
    expect(await code(countersignVerdicts(gareth, { ids: [verdict.id], password: PASSWORD }))).toBe("OWN_VERIFICATION");
    expect((await listIvCountersignQueue(gareth)).verdicts.find((v) => v.id === verdict.id)?.blocked).toMatch(
      /took part in assessing this unit/,
    );
    // The qualified IV's own verdict needs no countersignature, and nobody signs their own.
    const candidate2 = await newCandidate();
    await signedOff(candidate2, "201");
    const own = await sampleUnit(iv, {
      candidateId: candidate2.userId,
      specId: w.specId,
      unitRef: "201",
      stage: "SUMMATIVE",
      reason: "x",
    });
    const ivVerdict = await recordVerdict(iv, {
      sampleId: own.id,
      outcome: "AGREE",
      feedback: "",
      expected: "",
      actions: [],
    });
    expect(ivVerdict.needsCountersignature).toBe(false);
    expect(await code(countersignVerdicts(gareth, { ids: [ivVerdict.id], password: PASSWORD }))).toBe("INVALID_INPUT");
    // Countersignatures are permanent.
    await countersignVerdicts(iv, { ids: [verdict.id], password: PASSWORD });
    await expect(db().ivCountersignature.deleteMany({ where: { verdictId: verdict.id } })).rejects.toThrow(
      /permanent|cannot be changed/i,
    );
  });

  it("an interim sample takes judged criteria of a unit still being assessed, and its verdict covers those judgements only", async () => {
    const candidate = await newCandidate();
    const { criteria } = await judged(candidate, "201", assessor, 3);
    const listed = (await listUnitsInProgress(iv, { page: 1, assessorId: assessor.userId })).items.find(
      (u) => u.candidateId === candidate.userId && u.unitRef === "201",
    )!;
    expect(listed.criteria).toEqual(criteria.slice(0, 3).sort());
    expect(listed.own).toBe(false);
    expect(
      (await listUnitsInProgress(gareth, { page: 1, assessorId: assessor.userId })).items.find(
        (u) => u.candidateId === candidate.userId,
      )?.own,
    ).toBe(false);

    const unit = { candidateId: candidate.userId, specId: w.specId, unitRef: "201" };
    expect(await code(sampleUnit(iv, { ...unit, stage: "SUMMATIVE", reason: "x" }))).toBe("INVALID_INPUT");
    expect(await code(sampleUnit(iv, { ...unit, stage: "INTERIM", criteria: [criteria[5]!], reason: "x" }))).toBe(
      "INVALID_INPUT",
    );
    const { id: sampleId } = await sampleUnit(iv, {
      ...unit,
      stage: "INTERIM",
      criteria: [criteria[1]!, criteria[0]!],
      reason: "Early check",
    });
    expect(
      (await listUnitsInProgress(iv, { page: 1, assessorId: assessor.userId })).items.find(
        (u) => u.candidateId === candidate.userId && u.unitRef === "201",
      ),
    ).toBeUndefined();
    const sample = await getSample(iv, sampleId);
    expect(sample.criteria).toEqual([criteria[0], criteria[1]].sort());
    const verdict = await recordVerdict(iv, {
      sampleId,
      outcome: "DISAGREE",
      feedback: "Reliability in doubt.",
      expected: "",
      actions: [],
    });
    const row = await db().ivVerdict.findUniqueOrThrow({ where: { id: verdict.id } });
    expect(row.judgementIds).toHaveLength(2);
    expect(row.signOffId).toBeNull();
    // An interim disagreement holds the unit too: once signed off it will not count until resolved.
    expect((await heldUnits(db(), [candidate.userId])).has(`${candidate.userId}|${w.specId}|201`)).toBe(true);
    expect((await getSample(iv, sampleId)).onHold).toBe(true);
    expect((await listSamples(iv, { page: 1 })).items.find((s) => s.id === sampleId)).toMatchObject({
      stage: "INTERIM",
      criteria: [criteria[0], criteria[1]].sort(),
      state: "on-hold",
    });
  });

  it("a unit signed off while a plan covers today joins the summative sample as the plan selects it", async () => {
    const { id: planId } = await createPlan(iv, { specId: w.specId, periodFrom: "2026-01-01", periodTo: "2099-12-31" });
    const line = (await getPlan(iv, planId)).lines.find((l) => l.assessorId === assessor.userId)!;
    expect(line.target).toBeGreaterThanOrEqual(1);
    // Earlier tests in this file already sampled several of her units: raise the target so the plan wants more.
    await adjustPlan(iv, {
      planId,
      assessorId: assessor.userId,
      rating: "HIGH",
      target: 50,
      reason: "Sample everything this period.",
    });
    const candidate = await newCandidate();
    await signedOff(candidate, "102");
    const [sample] = await db().ivSample.findMany({
      where: { candidateId: candidate.userId, unitRef: "102", stage: "SUMMATIVE" },
    });
    expect(sample?.reason).toMatch(/^Selected by the sampling plan: /);
    expect(sample?.selectedById).toBe(iv.userId);
    // With the target set to none, the next unit signed off is not selected.
    await adjustPlan(iv, {
      planId,
      assessorId: assessor.userId,
      rating: line.rating,
      target: 0,
      reason: "Sampled enough this period.",
    });
    await signedOff(candidate, "103");
    expect(await db().ivSample.count({ where: { candidateId: candidate.userId, unitRef: "103" } })).toBe(0);
  });

  it("observations and standardisation meetings are attached to the assessors concerned and feed their risk", async () => {
    expect(
      await code(
        recordObservation(gareth, {
          assessorId: gareth.userId,
          candidateId: "",
          observedOn: "2026-10-01",
          seen: "x",
          outcome: "SATISFACTORY",
          feedback: "",
        }),
      ),
    ).toBe("INVALID_INPUT");
    const spec = { specId: w.specId, periodFrom: "2026-01-01", periodTo: londonToday() };
    const before = (await getPlan(iv, (await createPlan(iv, spec)).id)).lines.find(
      (l) => l.assessorId === gareth.userId,
    )!;
    expect(before.factors.map((f) => f.label)).toEqual(
      expect.arrayContaining([
        "Not observed by an IV in the last 12 months",
        "No standardisation meeting attended in the last 12 months",
      ]),
    );

    await recordObservation(iv, {
      assessorId: gareth.userId,
      candidateId: w.users.candidate.id,
      observedOn: londonToday(),
      seen: "Observed a complaint call; feedback was vague.",
      outcome: "DEVELOPMENT_NEEDED",
      feedback: "Tie feedback to the criteria.",
    });
    await recordMeeting(iv, {
      heldOn: londonToday(),
      specId: w.specId,
      unitRefs: ["201"],
      evidenceIds: [],
      discussed: "Sufficiency for 201.",
      agreed: "Two call logs per criterion.",
      attended: [gareth.userId, iv.userId],
      concerned: [assessor.userId],
    });
    const after = (await getPlan(iv, (await createPlan(iv, spec)).id)).lines;
    const g = after.find((l) => l.assessorId === gareth.userId)!;
    expect(g.facts).toMatchObject({
      daysSinceObserved: 0,
      observationNeedsDevelopment: true,
      daysSinceStandardisation: 0,
    });
    expect(g.factors.map((f) => f.label)).toContain("The latest IV observation found development needed");
    expect(g.factors.map((f) => f.label)).not.toContain("No standardisation meeting attended in the last 12 months");
    // Concerned but absent does not count as attending.
    expect(after.find((l) => l.assessorId === assessor.userId)!.factors.map((f) => f.label)).toContain(
      "No standardisation meeting attended in the last 12 months",
    );
    const people = await db().standardisationParticipant.findMany({
      where: { userId: { in: [gareth.userId, assessor.userId] } },
      select: { userId: true, attended: true },
    });
    expect(people).toEqual(
      expect.arrayContaining([
        { userId: gareth.userId, attended: true },
        { userId: assessor.userId, attended: false },
      ]),
    );
    await expect(
      db().ivObservation.updateMany({ where: { assessorId: gareth.userId }, data: { outcome: "SATISFACTORY" } }),
    ).rejects.toThrow(/permanent|cannot be changed/i);
  });

  it("only an assessor whose decision was disagreed with can respond; an IV cannot answer their own disagreement", async () => {
    const candidate = await newCandidate();
    await signedOff(candidate, "201");
    // Gareth made no decision on this unit, so he may verify it; he is also on the caseload.
    const { id: sampleId } = await sampleUnit(gareth, {
      candidateId: candidate.userId,
      specId: w.specId,
      unitRef: "201",
      stage: "SUMMATIVE",
      reason: "x",
    });
    const d = await recordVerdict(gareth, {
      sampleId,
      outcome: "DISAGREE",
      feedback: "Thin.",
      expected: "",
      actions: [],
    });
    expect(await code(respondToSample(gareth, { sampleId, note: "Done it myself." }))).toBe("INVALID_INPUT");
    expect(
      await code(recordVerdict(gareth, { sampleId, outcome: "AGREE", feedback: "", expected: d.id, actions: [] })),
    ).toBe("INVALID_INPUT");
    expect(await state(candidate, "201")).toBe("on-hold");
    await respondToSample(assessor, { sampleId, note: "Added a call log." });
    await recordVerdict(gareth, { sampleId, outcome: "AGREE", feedback: "", expected: d.id, actions: [] });
    expect(await state(candidate, "201")).not.toBe("on-hold");
  });

  it("assessment evidence an IV recorded themselves counts as their own assessment", async () => {
    const candidate = await newCandidate();
    const [r] = await getRegistrations(candidate, candidate.userId);
    const criteria = r!.suite.units
      .find((u) => u.ref === "102")!
      .outcomes.flatMap((o) => o.criteria.map((c) => `102:${c.number}`))
      .slice(0, 2);
    const { id } = await createAssessorEvidence(gareth, {
      candidateId: candidate.userId,
      title: "Observation of calls",
      description: "Watched two calls.",
      activityDate: "2026-10-02",
      method: "OBSERVATION",
      place: "Contact centre floor",
    });
    await setEvidenceMapping(gareth, { evidenceId: id, specId: w.specId, criteria });
    await submitEvidence(gareth, id, { declared: true });
    await acceptAwaitingCriteria(assessor, { evidenceId: id, specId: w.specId, feedback: "", ...checks, criteria });
    expect(
      await code(
        sampleUnit(gareth, {
          candidateId: candidate.userId,
          specId: w.specId,
          unitRef: "102",
          stage: "INTERIM",
          reason: "x",
        }),
      ),
    ).toBe("OWN_VERIFICATION");
    expect(
      (await listUnitsInProgress(gareth, { page: 1, assessorId: assessor.userId })).items.find(
        (u) => u.candidateId === candidate.userId,
      )?.own,
    ).toBe(true);
  });

  it("a unit has one interim sample: the same request again opens it, different criteria are refused", async () => {
    const candidate = await newCandidate();
    const { criteria } = await judged(candidate, "201", assessor, 3);
    const unit = {
      candidateId: candidate.userId,
      specId: w.specId,
      unitRef: "201",
      stage: "INTERIM" as const,
      reason: "x",
    };
    const first = await sampleUnit(iv, { ...unit, criteria: [criteria[0]!] });
    expect((await sampleUnit(iv, { ...unit, criteria: [criteria[0]!] })).id).toBe(first.id);
    expect(await code(sampleUnit(iv, { ...unit, criteria: [criteria[1]!] }))).toBe("INVALID_INPUT");
    // Two IVs at once: both end at the same sample.
    const other = await newCandidate();
    await judged(other, "201", assessor, 2);
    const both = await Promise.all(
      [iv, trainee].map((who) => sampleUnit(who, { ...unit, candidateId: other.userId, criteria: [] })),
    );
    expect(both[0]!.id).toBe(both[1]!.id);
  });

  it("an agreement stands for the sign-off it verified: signed off again on other evidence, the sample needs verifying again", async () => {
    const candidate = await newCandidate();
    const signOffId = await signedOff(candidate, "201");
    const { id: sampleId } = await sampleUnit(iv, {
      candidateId: candidate.userId,
      specId: w.specId,
      unitRef: "201",
      stage: "SUMMATIVE",
      reason: "x",
    });
    const agreed = await recordVerdict(iv, { sampleId, outcome: "AGREE", feedback: "", expected: "", actions: [] });
    expect((await getSample(iv, sampleId)).state).toBe("agreed");
    await correctSignOff(assessor, {
      signOffId,
      action: "resign",
      reason: "Re-signed on the evidence as it stands.",
      password: PASSWORD,
      declared: true,
    });
    expect((await getSample(iv, sampleId)).state).toBe("changed-since-verdict");
    expect((await listSamples(iv, { page: 1 })).items.find((x) => x.id === sampleId)?.state).toBe(
      "changed-since-verdict",
    );
    await recordVerdict(iv, {
      sampleId,
      outcome: "AGREE",
      feedback: "Checked again.",
      expected: agreed.id,
      actions: [],
    });
    expect((await getSample(iv, sampleId)).state).toBe("agreed");
  });

  it("a witness who testified for an unusually large share of a caseload raises the unit's priority, with the reason", async () => {
    const small = await actorFor((await makeUser(w.a.id, ["ASSESSOR"], "small-caseload")).id);
    await recordCompetence(admin, {
      userId: small.userId,
      ...qualifiedAs("ASSESSOR"),
      certificateNumber: unique("D32"),
    });
    const witness = await makeUser(w.a.id, ["EXPERT_WITNESS"], "busy-witness");
    const candidates = await Promise.all([0, 1, 2].map(() => makeUser(w.a.id, ["CANDIDATE"], "witnessed")));
    for (const c of candidates) {
      await db().candidateRegistration.create({
        data: {
          candidateId: c.id,
          specId: w.specId,
          registeredOn: new Date("2025-09-01T00:00:00Z"),
          units: ["101", "201", "102", "103"],
          createdById: w.users.admin.id,
        },
      });
      await db().assessorAssignment.create({ data: { candidateId: c.id, assessorId: small.userId } });
    }
    const criteria = (await getRegistrations(await actorFor(candidates[0]!.id), candidates[0]!.id))[0]!.suite.units
      .find((u) => u.ref === "201")!
      .outcomes.flatMap((o) => o.criteria.map((c) => c.number));
    const testimony = (candidateId: string) =>
      db().evidence.create({
        data: {
          candidateId,
          authorId: witness.id,
          title: "Testimony",
          description: "Saw it.",
          activityDate: new Date("2026-10-01T00:00:00Z"),
          method: "WITNESS_TESTIMONY",
          status: "SUBMITTED",
          submittedAt: new Date(),
          declaration: "x",
          criteria: { create: criteria.map((c) => ({ specId: w.specId, unitRef: "201", criterion: c })) },
        },
        select: { id: true },
      });
    const [first] = await Promise.all(candidates.map((c) => testimony(c.id)));
    await acceptAwaitingCriteria(small, {
      evidenceId: first!.id,
      specId: w.specId,
      feedback: "",
      ...checks,
      criteria: criteria.map((c) => `201:${c}`),
    });
    await signOffUnit(small, {
      candidateId: candidates[0]!.id,
      specId: w.specId,
      unitRef: "201",
      password: PASSWORD,
      declared: true,
      expected: "",
    });
    const row = (await listSignedOffUnits(iv, { page: 1 })).items.find((i) => i.candidateId === candidates[0]!.id)!;
    expect(row.signals).toContainEqual(
      expect.stringMatching(
        /gave testimony for 3 of the 3 candidates on the assessor's caseload: an unusually large share\.$/,
      ),
    );
  });
});
