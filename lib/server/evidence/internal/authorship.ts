import "server-only";
// Authorship of evidence: who wrote a piece, and who may change a draft.
import type { Actor } from "@/lib/domain/policy";
import { AppError, notFound } from "@/lib/server/core/errors";
import { assertOnCaseload } from "@/lib/server/assessment/internal/caseload-access";
import { db } from "@/lib/server/core/internal/db";

/**
 * A filter for evidence the actor authors: the candidate's own (no author), or what an assessor or
 * witness records. Callers check the role first; this narrows the rows.
 */
export const authoredBy = (actor: Actor) => ({
  OR: [{ authorId: actor.userId }, { authorId: null, candidateId: actor.userId }],
});

/** What a list of a candidate's evidence shows the actor: everything but other people's unfinished records. */
export const listedFor = (actor: Actor) => ({ OR: [{ status: "SUBMITTED" as const }, { authorId: null }, { authorId: actor.userId }] });

export type DraftChange = "details" | "files" | "mapping" | "submit";

/**
 * Beyond authorship: an assessor changes their record only while the candidate is still on their
 * caseload; a witness's draft belongs to a testimony request, whose files are theirs to add but
 * whose details, criteria and submission are set when they sign it (lib/server/testimony.ts).
 * Returns who the author is. The candidate's own evidence needs nothing more.
 */
export async function assertAuthorMayChange(actor: Actor, evidence: { id: string; candidateId: string; authorId: string | null }, change: DraftChange) {
  if (evidence.authorId === null) return "candidate" as const;
  const request = await db().testimonyRequest.findFirst({
    where: { draftEvidenceId: evidence.id },
    select: { witnessId: true, testimony: { select: { id: true } } },
  });
  if (request) {
    if (request.witnessId !== actor.userId || !actor.roles.includes("EXPERT_WITNESS") || request.testimony) throw notFound();
    if (change !== "files") {
      throw new AppError("INVALID_INPUT", { evidence: ["Testimony's details and criteria are set when the witness signs it, from the request."] });
    }
    return "witness" as const;
  }
  if (!actor.roles.includes("ASSESSOR")) throw notFound();
  await assertOnCaseload(actor, evidence.candidateId);
  return "assessor" as const;
}
