import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/domain/policy";
import { recordAudit } from "@/lib/server/core/internal/audit";

/**
 * Evidence behind a standing sign-off was replaced by a new version: flag the sign-off for the
 * assessor's review rather than let it stand silently. Runs in the submitting transaction.
 */
export async function flagSignOffsOnSupersededEvidence(
  tx: Prisma.TransactionClient,
  actor: Actor,
  oldEvidenceId: string,
  newEvidenceId: string,
) {
  const standing = await tx.unitSignOff.findMany({
    where: { evidenceIds: { has: oldEvidenceId }, signed: true, supersededBy: { is: null } },
    select: { id: true, unitRef: true },
  });
  for (const signOff of standing) {
    await tx.signOffFlag.createMany({
      data: [
        {
          signOffId: signOff.id,
          evidenceId: oldEvidenceId,
          reason: "A new version of this evidence was submitted, so the sign-off rests on a superseded version.",
        },
      ],
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

/**
 * A decision behind a standing sign-off was replaced (say, an accepted criterion referred back):
 * the sign-off no longer stands on what it recorded, so it is flagged for the assessor's review.
 */
export async function flagSignOffsOnChangedJudgement(
  tx: Prisma.TransactionClient,
  actor: Actor,
  judgementId: string,
  evidenceId: string,
  specId: string,
  unitRef: string,
) {
  const standing = await tx.unitSignOff.findMany({
    where: { evidenceIds: { has: evidenceId }, specId, unitRef, signed: true, supersededBy: { is: null } },
    select: { id: true, evidence: true },
  });
  for (const signOff of standing.filter((s) => JSON.stringify(s.evidence).includes(`"judgementId":"${judgementId}"`))) {
    await tx.signOffFlag.createMany({
      data: [
        {
          signOffId: signOff.id,
          evidenceId,
          reason: "A decision the sign-off rests on was changed after the unit was signed off.",
        },
      ],
      skipDuplicates: true,
    });
    await recordAudit(tx, actor, {
      action: "signoff.flag",
      subjectType: "UnitSignOff",
      subjectId: signOff.id,
      detail: { unit: unitRef, evidenceId, judgementId },
    });
  }
}
