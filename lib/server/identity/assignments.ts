import "server-only";
import type { Actor } from "@/lib/domain/policy";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";

async function rolesInCentre(centreId: string, userId: string) {
  const user = await db().user.findFirst({
    where: { id: userId, centreId },
    select: { roles: { select: { role: true } } },
  });
  if (!user) throw notFound();
  return user.roles.map((r) => r.role);
}

/** Puts a candidate on an assessor's caseload. Assigning twice is harmless. */
export async function assignCandidate(actor: Actor, input: { candidateId: string; assessorId: string }) {
  const centreId = authorizeOwnCentre(actor, "assignment.manage");
  if (!(await rolesInCentre(centreId, input.candidateId)).includes("CANDIDATE")) throw new AppError("NOT_A_CANDIDATE");
  if (!(await rolesInCentre(centreId, input.assessorId)).includes("ASSESSOR")) throw new AppError("NOT_AN_ASSESSOR");
  await db().$transaction(async (tx) => {
    const { count } = await tx.assessorAssignment.createMany({
      data: [{ ...input, assignedById: actor.userId }],
      skipDuplicates: true,
    });
    if (count)
      await recordAudit(tx, actor, {
        action: "assignment.create",
        subjectType: "User",
        subjectId: input.candidateId,
        detail: { assessorId: input.assessorId },
      });
  });
}

export async function unassignCandidate(actor: Actor, input: { candidateId: string; assessorId: string }) {
  const centreId = authorizeOwnCentre(actor, "assignment.manage");
  await rolesInCentre(centreId, input.candidateId);
  await db().$transaction(async (tx) => {
    const { count } = await tx.assessorAssignment.deleteMany({ where: input });
    if (count)
      await recordAudit(tx, actor, {
        action: "assignment.remove",
        subjectType: "User",
        subjectId: input.candidateId,
        detail: { assessorId: input.assessorId },
      });
  });
}
