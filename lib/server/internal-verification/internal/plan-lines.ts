import "server-only";
// A sampling plan's lines: each assessor's facts, risk rating and proposed sample, from grouped queries.
import {
  MINIMUM_PER_ASSESSOR,
  proposedSampleSize,
  riskFactors,
  riskRating,
  type AssessorFacts,
} from "@/lib/domain/internal-verification/risk";
import type { PlanLine } from "@/lib/domain/internal-verification/plan-changes";
export type { PlanLine };
import { Prisma } from "@/lib/generated/prisma/client";
import { londonPeriod, londonToday, storedDate } from "@/lib/domain/today";
import { db } from "@/lib/server/core/internal/db";

const DAY_MS = 24 * 60 * 60 * 1000;

/** Each assessor's line for a qualification and period, from the facts as they stand today. */
export async function planLines(
  centreId: string,
  specId: string,
  periodFrom: Date,
  periodTo: Date,
): Promise<PlanLine[]> {
  // UK days: a sign-off just after midnight in summer time is on the day it was in the UK.
  const { start: from, end: to } = londonPeriod(periodFrom, periodTo);
  const before = new Date(from.getTime() - (to.getTime() - from.getTime()));
  const assessors = await db().user.findMany({
    where: {
      centreId,
      roles: { some: { role: "ASSESSOR" } },
      OR: [
        { signOffsMade: { some: { specId, signedAt: { gte: from, lt: to } } } },
        { assessing: { some: { candidate: { registrations: { some: { specId } } } } } },
      ],
    },
    select: { id: true, name: true, startedAtCentreOn: true },
    orderBy: { name: "asc" },
    take: 500,
  });
  const facts = await assessorFacts(
    assessors.map((a) => a.id),
    specId,
    { before, from, to },
  );
  const today = storedDate(londonToday()).getTime();
  return assessors.map((a) => {
    const f = facts.get(a.id)!;
    // "New to the centre" from the start date the centre recorded, not the account's creation.
    const lineFacts: AssessorFacts = {
      ...f.facts,
      daysAtCentre: a.startedAtCentreOn ? Math.floor((today - a.startedAtCentreOn.getTime()) / DAY_MS) : null,
    };
    const factors = riskFactors(lineFacts);
    const rating = riskRating(factors);
    const expected = Math.max(lineFacts.decisionsInPeriod, f.previousPeriod);
    const proposed = expected === 0 ? MINIMUM_PER_ASSESSOR : proposedSampleSize(rating, expected);
    return {
      assessorId: a.id,
      name: a.name,
      facts: lineFacts,
      factors,
      computed: rating,
      rating,
      expected,
      proposed,
      target: proposed,
      override: null,
    };
  });
}

/**
 * Whose decisions a verdict (aliased v) was on: the assessor who signed the unit off, or for an
 * interim sample, those whose judgements it looked at.
 */
export const verdictAssessors = Prisma.sql`
  SELECT s."assessorId" FROM "UnitSignOff" s WHERE s.id = v."signOffId"
  UNION SELECT j."assessorId" FROM "CriterionJudgement" j WHERE v."signOffId" IS NULL AND j.id = ANY(v."judgementIds")`;

/** The risk facts of these assessors for one qualification and period: six grouped queries, whatever their number. */
async function assessorFacts(ids: string[], specId: string, period: { before: Date; from: Date; to: Date }) {
  const { before, from, to } = period;
  const [signOffs, verdicts, competence, observations, meetings] = await Promise.all([
    db().$queryRaw<{ assessorId: string; earlier: bigint; previous: bigint; inPeriod: bigint }[]>`
      SELECT "assessorId", count(DISTINCT ("candidateId", "unitRef")) FILTER (WHERE "signedAt" < ${from}) AS earlier,
             count(DISTINCT ("candidateId", "unitRef")) FILTER (WHERE "signedAt" >= ${before} AND "signedAt" < ${from}) AS previous,
             count(DISTINCT ("candidateId", "unitRef")) FILTER (WHERE "signedAt" >= ${from} AND "signedAt" < ${to}) AS "inPeriod"
      FROM "UnitSignOff" WHERE "assessorId" = ANY(${ids}::uuid[]) AND "specId" = ${specId}::uuid AND signed
      GROUP BY "assessorId"`,
    db().$queryRaw<{ assessorId: string; total: bigint; disagreements: bigint }[]>`
      SELECT x."assessorId", count(DISTINCT v."sampleId") AS total, count(DISTINCT v."sampleId") FILTER (WHERE v.outcome = 'DISAGREE') AS disagreements
      FROM "IvVerdict" v CROSS JOIN LATERAL (${verdictAssessors}) x
      WHERE x."assessorId" = ANY(${ids}::uuid[])
      GROUP BY x."assessorId"`,
    db().$queryRaw<{ userId: string; status: string }[]>`
      SELECT DISTINCT ON ("userId") "userId", status::text AS status FROM "AssessorCompetence"
      WHERE "userId" = ANY(${ids}::uuid[]) AND role = 'ASSESSOR' ORDER BY "userId", "recordedAt" DESC, id DESC`,
    db().$queryRaw<{ assessorId: string; observedOn: Date; outcome: string }[]>`
      SELECT DISTINCT ON ("assessorId") "assessorId", "observedOn", outcome::text AS outcome FROM "IvObservation"
      WHERE "assessorId" = ANY(${ids}::uuid[]) ORDER BY "assessorId", "observedOn" DESC, "recordedAt" DESC`,
    db().$queryRaw<{ userId: string; heldOn: Date }[]>`
      SELECT p."userId", max(m."heldOn") AS "heldOn" FROM "StandardisationParticipant" p JOIN "StandardisationMeeting" m ON m.id = p."meetingId"
      WHERE p."userId" = ANY(${ids}::uuid[]) AND p.attended GROUP BY p."userId"`,
  ]);
  const today = storedDate(londonToday()).getTime();
  const daysSince = (d: Date | undefined) => (d ? Math.floor((today - d.getTime()) / DAY_MS) : null);
  return new Map(
    ids.map((id) => {
      const so = signOffs.find((r) => r.assessorId === id);
      const v = verdicts.find((r) => r.assessorId === id);
      const observation = observations.find((r) => r.assessorId === id);
      return [
        id,
        {
          previousPeriod: Number(so?.previous ?? 0),
          facts: {
            workingTowards: competence.find((r) => r.userId === id)?.status !== "QUALIFIED",
            earlierSignOffs: Number(so?.earlier ?? 0),
            decisionsInPeriod: Number(so?.inPeriod ?? 0),
            verdicts: Number(v?.total ?? 0),
            disagreements: Number(v?.disagreements ?? 0),
            daysSinceObserved: daysSince(observation?.observedOn),
            observationNeedsDevelopment: observation?.outcome === "DEVELOPMENT_NEEDED",
            daysSinceStandardisation: daysSince(meetings.find((r) => r.userId === id)?.heldOn),
          },
        },
      ] as const;
    }),
  );
}
