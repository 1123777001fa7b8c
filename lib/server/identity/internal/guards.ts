import "server-only";
// Identity's guards: who may reach a candidate or a user record. Every guard here and in the
// other workflows' internal/guards.ts follows one vocabulary (docs/access-guards.md): reach guards
// named after the scope (visible, own, authored, readable, centre, verified) return the object or
// 404; rule guards (assert…) throw the rule's error; filters (…For, …By) narrow a query; predicates
// (…May…, is…) answer yes or no.
import type { Actor } from "@/lib/domain/policy";
import { mayViewCandidate } from "@/lib/domain/policy";
import { candidateFacts, isCandidate, toFacts } from "./candidate-facts";
import { db } from "@/lib/server/core/internal/db";
import { notFound } from "@/lib/server/core/errors";
import { authorizeOwnCentre } from "@/lib/server/core/internal/authorize";

/**
 * Rule: the candidate exists and the actor has a working relationship with them: the candidate
 * themselves, an assessor with them on their caseload, the centre's IVs and administrators, or an EV
 * appointed to the centre (policy.mayViewCandidate). Anyone else gets 404, as if they did not exist.
 * Why: a portfolio is personal data, seen only by the people the scheme gives a part in it (OCR:
 * the assessor judges, the internal verifier "checks and standardises", the external verifier
 * samples the centre); UK GDPR's data minimisation.
 */
export async function assertCandidateVisible(actor: Actor, candidateId: string): Promise<void> {
  const candidate = await db().user.findFirst({ where: isCandidate(candidateId), select: candidateFacts });
  if (!candidate || !mayViewCandidate(actor, toFacts(candidate))) throw notFound();
}

/**
 * Rule: a user of the administrator's own centre; 404 for another centre's.
 * Why: a centre administers its own people only (OCR: centres appoint their assessors and
 * internal verifiers); another centre's ids must not even be confirmed to exist.
 */
export async function centreUser(actor: Actor, userId: string) {
  const centreId = authorizeOwnCentre(actor, "user.manage");
  const user = await db().user.findFirst({ where: { id: userId, centreId }, select: { id: true } });
  if (!user) throw notFound();
  return user;
}
