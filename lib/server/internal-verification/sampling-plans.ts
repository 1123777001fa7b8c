import "server-only";
// The IV's sampling plan for a qualification and period: each assessor's risk rating from facts
// the system holds (lib/domain/iv-risk.ts), the sample it proposes, what the IV agreed, and the
// coverage so far: assessors against units, and the assessment methods the sample has reached.
import { MINIMUM_PER_ASSESSOR, proposedSampleSize, riskFactors, riskRating, type AssessorFacts, type RiskFactor, type RiskRating } from "@/lib/domain/iv-risk";
import type { Actor } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AdjustPlanInput, PlanInput } from "@/lib/validation/assessment";
import { verifierWorkingTowardsProblem } from "@/lib/domain/assessment";
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import { londonPeriod, londonToday } from "@/lib/domain/today";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { lockSampling, selectSignedOffInPeriod } from "./internal/summative-selection";
import { authorizeOwnCentre, authorizeVerifiedOrOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { signedOffInPlanPeriod } from "./internal/iv-state";

export type PlanLine = {
  assessorId: string;
  name: string;
  facts: AssessorFacts;
  factors: RiskFactor[];
  computed: RiskRating;
  rating: RiskRating;
  /** Units expected in the period (signed off so far, or as many as in the period before). */
  expected?: number;
  proposed: number;
  target: number;
  /** Why the IV changed the rating or the target, when they did. */
  override: string | null;
  /** When the IV last recomputed the line from the facts, and what it was before (null: joined then). */
  recomputed?: { at: string; before: { rating: RiskRating; proposed: number; target: number } | null };
};

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Creates a plan: every assessor of the centre who signed off units of the qualification in the
 * period, or has candidates on it. Each line's facts come from a handful of grouped queries for all
 * the assessors at once. The sample is proposed against the units expected in the period: those
 * signed off in it so far, or, for a plan made ahead, as many as in the period of the same length
 * before it; an assessor with candidates but no sign-offs yet gets the minimum. Units already
 * signed off in the period go through the plan's selection at once (summative-selection.ts).
 */
export async function createPlan(actor: Actor, input: PlanInput): Promise<{ id: string; selected: number }> {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const spec = await db().qualificationSpec.findUnique({ where: { id: input.specId }, select: { id: true } });
  if (!spec) throw new AppError("INVALID_INPUT", { specId: ["That qualification is not in the catalogue."] });
  const from = day(input.periodFrom);
  const lines = await planLines(centreId, spec.id, from, day(input.periodTo));
  // A plan made late selects from every unit already signed off in its period: a big centre's year
  // is thousands of units, so the transaction may take longer than the default five seconds.
  return db().$transaction(async (tx) => {
    await lockSampling(tx, centreId, spec.id);
    const plan = await tx.samplingPlan.create({
      data: { centreId, specId: spec.id, periodFrom: from, periodTo: day(input.periodTo), createdById: actor.userId, assessors: lines as unknown as Prisma.InputJsonValue },
      select: { id: true, centreId: true, periodFrom: true, periodTo: true, createdById: true },
    });
    await recordAudit(tx, actor, { action: "iv.plan.create", subjectType: "SamplingPlan", subjectId: plan.id, detail: { ...input, assessors: lines.length } });
    const selected = await selectSignedOffInPeriod(tx, actor, { ...plan, assessors: lines }, spec.id);
    return { id: plan.id, selected };
  }, { timeout: 120_000, maxWait: 10_000 });
}

/** Each assessor's line for a qualification and period, from the facts as they stand today. */
async function planLines(centreId: string, specId: string, periodFrom: Date, periodTo: Date): Promise<PlanLine[]> {
  // UK days: a sign-off just after midnight in summer time is on the day it was in the UK.
  const { start: from, end: to } = londonPeriod(periodFrom, periodTo);
  const before = new Date(from.getTime() - (to.getTime() - from.getTime()));
  const assessors = await db().user.findMany({
    where: {
      centreId,
      roles: { some: { role: "ASSESSOR" } },
      OR: [
        { signOffsMade: { some: { specId, signedAt: { gte: from, lt: to } } } },
        { assessing: { some: { candidate: { registrations: { some: { specId } } } } } },
      ],
    },
    select: { id: true, name: true, startedAtCentreOn: true },
    orderBy: { name: "asc" },
    take: 500,
  });
  const facts = await assessorFacts(assessors.map((a) => a.id), specId, { before, from, to });
  const today = new Date(`${londonToday()}T00:00:00Z`).getTime();
  return assessors.map((a) => {
    const f = facts.get(a.id)!;
    // "New to the centre" from the start date the centre recorded, not the account's creation.
    const lineFacts: AssessorFacts = { ...f.facts, daysAtCentre: a.startedAtCentreOn ? Math.floor((today - a.startedAtCentreOn.getTime()) / DAY_MS) : null };
    const factors = riskFactors(lineFacts);
    const rating = riskRating(factors);
    const expected = Math.max(lineFacts.decisionsInPeriod, f.previousPeriod);
    const proposed = expected === 0 ? MINIMUM_PER_ASSESSOR : proposedSampleSize(rating, expected);
    return { assessorId: a.id, name: a.name, facts: lineFacts, factors, computed: rating, rating, expected, proposed, target: proposed, override: null };
  });
}

/**
 * What recomputing would change: each line whose risk factors, rating or proposed sample differ
 * from the facts today (an observation, a disagreement, a start date recorded since the plan was
 * made), and assessors who would join the plan.
 */
function planChanges(current: PlanLine[], fresh: PlanLine[]) {
  return fresh.flatMap((f) => {
    const was = current.find((l) => l.assessorId === f.assessorId);
    const sameFactors = was && JSON.stringify(was.factors) === JSON.stringify(f.factors);
    if (was && sameFactors && was.computed === f.computed && was.proposed === f.proposed) return [];
    return [{ assessorId: f.assessorId, name: f.name, before: was ? { rating: was.computed, proposed: was.proposed, target: was.target } : null, after: { rating: f.computed, proposed: f.proposed }, factors: f.factors, overridden: !!was?.override }];
  });
}

/**
 * The IV recomputes a standing plan from today's facts, recorded: each changed line takes the new
 * computed rating and proposal (an IV's override stays, as the IV chose it, with the new figures
 * beside it), the audit event keeps every line before and after, and each line keeps what it was.
 */
export async function recomputePlan(actor: Actor, planId: string): Promise<{ changed: number }> {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  return db().$transaction(async (tx) => {
    const [plan] = await tx.$queryRaw<{ id: string; centreId: string; specId: string; periodFrom: Date; periodTo: Date; assessors: PlanLine[] }[]>`
      SELECT id, "centreId", "specId", "periodFrom", "periodTo", assessors FROM "SamplingPlan" WHERE id = ${planId}::uuid FOR UPDATE`;
    if (!plan || plan.centreId !== centreId) throw notFound();
    const fresh = await planLines(centreId, plan.specId, plan.periodFrom, plan.periodTo);
    const changes = planChanges(plan.assessors, fresh);
    if (changes.length === 0) return { changed: 0 };
    const at = new Date().toISOString();
    const lines = fresh.map((f) => {
      const was = plan.assessors.find((l) => l.assessorId === f.assessorId);
      const change = changes.find((c) => c.assessorId === f.assessorId);
      if (!was) return { ...f, recomputed: { at, before: null } };
      if (!change) return { ...was, facts: f.facts, factors: f.factors };
      return was.override
        ? { ...was, facts: f.facts, factors: f.factors, computed: f.computed, proposed: f.proposed, expected: f.expected, recomputed: { at, before: { rating: was.computed, proposed: was.proposed, target: was.target } } }
        : { ...f, recomputed: { at, before: { rating: was.rating, proposed: was.proposed, target: was.target } } };
    });
    // Assessors the fresh facts no longer list (none signed off, no candidates left) keep their line.
    for (const was of plan.assessors) if (!lines.some((l) => l.assessorId === was.assessorId)) lines.push(was);
    await tx.samplingPlan.update({ where: { id: plan.id }, data: { assessors: lines as unknown as Prisma.InputJsonValue } });
    await recordAudit(tx, actor, { action: "iv.plan.recompute", subjectType: "SamplingPlan", subjectId: plan.id, detail: { changes: changes.map(({ factors: _f, ...c }) => c) } });
    return { changed: changes.length };
  });
}

/**
 * Whose decisions a verdict (aliased v) was on: the assessor who signed the unit off, or for an
 * interim sample, those whose judgements it looked at.
 */
export const verdictAssessors = Prisma.sql`
  SELECT s."assessorId" FROM "UnitSignOff" s WHERE s.id = v."signOffId"
  UNION SELECT j."assessorId" FROM "CriterionJudgement" j WHERE v."signOffId" IS NULL AND j.id = ANY(v."judgementIds")`;

/** The risk facts of these assessors for one qualification and period: six grouped queries, whatever their number. */
async function assessorFacts(ids: string[], specId: string, period: { before: Date; from: Date; to: Date }) {
  const { before, from, to } = period;
  const [signOffs, verdicts, competence, observations, meetings] = await Promise.all([
    db().$queryRaw<{ assessorId: string; earlier: bigint; previous: bigint; inPeriod: bigint }[]>`
      SELECT "assessorId", count(DISTINCT ("candidateId", "unitRef")) FILTER (WHERE "signedAt" < ${from}) AS earlier,
             count(DISTINCT ("candidateId", "unitRef")) FILTER (WHERE "signedAt" >= ${before} AND "signedAt" < ${from}) AS previous,
             count(DISTINCT ("candidateId", "unitRef")) FILTER (WHERE "signedAt" >= ${from} AND "signedAt" < ${to}) AS "inPeriod"
      FROM "UnitSignOff" WHERE "assessorId" = ANY(${ids}::uuid[]) AND "specId" = ${specId}::uuid AND signed
      GROUP BY "assessorId"`,
    db().$queryRaw<{ assessorId: string; total: bigint; disagreements: bigint }[]>`
      SELECT x."assessorId", count(DISTINCT v."sampleId") AS total, count(DISTINCT v."sampleId") FILTER (WHERE v.outcome = 'DISAGREE') AS disagreements
      FROM "IvVerdict" v CROSS JOIN LATERAL (${verdictAssessors}) x
      WHERE x."assessorId" = ANY(${ids}::uuid[])
      GROUP BY x."assessorId"`,
    db().$queryRaw<{ userId: string; status: string }[]>`
      SELECT DISTINCT ON ("userId") "userId", status::text AS status FROM "AssessorCompetence"
      WHERE "userId" = ANY(${ids}::uuid[]) AND role = 'ASSESSOR' ORDER BY "userId", "recordedAt" DESC, id DESC`,
    db().$queryRaw<{ assessorId: string; observedOn: Date; outcome: string }[]>`
      SELECT DISTINCT ON ("assessorId") "assessorId", "observedOn", outcome::text AS outcome FROM "IvObservation"
      WHERE "assessorId" = ANY(${ids}::uuid[]) ORDER BY "assessorId", "observedOn" DESC, "recordedAt" DESC`,
    db().$queryRaw<{ userId: string; heldOn: Date }[]>`
      SELECT p."userId", max(m."heldOn") AS "heldOn" FROM "StandardisationParticipant" p JOIN "StandardisationMeeting" m ON m.id = p."meetingId"
      WHERE p."userId" = ANY(${ids}::uuid[]) AND p.attended GROUP BY p."userId"`,
  ]);
  const today = new Date(`${londonToday()}T00:00:00Z`).getTime();
  const daysSince = (d: Date | undefined) => (d ? Math.floor((today - d.getTime()) / DAY_MS) : null);
  return new Map(
    ids.map((id) => {
      const so = signOffs.find((r) => r.assessorId === id);
      const v = verdicts.find((r) => r.assessorId === id);
      const observation = observations.find((r) => r.assessorId === id);
      return [
        id,
        {
          previousPeriod: Number(so?.previous ?? 0),
          facts: {
            workingTowards: competence.find((r) => r.userId === id)?.status !== "QUALIFIED",
            earlierSignOffs: Number(so?.earlier ?? 0),
            decisionsInPeriod: Number(so?.inPeriod ?? 0),
            verdicts: Number(v?.total ?? 0),
            disagreements: Number(v?.disagreements ?? 0),
            daysSinceObserved: daysSince(observation?.observedOn),
            observationNeedsDevelopment: observation?.outcome === "DEVELOPMENT_NEEDED",
            daysSinceStandardisation: daysSince(meetings.find((r) => r.userId === id)?.heldOn),
          },
        },
      ] as const;
    }),
  );
}

/** The IV changes an assessor's rating or sample size, with a reason. */
export async function adjustPlan(actor: Actor, input: AdjustPlanInput): Promise<void> {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  await db().$transaction(async (tx) => {
    const [plan] = await tx.$queryRaw<{ id: string; centreId: string; assessors: PlanLine[] }[]>`
      SELECT id, "centreId", assessors FROM "SamplingPlan" WHERE id = ${input.planId}::uuid FOR UPDATE`;
    if (!plan || plan.centreId !== centreId) throw notFound();
    const line = plan.assessors.find((l) => l.assessorId === input.assessorId);
    if (!line) throw notFound();
    const before = { rating: line.rating, target: line.target };
    const lines = plan.assessors.map((l) => (l.assessorId === input.assessorId ? { ...l, rating: input.rating, target: input.target, override: input.reason } : l));
    await tx.samplingPlan.update({ where: { id: plan.id }, data: { assessors: lines as unknown as Prisma.InputJsonValue } });
    await recordAudit(tx, actor, { action: "iv.plan.adjust", subjectType: "SamplingPlan", subjectId: plan.id, detail: { assessorId: input.assessorId, before, after: { rating: input.rating, target: input.target }, reason: input.reason } });
  });
}

export async function listPlans(actor: Actor, centreId?: string) {
  const centre = authorizeVerifiedOrOwnCentre(actor, "iv.sample", centreId);
  const plans = await db().samplingPlan.findMany({ where: { centreId: centre }, orderBy: { createdAt: "desc" }, take: 100, select: { id: true, specId: true, periodFrom: true, periodTo: true, createdAt: true } });
  const specs = new Map((await db().qualificationSpec.findMany({ where: { id: { in: plans.map((p) => p.specId) } }, select: { id: true, code: true, title: true } })).map((s) => [s.id, s]));
  return plans.map((p) => ({ ...p, qualification: specs.get(p.specId)! }));
}

const METHODS = ["PRODUCT", "OBSERVATION", "WITNESS_TESTIMONY", "PROFESSIONAL_DISCUSSION", "QUESTIONING", "SIMULATION", "RECOGNITION_OF_PRIOR_LEARNING"] as const;

/**
 * The plan with its coverage: for each assessor, units signed off in the period and how many are
 * sampled (against the target); a matrix of assessors against units; and the assessment methods
 * behind the sampled units, so what the sample has not yet reached stands out.
 */
export async function getPlan(actor: Actor, planId: string, verifiedCentreId?: string) {
  const centreId = authorizeVerifiedOrOwnCentre(actor, "iv.sample", verifiedCentreId);
  const plan = await db().samplingPlan.findUnique({ where: { id: planId } });
  if (!plan || plan.centreId !== centreId) throw notFound();
  const spec = await db().qualificationSpec.findUniqueOrThrow({ where: { id: plan.specId }, select: { code: true, title: true } });
  // Units signed off in the period, each marked sampled or not: aggregated in SQL, so the page
  // reads a few hundred numbers however many units the period holds.
  const base = Prisma.sql`WITH base AS (${signedOffInPlanPeriod(centreId, plan)})`;
  type Count = { signedOff: bigint; sampled: bigint };
  const [cells, methodRows, [candidateRow], siteRows, [recordRow], fresh] = await Promise.all([
    db().$queryRaw<(Count & { assessorId: string; unitRef: string })[]>`
      ${base} SELECT "assessorId", "unitRef", count(*) AS "signedOff", count(*) FILTER (WHERE sampled) AS sampled FROM base GROUP BY 1, 2`,
    db().$queryRaw<(Count & { method: string })[]>`
      ${base} SELECT m.method, count(*) AS "signedOff", count(*) FILTER (WHERE sampled) AS sampled
      FROM base CROSS JOIN LATERAL (
        SELECT DISTINCT a->>'method' AS method FROM jsonb_array_elements(base.evidence) c, jsonb_array_elements(c->'accepted') a) m
      GROUP BY 1`,
    db().$queryRaw<Count[]>`
      ${base} SELECT count(DISTINCT "candidateId") AS "signedOff", count(DISTINCT "candidateId") FILTER (WHERE sampled) AS sampled FROM base`,
    // Only evidence that records a place is looked up (a partial index on it, by candidate).
    db().$queryRaw<(Count & { site: string | null })[]>`
      ${base}, placed AS (
        SELECT DISTINCT b.id, trim(e.place) AS site FROM base b
        JOIN "Evidence" e ON e."candidateId" = b."candidateId" AND e.place IS NOT NULL AND e.id = ANY(b."evidenceIds")
        WHERE trim(e.place) <> '')
      SELECT p.site, count(*) AS "signedOff", count(*) FILTER (WHERE b.sampled) AS sampled FROM placed p JOIN base b ON b.id = p.id GROUP BY 1
      UNION ALL
      SELECT NULL, count(*), count(*) FILTER (WHERE sampled) FROM base b WHERE NOT EXISTS (SELECT 1 FROM placed p WHERE p.id = b.id) HAVING count(*) > 0
      ORDER BY 1 NULLS LAST`,
    // Records (the R of CAMERA): the sign-off records, the candidates' declarations on the evidence
    // behind them, and the candidates' review records, each shown on the IV's sample page.
    db().$queryRaw<{ declarations: bigint; declarationsSampled: bigint; reviewed: bigint; reviewedSampled: bigint }[]>`
      ${base}, reviewed AS (
        SELECT DISTINCT b."candidateId", bool_or(b.sampled) OVER (PARTITION BY b."candidateId") AS sampled FROM base b
        WHERE EXISTS (SELECT 1 FROM "CandidateReview" r WHERE r."candidateId" = b."candidateId"))
      SELECT (SELECT count(DISTINCT e) FROM base b, unnest(b."evidenceIds") e) AS declarations,
             (SELECT count(DISTINCT e) FROM base b, unnest(b."evidenceIds") e WHERE b.sampled) AS "declarationsSampled",
             (SELECT count(DISTINCT "candidateId") FROM reviewed) AS reviewed,
             (SELECT count(DISTINCT "candidateId") FROM reviewed WHERE sampled) AS "reviewedSampled"`,
    planLines(centreId, plan.specId, plan.periodFrom, plan.periodTo),
  ]);
  const n = (c: Count) => ({ signedOff: Number(c.signedOff), sampled: Number(c.sampled) });
  const lines = plan.assessors as unknown as PlanLine[];
  const units = [...new Set(cells.map((c) => c.unitRef))].sort();
  const cell = (assessorId: string, unitRef: string) => {
    const found = cells.find((c) => c.assessorId === assessorId && c.unitRef === unitRef);
    return found ? n(found) : { signedOff: 0, sampled: 0 };
  };
  const methods = METHODS.map((m) => {
    const found = methodRows.find((r) => r.method === m);
    return { method: m, ...(found ? n(found) : { signedOff: 0, sampled: 0 }) };
  });
  // Candidates: who has units signed off in the period, and whom the sample has reached.
  const candidates = candidateRow ? n(candidateRow) : { signedOff: 0, sampled: 0 };
  // Sites: where the evidence behind the units was produced (the place recorded on it); a unit
  // whose evidence records no place counts as at the candidate's workplace.
  const sites = siteRows.map((r) => ({ site: r.site, ...n(r) }));
  const records = recordRow
    ? [
        // One sign-off record per unit signed off: the matrix's own totals.
        { record: "Unit sign-off records (the assessor's declaration, evidence hashes, the candidate's countersignature)", signedOff: cells.reduce((t, c) => t + Number(c.signedOff), 0), sampled: cells.reduce((t, c) => t + Number(c.sampled), 0) },
        { record: "Candidates' declarations on the evidence behind the units", ...n({ signedOff: recordRow.declarations, sampled: recordRow.declarationsSampled }) },
        { record: "Progress reviews and action points (candidates with reviews recorded)", ...n({ signedOff: recordRow.reviewed, sampled: recordRow.reviewedSampled }) },
      ]
    : [];
  const sampledOf = (assessorId: string) => cells.filter((c) => c.assessorId === assessorId).reduce((sum, c) => sum + Number(c.sampled), 0);
  const able = await ivsAble(centreId, plan.specId);
  return {
    id: plan.id,
    qualification: spec,
    periodFrom: plan.periodFrom,
    periodTo: plan.periodTo,
    // Nobody verifies their own assessments: an assessor who is also an IV needs another IV able to verify their units.
    lines: lines.map((l) => ({ ...l, own: l.assessorId === actor.userId, sampled: sampledOf(l.assessorId), verifiers: able(l.assessorId) })),
    units,
    matrix: lines.map((l) => ({ assessorId: l.assessorId, name: l.name, cells: units.map((u) => ({ unitRef: u, ...cell(l.assessorId, u) })) })),
    methods,
    candidates,
    sites,
    records,
    // What a recompute from today's facts would change (an observation or disagreement since).
    changes: planChanges(lines, fresh),
  };
}

/**
 * For an assessor, the IVs of the centre able to verify their units: anyone but them who is a
 * qualified IV, or is working towards where the qualification allows it and a qualified IV other
 * than the assessor can countersign.
 */
async function ivsAble(centreId: string, specId: string) {
  const [ivs, spec] = await Promise.all([
    db().user.findMany({ where: { centreId, active: true, roles: { some: { role: "INTERNAL_VERIFIER" } } }, select: { id: true, name: true }, take: 200 }),
    db().qualificationSpec.findUniqueOrThrow({ where: { id: specId }, select: { code: true, spec: true } }),
  ]);
  const status = await db().$queryRaw<{ userId: string; status: string }[]>`
    SELECT DISTINCT ON ("userId") "userId", status::text AS status FROM "AssessorCompetence"
    WHERE "userId" = ANY(${ivs.map((i) => i.id)}::uuid[]) AND role = 'INTERNAL_VERIFIER' ORDER BY "userId", "recordedAt" DESC, id DESC`;
  const qualified = new Set(status.filter((s) => s.status === "QUALIFIED").map((s) => s.userId));
  const workingTowardsAllowed = verifierWorkingTowardsProblem(suiteShape.parse(spec.spec) as Suite, spec.code) === null;
  return (assessorId: string) => {
    const others = ivs.filter((i) => i.id !== assessorId);
    const countersigners = others.filter((i) => qualified.has(i.id));
    return others
      .filter((i) => qualified.has(i.id) || (workingTowardsAllowed && countersigners.some((c) => c.id !== i.id)))
      .map((i) => ({ name: i.name, qualified: qualified.has(i.id) }));
  };
}

/** The qualifications a plan can be for: those the centre's candidates are registered on. */
export async function listPlanQualifications(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  // EXISTS per specification (a handful), each stopping at the first registration found, rather
  // than reading every registration of the centre for their distinct specifications.
  return db().qualificationSpec.findMany({
    where: { registrations: { some: { candidate: { centreId } } } },
    select: { id: true, code: true, title: true, version: true },
    orderBy: { code: "asc" },
  });
}

/**
 * For the centre's administrator: qualifications the centre's candidates are registered on with no
 * sampling plan covering today. Units signed off without a plan are held from claims until a plan
 * covers them or an IV samples them, so the home page warns.
 */
export async function qualificationsWithoutPlan(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "user.manage");
  const today = day(londonToday());
  return db().qualificationSpec.findMany({
    // Candidates still on their programme: not withdrawn, not anonymised, active.
    where: { registrations: { some: { candidate: { centreId, active: true, withdrawnAt: null, anonymisedAt: null } } } },
    select: { id: true, code: true, title: true, version: true },
    orderBy: { code: "asc" },
  }).then(async (specs) => {
    const covered = await db().samplingPlan.findMany({
      where: { centreId, specId: { in: specs.map((x) => x.id) }, periodFrom: { lte: today }, periodTo: { gte: today } },
      select: { specId: true },
    });
    return specs.filter((x) => !covered.some((c) => c.specId === x.id));
  });
}
