import "server-only";
// Witnesses' guards (vocabulary: docs/access-guards.md): what an expert witness may reach.
import { authorize } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { notFound } from "@/lib/server/core/errors";
import { mayAttempt, type Actor } from "@/lib/domain/policy";

/**
 * Rule: a testimony request to the signed-in witness; 404 for anyone else's.
 * Why: a witness attests only to what they were asked about, for the candidate who named them.
 */
export async function ownRequest(actor: Actor, requestId: string) {
  authorize(actor, "testimony.give");
  const request = await db().testimonyRequest.findFirst({
    where: { id: requestId, witnessId: actor.userId },
    select: {
      id: true,
      candidateId: true,
      witnessId: true,
      specId: true,
      criteria: true,
      message: true,
      attachmentId: true,
      draftEvidenceId: true,
      createdAt: true,
      requestedById: true,
    },
  });
  if (!request) throw notFound();
  return request;
}

/**
 * Rule (predicate): an expert witness may open only what they wrote (their testimony and its
 * files) and evidence attached to an open request to them; never the rest of the portfolio
 * (policy.mayViewCandidate leaves witnesses out).
 * Why: OCR: expert witnesses "attest to performance in the workplace"; they are not part of the
 * assessment team, so they see no more of the portfolio than their testimony needs.
 */
export async function witnessMaySeeEvidence(
  actor: Actor,
  evidence: { id: string; authorId: string | null },
): Promise<boolean> {
  if (!mayAttempt(actor, "testimony.give")) return false;
  if (evidence.authorId === actor.userId) return true;
  const attached = await db().testimonyRequest.count({
    where: { witnessId: actor.userId, attachmentId: evidence.id, testimony: { is: null } },
  });
  return attached > 0;
}
