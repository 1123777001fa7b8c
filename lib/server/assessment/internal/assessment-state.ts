import "server-only";
// What has been decided about a candidate's portfolio, read in a few queries whose size follows
// the candidate, not the centre: current judgements, current sign-offs and which evidence has
// been replaced by a newer submitted version.
import {
  criterionState,
  takesEffect,
  unitState,
  type CriterionEvidence,
  type UnitState,
} from "@/lib/domain/assessment/rules";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/core/internal/db";
import { AppError } from "@/lib/server/core/errors";

type Client = Prisma.TransactionClient | ReturnType<typeof db>;

const judgementSelect = {
  id: true,
  evidenceId: true,
  specId: true,
  unitRef: true,
  criterion: true,
  outcome: true,
  feedback: true,
  checksNote: true,
  valid: true,
  authentic: true,
  reliable: true,
  current: true,
  sufficient: true,
  decidedAt: true,
  needsCountersignature: true,
  assessor: { select: { id: true, name: true } },
  countersignature: { select: { signedAt: true, assessorId: true } },
} satisfies Prisma.CriterionJudgementSelect;

export type JudgementRow = Prisma.CriterionJudgementGetPayload<{ select: typeof judgementSelect }>;

export const signOffSelect = {
  id: true,
  specId: true,
  unitRef: true,
  signed: true,
  signedAt: true,
  reason: true,
  declaration: true,
  evidence: true,
  needsCountersignature: true,
  supersedesId: true,
  assessor: { select: { id: true, name: true } },
  candidateSignature: { select: { signedAt: true } },
  countersignature: { select: { signedAt: true, assessorId: true } },
  flags: { select: { reason: true, evidenceId: true, raisedAt: true } },
} satisfies Prisma.UnitSignOffSelect;

export type SignOffRow = Prisma.UnitSignOffGetPayload<{ select: typeof signOffSelect }>;

export const signOffFacts = (s: SignOffRow) => ({
  signed: s.signed,
  needsCountersignature: s.needsCountersignature,
  countersigned: s.countersignature !== null,
  candidateSigned: s.candidateSignature !== null,
  flagged: s.flags.length > 0,
});

export const signOffState = (s: SignOffRow | null | undefined, onHold = false): UnitState =>
  unitState(s ? signOffFacts(s) : null, onHold);

/**
 * "candidate|spec|unit" keys of units on hold: an internal verifier disagreed, and no agreement
 * that counts has followed. A disagreement holds at once (even from an IV working towards the
 * verifier units: the safe side); an agreement by such an IV lifts it only once countersigned.
 */
export async function heldUnits(client: Client, candidateIds: string[]): Promise<Set<string>> {
  if (candidateIds.length === 0) return new Set();
  const rows = await client.$queryRaw<{ candidateId: string; specId: string; unitRef: string }[]>`
    SELECT DISTINCT s."candidateId", s."specId", s."unitRef"
    FROM "IvSample" s JOIN "IvVerdict" v ON v."sampleId" = s.id
    WHERE s."candidateId" = ANY(${candidateIds}::uuid[]) AND v.outcome = 'DISAGREE'
      AND NOT EXISTS (
        SELECT 1 FROM "IvVerdict" n LEFT JOIN "IvCountersignature" c ON c."verdictId" = n.id
        WHERE n."sampleId" = s.id AND n."decidedAt" > v."decidedAt" AND n.outcome = 'AGREE' AND (NOT n."needsCountersignature" OR c.id IS NOT NULL))`;
  return new Set(rows.map((r) => `${r.candidateId}|${r.specId}|${r.unitRef}`));
}

/** The judgement standing for each (evidence, criterion): the ones nothing has superseded. */
export async function currentJudgements(client: Client, where: Prisma.CriterionJudgementWhereInput) {
  return client.criterionJudgement.findMany({
    where: { ...where, supersededBy: { is: null } },
    select: judgementSelect,
  });
}

/** The sign-off standing for each unit of the candidate. */
export async function currentSignOffs(client: Client, candidateId: string, specIds: string[]) {
  return client.unitSignOff.findMany({
    where: { candidateId, specId: { in: specIds }, supersededBy: { is: null } },
    select: signOffSelect,
  });
}

/**
 * The earlier sign-off records of the candidate's units: those a correction superseded. Each stays
 * part of the unit's history (when it was signed, who countersigned it), shown with the standing one.
 */
export async function earlierSignOffs(client: Client, candidateId: string, specIds: string[]) {
  const rows = await client.unitSignOff.findMany({
    where: { candidateId, specId: { in: specIds }, supersededBy: { isNot: null } },
    select: {
      id: true,
      specId: true,
      unitRef: true,
      signed: true,
      signedAt: true,
      reason: true,
      assessor: { select: { name: true } },
      candidateSignature: { select: { signedAt: true } },
      countersignature: { select: { signedAt: true } },
      supersededBy: { select: { signedAt: true } },
    },
    orderBy: { signedAt: "desc" },
    take: 200,
  });
  return rows.map((r) => ({ ...r, supersededAt: r.supersededBy!.signedAt }));
}

/** Which of these pieces of evidence a newer submitted version has replaced. */
export async function supersededEvidence(client: Client, evidenceIds: string[]): Promise<Set<string>> {
  if (evidenceIds.length === 0) return new Set();
  const next = await client.evidence.findMany({
    where: { previousVersionId: { in: evidenceIds }, status: "SUBMITTED" },
    select: { previousVersionId: true },
  });
  return new Set(next.map((n) => n.previousVersionId!));
}

export type Mapping = { evidenceId: string; specId: string; unitRef: string; criterion: string };
const key = (m: { specId: string; unitRef: string; criterion: string }) => `${m.specId}|${m.unitRef}|${m.criterion}`;

/**
 * For each criterion, the submitted, current evidence mapped to it with its judgement: what
 * criterionState decides from. Drafts and replaced versions do not count.
 */
export function criterionEvidence(
  mappings: readonly (Mapping & { status: string })[],
  judgements: readonly JudgementRow[],
  superseded: ReadonlySet<string>,
) {
  const judged = new Map(judgements.map((j) => [`${j.evidenceId}|${key(j)}`, j]));
  const byCriterion = new Map<string, (CriterionEvidence & { judgementRow: JudgementRow | null })[]>();
  for (const m of mappings) {
    if (m.status !== "SUBMITTED" || superseded.has(m.evidenceId)) continue;
    const j = judged.get(`${m.evidenceId}|${key(m)}`) ?? null;
    const list = byCriterion.get(key(m)) ?? [];
    list.push({
      evidenceId: m.evidenceId,
      judgement: j && {
        outcome: j.outcome,
        needsCountersignature: j.needsCountersignature,
        countersigned: j.countersignature !== null,
      },
      judgementRow: j,
    });
    byCriterion.set(key(m), list);
  }
  return {
    of: (specId: string, unitRef: string, criterion: string) =>
      byCriterion.get(key({ specId, unitRef, criterion })) ?? [],
    state: (specId: string, unitRef: string, criterion: string) =>
      criterionState(byCriterion.get(key({ specId, unitRef, criterion })) ?? []),
    /** The judgements that make the criterion accepted (in effect), for a sign-off's record. */
    accepted: (specId: string, unitRef: string, criterion: string) =>
      (byCriterion.get(key({ specId, unitRef, criterion })) ?? []).filter(
        (e) => e.judgementRow?.outcome === "ACCEPTED" && takesEffect(e.judgement!),
      ),
  };
}

/** True unless the assessor's current competence record says qualified (no record: not yet shown to be). */
export async function needsCountersignature(
  client: Client,
  assessorId: string,
  role: "ASSESSOR" | "INTERNAL_VERIFIER" = "ASSESSOR",
): Promise<boolean> {
  const latest = await client.assessorCompetence.findFirst({
    where: { userId: assessorId, role },
    orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
    select: { status: true },
  });
  return latest?.status !== "QUALIFIED";
}

/** Evidence is not submitted while a file of it waits for its virus check (a large file, checked by the job queue). */
export async function refuseWhileScanning(tx: Prisma.TransactionClient, evidenceId: string): Promise<void> {
  const pending = await tx.evidenceFile.count({ where: { evidenceId, deletedAt: null, scanStatus: "pending" } });
  if (pending > 0) {
    throw new AppError("INVALID_INPUT", {
      evidence: [
        `${pending === 1 ? "A file is" : `${pending} files are`} still being checked for viruses (large files are checked after they upload). Try again in a few minutes.`,
      ],
    });
  }
}
