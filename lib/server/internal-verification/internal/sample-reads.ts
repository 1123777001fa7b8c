import "server-only";
import { db } from "@/lib/server/core/internal/db";
import { notFound } from "@/lib/server/core/errors";
import { Unit } from "./guards";

/** The standing judgements a sample covers: every criterion of the unit, or the criteria sampled. */
export const sampledJudgements = (sample: {
  candidateId: string;
  specId: string;
  unitRef: string;
  criteria: string[];
}) => ({
  evidence: { candidateId: sample.candidateId },
  specId: sample.specId,
  unitRef: sample.unitRef,
  supersededBy: { is: null },
  ...(sample.criteria.length > 0 ? { criterion: { in: sample.criteria } } : {}),
});

/** The standing signed sign-off of each sample's unit, by "candidate|spec|unit": one query. */
export async function standingSignOffs(units: Unit[]) {
  if (units.length === 0) return new Map<string, string>();
  const rows = await db().unitSignOff.findMany({
    where: {
      OR: units.map((u) => ({ candidateId: u.candidateId, specId: u.specId, unitRef: u.unitRef })),
      signed: true,
      supersededBy: { is: null },
    },
    select: { id: true, candidateId: true, specId: true, unitRef: true },
  });
  return new Map(rows.map((r) => [`${r.candidateId}|${r.specId}|${r.unitRef}`, r.id]));
}

/** The sample with the IV's verdicts and the assessor's responses; its unit's decisions and evidence come from the progress read model. */
export async function loadSample(sampleId: string) {
  const sample = await db().ivSample.findUnique({
    where: { id: sampleId },
    include: {
      verdicts: {
        orderBy: { decidedAt: "asc" },
        include: {
          actionPoints: { orderBy: { targetOn: "asc" } },
          countersignature: { select: { ivId: true, signedAt: true } },
        },
      },
      responses: { orderBy: { respondedAt: "asc" } },
    },
  });
  if (!sample) throw notFound();
  return sample;
}
