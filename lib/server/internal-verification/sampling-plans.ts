// The IV's sampling plan for a qualification and period: each assessor's risk rating from facts
// the system holds (lib/domain/internal-verification/risk.ts), the sample it proposes, what the IV agreed, and the
// coverage so far: assessors against units, and the assessment methods the sample has reached.
import "server-only";
import type { Actor } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AdjustPlanInput, PlanInput } from "@/lib/validation/assessment";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { lockSampling, selectSignedOffInPeriod } from "./internal/summative-selection";
import { authorizeOwnCentre, authorizeVerifiedOrOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { planChanges, type PlanLine } from "@/lib/domain/internal-verification/plan-changes";
import { planLines } from "./internal/plan-lines";
import { storedDate } from "@/lib/domain/today";

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
  const from = storedDate(input.periodFrom);
  const lines = await planLines(centreId, spec.id, from, storedDate(input.periodTo));
  // A plan made late selects from every unit already signed off in its period: a big centre's year
  // is thousands of units, so the transaction may take longer than the default five seconds.
  return db().$transaction(
    async (tx) => {
      await lockSampling(tx, centreId, spec.id);
      const plan = await tx.samplingPlan.create({
        data: {
          centreId,
          specId: spec.id,
          periodFrom: from,
          periodTo: storedDate(input.periodTo),
          createdById: actor.userId,
          assessors: lines as unknown as Prisma.InputJsonValue,
        },
        select: { id: true, centreId: true, periodFrom: true, periodTo: true, createdById: true },
      });
      await recordAudit(tx, actor, {
        action: "iv.plan.create",
        subjectType: "SamplingPlan",
        subjectId: plan.id,
        detail: { ...input, assessors: lines.length },
      });
      const selected = await selectSignedOffInPeriod(tx, actor, { ...plan, assessors: lines }, spec.id);
      return { id: plan.id, selected };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}

/**
 * The IV recomputes a standing plan from today's facts, recorded: each changed line takes the new
 * computed rating and proposal (an IV's override stays, as the IV chose it, with the new figures
 * beside it), the audit event keeps every line before and after, and each line keeps what it was.
 */
export async function recomputePlan(actor: Actor, planId: string): Promise<{ changed: number }> {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  return db().$transaction(async (tx) => {
    const [plan] = await tx.$queryRaw<
      { id: string; centreId: string; specId: string; periodFrom: Date; periodTo: Date; assessors: PlanLine[] }[]
    >`
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
        ? {
            ...was,
            facts: f.facts,
            factors: f.factors,
            computed: f.computed,
            proposed: f.proposed,
            expected: f.expected,
            recomputed: { at, before: { rating: was.computed, proposed: was.proposed, target: was.target } },
          }
        : { ...f, recomputed: { at, before: { rating: was.rating, proposed: was.proposed, target: was.target } } };
    });
    // Assessors the fresh facts no longer list (none signed off, no candidates left) keep their line.
    for (const was of plan.assessors) if (!lines.some((l) => l.assessorId === was.assessorId)) lines.push(was);
    await tx.samplingPlan.update({
      where: { id: plan.id },
      data: { assessors: lines as unknown as Prisma.InputJsonValue },
    });
    await recordAudit(tx, actor, {
      action: "iv.plan.recompute",
      subjectType: "SamplingPlan",
      subjectId: plan.id,
      detail: { changes: changes.map(({ factors: _f, ...c }) => c) },
    });
    return { changed: changes.length };
  });
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
    const lines = plan.assessors.map((l) =>
      l.assessorId === input.assessorId
        ? { ...l, rating: input.rating, target: input.target, override: input.reason }
        : l,
    );
    await tx.samplingPlan.update({
      where: { id: plan.id },
      data: { assessors: lines as unknown as Prisma.InputJsonValue },
    });
    await recordAudit(tx, actor, {
      action: "iv.plan.adjust",
      subjectType: "SamplingPlan",
      subjectId: plan.id,
      detail: {
        assessorId: input.assessorId,
        before,
        after: { rating: input.rating, target: input.target },
        reason: input.reason,
      },
    });
  });
}

export async function listPlans(actor: Actor, centreId?: string) {
  const centre = authorizeVerifiedOrOwnCentre(actor, "iv.sample", centreId);
  const plans = await db().samplingPlan.findMany({
    where: { centreId: centre },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, specId: true, periodFrom: true, periodTo: true, createdAt: true },
  });
  const specs = new Map(
    (
      await db().qualificationSpec.findMany({
        where: { id: { in: plans.map((p) => p.specId) } },
        select: { id: true, code: true, title: true },
      })
    ).map((s) => [s.id, s]),
  );
  return plans.map((p) => ({ ...p, qualification: specs.get(p.specId)! }));
}
