import "server-only";
import type { Actor } from "@/lib/domain/policy";
import { recordAudit } from "./audit";
import { authorizeCentre } from "./authorize";
import { db } from "./db";
import { AppError, notFound } from "./errors";

async function rolesInCentre(actor: Actor, userId: string) {
  const user = await db().user.findFirst({
    where: { id: userId, centreId: actor.centreId },
    select: { roles: { select: { role: true } } },
  });
  if (!user) throw notFound();
  return user.roles.map((r) => r.role);
}

/** Puts a candidate on an assessor's caseload. Assigning twice is harmless. */
export async function assignCandidate(actor: Actor, input: { candidateId: string; assessorId: string }) {
  authorizeCentre(actor, "assignment.manage", actor.centreId);
  if (!(await rolesInCentre(actor, input.candidateId)).includes("CANDIDATE")) throw new AppError("NOT_A_CANDIDATE");
  if (!(await rolesInCentre(actor, input.assessorId)).includes("ASSESSOR")) throw new AppError("NOT_AN_ASSESSOR");
  await db().$transaction(async (tx) => {
    const { count } = await tx.assessorAssignment.createMany({
      data: [{ ...input, assignedById: actor.userId }],
      skipDuplicates: true,
    });
    if (count) await recordAudit(tx, actor, { action: "assignment.create", subjectType: "User", subjectId: input.candidateId, detail: { assessorId: input.assessorId } });
  });
}

export async function unassignCandidate(actor: Actor, input: { candidateId: string; assessorId: string }) {
  authorizeCentre(actor, "assignment.manage", actor.centreId);
  await rolesInCentre(actor, input.candidateId);
  await db().$transaction(async (tx) => {
    const { count } = await tx.assessorAssignment.deleteMany({ where: input });
    if (count) await recordAudit(tx, actor, { action: "assignment.remove", subjectType: "User", subjectId: input.candidateId, detail: { assessorId: input.assessorId } });
  });
}
