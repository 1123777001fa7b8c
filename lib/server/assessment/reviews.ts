import "server-only";
// Reviews and visits with a candidate, with agreed action points and the next planned visit.
import type { Actor } from "@/lib/domain/policy";
import type { ReviewInput } from "@/lib/validation/assessment";
import { assertOnCaseload } from "./internal/guards";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorize } from "@/lib/server/core/internal/authorize";
import { assertCandidateVisible } from "@/lib/server/identity/internal/guards";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { storedDate } from "@/lib/domain/today";

export async function recordReview(actor: Actor, input: ReviewInput): Promise<{ id: string }> {
  await assertOnCaseload(actor, input.candidateId, "review.manage");
  if (input.nextVisitOn && input.nextVisitOn < input.heldOn) {
    throw new AppError("INVALID_INPUT", { nextVisitOn: ["The next visit cannot be before this review."] });
  }
  return db().$transaction(async (tx) => {
    const review = await tx.candidateReview.create({
      data: {
        candidateId: input.candidateId,
        assessorId: actor.userId,
        heldOn: storedDate(input.heldOn),
        notes: input.notes,
        nextVisitOn: input.nextVisitOn ? storedDate(input.nextVisitOn) : null,
        actionPoints: {
          create: input.actions.map((a) => ({
            candidateId: input.candidateId,
            text: a.text,
            targetOn: storedDate(a.targetOn),
          })),
        },
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "review.record",
      subjectType: "User",
      subjectId: input.candidateId,
      detail: { reviewId: review.id, actions: input.actions.length },
    });
    return review;
  });
}

/** A candidate's reviews, newest first, with their action points: for whoever may see the portfolio. */
export async function listReviews(actor: Actor, candidateId: string) {
  await assertCandidateVisible(actor, candidateId);
  return db().candidateReview.findMany({
    where: { candidateId },
    orderBy: [{ heldOn: "desc" }, { createdAt: "desc" }],
    take: 50,
    select: {
      id: true,
      heldOn: true,
      notes: true,
      nextVisitOn: true,
      assessor: { select: { name: true } },
      actionPoints: { orderBy: { targetOn: "asc" }, select: { id: true, text: true, targetOn: true, doneAt: true } },
    },
  });
}

/** The signed-in candidate's open action points, soonest first. */
export async function listOwnActionPoints(actor: Actor) {
  authorize(actor, "portfolio.own");
  return db().actionPoint.findMany({
    where: { candidateId: actor.userId, doneAt: null },
    orderBy: [{ targetOn: "asc" }, { id: "asc" }],
    take: 100,
    select: {
      id: true,
      text: true,
      targetOn: true,
      review: { select: { heldOn: true, assessor: { select: { name: true } } } },
    },
  });
}

/** The candidate, or an assessor of theirs, marks an action point done; doing it twice changes nothing. */
export async function markActionPointDone(actor: Actor, actionPointId: string): Promise<void> {
  const point = await db().actionPoint.findUnique({ where: { id: actionPointId }, select: { candidateId: true } });
  if (!point) throw notFound();
  if (point.candidateId === actor.userId) authorize(actor, "portfolio.own");
  else await assertOnCaseload(actor, point.candidateId, "review.manage");
  await db().$transaction(async (tx) => {
    const { count } = await tx.actionPoint.updateMany({
      where: { id: actionPointId, doneAt: null },
      data: { doneAt: new Date(), doneById: actor.userId },
    });
    if (count === 1)
      await recordAudit(tx, actor, {
        action: "review.action-done",
        subjectType: "User",
        subjectId: point.candidateId,
        detail: { actionPointId },
      });
  });
}
