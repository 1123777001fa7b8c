import "server-only";
// Confirming the password again within a session, and the check sensitive server functions make.
import type { Actor } from "@/lib/domain/policy";
import { passwordIsRecent, REAUTH_MINUTES } from "@/lib/domain/reauthentication";
import { recordAudit } from "./audit";
import { db } from "./db";
import { AppError } from "./errors";
import { checkPassword } from "./signing";

/** Refuses (REAUTH_REQUIRED) unless the actor typed their password in the last 10 minutes. */
export function requireRecentPassword(actor: Actor): void {
  if (!passwordIsRecent(actor)) {
    throw new AppError("REAUTH_REQUIRED", { password: [`Confirm your password to do this: it is needed within ${REAUTH_MINUTES} minutes of a sensitive action.`] });
  }
}

/** Checks the password and records it as typed now in this session (audited, never the password). */
export async function confirmPassword(actor: Actor, password: string): Promise<void> {
  if (!actor.sessionId) throw new AppError("UNAUTHENTICATED");
  await checkPassword(actor, password);
  await db().$transaction(async (tx) => {
    const { count } = await tx.userSession.updateMany({ where: { id: actor.sessionId, userId: actor.userId, endedAt: null }, data: { passwordAt: new Date() } });
    if (count === 0) throw new AppError("UNAUTHENTICATED");
    await recordAudit(tx, actor, { action: "session.password-confirmed", subjectType: "User", subjectId: actor.userId, detail: { sessionId: actor.sessionId } });
  });
}
