import "server-only";
// Confirming the password again within a session, and the check sensitive server functions make.
import type { Actor } from "@/lib/domain/policy";
import { passwordIsRecent, REAUTH_MINUTES } from "@/lib/domain/identity/reauthentication";
import { recordAudit } from "./internal/audit";
import { db } from "./internal/db";
import { AppError } from "./errors";
import { checkPassword } from "./internal/signing";

/** Refuses (REAUTH_REQUIRED) unless the actor typed their password in the last 10 minutes. */
export function requireRecentPassword(actor: Actor): void {
  if (!passwordIsRecent(actor)) {
    throw new AppError("REAUTH_REQUIRED", {
      password: [
        `Confirm your password to do this: it is needed within ${REAUTH_MINUTES} minutes of a sensitive action.`,
      ],
    });
  }
}

/** Wrong passwords allowed within FAILURE_WINDOW_MINUTES before the session is ended. */
export const MAX_CONFIRM_FAILURES = 5;
const FAILURE_WINDOW_MINUTES = 15;

/**
 * Checks the password and records it as typed now in this session (audited, never the password);
 * returns the actor with that time.
 * A stolen session cookie is what this guards against, so guessing is limited: each wrong password
 * is on the audit trail, and the fifth within 15 minutes ends the session (sign in again).
 */
export async function confirmPassword(actor: Actor, password: string): Promise<Actor> {
  if (!actor.sessionId) throw new AppError("UNAUTHENTICATED");
  const live = await db().userSession.findFirst({
    where: { id: actor.sessionId, userId: actor.userId, endedAt: null },
    select: { id: true },
  });
  if (!live) throw new AppError("UNAUTHENTICATED");
  try {
    await checkPassword(actor, password);
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== "WRONG_PASSWORD") throw error;
    const since = new Date(Date.now() - FAILURE_WINDOW_MINUTES * 60_000);
    const failures = await db().$transaction(async (tx) => {
      // One at a time per user, so parallel guesses are all counted.
      await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${actor.userId}::uuid FOR NO KEY UPDATE`;
      await recordAudit(tx, actor, {
        action: "session.password-confirm-failed",
        subjectType: "User",
        subjectId: actor.userId,
        detail: { sessionId: actor.sessionId },
      });
      const n = await tx.auditEvent.count({
        where: { actorId: actor.userId, action: "session.password-confirm-failed", at: { gte: since } },
      });
      if (n >= MAX_CONFIRM_FAILURES) {
        await tx.userSession.updateMany({
          where: { id: actor.sessionId, endedAt: null },
          data: { endedAt: new Date(), endReason: "password-failures" },
        });
      }
      return n;
    });
    if (failures >= MAX_CONFIRM_FAILURES) throw new AppError("UNAUTHENTICATED");
    throw error;
  }
  const passwordAt = new Date();
  await db().$transaction(async (tx) => {
    const { count } = await tx.userSession.updateMany({
      where: { id: actor.sessionId, userId: actor.userId, endedAt: null },
      data: { passwordAt },
    });
    if (count === 0) throw new AppError("UNAUTHENTICATED");
    await recordAudit(tx, actor, {
      action: "session.password-confirmed",
      subjectType: "User",
      subjectId: actor.userId,
      detail: { sessionId: actor.sessionId },
    });
  });
  // The actor as the session now stands, for an action that goes on in the same request.
  return { ...actor, passwordAt };
}
