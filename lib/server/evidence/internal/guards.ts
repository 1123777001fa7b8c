import "server-only";
// Evidence's guards (vocabulary: docs/access-guards.md): who may see a piece of evidence, who may
// change it, and the filters that keep lists to what the actor may see.
import { mayAuthorEvidence, type Actor } from "@/lib/domain/policy";
import { authorize } from "@/lib/server/core/internal/authorize";
import { assertCandidateVisible } from "@/lib/server/identity/internal/guards";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { witnessMaySeeEvidence } from "@/lib/server/witnesses/internal/guards";
import { assertOnCaseload } from "@/lib/server/assessment/internal/guards";

/**
 * Rule: the evidence exists and the actor may see its candidate (assertCandidateVisible), or,
 * as an expert witness, wrote it or was sent it (witnessMaySeeEvidence). A draft someone other than
 * the candidate is writing (an assessor's record, a witness's testimony) is its author's alone until
 * submitted. Otherwise 404.
 * Why: evidence is judged by the candidate's assessor and sampled by the IV and EV; nobody else
 * reads a portfolio, and an unfinished record is not yet evidence.
 */
export async function visibleEvidence(actor: Actor, evidenceId: string) {
  const evidence = await db().evidence.findUnique({
    where: { id: evidenceId },
    select: { id: true, candidateId: true, status: true, authorId: true },
  });
  if (!evidence) throw notFound();
  if (evidence.status === "DRAFT" && evidence.authorId !== null && evidence.authorId !== actor.userId) throw notFound();
  if (!(await witnessMaySeeEvidence(actor, evidence))) await assertCandidateVisible(actor, evidence.candidateId);
  return evidence;
}

/**
 * Rule: the candidate's own evidence (not a record someone made for them); 404 otherwise.
 * Why: only the candidate makes a new version of their own work; a record an assessor or witness
 * made stays theirs.
 */
export async function ownEvidence(actor: Actor, evidenceId: string) {
  authorize(actor, "portfolio.own");
  const evidence = await db().evidence.findFirst({
    where: { id: evidenceId, candidateId: actor.userId, authorId: null },
    select: { id: true, status: true },
  });
  if (!evidence) throw notFound();
  return evidence;
}

/**
 * Rule: evidence the actor authors (their own portfolio's, or a record they made) and may still
 * change (assertAuthorMayChange); 404 otherwise.
 * Why: a judgement rests on what its author submitted; nobody else edits it.
 */
export async function authoredEvidence(actor: Actor, evidenceId: string, change: DraftChange) {
  authorize(actor, "evidence.author");
  const evidence = await db().evidence.findUnique({
    where: { id: evidenceId },
    select: { id: true, status: true, candidateId: true, authorId: true },
  });
  if (!evidence || !mayAuthorEvidence(actor, evidence)) throw notFound();
  const author = await assertAuthorMayChange(actor, evidence, change);
  return { ...evidence, author };
}

/**
 * Rule (filter): evidence the actor authors: the candidate's own (no author), or what an assessor or
 * witness records. Callers check the role first; this narrows the rows.
 * Why: as authoredEvidence, for lists.
 */
export const authoredBy = (actor: Actor) => ({
  OR: [{ authorId: actor.userId }, { authorId: null, candidateId: actor.userId }],
});

/**
 * Rule (filter): a list of a candidate's evidence shows the actor everything but other people's
 * unfinished records.
 * Why: as visibleEvidence: an unfinished record is its author's alone.
 */
export const listedFor = (actor: Actor) => ({
  OR: [{ status: "SUBMITTED" as const }, { authorId: null }, { authorId: actor.userId }],
});

export type DraftChange = "details" | "files" | "mapping" | "submit";

/**
 * Rule: beyond authorship, an assessor changes their record only while the candidate is on their
 * caseload; a witness's draft belongs to a testimony request, whose files are theirs to add but
 * whose details, criteria and submission are set when they sign it. Returns who the author is; the
 * candidate's own evidence needs nothing more.
 * Why: OCR: "the assessor must ensure that witness testimony clearly matches the level and breadth
 * of performance described in the units", so testimony answers the request it was asked for.
 */
export async function assertAuthorMayChange(
  actor: Actor,
  evidence: { id: string; candidateId: string; authorId: string | null },
  change: DraftChange,
) {
  if (evidence.authorId === null) return "candidate" as const;
  const request = await db().testimonyRequest.findFirst({
    where: { draftEvidenceId: evidence.id },
    select: { witnessId: true, testimony: { select: { id: true } } },
  });
  if (request) {
    if (request.witnessId !== actor.userId || !actor.roles.includes("EXPERT_WITNESS") || request.testimony)
      throw notFound();
    if (change !== "files") {
      throw new AppError("INVALID_INPUT", {
        evidence: ["Testimony's details and criteria are set when the witness signs it, from the request."],
      });
    }
    return "witness" as const;
  }
  if (!actor.roles.includes("ASSESSOR")) throw notFound();
  await assertOnCaseload(actor, evidence.candidateId);
  return "assessor" as const;
}
