import "server-only";
// Read helpers for internal verification, used inside the callers' own authorisation checks:
// whose decisions a unit holds (the own-decisions rule), and where a sample stands.
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
export async function unitsDecidedBy(userId: string, candidateIds: string[], client: Client = db()): Promise<Set<string>> {
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

type VerdictFacts = { outcome: "AGREE" | "DISAGREE"; decidedAt: Date; needsCountersignature: boolean; countersignature: unknown | null; signOffId?: string | null };

/** The sample stands agreed: its latest verdict agrees and counts (a qualified IV's, or countersigned). */
export const isAgreed = (verdicts: VerdictFacts[]) => {
  const latest = verdicts.at(-1);
  return latest?.outcome === "AGREE" && (!latest.needsCountersignature || latest.countersignature !== null);
};

/** As heldUnits decides: a disagreement with no agreement that counts after it. */
export const isHeld = (verdicts: VerdictFacts[]) => {
  const last = verdicts.findLastIndex((v) => v.outcome === "DISAGREE");
  return last >= 0 && !verdicts.slice(last + 1).some((v) => v.outcome === "AGREE" && (!v.needsCountersignature || v.countersignature !== null));
};

/**
 * Where a sample stands, from its verdicts and responses (oldest first). A summative agreement
 * stands for the sign-off it verified: once the unit is signed off again on other evidence
 * (`standingSignOffId` differs), the sample must be verified again.
 */
export function sampleState(verdicts: VerdictFacts[], responses: { respondedAt: Date }[], standingSignOffId?: string | null) {
  const latest = verdicts.at(-1);
  if (!latest) return "awaiting-verdict" as const;
  if (latest.outcome === "AGREE" && latest.signOffId && standingSignOffId !== undefined && standingSignOffId !== latest.signOffId) return "changed-since-verdict" as const;
  if (latest.outcome === "AGREE") return isAgreed(verdicts) ? ("agreed" as const) : ("awaiting-countersignature" as const);
  return responses.some((r) => r.respondedAt > latest.decidedAt) ? ("responded" as const) : ("on-hold" as const);
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
