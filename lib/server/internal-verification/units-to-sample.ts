import "server-only";
// What the IV can sample: signed-off units, units flagged by authenticity signals, units in
// progress for an assessor, and the centre's assessors.
import type { Actor } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import { pageWindow, toPage } from "@/lib/domain/pagination";
import { unitsDecidedBy } from "./internal/iv-state";
import { authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { notFound } from "@/lib/server/core/errors";
import { STALE_EVIDENCE_DAYS } from "@/lib/domain/internal-verification/authenticity";
import { authenticitySignals } from "./internal/authenticity-signals";

/**
 * Signed-off units of the centre not yet in a summative sample, newest first, each with whether the
 * IV may verify it (not if they made decisions on it) and why not.
 */
export async function listSignedOffUnits(actor: Actor, query: { page: number }) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const base = { signed: true, supersededBy: { is: null }, candidate: { centreId } } as const;
  const [items, total] = await Promise.all([
    db().unitSignOff.findMany({
      where: base,
      orderBy: [{ signedAt: "desc" }, { id: "asc" }],
      ...pageWindow(query.page),
      select: signedOffSelect,
    }),
    db().unitSignOff.count({ where: base }),
  ]);
  const rows = await withVerificationFacts(actor, items);
  // On the page, units with authenticity signals first: they are the ones to sample.
  rows.sort((a, b) => Number(b.signals.length > 0) - Number(a.signals.length > 0));
  return toPage(rows, total, query.page);
}

const signedOffSelect = {
  id: true,
  candidateId: true,
  specId: true,
  unitRef: true,
  signedAt: true,
  evidenceIds: true,
  assessor: { select: { id: true, name: true } },
  candidate: { select: { name: true } },
} as const;

/** How many of the latest unsampled sign-offs the signal search looks through: its cost is bounded by this, not the centre. */
const FLAGGED_WINDOW = 200;

/**
 * Beyond the page: of the centre's 200 most recent standing sign-offs (of the last year) not yet
 * in a summative sample, those whose evidence raises an authenticity signal, newest first (at most
 * 10), each with its reasons. The database finds the candidates for a signal; the reasons are then
 * worked out as on the list.
 */
export async function listFlaggedUnits(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const since = new Date(Date.now() - STALE_EVIDENCE_DAYS * 24 * 60 * 60 * 1000);
  const candidates = await db().$queryRaw<{ id: string }[]>`
    WITH recent AS (
      SELECT s.id, s."candidateId", s."evidenceIds", s."signedAt" FROM "UnitSignOff" s JOIN "User" c ON c.id = s."candidateId"
      WHERE c."centreId" = ${centreId}::uuid AND s.signed AND s."signedAt" >= ${since}
        AND NOT EXISTS (SELECT 1 FROM "UnitSignOff" t WHERE t."supersedesId" = s.id)
        AND NOT EXISTS (SELECT 1 FROM "IvSample" x WHERE x."candidateId" = s."candidateId" AND x."specId" = s."specId" AND x."unitRef" = s."unitRef" AND x.stage = 'SUMMATIVE')
      ORDER BY s."signedAt" DESC, s.id LIMIT ${FLAGGED_WINDOW})
    SELECT r.id FROM recent r WHERE EXISTS (
      SELECT 1 FROM "Evidence" e WHERE e.id = ANY(r."evidenceIds") AND (
        e."activityDate" < (SELECT min(x."registeredOn") FROM "CandidateRegistration" x WHERE x."candidateId" = r."candidateId")
        OR EXISTS (SELECT 1 FROM "CriterionJudgement" j WHERE j."evidenceId" = e.id AND j."decidedAt" > e."activityDate" + ${`${STALE_EVIDENCE_DAYS} days`}::interval)
        OR EXISTS (SELECT 1 FROM "EvidenceFile" f WHERE f."evidenceId" = e.id AND f."deletedAt" IS NULL AND EXISTS (
             SELECT 1 FROM "EvidenceFile" g JOIN "Evidence" o ON o.id = g."evidenceId" JOIN "User" oc ON oc.id = o."candidateId"
             WHERE g.sha256 = f.sha256 AND g."deletedAt" IS NULL AND o."candidateId" <> r."candidateId" AND oc."centreId" = ${centreId}::uuid))
        OR (e.method = 'WITNESS_TESTIMONY' AND e."authorId" IS NOT NULL)))
    ORDER BY r."signedAt" DESC, r.id LIMIT 30`;
  const items = await db().unitSignOff.findMany({
    where: { id: { in: candidates.map((c) => c.id) } },
    orderBy: [{ signedAt: "desc" }, { id: "asc" }],
    select: signedOffSelect,
  });
  return (await withVerificationFacts(actor, items)).filter((r) => r.signals.length > 0).slice(0, 10);
}

/** Each signed-off unit with its sample (if any), whether the IV may verify it, and its authenticity signals: four queries for the lot. */
async function withVerificationFacts<
  T extends {
    id: string;
    candidateId: string;
    specId: string;
    unitRef: string;
    evidenceIds: string[];
    assessor: { id: string };
  },
>(actor: Actor, items: T[]) {
  const [sampled, own, signals] = await Promise.all([
    db().ivSample.findMany({
      where: { candidateId: { in: items.map((i) => i.candidateId) }, stage: "SUMMATIVE" },
      select: { id: true, candidateId: true, specId: true, unitRef: true },
    }),
    unitsDecidedBy(
      actor.userId,
      items.map((i) => i.candidateId),
    ),
    authenticitySignals(items),
  ]);
  return items.map((i) => ({
    ...i,
    sampleId:
      sampled.find((s) => s.candidateId === i.candidateId && s.specId === i.specId && s.unitRef === i.unitRef)?.id ??
      null,
    own: own.has(`${i.candidateId}|${i.specId}|${i.unitRef}`),
    signals: signals.get(i.id) ?? [],
  }));
}

/**
 * Units an assessor of the centre is assessing, for interim sampling: criteria they judged on a
 * unit with no standing sign-off and no interim sample yet; most recently judged first, each with
 * its judged criteria and whether the IV may verify it. One assessor at a time (the plan says whose
 * work to sample), so the cost follows their caseload, not the centre.
 */
export async function listUnitsInProgress(actor: Actor, query: { page: number; assessorId: string }) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const assessor = await db().user.findFirst({
    where: { id: query.assessorId, centreId, roles: { some: { role: "ASSESSOR" } } },
    select: { id: true },
  });
  if (!assessor) throw notFound();
  const { skip, take } = pageWindow(query.page);
  const base = Prisma.sql`
    FROM "CriterionJudgement" j JOIN "Evidence" e ON e.id = j."evidenceId" JOIN "User" u ON u.id = e."candidateId"
    WHERE j."assessorId" = ${assessor.id}::uuid AND u."centreId" = ${centreId}::uuid
      AND NOT EXISTS (SELECT 1 FROM "CriterionJudgement" n WHERE n."supersedesId" = j.id)
      AND NOT EXISTS (SELECT 1 FROM "UnitSignOff" s WHERE s."candidateId" = e."candidateId" AND s."specId" = j."specId" AND s."unitRef" = j."unitRef" AND s.signed
                        AND NOT EXISTS (SELECT 1 FROM "UnitSignOff" t WHERE t."supersedesId" = s.id))
      AND NOT EXISTS (SELECT 1 FROM "IvSample" x WHERE x."candidateId" = e."candidateId" AND x."specId" = j."specId" AND x."unitRef" = j."unitRef" AND x.stage = 'INTERIM')`;
  const [rows, [count]] = await Promise.all([
    db().$queryRaw<
      {
        candidateId: string;
        candidate: string;
        specId: string;
        unitRef: string;
        criteria: string[];
        lastJudged: Date;
      }[]
    >`
      SELECT e."candidateId", min(u.name) AS candidate, j."specId", j."unitRef", array_agg(DISTINCT j.criterion ORDER BY j.criterion) AS criteria,
             max(j."decidedAt") AS "lastJudged"
      ${base}
      GROUP BY e."candidateId", j."specId", j."unitRef"
      ORDER BY "lastJudged" DESC, e."candidateId", j."unitRef"
      LIMIT ${take} OFFSET ${skip}`,
    db().$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM (SELECT 1 ${base} GROUP BY e."candidateId", j."specId", j."unitRef") g`,
  ]);
  const own = await unitsDecidedBy(actor.userId, [...new Set(rows.map((r) => r.candidateId))]);
  return toPage(
    rows.map((r) => ({ ...r, own: own.has(`${r.candidateId}|${r.specId}|${r.unitRef}`) })),
    Number(count?.n ?? 0),
    query.page,
  );
}

/** The centre's assessors, for choosing whose work to sample. */
export async function listCentreAssessors(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  return db().user.findMany({
    where: { centreId, roles: { some: { role: "ASSESSOR" } } },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
  });
}
