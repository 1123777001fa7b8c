import "server-only";
// Facts behind the authenticity signals that raise a signed-off unit's sampling priority.
import { db } from "@/lib/server/core/internal/db";

/** Evidence dated this long before it was judged raises a signal. */
/**
 * Other portfolios of the same centre holding the same file are counted up to this many (a blank
 * template can be in thousands). Other centres' portfolios are not looked at: an IV learns nothing
 * about another centre's candidates.
 */
const SHARED_FILE_CAP = 10;
export const STALE_EVIDENCE_DAYS = 365;

/**
 * Signals that raise a signed-off unit's sampling priority, each with its reason: a file behind it
 * also in another candidate's portfolio (same SHA-256); evidence dated before the candidate's
 * registration, or more than a year before it was judged. Three queries for the whole page.
 */
export async function authenticitySignals(units: { id: string; candidateId: string; specId: string; evidenceIds: string[]; assessor: { id: string } }[]) {
  const evidenceIds = [...new Set(units.flatMap((u) => u.evidenceIds))];
  const signals = new Map<string, string[]>();
  if (evidenceIds.length === 0) return signals;
  const add = (unitId: string, reason: string) => signals.set(unitId, [...new Set([...(signals.get(unitId) ?? []), reason])]);
  const [shared, dated] = await Promise.all([
    db().$queryRaw<{ evidenceId: string; name: string; others: bigint }[]>`
      SELECT f."evidenceId", f."displayName" AS name,
             (SELECT count(*) FROM (SELECT DISTINCT o."candidateId" FROM "EvidenceFile" g JOIN "Evidence" o ON o.id = g."evidenceId" JOIN "User" oc ON oc.id = o."candidateId"
               WHERE g.sha256 = f.sha256 AND g."deletedAt" IS NULL AND o."candidateId" <> e."candidateId" AND oc."centreId" = ce."centreId"
               LIMIT ${SHARED_FILE_CAP + 1}) x) AS others
      FROM "EvidenceFile" f JOIN "Evidence" e ON e.id = f."evidenceId" JOIN "User" ce ON ce.id = e."candidateId"
      WHERE f."evidenceId" = ANY(${evidenceIds}::uuid[]) AND f."deletedAt" IS NULL`,
    db().$queryRaw<{ evidenceId: string; title: string; activityDate: Date; registeredOn: Date | null; judgedAt: Date | null }[]>`
      SELECT e.id AS "evidenceId", e.title, e."activityDate",
             (SELECT min(r."registeredOn") FROM "CandidateRegistration" r WHERE r."candidateId" = e."candidateId") AS "registeredOn",
             (SELECT min(j."decidedAt") FROM "CriterionJudgement" j WHERE j."evidenceId" = e.id) AS "judgedAt"
      FROM "Evidence" e WHERE e.id = ANY(${evidenceIds}::uuid[])`,
  ]);
  const share = await witnessShares(units, evidenceIds);
  for (const u of units) {
    for (const w of share.filter((x) => u.evidenceIds.includes(x.evidenceId) && x.assessorId === u.assessor.id)) {
      add(u.id, `${w.witness} gave testimony for ${w.testified} of the ${w.caseload} candidates on the assessor's caseload: an unusually large share.`);
    }
    for (const s of shared.filter((x) => u.evidenceIds.includes(x.evidenceId) && Number(x.others) > 0)) {
      const n = Number(s.others);
      const where = n === 1 ? "another candidate's portfolio" : n > SHARED_FILE_CAP ? `more than ${SHARED_FILE_CAP} other candidates' portfolios` : `${n} other candidates' portfolios`;
      add(u.id, `The file "${s.name}" (same SHA-256) is also in ${where}.`);
    }
    for (const d of dated.filter((x) => u.evidenceIds.includes(x.evidenceId))) {
      if (d.registeredOn && d.activityDate < d.registeredOn) add(u.id, `"${d.title}" is dated before the candidate's registration.`);
      if (d.judgedAt && d.judgedAt.getTime() - d.activityDate.getTime() > STALE_EVIDENCE_DAYS * 24 * 60 * 60 * 1000) {
        add(u.id, `"${d.title}" is dated more than a year before it was judged.`);
      }
    }
  }
  return signals;
}

/** A witness testifying for at least this share of an assessor's caseload, and at least WITNESS_MINIMUM candidates, raises a signal. */
export const WITNESS_SHARE = 0.25;
const WITNESS_MINIMUM = 3;

/**
 * Testimony behind these units whose witness has testified for an unusually large share of the
 * unit's assessor's caseload: for each (witness, assessor) pair on the page, candidates on the
 * caseload with submitted testimony by that witness, against the caseload. Two queries.
 */
async function witnessShares(units: { evidenceIds: string[]; assessor: { id: string } }[], evidenceIds: string[]) {
  const testimony = await db().evidence.findMany({
    where: { id: { in: evidenceIds }, method: "WITNESS_TESTIMONY", authorId: { not: null } },
    select: { id: true, authorId: true, author: { select: { name: true } } },
  });
  const pairs = [
    ...new Map(
      testimony.flatMap((t) => units.filter((u) => u.evidenceIds.includes(t.id)).map((u) => [`${t.authorId}|${u.assessor.id}`, { witnessId: t.authorId!, assessorId: u.assessor.id }] as const)),
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
      .filter((c) => c.witnessId === t.authorId && Number(c.testified) >= WITNESS_MINIMUM && Number(c.testified) >= WITNESS_SHARE * Number(c.caseload))
      .map((c) => ({ evidenceId: t.id, assessorId: c.assessorId, witness: t.author?.name ?? "A witness", testified: Number(c.testified), caseload: Number(c.caseload) })),
  );
}
