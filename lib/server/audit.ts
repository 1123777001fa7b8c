import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/domain/policy";

/** Appends to the audit trail inside the caller's transaction, so the record and the change stand or fall together. */
export function recordAudit(
  tx: Prisma.TransactionClient,
  actor: Actor,
  event: { action: string; subjectType: string; subjectId: string; detail?: Prisma.InputJsonValue },
) {
  return tx.auditEvent.create({
    data: { centreId: actor.centreId, actorId: actor.userId, detail: {}, ...event },
  });
}
