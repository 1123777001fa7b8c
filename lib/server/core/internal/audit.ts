import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/domain/policy";

/**
 * Appends to the audit trail inside the caller's transaction, so the record and the change stand
 * or fall together. The event belongs to the centre it concerns: the actor's own, unless the
 * caller names another (a platform administrator appointing an EV to a centre, say).
 */
export function recordAudit(
  tx: Prisma.TransactionClient,
  actor: Actor,
  event: {
    action: string;
    subjectType: string;
    subjectId: string;
    detail?: Prisma.InputJsonValue;
    centreId?: string | null;
  },
) {
  const { centreId, ...rest } = event;
  return tx.auditEvent.create({
    data: { centreId: centreId === undefined ? actor.centreId : centreId, actorId: actor.userId, detail: {}, ...rest },
  });
}
