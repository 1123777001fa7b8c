import "server-only";
// Guards and shared reads for IV samples: the own-decisions rule (C&G 3412 section 2: nobody
// internally verifies their own assessments), the IV's centre, one sample and what it covers.
import type { Actor } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import { unitsDecidedBy } from "./iv-state";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";

type Unit = { candidateId: string; specId: string; unitRef: string };
export type Tx = Prisma.TransactionClient;

/**
 * Did the IV make or countersign any decision on the unit: a judgement of any criterion of it
 * (standing or since replaced), a countersignature of one, a sign-off of it or its countersignature?
 */
export async function assertNotOwn(actor: Actor, unit: Unit, client?: Parameters<typeof unitsDecidedBy>[2]) {
  const decided = await unitsDecidedBy(actor.userId, [unit.candidateId], client);
  if (decided.has(`${unit.candidateId}|${unit.specId}|${unit.unitRef}`)) throw new AppError("OWN_VERIFICATION");
}

/** A candidate of the IV's centre; 404 otherwise. */
export async function centreCandidate(centreId: string, candidateId: string) {
  const candidate = await db().user.findFirst({ where: { id: candidateId, centreId, roles: { some: { role: "CANDIDATE" } } }, select: { id: true } });
  if (!candidate) throw notFound();
}

/** The sample with the IV's verdicts and the assessor's responses; its unit's decisions and evidence come from the progress read model. */
export async function loadSample(sampleId: string) {
  const sample = await db().ivSample.findUnique({
    where: { id: sampleId },
    include: {
      verdicts: { orderBy: { decidedAt: "asc" }, include: { actionPoints: { orderBy: { targetOn: "asc" } }, countersignature: { select: { ivId: true, signedAt: true } } } },
      responses: { orderBy: { respondedAt: "asc" } },
    },
  });
  if (!sample) throw notFound();
  return sample;
}

/** The standing judgements a sample covers: every criterion of the unit, or the criteria sampled. */
export const sampledJudgements = (sample: { candidateId: string; specId: string; unitRef: string; criteria: string[] }) => ({
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
    where: { OR: units.map((u) => ({ candidateId: u.candidateId, specId: u.specId, unitRef: u.unitRef })), signed: true, supersededBy: { is: null } },
    select: { id: true, candidateId: true, specId: true, unitRef: true },
  });
  return new Map(rows.map((r) => [`${r.candidateId}|${r.specId}|${r.unitRef}`, r.id]));
}
