import "server-only";
// External verification's guards (vocabulary: docs/access-guards.md): which centres and visits an
// EV reaches.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/domain/policy";
import { mayAttempt } from "@/lib/domain/policy";
import { authorize, authorizeCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { forbidden, notFound } from "@/lib/server/core/errors";

/**
 * Rule (predicate): the actor holds the external verifier role.
 * Why: a visit's reader is either its EV or the visited centre's administrator.
 */
export const isEv = (actor: Actor) => actor.roles.includes("EXTERNAL_VERIFIER");

/**
 * Rule: the EV appointed to the visit's centre, or the centre's administrator, reads the visit;
 * anyone else is told it does not exist (404).
 * Why: OCR: "The external verifier is appointed by OCR" to check the centre; the centre answers
 * the EV's actions.
 */
export async function readableVisit(actor: Actor, visitId: string) {
  if (!mayAttempt(actor, "ev.sample") && !mayAttempt(actor, "ev.respond")) throw forbidden();
  const visit = await db().evVisit.findUnique({ where: { id: visitId } });
  if (!visit) throw notFound();
  if (isEv(actor) && actor.evCentreIds.includes(visit.centreId)) return visit;
  if (actor.roles.includes("CENTRE_ADMIN") && actor.centreId === visit.centreId) return visit;
  throw notFound();
}

/**
 * Rule: only the EV who made the visit records its sample, findings and actions, and only while
 * still appointed to the centre.
 * Why: a finding is attributable to the EV who made it, and an EV whose appointment ended no longer
 * verifies the centre.
 */
export async function ownVisit(
  actor: Actor,
  visitId: string,
  tx: Prisma.TransactionClient | ReturnType<typeof db> = db(),
) {
  authorize(actor, "ev.sample");
  const visit = await tx.evVisit.findUnique({ where: { id: visitId } });
  if (!visit) throw notFound();
  authorizeCentre(actor, "ev.sample", visit.centreId);
  if (visit.evId !== actor.userId) throw forbidden();
  return visit;
}

/**
 * Rule: a centre the EV is appointed to verify (never their home centre); 404 otherwise.
 * Why: OCR: the external verifier "checks the assessment and internal verification processes and
 * decisions made in the centre" they are appointed to, and no other.
 */
export async function verifiedCentre(actor: Actor, centreId: string) {
  authorizeCentre(actor, "centre.verify", centreId);
  const centre = await db().centre.findUnique({
    where: { id: centreId },
    select: { id: true, name: true, code: true },
  });
  if (!centre) throw notFound();
  return centre;
}
