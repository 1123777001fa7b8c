import "server-only";
// Personal data's guards (vocabulary: docs/access-guards.md): whose personal data an export may hold.
import type { Actor } from "@/lib/domain/policy";
import { authorize, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { notFound } from "@/lib/server/core/errors";
import { requireRecentPassword } from "@/lib/server/core/reauthentication";

/**
 * Rule: the data subject of an export: the candidate themselves, or a candidate of the
 * administrator's own centre, for whom the administrator typed their password in the last 10
 * minutes; 404 for anyone else. Returns the account's own details.
 * Why: UK GDPR Article 15 gives the candidate a copy of their personal data, which the centre (the
 * controller) answers for; nobody else may take one, and a session left open must not be enough.
 */
export async function subjectCandidate(actor: Actor, candidateId: string) {
  if (actor.userId === candidateId) {
    authorize(actor, "portfolio.own");
  } else {
    const centreId = authorizeOwnCentre(actor, "user.manage");
    const other = await db().user.findFirst({
      where: { id: candidateId, centreId, roles: { some: { role: "CANDIDATE" } } },
      select: { id: true },
    });
    if (!other) throw notFound();
    // Someone else's personal data: the password must have been typed in the last 10 minutes.
    requireRecentPassword(actor);
  }
  return db().user.findUniqueOrThrow({
    where: { id: candidateId },
    select: {
      id: true,
      email: true,
      name: true,
      dateOfBirth: true,
      active: true,
      emailPreference: true,
      createdAt: true,
      updatedAt: true,
      centreId: true,
      withdrawnAt: true,
      withdrawalReason: true,
      centre: { select: { code: true, name: true } },
      roles: { select: { role: true } },
    },
  });
}
