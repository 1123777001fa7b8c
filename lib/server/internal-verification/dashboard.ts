import "server-only";
// The IV's dashboard: progress of the current plans, samples waiting too long, open action points
// per assessor, and each assessor's agreement rate month by month. Aggregates over verification
// records only (never over portfolios), so its cost follows the amount of verification done.
import type { Actor } from "@/lib/domain/policy";
import { londonToday, storedDate } from "@/lib/domain/today";
import { toPage, windowTotal } from "@/lib/domain/pagination";
import { verdictAssessors, type PlanLine } from "./internal/plan-lines";
import { authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { signedOffInPlanPeriod } from "./internal/iv-state";
import { db } from "@/lib/server/core/internal/db";
import { centreVersion, VersionedCache } from "@/lib/server/core/internal/portfolio-version";
import { Prisma } from "@/lib/generated/prisma/client";

/** A sample with no verdict for this long is overdue. */
export const SAMPLE_DUE_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

type RateRow = { assessorId: string; month: string; agreed: bigint; total: bigint };

/**
 * Each month's verdicts for the centre, by assessor. Verdicts are permanent and dated when made,
 * so months before this one (in UK time) never change once the month has turned: they are computed
 * once per process (per centre and window) and only this month's are read each time. Not in the
 * first hour of a month, so that a verdict dated just before midnight but committed just after is
 * never left out. A few hundred rows per centre; the oldest entries go first past 500 centres.
 */
const closedMonths = new Map<string, RateRow[]>();
const SETTLE_MS = 3600 * 1000;

/** This month's first instant in UK time, from PostgreSQL (which knows the clock change). */
const thisMonthSql = Prisma.sql`(date_trunc('month', now() AT TIME ZONE 'Europe/London') AT TIME ZONE 'Europe/London')`;

/**
 * `monthStart` is passed as a value, not computed in the query: with a value PostgreSQL estimates
 * this month's few verdicts and looks their samples up by key instead of scanning the centre's.
 */
function ratesBetween(centreId: string, from: Date, monthStart: Date, upTo: "this month" | "now") {
  // A verdict counts from when it stands: at once, or for an agreement by an IV working towards the
  // verifier units, when a qualified IV (or the EV) countersigns it; one never countersigned never
  // counts. That date never changes once made, so closed months stay closed.
  const range =
    upTo === "this month"
      ? Prisma.sql`v.at >= ${from} AND v.at < ${monthStart}`
      : Prisma.sql`v.at >= ${new Date(Math.max(from.getTime(), monthStart.getTime()))}`;
  return db().$queryRaw<RateRow[]>`
      SELECT o."assessorId", to_char(date_trunc('month', v.at AT TIME ZONE 'Europe/London'), 'YYYY-MM') AS month,
             count(*) FILTER (WHERE v.outcome = 'AGREE') AS agreed, count(*) AS total
      FROM (SELECT v.*, CASE WHEN v.outcome = 'AGREE' AND v."needsCountersignature" THEN c."signedAt" ELSE v."decidedAt" END AS at
            FROM "IvVerdict" v LEFT JOIN "IvCountersignature" c ON c."verdictId" = v.id) v
      JOIN "IvSample" s ON s.id = v."sampleId" CROSS JOIN LATERAL (${verdictAssessors}) o
      WHERE s."centreId" = ${centreId}::uuid AND v.at IS NOT NULL AND ${range}
      GROUP BY 1, 2`;
}

async function agreementRates(centreId: string, from: Date): Promise<RateRow[]> {
  const [clock] = await db().$queryRaw<{ monthStart: Date; settled: boolean }[]>`
      SELECT ${thisMonthSql} AS "monthStart", now() >= ${thisMonthSql} + make_interval(secs => ${SETTLE_MS / 1000}) AS settled`;
  const { monthStart, settled } = clock!;
  const key = `${centreId}|${from.toISOString()}|${monthStart.toISOString()}`;
  const [closed, current] = await Promise.all([
    closedMonths.get(key) ?? ratesBetween(centreId, from, monthStart, "this month"),
    ratesBetween(centreId, from, monthStart, "now"),
  ]);
  if (settled && !closedMonths.has(key)) {
    if (closedMonths.size >= 500) closedMonths.delete(closedMonths.keys().next().value!);
    closedMonths.set(key, closed);
  }
  return [...closed, ...current].sort((a, b) => a.month.localeCompare(b.month));
}

/** A page of rows that carry the total (windowTotal), without it. */
async function pageOf<T extends { total: number }>(rows: T[], page: number, count: Prisma.Sql) {
  const total = await windowTotal(rows, page, async () => (await db().$queryRaw<{ n: number }[]>(count))[0]!.n);
  return toPage(
    rows.map(({ total: _, ...row }) => row),
    total,
    page,
    DASHBOARD_ROWS,
  );
}

/**
 * Samples waiting for the IV: every sample with no verdict yet (those older than SAMPLE_DUE_DAYS
 * marked overdue; a sample the plan selected today waits as much as an old one), and each
 * disagreement the assessor has since answered. Two disjoint parts, each planned on its own: an
 * anti-join of the centre's samples with verdicts, and the (few) samples with a response.
 */
const waitingSamples = (centreId: string, dueBefore: Date) => Prisma.sql`
      SELECT s.id, s."candidateId", s."unitRef", s."selectedAt", 'awaiting-verdict' AS state, s."selectedAt" < ${dueBefore} AS overdue
      FROM "IvSample" s
      WHERE s."centreId" = ${centreId}::uuid
        AND NOT EXISTS (SELECT 1 FROM "IvVerdict" v WHERE v."sampleId" = s.id)
      UNION ALL
      SELECT s.id, s."candidateId", s."unitRef", s."selectedAt", 'responded', false
      FROM (SELECT DISTINCT "sampleId" FROM "IvResponse") r JOIN "IvSample" s ON s.id = r."sampleId"
      CROSS JOIN LATERAL (SELECT outcome, "decidedAt" FROM "IvVerdict" WHERE "sampleId" = s.id ORDER BY "decidedAt" DESC LIMIT 1) v
      WHERE s."centreId" = ${centreId}::uuid AND v.outcome = 'DISAGREE'
        AND EXISTS (SELECT 1 FROM "IvResponse" x WHERE x."sampleId" = s.id AND x."respondedAt" > v."decidedAt")`;

/** Open IV action points of the centre, counted by assessor. */
const openActionPoints = (centreId: string, today: Date) => Prisma.sql`
        SELECT a."assessorId", count(*)::int AS open, (count(*) FILTER (WHERE a."targetOn" < ${today}))::int AS overdue
        FROM "IvActionPoint" a JOIN "IvVerdict" v ON v.id = a."verdictId" JOIN "IvSample" s ON s.id = v."sampleId"
        WHERE s."centreId" = ${centreId}::uuid AND a."doneAt" IS NULL
        GROUP BY a."assessorId"`;

/** How far a plan's sample has got, counted exactly as the plan's page counts it. */
async function sampledInPlan(
  centreId: string,
  plan: { specId: string; periodFrom: Date; periodTo: Date },
): Promise<number> {
  const [row] = await db().$queryRaw<
    { n: number }[]
  >`SELECT count(*)::int AS n FROM (${signedOffInPlanPeriod(centreId, plan)}) u WHERE u.sampled`;
  return row?.n ?? 0;
}

/** How many assessors the agreement chart draws: more lines than this cannot be told apart. */
export const CHART_ASSESSORS = 6;

/**
 * Rows to a page in each of the dashboard's lists (samples waiting, action points, the agreement
 * table, the assessors): an overview, so ten of each with pages, rather than the 25 of a list page.
 */
export const DASHBOARD_ROWS = 10;

/**
 * The dashboard. The agreement table is paged by assessor (`ratesPage`, DASHBOARD_ROWS to a page, by name);
 * the chart draws the assessors with the lowest agreement over the twelve months, the ones an IV
 * looks at first, and the table gives everyone's figures.
 */
export async function getIvDashboard(
  actor: Actor,
  query: { ratesPage?: number; waitingPage?: number; actionsPage?: number } = {},
) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  // Kept under the centre's version (decision 0019) and the date (what is overdue depends on it).
  const key = [centreId, londonToday(), query.ratesPage ?? 1, query.waitingPage ?? 1, query.actionsPage ?? 1].join("|");
  return dashboards.one(key, await centreVersion(centreId), () => dashboardOf(centreId, query));
}

type Dashboard = Awaited<ReturnType<typeof dashboardOf>>;
const dashboards = new VersionedCache<Dashboard>(200); // a few tens of KB each

async function dashboardOf(
  centreId: string,
  query: { ratesPage?: number; waitingPage?: number; actionsPage?: number },
) {
  const today = storedDate(londonToday());
  const yearAgo = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth() + 1, 1));
  const dueBefore = new Date(today.getTime() - SAMPLE_DUE_DAYS * DAY_MS);
  const [waitingPage, actionsPage] = [query.waitingPage ?? 1, query.actionsPage ?? 1];
  const [plans, waiting, actionRows, rateRows] = await Promise.all([
    db().samplingPlan.findMany({
      where: { centreId },
      orderBy: { createdAt: "desc" },
      take: 5,
      select: { id: true, specId: true, periodFrom: true, periodTo: true, assessors: true },
    }),
    // Oldest first, a page at a time.
    db().$queryRaw<
      {
        id: string;
        candidate: string;
        unitRef: string;
        selectedAt: Date;
        state: "awaiting-verdict" | "responded";
        overdue: boolean;
        total: number;
      }[]
    >`
      SELECT w.id, (SELECT name FROM "User" WHERE id = w."candidateId") AS candidate, w."unitRef", w."selectedAt", w.state, w.overdue, (count(*) OVER ())::int AS total
      FROM (${waitingSamples(centreId, dueBefore)}) w
      ORDER BY w."selectedAt" ASC, w.id ASC
      LIMIT ${DASHBOARD_ROWS} OFFSET ${(waitingPage - 1) * DASHBOARD_ROWS}`,
    db().$queryRaw<{ assessorId: string; name: string; open: number; overdue: number; total: number }[]>`
      SELECT p."assessorId", u.name, p.open, p.overdue, (count(*) OVER ())::int AS total
      FROM (${openActionPoints(centreId, today)}) p JOIN "User" u ON u.id = p."assessorId"
      ORDER BY u.name ASC, p."assessorId" ASC
      LIMIT ${DASHBOARD_ROWS} OFFSET ${(actionsPage - 1) * DASHBOARD_ROWS}`,
    agreementRates(centreId, yearAgo),
  ]);
  const people = new Map(
    (
      await db().user.findMany({
        where: { id: { in: [...new Set(rateRows.map((r) => r.assessorId))] } },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  const specs = new Map(
    (
      await db().qualificationSpec.findMany({
        where: { id: { in: plans.map((p) => p.specId) } },
        select: { id: true, code: true },
      })
    ).map((s) => [s.id, s.code]),
  );
  const planProgress = await Promise.all(
    plans.map(async (p) => {
      const lines = p.assessors as unknown as PlanLine[];
      // As the plan's page counts: units signed off in the period (standing) that are in a sample.
      const sampled = await sampledInPlan(centreId, p);
      return {
        id: p.id,
        qualification: specs.get(p.specId) ?? "",
        periodFrom: p.periodFrom,
        periodTo: p.periodTo,
        target: lines.reduce((s, l) => s + l.target, 0),
        sampled,
      };
    }),
  );
  const months = [...new Set(rateRows.map((r) => r.month))].sort();
  const rateIndex = new Map(rateRows.map((r) => [`${r.assessorId}|${r.month}`, r]));
  const assessorIds = [...new Set(rateRows.map((r) => r.assessorId))];
  const everyone = assessorIds
    .map((id) => ({
      assessorId: id,
      name: people.get(id) ?? "",
      byMonth: months.map((m) => {
        const row = rateIndex.get(`${id}|${m}`);
        return row
          ? {
              month: m,
              agreed: Number(row.agreed),
              total: Number(row.total),
              rate: Math.round((Number(row.agreed) / Number(row.total)) * 100),
            }
          : { month: m, agreed: 0, total: 0, rate: null };
      }),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.assessorId.localeCompare(b.assessorId));
  const yearRate = (r: (typeof everyone)[number]) =>
    r.byMonth.reduce((s, b) => s + b.agreed, 0) /
    Math.max(
      1,
      r.byMonth.reduce((s, b) => s + b.total, 0),
    );
  const lowest = everyone
    .map((r) => ({ r, rate: yearRate(r) }))
    .sort((a, b) => a.rate - b.rate)
    .slice(0, CHART_ASSESSORS)
    .map((x) => x.r);
  const ratesPage = query.ratesPage ?? 1;
  const rates = toPage(
    everyone.slice((ratesPage - 1) * DASHBOARD_ROWS, ratesPage * DASHBOARD_ROWS),
    everyone.length,
    ratesPage,
    DASHBOARD_ROWS,
  );
  return {
    plans: planProgress,
    overdue: await pageOf(
      waiting,
      waitingPage,
      Prisma.sql`SELECT count(*)::int AS n FROM (${waitingSamples(centreId, dueBefore)}) w`,
    ),
    actionPoints: await pageOf(
      actionRows,
      actionsPage,
      Prisma.sql`SELECT count(*)::int AS n FROM (${openActionPoints(centreId, today)}) p`,
    ),
    months,
    rates,
    chart: lowest,
  };
}
