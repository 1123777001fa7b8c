import "server-only";
// Who may assess a candidate: an assessor with the candidate on their caseload (404 otherwise), and
// whether a working-towards assessor may assess on the qualification at all.
import { workingTowardsProblem } from "@/lib/domain/assessment/rules";
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import type { Actor } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import { authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";

export type Tx = Prisma.TransactionClient;

/** The candidate is on the actor's caseload in the actor's centre; 404 otherwise. Nobody assesses themselves. */
export async function assertOnCaseload(actor: Actor, candidateId: string, action: "assessment.judge" | "assessment.countersign" | "review.manage" = "assessment.judge") {
  const centreId = authorizeOwnCentre(actor, action);
  const assigned = await db().assessorAssignment.findFirst({
    where: { candidateId, assessorId: actor.userId, candidate: { centreId, active: true } },
    select: { candidateId: true },
  });
  if (!assigned) throw notFound();
  if (candidateId === actor.userId) throw new AppError("OWN_ASSESSMENT");
}

/** OCR (and any specification saying so) lets only qualified assessors assess: refuse the rest, with the reason. */
export async function assertMayAssessWorkingTowards(specId: string) {
  const spec = await db().qualificationSpec.findUnique({ where: { id: specId }, select: { code: true, spec: true } });
  if (!spec) throw notFound();
  const problem = workingTowardsProblem(suiteShape.parse(spec.spec) as Suite, spec.code);
  if (problem) throw new AppError("INVALID_INPUT", { unitRef: [problem] });
}
