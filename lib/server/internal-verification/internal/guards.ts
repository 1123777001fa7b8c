import "server-only";
// Internal verification's guards (vocabulary: docs/access-guards.md): the own-decisions rule,
// whose candidates and staff an IV reaches, and whether a working-towards IV may verify.
import type { Actor } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import { unitsDecidedBy } from "./iv-state";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { verifierWorkingTowardsProblem } from "@/lib/domain/assessment/rules";
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";

export type Unit = { candidateId: string; specId: string; unitRef: string };
export type Tx = Prisma.TransactionClient;

/**
 * Rule: refused (OWN_VERIFICATION) if the IV made or countersigned any decision on the unit: a
 * judgement of any criterion of it (standing or since replaced), a countersignature of one, a
 * sign-off of it or its countersignature, or assessment evidence they recorded.
 * Why: C&G 3412 section 2: centre staff "cannot internally verify their own assessments"; OCR:
 * "Each assessors work must be checked and confirmed by an internal verifier", someone else.
 */
export async function assertNotOwn(actor: Actor, unit: Unit, client?: Parameters<typeof unitsDecidedBy>[2]) {
  const decided = await unitsDecidedBy(actor.userId, [unit.candidateId], client);
  if (decided.has(`${unit.candidateId}|${unit.specId}|${unit.unitRef}`)) throw new AppError("OWN_VERIFICATION");
}

/**
 * Rule: a candidate of the IV's centre (the caller passes the centre from authorizeOwnCentre);
 * 404 otherwise.
 * Why: "Internal verifiers will be appointed by approved centres to ensure the quality and
 * consistency of assessments within the centre" (OCR): their own centre's, not another's.
 */
export async function centreCandidate(centreId: string, candidateId: string) {
  const candidate = await db().user.findFirst({
    where: { id: candidateId, centreId, roles: { some: { role: "CANDIDATE" } } },
    select: { id: true },
  });
  if (!candidate) throw notFound();
}

/**
 * Rule: where the specification requires qualified IVs (OCR's scheme does), an IV working
 * towards the award is refused with the specification's reason.
 * Why: the specification's occupational competence rules for internal verifiers.
 */
export async function assertMayVerifyWorkingTowards(specId: string) {
  const spec = await db().qualificationSpec.findUnique({ where: { id: specId }, select: { code: true, spec: true } });
  if (!spec) throw notFound();
  const problem = verifierWorkingTowardsProblem(suiteShape.parse(spec.spec) as Suite, spec.code);
  if (problem) throw new AppError("INVALID_INPUT", { outcome: [problem] });
}

export type StaffRole = "ASSESSOR" | "INTERNAL_VERIFIER";
export const STAFF_ROLES: StaffRole[] = ["ASSESSOR", "INTERNAL_VERIFIER"];

/**
 * Rule: an assessor or IV of the centre (holding `role`, when given); 404 for anyone else.
 * Why: an IV keeps the competence records of their own centre's assessment team only.
 */
export async function centreStaff(centreId: string, userId: string, role?: StaffRole) {
  const user = await db().user.findFirst({
    where: { id: userId, centreId, roles: { some: { role: role ? role : { in: STAFF_ROLES } } } },
    select: { id: true, name: true, email: true, active: true, roles: { select: { role: true } } },
  });
  if (!user) throw notFound();
  return { ...user, roles: STAFF_ROLES.filter((r) => user.roles.some((x) => x.role === r)) };
}
