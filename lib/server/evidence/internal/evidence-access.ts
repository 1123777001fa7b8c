import "server-only";
// Who may see or change a piece of evidence (the guards the evidence workflow shares).
import { mayAuthorEvidence, type Actor } from "@/lib/domain/policy";
import { assertAuthorMayChange, type DraftChange } from "./authorship";
import { authorize } from "@/lib/server/core/internal/authorize";
import { assertCandidateVisible } from "@/lib/server/identity/candidates";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { witnessMaySeeEvidence } from "@/lib/server/witnesses/witness-register";


/**
 * The evidence if the actor may see its candidate's portfolio, or (a witness) it was sent to or
 * written by them; 404 otherwise. A draft someone other than the candidate is making (an
 * assessor's record, a witness's testimony) is the author's alone until it is submitted.
 */
/** The evidence's owner and state, if the actor may see it; 404 otherwise. */
export async function visibleEvidence(actor: Actor, evidenceId: string) {
  const evidence = await db().evidence.findUnique({ where: { id: evidenceId }, select: { id: true, candidateId: true, status: true, authorId: true } });
  if (!evidence) throw notFound();
  if (evidence.status === "DRAFT" && evidence.authorId !== null && evidence.authorId !== actor.userId) throw notFound();
  if (!(await witnessMaySeeEvidence(actor, evidence))) await assertCandidateVisible(actor, evidence.candidateId);
  return evidence;
}

/** The candidate's own evidence, for new versions; 404 for anyone else's. */
export async function ownEvidence(actor: Actor, evidenceId: string) {
  authorize(actor, "portfolio.own");
  const evidence = await db().evidence.findFirst({ where: { id: evidenceId, candidateId: actor.userId, authorId: null }, select: { id: true, status: true } });
  if (!evidence) throw notFound();
  return evidence;
}

/** Evidence the actor authors (their own portfolio's, or a record they made), for changes; 404 otherwise. */
export async function authoredEvidence(actor: Actor, evidenceId: string, change: DraftChange) {
  authorize(actor, "evidence.author");
  const evidence = await db().evidence.findUnique({ where: { id: evidenceId }, select: { id: true, status: true, candidateId: true, authorId: true } });
  if (!evidence || !mayAuthorEvidence(actor, evidence)) throw notFound();
  const author = await assertAuthorMayChange(actor, evidence, change);
  return { ...evidence, author };
}

export const frozen = () => new AppError("EVIDENCE_SUBMITTED");
