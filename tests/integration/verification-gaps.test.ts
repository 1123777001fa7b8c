// Gaps the acceptance journeys found in internal verification, on real PostgreSQL: the dashboard
// counts a plan as the plan does and lists every sample waiting; an agreement that no qualified IV
// of the centre may countersign goes to the EV and does not count until it stands; a disagreement
// tells the assessor and shows on their queue; the plan's ratings follow the facts during the
// period; "new to the centre" reads the recorded start date; the EV reads observations.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/policy";
import { listHeldUnits } from "@/lib/server/assessment";
import { recordCompetence } from "@/lib/server/internal-verification";
import { db } from "@/lib/server/core/internal/db";
import { AppError } from "@/lib/server/core";
import { recordVerdict, sampleUnit } from "@/lib/server/internal-verification";
import {
  countersignVerdictsAsEv,
  listEvCountersignQueue,
  listIvCountersignQueue,
} from "@/lib/server/internal-verification";
import { getIvDashboard } from "@/lib/server/internal-verification";
import { createPlan, getPlan, recomputePlan } from "@/lib/server/internal-verification";
import { listStandardisation, recordObservation } from "@/lib/server/internal-verification";
import { lockSampling } from "@/lib/server/internal-verification/internal/summative-selection";
import { setStartedAtCentre } from "@/lib/server/identity";
import { actorFor, makeUser, makeWorld, PASSWORD, unique, type World } from "./fixtures";

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)),
  );

describe("internal verification: the gaps found by the acceptance journeys", () => {
  let w: World;
  let admin: Actor;
  let nadia: Actor; // the world's IV, with no competence record: working towards
  let gareth: Actor; // a qualified IV who also assesses
  let ev: Actor;

  beforeAll(async () => {
    w = await makeWorld();
    admin = await actorFor(w.users.admin.id);
    nadia = await actorFor(w.users.iv.id);
    ev = await actorFor(w.users.ev.id);
    const g = await makeUser(w.a.id, ["ASSESSOR", "INTERNAL_VERIFIER"], "gareth");
    gareth = await actorFor(g.id);
    await recordCompetence(admin, {
      userId: g.id,
      role: "INTERNAL_VERIFIER",
      status: "QUALIFIED",
      award: "D34",
      achievedOn: "2012-01-01",
      certificateNumber: unique("D34"),
      occupationalCompetence: "Quality lead.",
    });
  });

  it("an agreement no qualified IV of the centre may countersign goes to the EV, and counts only once countersigned", async () => {
    // Gareth, the only qualified IV, signed unit 201 off: he cannot countersign a verdict on it.
    const signOff = await db().unitSignOff.create({
      data: {
        candidateId: w.users.candidate.id,
        specId: w.specId,
        unitRef: "201",
        assessorId: gareth.userId,
        declaration: "test",
        evidence: [],
        evidenceIds: [],
        needsCountersignature: false,
      },
    });
    const { id: sampleId } = await sampleUnit(nadia, {
      candidateId: w.users.candidate.id,
      specId: w.specId,
      unitRef: "201",
      stage: "SUMMATIVE",
      reason: "Plan",
    });
    const verdict = await recordVerdict(nadia, {
      sampleId,
      outcome: "AGREE",
      feedback: "Sound.",
      expected: "",
      actions: [],
    });
    expect(verdict.needsCountersignature).toBe(true);
    const rateOf = async () =>
      (await getIvDashboard(gareth)).rates.items.find((r) => r.assessorId === gareth.userId)?.byMonth.at(-1) ?? null;
    // Not counted as agreement while it cannot stand.
    expect(await rateOf()).toBeNull();
    const queue = await listIvCountersignQueue(gareth);
    expect(queue.verdicts.find((v) => v.id === verdict.id)).toMatchObject({
      blocked: "You took part in assessing this unit.",
      toEv: true,
    });
    expect((await listEvCountersignQueue(ev, w.a.id)).map((v) => v.id)).toContain(verdict.id);
    const bEv = await actorFor(w.users.bEv.id);
    expect((await failure(listEvCountersignQueue(bEv, w.a.id)))?.code).toBe("NOT_FOUND");
    expect(
      (await failure(countersignVerdictsAsEv(bEv, { centreId: w.a.id, ids: [verdict.id], password: PASSWORD })))?.code,
    ).toBe("NOT_FOUND");

    // While another qualified IV who took no part is at the centre, it is theirs, not the EV's.
    const other = await makeUser(w.a.id, ["INTERNAL_VERIFIER"], "otheriv");
    await recordCompetence(admin, {
      userId: other.id,
      role: "INTERNAL_VERIFIER",
      status: "QUALIFIED",
      award: "D34",
      achievedOn: "2014-01-01",
      certificateNumber: unique("D34"),
      occupationalCompetence: "IV.",
    });
    expect((await listEvCountersignQueue(ev, w.a.id)).map((v) => v.id)).not.toContain(verdict.id);
    expect(
      (await failure(countersignVerdictsAsEv(ev, { centreId: w.a.id, ids: [verdict.id], password: PASSWORD })))?.code,
    ).toBe("INVALID_INPUT");
    await db().user.update({ where: { id: other.id }, data: { active: false } });

    expect(
      (
        await failure(
          countersignVerdictsAsEv(ev, { centreId: w.a.id, ids: [verdict.id], password: "not the password" }),
        )
      )?.code,
    ).not.toBeUndefined();
    await countersignVerdictsAsEv(ev, { centreId: w.a.id, ids: [verdict.id], password: PASSWORD });
    expect(await db().ivCountersignature.findUniqueOrThrow({ where: { verdictId: verdict.id } })).toMatchObject({
      ivId: ev.userId,
    });
    expect(
      await db().auditEvent.count({ where: { action: "iv.countersign.ev", subjectId: verdict.id, centreId: w.a.id } }),
    ).toBe(1);
    expect(await rateOf()).toMatchObject({ agreed: 1, total: 1 });
    // Once: a second countersignature is refused.
    expect(
      (await failure(countersignVerdictsAsEv(ev, { centreId: w.a.id, ids: [verdict.id], password: PASSWORD })))?.code,
    ).toBe("ALREADY_SIGNED");
    expect(signOff.id).toBeTruthy();
  });

  it("a disagreement notifies the assessors whose decisions it covers, and their queue lists the unit on hold", async () => {
    const assessor = await actorFor(w.users.assessor.id);
    // The fixture's unit 101 was signed off by the world's assessor.
    const { id: sampleId } = await sampleUnit(gareth, {
      candidateId: w.users.candidate.id,
      specId: w.specId,
      unitRef: "101",
      stage: "SUMMATIVE",
      reason: "Plan",
    });
    expect(await listHeldUnits(assessor)).toEqual([]);
    const d = await recordVerdict(gareth, {
      sampleId,
      outcome: "DISAGREE",
      feedback: "1.2 is not covered.",
      expected: "",
      actions: [],
    });
    const note = await db().notification.findFirstOrThrow({
      where: { userId: assessor.userId, kind: "sample.disagreed" },
    });
    expect(note.title).toMatch(/disagreed with unit 101 of .*: it is on hold until you respond/);
    expect(note.href).toBe(`/assessor/candidates/${w.users.candidate.id}#iv-heading`);
    expect(await db().notification.count({ where: { dedupeKey: `sample.disagreed:${d.id}` } })).toBe(1);
    expect(await listHeldUnits(assessor)).toEqual([
      expect.objectContaining({ sampleId, unitRef: "101", responded: false, feedback: "1.2 is not covered." }),
    ]);
    // Another assessor of the centre, whose decisions it does not cover, is not told and sees nothing.
    expect(await listHeldUnits(await actorFor(w.users.assessorWithout.id))).toEqual([]);
    expect(
      await db().notification.count({ where: { userId: w.users.assessorWithout.id, kind: "sample.disagreed" } }),
    ).toBe(0);
  });

  it("the dashboard counts a plan's progress as the plan does, and lists a sample selected today as waiting", async () => {
    const { id: planId } = await createPlan(gareth, {
      specId: w.specId,
      periodFrom: "2026-01-01",
      periodTo: "2099-12-31",
    });
    // The fixture's interim samples of units 102 and 104, which are not signed off, are not yet the plan's.
    const plan = await getPlan(gareth, planId);
    const onPlanPage = plan.lines.reduce((sum, l) => sum + l.sampled, 0);
    const dashboard = await getIvDashboard(gareth);
    expect(dashboard.plans.find((p) => p.id === planId)?.sampled).toBe(onPlanPage);
    const interimNotSignedOff = await db().ivSample.count({
      where: { centreId: w.a.id, stage: "INTERIM", unitRef: { in: ["102", "104"] } },
    });
    expect(interimNotSignedOff).toBeGreaterThan(0);
    // A sample taken a moment ago, with no verdict, is waiting (not yet overdue).
    await db().unitSignOff.create({
      data: {
        candidateId: w.users.otherCandidate.id,
        specId: w.specId,
        unitRef: "103",
        assessorId: w.users.assessor.id,
        declaration: "test",
        evidence: [],
        evidenceIds: [],
        needsCountersignature: false,
      },
    });
    const fresh = await sampleUnit(gareth, {
      candidateId: w.users.otherCandidate.id,
      specId: w.specId,
      unitRef: "103",
      stage: "SUMMATIVE",
      reason: "Today",
    });
    const waiting = [];
    const first = await getIvDashboard(gareth);
    waiting.push(...first.overdue.items);
    for (let p = 2; p <= first.overdue.pageCount; p++)
      waiting.push(...(await getIvDashboard(gareth, { waitingPage: p })).overdue.items);
    expect(waiting.find((s) => s.id === fresh.id)).toMatchObject({ state: "awaiting-verdict", overdue: false });
    // Records (the R of CAMERA) are part of the coverage.
    expect(plan.records.map((r) => r.record)).toEqual([
      expect.stringMatching(/^Unit sign-off records/),
      expect.stringMatching(/^Candidates' declarations/),
      expect.stringMatching(/^Progress reviews/),
    ]);
  });

  it("'new to the centre' reads the recorded start date; the plan shows what today's facts would change and recomputes on record", async () => {
    const assessorId = w.users.assessor.id;
    const { id: planId } = await createPlan(gareth, {
      specId: w.specId,
      periodFrom: "2026-01-01",
      periodTo: "2099-12-31",
    });
    const line = async () => (await getPlan(gareth, planId)).lines.find((l) => l.assessorId === assessorId)!;
    // An account made today, for someone whose start the centre has not recorded: counted as new,
    // and the plan says why; once the centre records 2012, the account's age does not matter.
    expect((await line()).factors.find((f) => f.label.startsWith("Start at the centre not recorded"))?.weight).toBe(2);
    await setStartedAtCentre(admin, { userId: assessorId, startedOn: "2012-09-01" });
    expect(await db().auditEvent.count({ where: { action: "user.started-at-centre", subjectId: assessorId } })).toBe(1);

    // An observation finds development needed: the standing plan shows the change, then recomputes it.
    await recordObservation(gareth, {
      assessorId,
      candidateId: "",
      observedOn: "2026-12-01",
      seen: "Rushed questioning.",
      outcome: "DEVELOPMENT_NEEDED",
      feedback: "Plan questions.",
    });
    const before = await line();
    const pending = (await getPlan(gareth, planId)).changes.find((c) => c.assessorId === assessorId)!;
    expect(pending.before).toEqual({ rating: before.computed, proposed: before.proposed, target: before.target });
    expect(pending.factors.map((f) => f.label)).toContain("The latest IV observation found development needed");
    expect((await recomputePlan(gareth, planId)).changed).toBeGreaterThanOrEqual(1);
    const after = await line();
    expect(after.factors.map((f) => f.label)).toContain("The latest IV observation found development needed");
    expect(
      after.factors.some(
        (f) => f.label.startsWith("Start at the centre not recorded") || f.label.startsWith("New to the centre"),
      ),
    ).toBe(false);
    expect(after.recomputed?.before).toEqual({
      rating: before.rating,
      proposed: before.proposed,
      target: before.target,
    });
    expect((await getPlan(gareth, planId)).changes).toEqual([]);
    const event = await db().auditEvent.findFirstOrThrow({ where: { action: "iv.plan.recompute", subjectId: planId } });
    expect(JSON.stringify(event.detail)).toContain(assessorId);
    expect((await recomputePlan(gareth, planId)).changed).toBe(0);
    // Another centre's IV cannot touch it.
    expect((await failure(recomputePlan(await actorFor(w.users.bAssessor.id), planId)))?.code).toBe("NOT_FOUND");
  });

  it("a plan made while a unit is being signed off waits for it, so the unit goes through the plan's selection", async () => {
    const w2 = await makeWorld();
    await db().samplingPlan.deleteMany({ where: { centreId: w2.a.id } });
    const iv2 = await actorFor(w2.users.iv.id);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    // A sign-off in flight: it holds the sampling lock, as signing off does, and has not committed.
    const signing = db().$transaction(
      async (tx) => {
        await lockSampling(tx, w2.a.id, w2.specId);
        // By an assessor with no other unit in the period, whom the plan does not list: their first units are always taken.
        await tx.unitSignOff.create({
          data: {
            candidateId: w2.users.otherCandidate.id,
            specId: w2.specId,
            unitRef: "201",
            assessorId: w2.users.assessorWithout.id,
            declaration: "test",
            evidence: [],
            evidenceIds: [],
            needsCountersignature: false,
          },
        });
        await held;
      },
      { timeout: 20_000 },
    );
    await new Promise((r) => setTimeout(r, 200));
    const planning = createPlan(iv2, { specId: w2.specId, periodFrom: "2026-01-01", periodTo: "2099-12-31" });
    await new Promise((r) => setTimeout(r, 300));
    release();
    await signing;
    await planning;
    // The plan saw the committed sign-off: unit 201 was put through its selection, and taken.
    expect(
      await db().ivSample.count({
        where: { candidateId: w2.users.otherCandidate.id, unitRef: "201", stage: "SUMMATIVE" },
      }),
    ).toBe(1);
  });

  it("the EV appointed to the centre reads the IVs' observations and standardisation meetings", async () => {
    const records = await listStandardisation(ev, w.a.id);
    expect(records.observations.some((o) => o.seen === "Rushed questioning.")).toBe(true);
    expect((await failure(listStandardisation(await actorFor(w.users.bEv.id), w.a.id)))?.code).toBe("NOT_FOUND");
  });
});
