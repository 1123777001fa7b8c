import "server-only";
// Witnesses' guards (vocabulary: docs/access-guards.md): what an expert witness may reach.
import { authorize, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
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

/**
 * Rule: the candidate, if the actor may ask for testimony about them: the candidate themselves, or
 * an assessor with the candidate on their caseload, at the actor's centre. 404 for everyone else.
 * Why: OCR: expert witnesses "attest to performance in the workplace" for the candidate's
 * assessment; only the candidate and their assessor take part in gathering it.
 */
export async function requestableCandidate(actor: Actor, candidateId: string) {
  const centreId = authorizeOwnCentre(actor, "testimony.request");
  const candidate = await db().user.findFirst({
    where: { id: candidateId, centreId, roles: { some: { role: "CANDIDATE" } } },
    select: { id: true, name: true, assessedBy: { where: { assessorId: actor.userId }, select: { assessorId: true } } },
  });
  if (!candidate) throw notFound();
  const self = candidate.id === actor.userId && actor.roles.includes("CANDIDATE");
  const assessing = actor.roles.includes("ASSESSOR") && candidate.assessedBy.length > 0;
  if (!self && !assessing) throw notFound();
  return { id: candidate.id, name: candidate.name, centreId };
}

/**
 * Rule: a witness on the register of the given centre (the caller passes the centre it checked);
 * 404 for anyone else.
 * Why: OCR: "the assessor should also maintain an up-to-date register of all accepted expert
 * witnesses and the candidates to whom they refer": each centre keeps its own.
 */
export async function registeredWitness(centreId: string, witnessId: string) {
  const witness = await db().expertWitness.findFirst({
    where: { userId: witnessId, user: { centreId } },
    select: { userId: true, user: { select: { name: true, active: true } } },
  });
  if (!witness) throw notFound();
  return witness;
}
