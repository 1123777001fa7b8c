import "server-only";
// Evidence the assessor makes: an observation, professional discussion, oral questioning or an
// observed simulation. It starts as the assessor's draft (files through the same upload pipeline,
// criteria from the candidate's units), and once submitted it is evidence the candidate sees and
// judged like any other.
import type { Actor } from "@/lib/domain/policy";
import type { AssessorEvidenceInput } from "@/lib/validation/evidence";
import { assertOnCaseload } from "@/lib/server/assessment/internal/guards";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { AppError } from "@/lib/server/core/errors";
import { db } from "@/lib/server/core/internal/db";
import { storedDate } from "@/lib/domain/today";

export async function createAssessorEvidence(
  actor: Actor,
  input: AssessorEvidenceInput & { place: string },
): Promise<{ id: string }> {
  await assertOnCaseload(actor, input.candidateId);
  // OCR: the assessor may question the witness against the unit; only a witness of this candidate's.
  if (input.witnessId) {
    const nominated = await db().witnessNomination.findUnique({
      where: { candidateId_witnessId: { candidateId: input.candidateId, witnessId: input.witnessId } },
    });
    if (!nominated)
      throw new AppError("INVALID_INPUT", { witnessId: ["Choose one of this candidate's expert witnesses."] });
  }
  return db().$transaction(async (tx) => {
    const created = await tx.evidence.create({
      data: {
        candidateId: input.candidateId,
        authorId: actor.userId,
        title: input.title,
        description: input.description,
        activityDate: storedDate(input.activityDate),
        method: input.method,
        place: input.place,
        witnessId: input.witnessId || null,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "evidence.record",
      subjectType: "Evidence",
      subjectId: created.id,
      detail: {
        candidateId: input.candidateId,
        method: input.method,
        place: input.place,
        witnessId: input.witnessId || null,
      },
    });
    return created;
  });
}
