import "server-only";
// Countersignatures of assessment decisions: the candidate's countersignature of a signed-off unit,
// and a qualified assessor's countersignature of a working-towards assessor's judgements and sign-offs.
import { CANDIDATE_UNIT_DECLARATION, COUNTERSIGN_DECLARATION } from "@/lib/domain/declarations";
import type { Actor } from "@/lib/domain/policy";
import { needsCountersignature, signOffSelect } from "./internal/assessment-state";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { checkPassword, isUniqueViolation, lockCandidate } from "@/lib/server/core/internal/signing";
import { authorize, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { assertOnCaseload } from "./internal/guards";

/** The candidate countersigns the unit declaration of a standing sign-off, with their password. */
export async function countersignUnitAsCandidate(
  actor: Actor,
  input: { signOffId: string; password: string },
): Promise<void> {
  authorize(actor, "portfolio.own");
  const target = await db().unitSignOff.findFirst({
    where: { id: input.signOffId, candidateId: actor.userId },
    select: { id: true },
  });
  if (!target) throw notFound();
  await checkPassword(actor, input.password);
  try {
    await db().$transaction(async (tx) => {
      await lockCandidate(tx, actor.userId);
      const standing = await tx.unitSignOff.findFirst({
        where: { id: input.signOffId, supersededBy: { is: null } },
        select: signOffSelect,
      });
      if (!standing) throw new AppError("STALE");
      if (standing.candidateSignature) throw new AppError("ALREADY_SIGNED");
      if (!standing.signed) throw new AppError("STALE");
      await tx.candidateSignature.create({
        data: { signOffId: standing.id, candidateId: actor.userId, declaration: CANDIDATE_UNIT_DECLARATION },
      });
      await recordAudit(tx, actor, {
        action: "signoff.candidate-sign",
        subjectType: "UnitSignOff",
        subjectId: standing.id,
        detail: { unit: standing.unitRef },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("ALREADY_SIGNED");
    throw error;
  }
}

/**
 * A qualified assessor countersigns judgements or sign-offs made by an assessor working towards
 * the assessor units, for candidates on their own caseload; never their own decisions. Several at
 * once, all or none.
 */
export async function countersignDecision(
  actor: Actor,
  input: { kind: "judgement" | "signOff"; ids: string[]; password: string },
): Promise<void> {
  authorize(actor, "assessment.countersign");
  const ids = [...new Set(input.ids)];
  const decisions =
    input.kind === "judgement"
      ? (
          await db().criterionJudgement.findMany({
            where: { id: { in: ids } },
            select: {
              id: true,
              assessorId: true,
              needsCountersignature: true,
              evidenceId: true,
              evidence: { select: { candidateId: true } },
            },
          })
        ).map((j) => ({
          id: j.id,
          assessorId: j.assessorId,
          needsCountersignature: j.needsCountersignature,
          candidateId: j.evidence.candidateId,
          evidenceId: j.evidenceId,
        }))
      : (
          await db().unitSignOff.findMany({
            where: { id: { in: ids } },
            select: { id: true, assessorId: true, needsCountersignature: true, candidateId: true },
          })
        ).map((s) => ({ ...s, evidenceId: null }));
  if (decisions.length !== ids.length) throw notFound();
  for (const candidateId of new Set(decisions.map((d) => d.candidateId)))
    await assertOnCaseload(actor, candidateId, "assessment.countersign");
  if (decisions.some((d) => d.assessorId === actor.userId)) throw new AppError("OWN_ASSESSMENT");
  if (await needsCountersignature(db(), actor.userId)) throw new AppError("NOT_QUALIFIED");
  if (decisions.some((d) => !d.needsCountersignature))
    throw new AppError("INVALID_INPUT", {
      ids: ["A decision made by a qualified assessor needs no countersignature."],
    });
  await checkPassword(actor, input.password);
  try {
    await db().$transaction(async (tx) => {
      for (const candidateId of [...new Set(decisions.map((d) => d.candidateId))].sort())
        await lockCandidate(tx, candidateId);
      if (input.kind === "judgement") {
        // The evidence rows a judgement is made under: a re-judgement cannot slip in before this countersignature.
        const evidenceIds = [...new Set(decisions.map((d) => d.evidenceId!))];
        await tx.$queryRaw`SELECT id FROM "Evidence" WHERE id = ANY(${evidenceIds}::uuid[]) ORDER BY id FOR SHARE`;
      }
      for (const id of ids) {
        const standing =
          input.kind === "judgement"
            ? await tx.criterionJudgement.findFirst({
                where: { id, supersededBy: { is: null } },
                select: { id: true, countersignature: { select: { id: true } } },
              })
            : await tx.unitSignOff.findFirst({
                where: { id, supersededBy: { is: null } },
                select: { id: true, countersignature: { select: { id: true } } },
              });
        if (!standing) throw new AppError("STALE");
        if (standing.countersignature) throw new AppError("ALREADY_SIGNED");
        await tx.countersignature.create({
          data: {
            [input.kind === "judgement" ? "judgementId" : "signOffId"]: id,
            assessorId: actor.userId,
            declaration: COUNTERSIGN_DECLARATION,
          },
        });
        await recordAudit(tx, actor, {
          action: "assessment.countersign",
          subjectType: input.kind === "judgement" ? "CriterionJudgement" : "UnitSignOff",
          subjectId: id,
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("ALREADY_SIGNED");
    throw error;
  }
}

/** Decisions awaiting the actor's countersignature: made by others, for candidates on their caseload, still standing. */
export async function listCountersignQueue(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "assessment.countersign");
  const qualified = !(await needsCountersignature(db(), actor.userId));
  if (!qualified) return { qualified, judgements: [], signOffs: [] };
  const onCaseload = { centreId, assessedBy: { some: { assessorId: actor.userId } } };
  const [judgements, signOffs] = await Promise.all([
    db().criterionJudgement.findMany({
      where: {
        needsCountersignature: true,
        countersignature: { is: null },
        supersededBy: { is: null },
        assessorId: { not: actor.userId },
        evidence: { candidate: onCaseload },
      },
      select: {
        id: true,
        unitRef: true,
        criterion: true,
        outcome: true,
        decidedAt: true,
        feedback: true,
        assessor: { select: { name: true } },
        evidence: { select: { id: true, title: true, candidate: { select: { id: true, name: true } } } },
      },
      orderBy: { decidedAt: "asc" },
      take: 200,
    }),
    db().unitSignOff.findMany({
      where: {
        needsCountersignature: true,
        countersignature: { is: null },
        supersededBy: { is: null },
        signed: true,
        assessorId: { not: actor.userId },
        candidate: onCaseload,
      },
      select: {
        id: true,
        unitRef: true,
        signedAt: true,
        assessor: { select: { name: true } },
        candidate: { select: { id: true, name: true } },
      },
      orderBy: { signedAt: "asc" },
      take: 200,
    }),
  ]);
  return { qualified, judgements, signOffs };
}
