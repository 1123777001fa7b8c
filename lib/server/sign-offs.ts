import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/domain/policy";
import { recordAudit } from "./audit";

/**
 * Evidence behind a standing sign-off was replaced by a new version: flag the sign-off for the
 * assessor's review rather than let it stand silently. Runs in the submitting transaction.
 */
export async function flagSignOffsOnSupersededEvidence(tx: Prisma.TransactionClient, actor: Actor, oldEvidenceId: string, newEvidenceId: string) {
  const standing = await tx.unitSignOff.findMany({
    where: { evidenceIds: { has: oldEvidenceId }, signed: true, supersededBy: { is: null } },
    select: { id: true, unitRef: true },
  });
  for (const signOff of standing) {
    await tx.signOffFlag.createMany({
      data: [{ signOffId: signOff.id, evidenceId: oldEvidenceId, reason: "A new version of this evidence was submitted, so the sign-off rests on a superseded version." }],
      skipDuplicates: true,
    });
    await recordAudit(tx, actor, {
      action: "signoff.flag",
      subjectType: "UnitSignOff",
      subjectId: signOff.id,
      detail: { unit: signOff.unitRef, evidenceId: oldEvidenceId, newVersionId: newEvidenceId },
    });
  }
}
