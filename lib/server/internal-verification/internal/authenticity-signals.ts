import "server-only";
// The facts behind the authenticity signals (lib/domain/internal-verification/authenticity.ts) for
// a page of signed-off units: three queries for the whole page, then the domain decides.
import {
  authenticitySignals as signalsFrom,
  SHARED_FILE_CAP,
  type AuthenticityFacts,
} from "@/lib/domain/internal-verification/authenticity";
import { db } from "@/lib/server/core/internal/db";

type Unit = { id: string; candidateId: string; specId: string; evidenceIds: string[]; assessor: { id: string } };

/**
 * Signals that raise a signed-off unit's sampling priority, each with its reason: a file behind it
 * also in another candidate's portfolio (same SHA-256); evidence dated before the candidate's
 * registration, or more than a year before it was judged; testimony from a witness who testified
 * for an unusually large share of the assessor's caseload.
 */
export async function authenticitySignals(units: Unit[]) {
  const evidenceIds = [...new Set(units.flatMap((u) => u.evidenceIds))];
  if (evidenceIds.length === 0) return new Map<string, string[]>();
  const [shared, dated, testimony] = await Promise.all([
    db().$queryRaw<{ evidenceId: string; name: string; others: bigint }[]>`
      SELECT f."evidenceId", f."displayName" AS name,
             (SELECT count(*) FROM (SELECT DISTINCT o."candidateId" FROM "EvidenceFile" g JOIN "Evidence" o ON o.id = g."evidenceId" JOIN "User" oc ON oc.id = o."candidateId"
               WHERE g.sha256 = f.sha256 AND g."deletedAt" IS NULL AND o."candidateId" <> e."candidateId" AND oc."centreId" = ce."centreId"
               LIMIT ${SHARED_FILE_CAP + 1}) x) AS others
      FROM "EvidenceFile" f JOIN "Evidence" e ON e.id = f."evidenceId" JOIN "User" ce ON ce.id = e."candidateId"
      WHERE f."evidenceId" = ANY(${evidenceIds}::uuid[]) AND f."deletedAt" IS NULL`,
    db().$queryRaw<AuthenticityFacts["dated"]>`
      SELECT e.id AS "evidenceId", e.title, e."activityDate",
             (SELECT min(r."registeredOn") FROM "CandidateRegistration" r WHERE r."candidateId" = e."candidateId") AS "registeredOn",
             (SELECT min(j."decidedAt") FROM "CriterionJudgement" j WHERE j."evidenceId" = e.id) AS "judgedAt"
      FROM "Evidence" e WHERE e.id = ANY(${evidenceIds}::uuid[])`,
    testimonyShares(units, evidenceIds),
  ]);
  return signalsFrom(units, { shared: shared.map((s) => ({ ...s, others: Number(s.others) })), dated, testimony });
}

/**
 * Testimony behind these units: for each (witness, assessor) pair on the page, the candidates on
 * the assessor's caseload with submitted testimony by that witness, against the caseload. Two queries.
 */
async function testimonyShares(
  units: { evidenceIds: string[]; assessor: { id: string } }[],
  evidenceIds: string[],
): Promise<AuthenticityFacts["testimony"]> {
  const testimony = await db().evidence.findMany({
    where: { id: { in: evidenceIds }, method: "WITNESS_TESTIMONY", authorId: { not: null } },
    select: { id: true, authorId: true, author: { select: { name: true } } },
  });
  const pairs = [
    ...new Map(
      testimony.flatMap((t) =>
        units
          .filter((u) => u.evidenceIds.includes(t.id))
          .map(
            (u) => [`${t.authorId}|${u.assessor.id}`, { witnessId: t.authorId!, assessorId: u.assessor.id }] as const,
          ),
      ),
    ).values(),
  ];
  if (pairs.length === 0) return [];
  const counts = await db().$queryRaw<{ witnessId: string; assessorId: string; testified: bigint; caseload: bigint }[]>`
    SELECT p.w AS "witnessId", p.a AS "assessorId",
           (SELECT count(DISTINCT t."candidateId") FROM "AssessorAssignment" aa JOIN "Evidence" t ON t."candidateId" = aa."candidateId"
             WHERE aa."assessorId" = p.a AND t."authorId" = p.w AND t.method = 'WITNESS_TESTIMONY' AND t.status = 'SUBMITTED') AS testified,
           (SELECT count(*) FROM "AssessorAssignment" aa WHERE aa."assessorId" = p.a) AS caseload
    FROM unnest(${pairs.map((p) => p.witnessId)}::uuid[], ${pairs.map((p) => p.assessorId)}::uuid[]) AS p(w, a)`;
  return testimony.flatMap((t) =>
    counts
      .filter((c) => c.witnessId === t.authorId)
      .map((c) => ({
        evidenceId: t.id,
        assessorId: c.assessorId,
        witness: t.author?.name ?? "A witness",
        testified: Number(c.testified),
        caseload: Number(c.caseload),
      })),
  );
}
