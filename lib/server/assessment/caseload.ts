import "server-only";
// The assessor's work queue: each candidate on their caseload with qualification, progress,
// evidence awaiting review, last review and next visit. Sorting and filtering happen in SQL over
// the caseload alone, and the per-candidate figures are read for the page shown, so the cost
// follows the caseload and the page, not the centre.
import { requirementsFor } from "@/lib/domain/catalogue/content";
import { PAGE_SIZE, toPage, windowTotal } from "@/lib/domain/pagination";
import type { Actor } from "@/lib/domain/policy";
import { londonToday, storedDate } from "@/lib/domain/today";
import { Prisma } from "@/lib/generated/prisma/client";
import { heldUnits, signOffSelect, signOffState } from "./internal/assessment-state";
import { authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { portfolioVersions, VersionedCache } from "@/lib/server/core/internal/portfolio-version";
import { verdictAssessors } from "@/lib/server/internal-verification/internal/plan-lines";
import { suitesFor } from "@/lib/server/catalogue/internal/suites";

export type CaseloadQuery = {
  page: number;
  q?: string;
  sort: "name" | "awaiting" | "oldest" | "last-contact" | "next-visit";
  filter: "all" | "awaiting-review" | "no-contact-30";
};

type Row = {
  id: string;
  name: string;
  email: string;
  awaiting: number;
  oldest: Date | null;
  lastReview: Date | null;
  nextVisit: Date | null;
  total: number;
};

const ORDER: Record<CaseloadQuery["sort"], Prisma.Sql> = {
  name: Prisma.sql`name ASC, id ASC`,
  awaiting: Prisma.sql`awaiting DESC, oldest ASC NULLS LAST, name ASC, id ASC`,
  oldest: Prisma.sql`oldest ASC NULLS LAST, name ASC, id ASC`,
  "last-contact": Prisma.sql`"lastReview" ASC NULLS FIRST, name ASC, id ASC`,
  "next-visit": Prisma.sql`"nextVisit" ASC NULLS LAST, name ASC, id ASC`,
};

/**
 * A candidate's evidence waiting for review (submitted, the latest version, with a mapped criterion
 * not yet judged) and the oldest submission of it, through the (candidateId, createdAt) index: the
 * cost follows the candidate's evidence.
 */
function waitingOf(candidateId: Prisma.Sql) {
  return Prisma.sql`
        SELECT count(*)::int AS awaiting, min(e."submittedAt") AS oldest
        FROM "Evidence" e
        WHERE e."candidateId" = ${candidateId} AND e.status = 'SUBMITTED'
          AND NOT EXISTS (SELECT 1 FROM "Evidence" nx WHERE nx."previousVersionId" = e.id AND nx.status = 'SUBMITTED')
          AND EXISTS (
            SELECT 1 FROM "EvidenceCriterion" m
            WHERE m."evidenceId" = e.id AND NOT EXISTS (
              SELECT 1 FROM "CriterionJudgement" j
              WHERE j."evidenceId" = m."evidenceId" AND j."specId" = m."specId" AND j."unitRef" = m."unitRef" AND j.criterion = m.criterion))`;
}

export async function listCaseloadQueue(actor: Actor, query: CaseloadQuery) {
  const centreId = authorizeOwnCentre(actor, "caseload.list");
  const search = query.q ? `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const cutoff = storedDate(londonToday());
  cutoff.setUTCDate(cutoff.getUTCDate() - 30);
  const filter =
    query.filter === "awaiting-review"
      ? Prisma.sql`WHERE awaiting > 0`
      : query.filter === "no-contact-30"
        ? Prisma.sql`WHERE "lastReview" IS NULL OR "lastReview" < ${cutoff}`
        : Prisma.empty;
  // What is waiting for review is counted for every candidate only when the order or the filter
  // needs it; otherwise it comes with the page's 25 rows' figures (withProgress; the default order
  // is by name).
  const needsWaiting = query.sort === "awaiting" || query.sort === "oldest" || query.filter === "awaiting-review";
  const queue = Prisma.sql`
    WITH caseload AS (
      -- LATERAL: one primary-key lookup per assignment, never a scan of the centre's users (LIMIT 1
      -- keeps the planner from turning it into a join over every user of a big centre).
      SELECT u.id, u.name, u.email
      FROM "AssessorAssignment" a
      CROSS JOIN LATERAL (
        SELECT id, name, email FROM "User"
        WHERE id = a."candidateId" AND "centreId" = ${centreId}::uuid AND active
          AND (${search}::text IS NULL OR name ILIKE ${search})
        LIMIT 1
      ) u
      WHERE a."assessorId" = ${actor.userId}::uuid
    ),
    queue AS (
      SELECT c.id, c.name, c.email, k."lastReview", k."nextVisit"${needsWaiting ? Prisma.sql`, w.awaiting, w.oldest` : Prisma.empty}
      FROM caseload c
      -- Each candidate's latest review by the (candidateId, heldOn) index: a join here read every
      -- review of the centre.
      LEFT JOIN LATERAL (
        SELECT r."heldOn" AS "lastReview", r."nextVisitOn" AS "nextVisit" FROM "CandidateReview" r
        WHERE r."candidateId" = c.id ORDER BY r."heldOn" DESC, r."createdAt" DESC LIMIT 1
      ) k ON true
      ${needsWaiting ? Prisma.sql`CROSS JOIN LATERAL (${waitingOf(Prisma.sql`c.id`)}) w` : Prisma.empty}
    )
    SELECT * FROM queue ${filter}`;
  const rows = await db().$queryRaw<Row[]>`
    SELECT *, (count(*) OVER ())::int AS total FROM (${queue}) q
    ORDER BY ${ORDER[query.sort]}
    LIMIT ${PAGE_SIZE} OFFSET ${(query.page - 1) * PAGE_SIZE}`;
  // Past the last page: the same filtered queue, counted.
  const total = await windowTotal(rows, query.page, async () =>
    Number((await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (${queue}) q`)[0]!.n),
  );
  return toPage(await withProgress(rows, needsWaiting), total, query.page);
}

/**
 * Units of the assessor's caseload that an IV disagreed with, on decisions of theirs: on hold until
 * they respond (those not yet answered first, oldest first). From the caseload's assignments and
 * each candidate's samples by index, so the cost follows the caseload.
 */
export async function listHeldUnits(actor: Actor) {
  authorizeOwnCentre(actor, "caseload.list");
  return db().$queryRaw<
    {
      sampleId: string;
      candidateId: string;
      candidate: string;
      unitRef: string;
      decidedAt: Date;
      feedback: string;
      responded: boolean;
    }[]
  >`
    SELECT s.id AS "sampleId", s."candidateId", c.name AS candidate, s."unitRef", v."decidedAt", v.feedback,
           EXISTS (SELECT 1 FROM "IvResponse" r WHERE r."sampleId" = s.id AND r."respondedAt" > v."decidedAt") AS responded
    FROM "AssessorAssignment" a
    -- LATERAL with a LIMIT: each candidate's samples by index, never a hash join over the centre's
    -- samples (measured at 10,000 candidates: 15 ms as a join, 6 ms this way, for 305 candidates).
    CROSS JOIN LATERAL (SELECT x.id, x."candidateId", x."unitRef" FROM "IvSample" x WHERE x."candidateId" = a."candidateId" LIMIT 1000) s
    CROSS JOIN LATERAL (SELECT x.* FROM "IvVerdict" x WHERE x."sampleId" = s.id ORDER BY x."decidedAt" DESC LIMIT 1) v
    JOIN "User" c ON c.id = s."candidateId"
    WHERE a."assessorId" = ${actor.userId}::uuid AND v.outcome = 'DISAGREE'
      AND ${actor.userId}::uuid IN (${verdictAssessors})
    ORDER BY responded, v."decidedAt", s.id
    LIMIT 50`;
}

type Figures = {
  qualifications: string[];
  criteriaAccepted: number;
  criteriaTotal: number;
  unitsAchieved: number;
  unitsTotal: number;
  awaiting: number;
  oldest: Date | null;
};

/**
 * Each candidate's figures, kept under their portfolio's version (lib/server/core/internal/portfolio-version.ts):
 * reading them again costs one indexed read for the page until something in that portfolio changes.
 * 20,000 entries of a few numbers each.
 */
const figuresCache = new VersionedCache<Figures>(20_000);

/**
 * Qualification, criteria accepted of total, units achieved and evidence waiting, for the
 * candidates on the page, from the cache where their portfolio has not changed; overdue action
 * points each time (they depend on the date). `waitingKnown`: the rows already carry what is
 * waiting, counted by the queue's own query.
 */
async function withProgress(rows: Row[], waitingKnown: boolean) {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return [];
  const today = storedDate(londonToday());
  const [figures, overdue] = await Promise.all([
    portfolioVersions(ids).then((versions) => figuresCache.load(versions, portfolioFigures)),
    db().actionPoint.groupBy({
      by: ["candidateId"],
      where: { candidateId: { in: ids }, doneAt: null, targetOn: { lt: today } },
      _count: { _all: true },
    }),
  ]);
  return rows.map((row) => {
    const f = figures.get(row.id)!;
    return {
      id: row.id,
      name: row.name,
      email: row.email,
      qualifications: f.qualifications,
      awaiting: waitingKnown ? row.awaiting : f.awaiting,
      oldestAwaiting: waitingKnown ? row.oldest : f.oldest,
      lastReview: row.lastReview,
      nextVisit: row.nextVisit,
      criteriaAccepted: f.criteriaAccepted,
      criteriaTotal: f.criteriaTotal,
      unitsAchieved: f.unitsAchieved,
      unitsTotal: f.unitsTotal,
      overdueActions: overdue.find((o) => o.candidateId === row.id)?._count._all ?? 0,
    };
  });
}

/** The figures of these candidates' portfolios, read in one round trip whatever their number. */
async function portfolioFigures(ids: string[]): Promise<Map<string, Figures>> {
  const [registrations, acceptances, signOffs, held, waiting] = await Promise.all([
    db().candidateRegistration.findMany({
      where: { candidateId: { in: ids } },
      orderBy: { createdAt: "desc" },
      select: { candidateId: true, specId: true, units: true, spec: { select: { code: true, title: true } } },
    }),
    // Accepted criteria come from the standing accepted judgements alone (a judged criterion stays
    // mapped, so no need to read every mapping): each criterion once, decided in SQL rather than by
    // reading every judgement of the page's candidates. A judgement counts when it is not
    // superseded, on submitted evidence not replaced by a newer submitted version, and
    // countersigned where it needs to be (takesEffect in lib/domain/assessment/rules.ts). Counted per
    // unit in SQL: a judgement is only ever made on a mapped criterion, and mappings are checked
    // against the (immutable) specification, so every criterion counted is one of the unit's.
    db().$queryRaw<{ candidateId: string; specId: string; unitRef: string; accepted: number }[]>`
      SELECT e."candidateId", j."specId", j."unitRef", count(DISTINCT j.criterion)::int AS accepted
      FROM "Evidence" e JOIN "CriterionJudgement" j ON j."evidenceId" = e.id
      WHERE e."candidateId" = ANY(${ids}::uuid[]) AND e.status = 'SUBMITTED' AND j.outcome = 'ACCEPTED'
        AND NOT EXISTS (SELECT 1 FROM "CriterionJudgement" later WHERE later."supersedesId" = j.id)
        AND NOT EXISTS (SELECT 1 FROM "Evidence" nx WHERE nx."previousVersionId" = e.id AND nx.status = 'SUBMITTED')
        AND (NOT j."needsCountersignature" OR EXISTS (SELECT 1 FROM "Countersignature" c WHERE c."judgementId" = j.id))
      GROUP BY 1, 2, 3`,
    db().unitSignOff.findMany({
      where: { candidateId: { in: ids }, supersededBy: { is: null } },
      select: { ...signOffSelect, candidateId: true },
    }),
    heldUnits(db(), ids),
    db().$queryRaw<{ id: string; awaiting: number; oldest: Date | null }[]>`
      SELECT c.id, w.awaiting, w.oldest FROM unnest(${ids}::uuid[]) AS c(id) CROSS JOIN LATERAL (${waitingOf(Prisma.sql`c.id`)}) w`,
  ]);
  const current = registrations.filter(
    (r, i) => registrations.findIndex((x) => x.candidateId === r.candidateId && x.spec.code === r.spec.code) === i,
  );
  const specIds = [...new Set(current.map((r) => r.specId))];
  const parsed = await suitesFor(specIds);
  const acceptedByUnit = new Map(acceptances.map((a) => [`${a.candidateId}|${a.specId}|${a.unitRef}`, a.accepted]));
  const waitingById = new Map(waiting.map((w) => [w.id, w]));
  return new Map(
    ids.map((id) => {
      const regs = current.filter((r) => r.candidateId === id);
      let criteriaAccepted = 0;
      let criteriaTotal = 0;
      let unitsAchieved = 0;
      let unitsTotal = 0;
      for (const r of regs) {
        const suite = parsed.get(r.specId)!;
        for (const u of suite.units.filter((x) => r.units.some((s) => s === x.ref || s.startsWith(`${x.ref}@`)))) {
          unitsTotal += 1;
          const criteria = requirementsFor(u, r.units);
          criteriaTotal += criteria.length;
          criteriaAccepted += Math.min(criteria.length, acceptedByUnit.get(`${id}|${r.specId}|${u.ref}`) ?? 0);
          const signOff = signOffs.find((s) => s.candidateId === id && s.specId === r.specId && s.unitRef === u.ref);
          if (signOff && signOffState(signOff, held.has(`${id}|${r.specId}|${u.ref}`)) === "achieved")
            unitsAchieved += 1;
        }
      }
      const w = waitingById.get(id);
      const figures: Figures = {
        qualifications: regs.map((r) => r.spec.code),
        criteriaAccepted,
        criteriaTotal,
        unitsAchieved,
        unitsTotal,
        awaiting: w?.awaiting ?? 0,
        oldest: w?.oldest ?? null,
      };
      return [id, figures];
    }),
  );
}
