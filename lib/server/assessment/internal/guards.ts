import "server-only";
// Assessment's guards (vocabulary: docs/access-guards.md): whose candidates an assessor judges,
// and whether a working-towards assessor may assess the qualification.
import { workingTowardsProblem } from "@/lib/domain/assessment/rules";
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import type { Actor } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import { authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";

export type Tx = Prisma.TransactionClient;

/**
 * Rule: the candidate is active, at the actor's centre and on the actor's caseload; 404
 * otherwise. Nobody assesses themselves (OWN_ASSESSMENT).
 * Why: OCR: "The assessor will be responsible for making assessment judgements" for the candidates
 * assigned to them; an assessor judging their own portfolio is no assessment at all.
 */
export async function assertOnCaseload(
  actor: Actor,
  candidateId: string,
  action: "assessment.judge" | "assessment.countersign" | "review.manage" = "assessment.judge",
) {
  const centreId = authorizeOwnCentre(actor, action);
  const assigned = await db().assessorAssignment.findFirst({
    where: { candidateId, assessorId: actor.userId, candidate: { centreId, active: true } },
    select: { candidateId: true },
  });
  if (!assigned) throw notFound();
  if (candidateId === actor.userId) throw new AppError("OWN_ASSESSMENT");
}

/**
 * Rule: where the specification requires qualified assessors (OCR's scheme does), an assessor
 * working towards the award is refused with the specification's reason.
 * Why: OCR: assessors must "possess the relevant D/A1 units as appropriate" (occupational
 * competence of the assessment team); other specifications may allow assessors working towards them.
 */
export async function assertMayAssessWorkingTowards(specId: string) {
  const spec = await db().qualificationSpec.findUnique({ where: { id: specId }, select: { code: true, spec: true } });
  if (!spec) throw notFound();
  const problem = workingTowardsProblem(suiteShape.parse(spec.spec) as Suite, spec.code);
  if (problem) throw new AppError("INVALID_INPUT", { unitRef: [problem] });
}
