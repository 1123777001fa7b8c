import "server-only";
// The IV's dashboard: progress of the current plans, samples waiting too long, open action points
// per assessor, and each assessor's agreement rate month by month. Aggregates over verification
// records only (never over portfolios), so its cost follows the amount of verification done.
import type { Actor } from "@/lib/domain/policy";
import { londonToday } from "@/lib/domain/today";
import { verdictAssessors, type PlanLine } from "./sampling-plans";
import { authorizeOwnCentre } from "./authorize";
import { db } from "./db";
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

function ratesBetween(centreId: string, from: Date, upTo: "this month" | "now") {
  const range = upTo === "this month" ? Prisma.sql`v."decidedAt" >= ${from} AND v."decidedAt" < ${thisMonthSql}` : Prisma.sql`v."decidedAt" >= GREATEST(${from}, ${thisMonthSql})`;
  return db().$queryRaw<RateRow[]>`
      SELECT o."assessorId", to_char(date_trunc('month', v."decidedAt" AT TIME ZONE 'Europe/London'), 'YYYY-MM') AS month,
             count(*) FILTER (WHERE v.outcome = 'AGREE') AS agreed, count(*) AS total
      FROM "IvVerdict" v JOIN "IvSample" s ON s.id = v."sampleId" CROSS JOIN LATERAL (${verdictAssessors}) o
      WHERE s."centreId" = ${centreId}::uuid AND ${range}
      GROUP BY 1, 2`;
}

async function agreementRates(centreId: string, from: Date): Promise<RateRow[]> {
  const [clock] = await db().$queryRaw<{ monthStart: Date; settled: boolean }[]>`
      SELECT ${thisMonthSql} AS "monthStart", now() >= ${thisMonthSql} + make_interval(secs => ${SETTLE_MS / 1000}) AS settled`;
  const { monthStart, settled } = clock!;
  const key = `${centreId}|${from.toISOString()}|${monthStart.toISOString()}`;
  const [closed, current] = await Promise.all([
    closedMonths.get(key) ?? ratesBetween(centreId, from, "this month"),
    ratesBetween(centreId, from, "now"),
  ]);
  if (settled && !closedMonths.has(key)) {
    if (closedMonths.size >= 500) closedMonths.delete(closedMonths.keys().next().value!);
    closedMonths.set(key, closed);
  }
  return [...closed, ...current].sort((a, b) => a.month.localeCompare(b.month));
}

export async function getIvDashboard(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const today = new Date(`${londonToday()}T00:00:00Z`);
  const yearAgo = new Date(Date.UTC(today.getUTCFullYear() - 1, today.getUTCMonth() + 1, 1));
  const [plans, awaiting, actionRows, rateRows] = await Promise.all([
    db().samplingPlan.findMany({ where: { centreId }, orderBy: { createdAt: "desc" }, take: 5, select: { id: true, specId: true, periodFrom: true, periodTo: true, assessors: true } }),
    db().$queryRaw<{ id: string; candidateId: string; unitRef: string; selectedAt: Date; state: string }[]>`
      SELECT s.id, s."candidateId", s."unitRef", s."selectedAt",
             CASE WHEN v.id IS NULL THEN 'awaiting-verdict' ELSE 'responded' END AS state
      FROM "IvSample" s
      LEFT JOIN LATERAL (SELECT id, outcome, "decidedAt" FROM "IvVerdict" WHERE "sampleId" = s.id ORDER BY "decidedAt" DESC LIMIT 1) v ON true
      WHERE s."centreId" = ${centreId}::uuid
        AND (v.id IS NULL OR (v.outcome = 'DISAGREE' AND EXISTS (SELECT 1 FROM "IvResponse" r WHERE r."sampleId" = s.id AND r."respondedAt" > v."decidedAt")))
      ORDER BY s."selectedAt" ASC LIMIT 200`,
    db().$queryRaw<{ assessorId: string; open: bigint; overdue: bigint }[]>`
      SELECT a."assessorId", count(*) AS open, count(*) FILTER (WHERE a."targetOn" < ${today}) AS overdue
      FROM "IvActionPoint" a JOIN "IvVerdict" v ON v.id = a."verdictId" JOIN "IvSample" s ON s.id = v."sampleId"
      WHERE s."centreId" = ${centreId}::uuid AND a."doneAt" IS NULL
      GROUP BY a."assessorId"`,
    agreementRates(centreId, yearAgo),
  ]);
  const people = new Map(
    (await db().user.findMany({
      where: { id: { in: [...new Set([...actionRows.map((r) => r.assessorId), ...rateRows.map((r) => r.assessorId), ...awaiting.map((a) => a.candidateId)])] } },
      select: { id: true, name: true },
    })).map((u) => [u.id, u.name]),
  );
  const specs = new Map((await db().qualificationSpec.findMany({ where: { id: { in: plans.map((p) => p.specId) } }, select: { id: true, code: true } })).map((s) => [s.id, s.code]));
  const planProgress = await Promise.all(
    plans.map(async (p) => {
      const lines = p.assessors as unknown as PlanLine[];
      const sampled = await db().ivSample.count({ where: { centreId, specId: p.specId, selectedAt: { gte: p.periodFrom, lt: new Date(p.periodTo.getTime() + DAY_MS) } } });
      return { id: p.id, qualification: specs.get(p.specId) ?? "", periodFrom: p.periodFrom, periodTo: p.periodTo, target: lines.reduce((s, l) => s + l.target, 0), sampled };
    }),
  );
  const months = [...new Set(rateRows.map((r) => r.month))].sort();
  const rateIndex = new Map(rateRows.map((r) => [`${r.assessorId}|${r.month}`, r]));
  const assessorIds = [...new Set(rateRows.map((r) => r.assessorId))];
  const rates = assessorIds
    .map((id) => ({
      assessorId: id,
      name: people.get(id) ?? "",
      byMonth: months.map((m) => {
        const row = rateIndex.get(`${id}|${m}`);
        return row ? { month: m, agreed: Number(row.agreed), total: Number(row.total), rate: Math.round((Number(row.agreed) / Number(row.total)) * 100) } : { month: m, agreed: 0, total: 0, rate: null };
      }),
    }))
    .sort((a, b) => a.name.localeCompare(b.name));
  return {
    plans: planProgress,
    overdue: awaiting
      .filter((a) => a.state === "responded" || today.getTime() - a.selectedAt.getTime() > SAMPLE_DUE_DAYS * DAY_MS)
      .map((a) => ({ ...a, candidate: people.get(a.candidateId) ?? "" })),
    actionPoints: actionRows.map((r) => ({ assessorId: r.assessorId, name: people.get(r.assessorId) ?? "", open: Number(r.open), overdue: Number(r.overdue) })).sort((a, b) => a.name.localeCompare(b.name)),
    months,
    rates,
  };
}
