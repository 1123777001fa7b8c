import "server-only";
// Summative sampling driven by the plan: when a unit is signed off, the sampling plan covering its
// qualification and date decides whether it joins the sample, so it appears in the IV's queue
// without anyone choosing it. The rule (README, "Internal verification") keeps each assessor's
// sample in step with their sign-offs: with a target of T units out of E expected, the n-th unit
// signed off in the period is selected while the assessor's sampled units are fewer than
// ceil(T × n ÷ max(E, n)); once T are sampled the plan selects no more. An assessor the plan does
// not list is sampled up to the minimum. Runs in the sign-off's transaction, under a lock on the
// plan, so two sign-offs at once cannot both take the last place.
import { MINIMUM_PER_ASSESSOR, planSelects } from "@/lib/domain/iv-risk";
import type { Actor } from "@/lib/domain/policy";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "./audit";
import { notifySampleDue } from "./notify-events";
import type { PlanLine } from "./sampling-plans";

type Tx = Prisma.TransactionClient;
type SignedOff = { id: string; candidateId: string; specId: string; unitRef: string; assessorId: string };
type Plan = { id: string; centreId: string; periodFrom: Date; periodTo: Date; createdById: string; assessors: PlanLine[] };

export async function selectForSummativeSample(tx: Tx, actor: Actor, unit: SignedOff): Promise<string | null> {
  const [plan] = await tx.$queryRaw<Plan[]>`
    SELECT p.id, p."centreId", p."periodFrom", p."periodTo", p."createdById", p.assessors
    FROM "SamplingPlan" p JOIN "User" c ON c.id = ${unit.candidateId}::uuid AND c."centreId" = p."centreId"
    WHERE p."specId" = ${unit.specId}::uuid
      AND p."periodFrom" <= (now() AT TIME ZONE 'Europe/London')::date AND p."periodTo" >= (now() AT TIME ZONE 'Europe/London')::date
    ORDER BY p."createdAt" DESC LIMIT 1
    FOR UPDATE OF p`;
  if (!plan) return null;
  return selectUnderPlan(tx, actor, plan, { ...unit, signedAt: null });
}

/**
 * A plan made during or after its period puts the units already signed off in it through the same
 * selection, oldest first, as if it had stood when each was signed off: otherwise a plan made late
 * would leave them unseen and let them be claimed as "not selected". Runs in the plan's
 * transaction; the candidates' sign-offs are standing, signed and not yet in a summative sample.
 */
export async function selectSignedOffInPeriod(tx: Tx, actor: Actor, plan: Plan, specId: string): Promise<number> {
  const to = new Date(plan.periodTo.getTime() + 24 * 60 * 60 * 1000);
  const units = await tx.$queryRaw<(SignedOff & { signedAt: Date })[]>`
    SELECT s.id, s."candidateId", s."specId", s."unitRef", s."assessorId", s."signedAt"
    FROM "UnitSignOff" s JOIN "User" c ON c.id = s."candidateId" AND c."centreId" = ${plan.centreId}::uuid
    WHERE s."specId" = ${specId}::uuid AND s.signed AND s."signedAt" >= ${plan.periodFrom} AND s."signedAt" < ${to}
      AND NOT EXISTS (SELECT 1 FROM "UnitSignOff" t WHERE t."supersedesId" = s.id)
      AND NOT EXISTS (SELECT 1 FROM "IvSample" x WHERE x."candidateId" = s."candidateId" AND x."specId" = s."specId" AND x."unitRef" = s."unitRef" AND x.stage = 'SUMMATIVE')
    ORDER BY s."signedAt", s.id
    LIMIT 5000`;
  let selected = 0;
  for (const unit of units) if (await selectUnderPlan(tx, actor, plan, unit)) selected += 1;
  return selected;
}

/** The plan's rule for one unit; `signedAt` null means "now" (the sign-off being made). */
async function selectUnderPlan(tx: Tx, actor: Actor, plan: Plan, unit: SignedOff & { signedAt: Date | null }): Promise<string | null> {
  const existing = await tx.ivSample.findUnique({
    where: { candidateId_specId_unitRef_stage: { candidateId: unit.candidateId, specId: unit.specId, unitRef: unit.unitRef, stage: "SUMMATIVE" } },
    select: { id: true },
  });
  if (existing) return null;
  const to = new Date(plan.periodTo.getTime() + 24 * 60 * 60 * 1000);
  const upTo = unit.signedAt ?? to;
  // Units this assessor signed off in the period up to this one (included), and how many are in a summative sample.
  const [counts] = await tx.$queryRaw<{ n: bigint; sampled: bigint }[]>`
    SELECT count(*) AS n, count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM "IvSample" x WHERE x."candidateId" = u."candidateId" AND x."specId" = ${unit.specId}::uuid AND x."unitRef" = u."unitRef" AND x.stage = 'SUMMATIVE')) AS sampled
    FROM (SELECT DISTINCT "candidateId", "unitRef" FROM "UnitSignOff"
          WHERE "assessorId" = ${unit.assessorId}::uuid AND "specId" = ${unit.specId}::uuid AND signed AND "signedAt" >= ${plan.periodFrom} AND "signedAt" < ${to} AND "signedAt" <= ${upTo}) u`;
  const n = Number(counts?.n ?? 1);
  const sampled = Number(counts?.sampled ?? 0);
  const line = plan.assessors.find((l) => l.assessorId === unit.assessorId) ?? null;
  if (!planSelects(line, n, sampled)) return null;
  const reason = line
    ? `Selected by the sampling plan: ${line.name}'s sample ${sampled + 1} of ${line.target} (${line.rating.toLowerCase()} risk), unit ${n} signed off in the period.`
    : `Selected by the sampling plan: the assessor is not in the plan, so their first ${MINIMUM_PER_ASSESSOR} units are sampled.`;
  // An IV may be sampling the same unit by hand at this moment: whichever lands first stands, and
  // the sign-off never fails for it.
  const [created] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "IvSample" (id, "centreId", "candidateId", "specId", "unitRef", stage, criteria, reason, "selectedById")
    VALUES (gen_random_uuid(), ${plan.centreId}::uuid, ${unit.candidateId}::uuid, ${unit.specId}::uuid, ${unit.unitRef}, 'SUMMATIVE', '{}', ${reason}, ${plan.createdById}::uuid)
    ON CONFLICT ("candidateId", "specId", "unitRef", stage) DO NOTHING
    RETURNING id`;
  if (!created) return null;
  await recordAudit(tx, actor, { action: "iv.sample.plan", subjectType: "IvSample", subjectId: created.id, detail: { planId: plan.id, signOffId: unit.id, n, sampled } });
  await notifySampleDue(tx, { id: created.id, centreId: plan.centreId, candidateId: unit.candidateId, unitRef: unit.unitRef, assessorId: unit.assessorId });
  return created.id;
}
