import "server-only";
// Summative sampling driven by the plan: when a unit is signed off, the sampling plan covering its
// qualification and date decides whether it joins the sample, so it appears in the IV's queue
// without anyone choosing it. The rule (README, "Internal verification") keeps each assessor's
// sample in step with their sign-offs: with a target of T units out of E expected, the n-th unit
// signed off in the period is selected while the assessor's sampled units are fewer than
// ceil(T × n ÷ max(E, n)); once T are sampled the plan selects no more. An assessor the plan does
// not list is sampled up to the minimum. Runs in the sign-off's transaction, under a lock on the
// plan, so two sign-offs at once cannot both take the last place.
import { planSelects, selectionReason } from "@/lib/domain/internal-verification/risk";
import type { Actor } from "@/lib/domain/policy";
import type { Prisma } from "@/lib/generated/prisma/client";
import { londonPeriod } from "@/lib/domain/today";
import { centreUsersWithRole, notify } from "@/lib/notifications/record";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { notifySampleDue } from "@/lib/server/notifications/internal/notify-events";
import type { PlanLine } from "./plan-lines";

type Tx = Prisma.TransactionClient;
type SignedOff = { id: string; candidateId: string; specId: string; unitRef: string; assessorId: string };
type Plan = {
  id: string;
  centreId: string;
  periodFrom: Date;
  periodTo: Date;
  createdById: string;
  assessors: PlanLine[];
};

/**
 * Sign-offs and new plans of one centre and qualification take turns (a transaction-scoped lock):
 * a plan made while a unit is being signed off either sees that sign-off when it selects from the
 * units already signed off in its period, or is seen by it. Without it, a unit signed off in the
 * plan's period as the plan was made would never have been through its selection, and would be
 * claimable as "not selected".
 */
export async function lockSampling(tx: Tx, centreId: string, specId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sampling-plan'), hashtext(${centreId}::text || '|' || ${specId}::text))`;
}

export async function selectForSummativeSample(tx: Tx, actor: Actor, unit: SignedOff): Promise<string | null> {
  const [owner] = await tx.$queryRaw<
    { centreId: string }[]
  >`SELECT "centreId"::text AS "centreId" FROM "User" WHERE id = ${unit.candidateId}::uuid`;
  if (owner?.centreId) await lockSampling(tx, owner.centreId, unit.specId);
  const [plan] = await tx.$queryRaw<Plan[]>`
    SELECT p.id, p."centreId", p."periodFrom", p."periodTo", p."createdById", p.assessors
    FROM "SamplingPlan" p JOIN "User" c ON c.id = ${unit.candidateId}::uuid AND c."centreId" = p."centreId"
    WHERE p."specId" = ${unit.specId}::uuid
      AND p."periodFrom" <= (now() AT TIME ZONE 'Europe/London')::date AND p."periodTo" >= (now() AT TIME ZONE 'Europe/London')::date
    ORDER BY p."createdAt" DESC LIMIT 1
    FOR UPDATE OF p`;
  if (!plan) return null;
  return selectUnderPlan(tx, actor, plan, unit);
}

/**
 * A plan made during or after its period puts the units already signed off in it through the same
 * rule, oldest first, as if it had stood when each was signed off: otherwise a plan made late would
 * leave them unseen and let them be claimed as "not selected". One read of the period's units, the
 * rule applied per assessor in order here, then one insert per sample taken (with its audit event),
 * and one notice to the IVs for the lot; in the plan's transaction, under the sampling lock.
 */
export async function selectSignedOffInPeriod(tx: Tx, actor: Actor, plan: Plan, specId: string): Promise<number> {
  const { start, end } = londonPeriod(plan.periodFrom, plan.periodTo);
  // Each unit once, at its first sign-off in the period (as the live rule counts it), with the
  // standing signed record to sample if there is one, and whether it is already in a summative sample.
  const units = await tx.$queryRaw<
    { candidateId: string; unitRef: string; assessorId: string; standing: string | null; sampled: boolean }[]
  >`
    SELECT s."candidateId", s."unitRef", s."assessorId", min(s."signedAt") AS first,
           (array_agg(s.id) FILTER (WHERE NOT EXISTS (SELECT 1 FROM "UnitSignOff" t WHERE t."supersedesId" = s.id)))[1] AS standing,
           EXISTS (SELECT 1 FROM "IvSample" x WHERE x."candidateId" = s."candidateId" AND x."specId" = ${specId}::uuid AND x."unitRef" = s."unitRef" AND x.stage = 'SUMMATIVE') AS sampled
    FROM "UnitSignOff" s JOIN "User" c ON c.id = s."candidateId" AND c."centreId" = ${plan.centreId}::uuid
    WHERE s."specId" = ${specId}::uuid AND s.signed AND s."signedAt" >= ${start} AND s."signedAt" < ${end}
    GROUP BY 1, 2, 3
    ORDER BY min(s."signedAt"), 1, 2`;
  const progress = new Map<string, { n: number; sampled: number }>();
  const chosen: {
    candidateId: string;
    unitRef: string;
    assessorId: string;
    signOffId: string;
    reason: string;
    n: number;
    sampled: number;
  }[] = [];
  for (const u of units) {
    const p = progress.get(u.assessorId) ?? { n: 0, sampled: 0 };
    progress.set(u.assessorId, p);
    p.n += 1;
    if (u.sampled) {
      p.sampled += 1;
      continue;
    }
    const line = plan.assessors.find((l) => l.assessorId === u.assessorId) ?? null;
    if (!u.standing || !planSelects(line, p.n, p.sampled)) continue;
    chosen.push({
      ...u,
      signOffId: u.standing,
      reason: selectionReason(line, p.n, p.sampled),
      n: p.n,
      sampled: p.sampled,
    });
    p.sampled += 1;
  }
  let selected = 0;
  for (const c of chosen) {
    const [created] = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO "IvSample" (id, "centreId", "candidateId", "specId", "unitRef", stage, criteria, reason, "selectedById")
      VALUES (gen_random_uuid(), ${plan.centreId}::uuid, ${c.candidateId}::uuid, ${specId}::uuid, ${c.unitRef}, 'SUMMATIVE', '{}', ${c.reason}, ${plan.createdById}::uuid)
      ON CONFLICT ("candidateId", "specId", "unitRef", stage) DO NOTHING
      RETURNING id`;
    if (!created) continue;
    selected += 1;
    await recordAudit(tx, actor, {
      action: "iv.sample.plan",
      subjectType: "IvSample",
      subjectId: created.id,
      detail: { planId: plan.id, signOffId: c.signOffId, n: c.n, sampled: c.sampled, late: true },
    });
  }
  if (selected > 0) {
    await notify(tx, {
      userIds: await centreUsersWithRole(tx, plan.centreId, "INTERNAL_VERIFIER"),
      kind: "sample.due",
      title: `The new sampling plan took ${selected} unit${selected === 1 ? "" : "s"} already signed off in its period into the sample`,
      href: "/iv",
      key: `plan:${plan.id}`,
    });
  }
  return selected;
}

/** The plan's rule for the unit being signed off now. */
async function selectUnderPlan(tx: Tx, actor: Actor, plan: Plan, unit: SignedOff): Promise<string | null> {
  const existing = await tx.ivSample.findUnique({
    where: {
      candidateId_specId_unitRef_stage: {
        candidateId: unit.candidateId,
        specId: unit.specId,
        unitRef: unit.unitRef,
        stage: "SUMMATIVE",
      },
    },
    select: { id: true },
  });
  if (existing) return null;
  const { start, end } = londonPeriod(plan.periodFrom, plan.periodTo);
  // Units this assessor signed off in the period (this one included), and how many are in a summative sample.
  const [counts] = await tx.$queryRaw<{ n: bigint; sampled: bigint }[]>`
    SELECT count(*) AS n, count(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM "IvSample" x WHERE x."candidateId" = u."candidateId" AND x."specId" = ${unit.specId}::uuid AND x."unitRef" = u."unitRef" AND x.stage = 'SUMMATIVE')) AS sampled
    FROM (SELECT DISTINCT "candidateId", "unitRef" FROM "UnitSignOff"
          WHERE "assessorId" = ${unit.assessorId}::uuid AND "specId" = ${unit.specId}::uuid AND signed AND "signedAt" >= ${start} AND "signedAt" < ${end}) u`;
  const n = Number(counts?.n ?? 1);
  const sampled = Number(counts?.sampled ?? 0);
  const line = plan.assessors.find((l) => l.assessorId === unit.assessorId) ?? null;
  if (!planSelects(line, n, sampled)) return null;
  const reason = selectionReason(line, n, sampled);
  // An IV may be sampling the same unit by hand at this moment: whichever lands first stands, and
  // the sign-off never fails for it.
  const [created] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "IvSample" (id, "centreId", "candidateId", "specId", "unitRef", stage, criteria, reason, "selectedById")
    VALUES (gen_random_uuid(), ${plan.centreId}::uuid, ${unit.candidateId}::uuid, ${unit.specId}::uuid, ${unit.unitRef}, 'SUMMATIVE', '{}', ${reason}, ${plan.createdById}::uuid)
    ON CONFLICT ("candidateId", "specId", "unitRef", stage) DO NOTHING
    RETURNING id`;
  if (!created) return null;
  await recordAudit(tx, actor, {
    action: "iv.sample.plan",
    subjectType: "IvSample",
    subjectId: created.id,
    detail: { planId: plan.id, signOffId: unit.id, n, sampled },
  });
  await notifySampleDue(tx, {
    id: created.id,
    centreId: plan.centreId,
    candidateId: unit.candidateId,
    unitRef: unit.unitRef,
    assessorId: unit.assessorId,
  });
  return created.id;
}
