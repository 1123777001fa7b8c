import "server-only";
// Read helpers for internal verification, used inside the callers' own authorisation checks:
// whose decisions a unit holds (the own-decisions rule), and the units a plan's period holds. Where
// a sample stands is a pure rule: lib/domain/internal-verification/sample-state.ts.
import { londonPeriod } from "@/lib/domain/today";
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/core/internal/db";

type Client = Pick<ReturnType<typeof db>, "$queryRaw">;

/**
 * "candidate|spec|unit" keys, among these candidates, of units the person took part in assessing:
 * a judgement of any criterion (standing or replaced), a sign-off, a countersignature of either,
 * or assessment evidence they recorded themselves (an observation, discussion or questioning
 * mapped to the unit). One query; pass the transaction to re-check under its locks.
 */
export async function unitsDecidedBy(
  userId: string,
  candidateIds: string[],
  client: Client = db(),
): Promise<Set<string>> {
  if (candidateIds.length === 0) return new Set();
  const rows = await client.$queryRaw<{ key: string }[]>`
    SELECT DISTINCT e."candidateId" || '|' || j."specId" || '|' || j."unitRef" AS key
    FROM "CriterionJudgement" j JOIN "Evidence" e ON e.id = j."evidenceId" LEFT JOIN "Countersignature" c ON c."judgementId" = j.id
    WHERE e."candidateId" = ANY(${candidateIds}::uuid[]) AND (j."assessorId" = ${userId}::uuid OR c."assessorId" = ${userId}::uuid)
    UNION
    SELECT DISTINCT s."candidateId" || '|' || s."specId" || '|' || s."unitRef"
    FROM "UnitSignOff" s LEFT JOIN "Countersignature" c ON c."signOffId" = s.id
    WHERE s."candidateId" = ANY(${candidateIds}::uuid[]) AND (s."assessorId" = ${userId}::uuid OR c."assessorId" = ${userId}::uuid)
    UNION
    SELECT DISTINCT e."candidateId" || '|' || m."specId" || '|' || m."unitRef"
    FROM "Evidence" e JOIN "EvidenceCriterion" m ON m."evidenceId" = e.id
    WHERE e."candidateId" = ANY(${candidateIds}::uuid[]) AND e."authorId" = ${userId}::uuid`;
  return new Set(rows.map((r) => r.key));
}

/**
 * The units a plan's period holds, as the plan page and the IV dashboard both count them: each
 * standing, signed sign-off of the centre's candidates on the qualification made in the period's UK
 * days, with whether the unit is in a sample (interim or summative). One definition, so the two
 * pages cannot disagree again.
 */
export function signedOffInPlanPeriod(centreId: string, plan: { specId: string; periodFrom: Date; periodTo: Date }) {
  const { start, end } = londonPeriod(plan.periodFrom, plan.periodTo);
  return Prisma.sql`
      SELECT s.id, s."assessorId", s."candidateId", s."unitRef", s.evidence, s."evidenceIds",
             EXISTS (SELECT 1 FROM "IvSample" x WHERE x."candidateId" = s."candidateId" AND x."specId" = s."specId" AND x."unitRef" = s."unitRef") AS sampled
      FROM "UnitSignOff" s JOIN "User" c ON c.id = s."candidateId"
      WHERE c."centreId" = ${centreId}::uuid AND s."specId" = ${plan.specId}::uuid AND s.signed AND s."signedAt" >= ${start} AND s."signedAt" < ${end}
        AND NOT EXISTS (SELECT 1 FROM "UnitSignOff" t WHERE t."supersedesId" = s.id)`;
}
