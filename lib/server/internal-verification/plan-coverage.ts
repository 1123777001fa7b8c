import "server-only";
// Reading sampling plans: coverage of assessors, units and methods; the IVs able to verify each
// assessor; qualifications that need a plan.
import type { Actor } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import { verifierWorkingTowardsProblem } from "@/lib/domain/assessment/rules";
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import { londonToday, storedDate } from "@/lib/domain/today";
import { authorizeOwnCentre, authorizeVerifiedOrOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { notFound } from "@/lib/server/core/errors";
import { signedOffInPlanPeriod } from "./internal/iv-state";
import { planChanges, type PlanLine } from "@/lib/domain/internal-verification/plan-changes";
import { planLines } from "./internal/plan-lines";

const METHODS = [
  "PRODUCT",
  "OBSERVATION",
  "WITNESS_TESTIMONY",
  "PROFESSIONAL_DISCUSSION",
  "QUESTIONING",
  "SIMULATION",
  "RECOGNITION_OF_PRIOR_LEARNING",
] as const;

/**
 * The plan with its coverage: for each assessor, units signed off in the period and how many are
 * sampled (against the target); a matrix of assessors against units; and the assessment methods
 * behind the sampled units, so what the sample has not yet reached stands out.
 */
export async function getPlan(actor: Actor, planId: string, verifiedCentreId?: string) {
  const centreId = authorizeVerifiedOrOwnCentre(actor, "iv.sample", verifiedCentreId);
  const plan = await db().samplingPlan.findUnique({ where: { id: planId } });
  if (!plan || plan.centreId !== centreId) throw notFound();
  const spec = await db().qualificationSpec.findUniqueOrThrow({
    where: { id: plan.specId },
    select: { code: true, title: true },
  });
  // Units signed off in the period, each marked sampled or not: aggregated in SQL, so the page
  // reads a few hundred numbers however many units the period holds.
  const base = Prisma.sql`WITH base AS (${signedOffInPlanPeriod(centreId, plan)})`;
  type Count = { signedOff: bigint; sampled: bigint };
  const [cells, methodRows, [candidateRow], siteRows, [recordRow], fresh] = await Promise.all([
    db().$queryRaw<(Count & { assessorId: string; unitRef: string })[]>`
      ${base} SELECT "assessorId", "unitRef", count(*) AS "signedOff", count(*) FILTER (WHERE sampled) AS sampled FROM base GROUP BY 1, 2`,
    db().$queryRaw<(Count & { method: string })[]>`
      ${base} SELECT m.method, count(*) AS "signedOff", count(*) FILTER (WHERE sampled) AS sampled
      FROM base CROSS JOIN LATERAL (
        SELECT DISTINCT a->>'method' AS method FROM jsonb_array_elements(base.evidence) c, jsonb_array_elements(c->'accepted') a) m
      GROUP BY 1`,
    db().$queryRaw<Count[]>`
      ${base} SELECT count(DISTINCT "candidateId") AS "signedOff", count(DISTINCT "candidateId") FILTER (WHERE sampled) AS sampled FROM base`,
    // Only evidence that records a place is looked up (a partial index on it, by candidate).
    db().$queryRaw<(Count & { site: string | null })[]>`
      ${base}, placed AS (
        SELECT DISTINCT b.id, trim(e.place) AS site FROM base b
        JOIN "Evidence" e ON e."candidateId" = b."candidateId" AND e.place IS NOT NULL AND e.id = ANY(b."evidenceIds")
        WHERE trim(e.place) <> '')
      SELECT p.site, count(*) AS "signedOff", count(*) FILTER (WHERE b.sampled) AS sampled FROM placed p JOIN base b ON b.id = p.id GROUP BY 1
      UNION ALL
      SELECT NULL, count(*), count(*) FILTER (WHERE sampled) FROM base b WHERE NOT EXISTS (SELECT 1 FROM placed p WHERE p.id = b.id) HAVING count(*) > 0
      ORDER BY 1 NULLS LAST`,
    // Records (the R of CAMERA): the sign-off records, the candidates' declarations on the evidence
    // behind them, and the candidates' review records, each shown on the IV's sample page.
    db().$queryRaw<{ declarations: bigint; declarationsSampled: bigint; reviewed: bigint; reviewedSampled: bigint }[]>`
      ${base}, reviewed AS (
        SELECT DISTINCT b."candidateId", bool_or(b.sampled) OVER (PARTITION BY b."candidateId") AS sampled FROM base b
        WHERE EXISTS (SELECT 1 FROM "CandidateReview" r WHERE r."candidateId" = b."candidateId"))
      SELECT (SELECT count(DISTINCT e) FROM base b, unnest(b."evidenceIds") e) AS declarations,
             (SELECT count(DISTINCT e) FROM base b, unnest(b."evidenceIds") e WHERE b.sampled) AS "declarationsSampled",
             (SELECT count(DISTINCT "candidateId") FROM reviewed) AS reviewed,
             (SELECT count(DISTINCT "candidateId") FROM reviewed WHERE sampled) AS "reviewedSampled"`,
    planLines(centreId, plan.specId, plan.periodFrom, plan.periodTo),
  ]);
  const n = (c: Count) => ({ signedOff: Number(c.signedOff), sampled: Number(c.sampled) });
  const lines = plan.assessors as unknown as PlanLine[];
  const units = [...new Set(cells.map((c) => c.unitRef))].sort();
  const cell = (assessorId: string, unitRef: string) => {
    const found = cells.find((c) => c.assessorId === assessorId && c.unitRef === unitRef);
    return found ? n(found) : { signedOff: 0, sampled: 0 };
  };
  const methods = METHODS.map((m) => {
    const found = methodRows.find((r) => r.method === m);
    return { method: m, ...(found ? n(found) : { signedOff: 0, sampled: 0 }) };
  });
  // Candidates: who has units signed off in the period, and whom the sample has reached.
  const candidates = candidateRow ? n(candidateRow) : { signedOff: 0, sampled: 0 };
  // Sites: where the evidence behind the units was produced (the place recorded on it); a unit
  // whose evidence records no place counts as at the candidate's workplace.
  const sites = siteRows.map((r) => ({ site: r.site, ...n(r) }));
  const records = recordRow
    ? [
        // One sign-off record per unit signed off: the matrix's own totals.
        {
          record:
            "Unit sign-off records (the assessor's declaration, evidence hashes, the candidate's countersignature)",
          signedOff: cells.reduce((t, c) => t + Number(c.signedOff), 0),
          sampled: cells.reduce((t, c) => t + Number(c.sampled), 0),
        },
        {
          record: "Candidates' declarations on the evidence behind the units",
          ...n({ signedOff: recordRow.declarations, sampled: recordRow.declarationsSampled }),
        },
        {
          record: "Progress reviews and action points (candidates with reviews recorded)",
          ...n({ signedOff: recordRow.reviewed, sampled: recordRow.reviewedSampled }),
        },
      ]
    : [];
  const sampledOf = (assessorId: string) =>
    cells.filter((c) => c.assessorId === assessorId).reduce((sum, c) => sum + Number(c.sampled), 0);
  const able = await ivsAble(centreId, plan.specId);
  return {
    id: plan.id,
    qualification: spec,
    periodFrom: plan.periodFrom,
    periodTo: plan.periodTo,
    // Nobody verifies their own assessments: an assessor who is also an IV needs another IV able to verify their units.
    lines: lines.map((l) => ({
      ...l,
      own: l.assessorId === actor.userId,
      sampled: sampledOf(l.assessorId),
      verifiers: able(l.assessorId),
    })),
    units,
    matrix: lines.map((l) => ({
      assessorId: l.assessorId,
      name: l.name,
      cells: units.map((u) => ({ unitRef: u, ...cell(l.assessorId, u) })),
    })),
    methods,
    candidates,
    sites,
    records,
    // What a recompute from today's facts would change (an observation or disagreement since).
    changes: planChanges(lines, fresh),
  };
}

/**
 * For an assessor, the IVs of the centre able to verify their units: anyone but them who is a
 * qualified IV, or is working towards where the qualification allows it and a qualified IV other
 * than the assessor can countersign.
 */
async function ivsAble(centreId: string, specId: string) {
  const [ivs, spec] = await Promise.all([
    db().user.findMany({
      where: { centreId, active: true, roles: { some: { role: "INTERNAL_VERIFIER" } } },
      select: { id: true, name: true },
      take: 200,
    }),
    db().qualificationSpec.findUniqueOrThrow({ where: { id: specId }, select: { code: true, spec: true } }),
  ]);
  const status = await db().$queryRaw<{ userId: string; status: string }[]>`
    SELECT DISTINCT ON ("userId") "userId", status::text AS status FROM "AssessorCompetence"
    WHERE "userId" = ANY(${ivs.map((i) => i.id)}::uuid[]) AND role = 'INTERNAL_VERIFIER' ORDER BY "userId", "recordedAt" DESC, id DESC`;
  const qualified = new Set(status.filter((s) => s.status === "QUALIFIED").map((s) => s.userId));
  const workingTowardsAllowed = verifierWorkingTowardsProblem(suiteShape.parse(spec.spec) as Suite, spec.code) === null;
  return (assessorId: string) => {
    const others = ivs.filter((i) => i.id !== assessorId);
    const countersigners = others.filter((i) => qualified.has(i.id));
    return others
      .filter((i) => qualified.has(i.id) || (workingTowardsAllowed && countersigners.some((c) => c.id !== i.id)))
      .map((i) => ({ name: i.name, qualified: qualified.has(i.id) }));
  };
}

/** The qualifications a plan can be for: those the centre's candidates are registered on. */
export async function listPlanQualifications(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  // EXISTS per specification (a handful), each stopping at the first registration found, rather
  // than reading every registration of the centre for their distinct specifications.
  return db().qualificationSpec.findMany({
    where: { registrations: { some: { candidate: { centreId } } } },
    select: { id: true, code: true, title: true, version: true },
    orderBy: { code: "asc" },
  });
}

/**
 * For the centre's administrator: qualifications the centre's candidates are registered on with no
 * sampling plan covering today. Units signed off without a plan are held from claims until a plan
 * covers them or an IV samples them, so the home page warns.
 */
export async function qualificationsWithoutPlan(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "user.manage");
  const today = storedDate(londonToday());
  return db()
    .qualificationSpec.findMany({
      // Candidates still on their programme: not withdrawn, not anonymised, active.
      where: {
        registrations: { some: { candidate: { centreId, active: true, withdrawnAt: null, anonymisedAt: null } } },
      },
      select: { id: true, code: true, title: true, version: true },
      orderBy: { code: "asc" },
    })
    .then(async (specs) => {
      const covered = await db().samplingPlan.findMany({
        where: {
          centreId,
          specId: { in: specs.map((x) => x.id) },
          periodFrom: { lte: today },
          periodTo: { gte: today },
        },
        select: { specId: true },
      });
      return specs.filter((x) => !covered.some((c) => c.specId === x.id));
    });
}
