import "server-only";
// The IV's sampling plan for a qualification and period: each assessor's risk rating from facts
// the system holds (lib/domain/iv-risk.ts), the sample it proposes, what the IV agreed, and the
// coverage so far: assessors against units, and the assessment methods the sample has reached.
import { proposedSampleSize, riskFactors, riskRating, type AssessorFacts, type RiskFactor, type RiskRating } from "@/lib/domain/iv-risk";
import type { Actor } from "@/lib/domain/policy";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AdjustPlanInput, PlanInput } from "@/lib/validation/assessment";
import { needsCountersignature } from "./assessment-state";
import { recordAudit } from "./audit";
import { authorizeOwnCentre } from "./authorize";
import { db } from "./db";
import { AppError, notFound } from "./errors";

export type PlanLine = {
  assessorId: string;
  name: string;
  facts: AssessorFacts;
  factors: RiskFactor[];
  computed: RiskRating;
  rating: RiskRating;
  proposed: number;
  target: number;
  /** Why the IV changed the rating or the target, when they did. */
  override: string | null;
};

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const DAY_MS = 24 * 60 * 60 * 1000;

/** Creates a plan: every assessor of the centre who signed off units of the qualification in the period, or has candidates on it. */
export async function createPlan(actor: Actor, input: PlanInput): Promise<{ id: string }> {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const spec = await db().qualificationSpec.findUnique({ where: { id: input.specId }, select: { id: true } });
  if (!spec) throw new AppError("INVALID_INPUT", { specId: ["That qualification is not in the catalogue."] });
  const from = day(input.periodFrom);
  const to = new Date(day(input.periodTo).getTime() + DAY_MS);
  const assessors = await db().user.findMany({
    where: {
      centreId,
      roles: { some: { role: "ASSESSOR" } },
      OR: [
        { signOffsMade: { some: { specId: spec.id, signedAt: { gte: from, lt: to } } } },
        { assessing: { some: { candidate: { registrations: { some: { specId: spec.id } } } } } },
      ],
    },
    select: { id: true, name: true, createdAt: true },
    orderBy: { name: "asc" },
    take: 500,
  });
  const lines: PlanLine[] = [];
  for (const a of assessors) {
    const [earlier, inPeriod, verdicts, disagreements, working] = await Promise.all([
      db().unitSignOff.count({ where: { assessorId: a.id, specId: spec.id, signed: true, signedAt: { lt: from } } }),
      db().unitSignOff.count({ where: { assessorId: a.id, specId: spec.id, signed: true, signedAt: { gte: from, lt: to } } }),
      verdictCount(a.id, false),
      verdictCount(a.id, true),
      needsCountersignature(db(), a.id),
    ]);
    const facts: AssessorFacts = {
      workingTowards: working,
      daysAtCentre: Math.floor((Date.now() - a.createdAt.getTime()) / DAY_MS),
      earlierSignOffs: earlier,
      verdicts,
      disagreements,
      decisionsInPeriod: inPeriod,
    };
    const factors = riskFactors(facts);
    const rating = riskRating(factors);
    const proposed = proposedSampleSize(rating, inPeriod);
    lines.push({ assessorId: a.id, name: a.name, facts, factors, computed: rating, rating, proposed, target: proposed, override: null });
  }
  return db().$transaction(async (tx) => {
    const plan = await tx.samplingPlan.create({
      data: { centreId, specId: spec.id, periodFrom: from, periodTo: day(input.periodTo), createdById: actor.userId, assessors: lines as unknown as Prisma.InputJsonValue },
      select: { id: true },
    });
    await recordAudit(tx, actor, { action: "iv.plan.create", subjectType: "SamplingPlan", subjectId: plan.id, detail: { ...input, assessors: lines.length } });
    return plan;
  });
}

/** IV verdicts on units this assessor signed off (all, or the disagreements). */
async function verdictCount(assessorId: string, disagreements: boolean) {
  const [row] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM "IvVerdict" v JOIN "UnitSignOff" s ON s.id = v."signOffId"
    WHERE s."assessorId" = ${assessorId}::uuid AND (${!disagreements} OR v.outcome = 'DISAGREE')`;
  return Number(row?.n ?? 0);
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

export async function listPlans(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const plans = await db().samplingPlan.findMany({ where: { centreId }, orderBy: { createdAt: "desc" }, take: 100, select: { id: true, specId: true, periodFrom: true, periodTo: true, createdAt: true } });
  const specs = new Map((await db().qualificationSpec.findMany({ where: { id: { in: plans.map((p) => p.specId) } }, select: { id: true, code: true, title: true } })).map((s) => [s.id, s]));
  return plans.map((p) => ({ ...p, qualification: specs.get(p.specId)! }));
}

const METHODS = ["PRODUCT", "OBSERVATION", "WITNESS_TESTIMONY", "PROFESSIONAL_DISCUSSION", "QUESTIONING", "SIMULATION", "RECOGNITION_OF_PRIOR_LEARNING"] as const;

/**
 * The plan with its coverage: for each assessor, units signed off in the period and how many are
 * sampled (against the target); a matrix of assessors against units; and the assessment methods
 * behind the sampled units, so what the sample has not yet reached stands out.
 */
export async function getPlan(actor: Actor, planId: string) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const plan = await db().samplingPlan.findUnique({ where: { id: planId } });
  if (!plan || plan.centreId !== centreId) throw notFound();
  const spec = await db().qualificationSpec.findUniqueOrThrow({ where: { id: plan.specId }, select: { code: true, title: true } });
  const to = new Date(plan.periodTo.getTime() + DAY_MS);
  const signOffs = await db().unitSignOff.findMany({
    where: { specId: plan.specId, signed: true, signedAt: { gte: plan.periodFrom, lt: to }, candidate: { centreId } },
    select: { assessorId: true, candidateId: true, unitRef: true, evidence: true },
  });
  const samples = await db().ivSample.findMany({
    where: { centreId, specId: plan.specId, candidateId: { in: [...new Set(signOffs.map((s) => s.candidateId))] } },
    select: { candidateId: true, unitRef: true },
  });
  const sampledKey = new Set(samples.map((s) => `${s.candidateId}|${s.unitRef}`));
  const lines = plan.assessors as unknown as PlanLine[];
  const units = [...new Set(signOffs.map((s) => s.unitRef))].sort();
  const cell = (assessorId: string, unitRef: string) => {
    const mine = signOffs.filter((s) => s.assessorId === assessorId && s.unitRef === unitRef);
    return { signedOff: mine.length, sampled: mine.filter((s) => sampledKey.has(`${s.candidateId}|${s.unitRef}`)).length };
  };
  const methodsOf = (evidence: unknown) =>
    new Set(((evidence ?? []) as { accepted: { method: string }[] }[]).flatMap((c) => c.accepted.map((a) => a.method)));
  const methods = METHODS.map((m) => ({
    method: m,
    signedOff: signOffs.filter((s) => methodsOf(s.evidence).has(m)).length,
    sampled: signOffs.filter((s) => sampledKey.has(`${s.candidateId}|${s.unitRef}`) && methodsOf(s.evidence).has(m)).length,
  }));
  // Nobody verifies their own assessments: the IV's own lines go to another IV, if there is one.
  const otherIvs = await db().user.count({ where: { centreId, active: true, id: { not: actor.userId }, roles: { some: { role: "INTERNAL_VERIFIER" } } } });
  return {
    id: plan.id,
    otherIvs,
    qualification: spec,
    periodFrom: plan.periodFrom,
    periodTo: plan.periodTo,
    lines: lines.map((l) => {
      const mine = signOffs.filter((s) => s.assessorId === l.assessorId);
      return { ...l, own: l.assessorId === actor.userId, sampled: mine.filter((s) => sampledKey.has(`${s.candidateId}|${s.unitRef}`)).length };
    }),
    units,
    matrix: lines.map((l) => ({ assessorId: l.assessorId, name: l.name, cells: units.map((u) => ({ unitRef: u, ...cell(l.assessorId, u) })) })),
    methods,
  };
}

/** The qualifications a plan can be for: those the centre's candidates are registered on. */
export async function listPlanQualifications(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const used = await db().candidateRegistration.findMany({ where: { candidate: { centreId } }, distinct: ["specId"], select: { specId: true } });
  return db().qualificationSpec.findMany({ where: { id: { in: used.map((u) => u.specId) } }, select: { id: true, code: true, title: true, version: true }, orderBy: { code: "asc" } });
}
