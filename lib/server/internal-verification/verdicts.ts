// IV verdicts: agree or disagree with a sample's decisions (a disagreement puts the unit on hold until
// the assessor responds and the IV agrees), the assessor's response, and IV action points.
import "server-only";
import type { Actor } from "@/lib/domain/policy";
import type { VerdictInput } from "@/lib/validation/assessment";
import { assertOnCaseload } from "@/lib/server/assessment/internal/guards";
import { heldUnits, needsCountersignature } from "@/lib/server/assessment/internal/assessment-state";
import { lockCandidate } from "@/lib/server/core/internal/signing";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { notifySampleDisagreed } from "@/lib/server/notifications/internal/notify-events";
import { authorize, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { requireRecentPassword } from "@/lib/server/core/reauthentication";
import { assertNotOwn, type Tx } from "./internal/guards";
import { loadSample } from "./internal/sample-reads";
import { sampledJudgements } from "./internal/sample-reads";
import { assertMayVerifyWorkingTowards } from "./internal/guards";
import { storedDate } from "@/lib/domain/today";

/**
 * Agrees or disagrees, with feedback and optional action points for the assessors concerned. The
 * form names the verdict it saw (`expected`): a verdict recorded meanwhile stops this one (STALE).
 * Agreeing after a disagreement needs the assessor's response first.
 */
export async function recordVerdict(
  actor: Actor,
  input: VerdictInput,
): Promise<{ id: string; needsCountersignature: boolean }> {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const sample = await loadSample(input.sampleId);
  if (sample.centreId !== centreId) throw notFound();
  await assertNotOwn(actor, sample);
  requireRecentPassword(actor);
  const countersign = await needsCountersignature(db(), actor.userId, "INTERNAL_VERIFIER");
  if (countersign) await assertMayVerifyWorkingTowards(sample.specId);
  return db().$transaction(async (tx) => {
    // Under the candidate's lock (judging and signing off take it too): the decisions verified and
    // the own-decisions check are those standing when the verdict is written.
    await lockCandidate(tx, sample.candidateId);
    await assertNotOwn(actor, sample, tx);
    const { signOff, judgements } = await decisionsVerified(tx, sample);
    const assessorIds = [
      ...new Set([...(signOff ? [signOff.assessorId] : []), ...judgements.map((j) => j.assessorId)]),
    ];
    if (input.actions.length > 0 && assessorIds.length === 0)
      throw new AppError("INVALID_INPUT", {
        actions: ["There is no assessor's decision on this unit to set actions for."],
      });
    const latest = await tx.ivVerdict.findFirst({
      where: { sampleId: sample.id },
      orderBy: { decidedAt: "desc" },
      select: { id: true, outcome: true, decidedAt: true },
    });
    if ((latest?.id ?? "") !== input.expected) throw new AppError("STALE");
    if (latest?.outcome === "DISAGREE" && input.outcome === "AGREE") {
      const answered = await tx.ivResponse.count({
        where: { sampleId: sample.id, respondedAt: { gt: latest.decidedAt } },
      });
      if (answered === 0)
        throw new AppError("INVALID_INPUT", { outcome: ["The assessor has not yet responded to the disagreement."] });
    }
    const created = await tx.ivVerdict.create({
      data: {
        sampleId: sample.id,
        outcome: input.outcome,
        feedback: input.feedback,
        ivId: actor.userId,
        signOffId: signOff?.id ?? null,
        judgementIds: judgements.map((j) => j.id),
        followsId: latest?.id ?? null,
        needsCountersignature: countersign,
        actionPoints: {
          create: assessorIds.flatMap((assessorId) =>
            input.actions.map((a) => ({ assessorId, text: a.text, targetOn: storedDate(a.targetOn) })),
          ),
        },
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "iv.verdict",
      subjectType: "IvSample",
      subjectId: sample.id,
      detail: {
        verdictId: created.id,
        outcome: input.outcome,
        signOffId: signOff?.id ?? null,
        judgements: judgements.length,
        follows: latest?.id ?? null,
        needsCountersignature: countersign,
      },
    });
    if (input.outcome === "DISAGREE") {
      const iv = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
      await notifySampleDisagreed(tx, {
        id: created.id,
        candidateId: sample.candidateId,
        unitRef: sample.unitRef,
        assessorIds,
        ivName: iv?.name ?? "The internal verifier",
      });
    }
    return { id: created.id, needsCountersignature: countersign };
  });
}

/** The decisions a verdict on the sample covers: the standing sign-off, and the standing judgements of its criteria (all, or those sampled). */
async function decisionsVerified(
  client: Tx,
  sample: { candidateId: string; specId: string; unitRef: string; criteria: string[] },
) {
  const [signOff, judgements] = await Promise.all([
    client.unitSignOff.findFirst({
      where: {
        candidateId: sample.candidateId,
        specId: sample.specId,
        unitRef: sample.unitRef,
        supersededBy: { is: null },
      },
      select: { id: true, assessorId: true },
    }),
    client.criterionJudgement.findMany({
      where: sampledJudgements(sample),
      select: { id: true, assessorId: true },
    }),
  ]);
  return { signOff, judgements };
}

/** The assessor answers a disagreement on a candidate of theirs: what they re-judged or added. */
export async function respondToSample(actor: Actor, input: { sampleId: string; note: string }): Promise<void> {
  authorize(actor, "iv.respond");
  const sample = await loadSample(input.sampleId);
  await assertOnCaseload(actor, sample.candidateId, "assessment.judge");
  const held = await heldUnits(db(), [sample.candidateId]);
  if (!held.has(`${sample.candidateId}|${sample.specId}|${sample.unitRef}`)) {
    throw new AppError("INVALID_INPUT", { sampleId: ["This unit is not on hold: there is nothing to respond to."] });
  }
  // The answer comes from an assessor whose decision the disagreement was about: not another
  // assessor of the candidate, and never an IV who gave a verdict on the sample.
  const disagreement = sample.verdicts.findLast((v) => v.outcome === "DISAGREE")!;
  const concerned = new Set(
    (
      await db().criterionJudgement.findMany({
        where: { id: { in: disagreement.judgementIds } },
        select: { assessorId: true },
      })
    ).map((j) => j.assessorId),
  );
  if (disagreement.signOffId) {
    const signOff = await db().unitSignOff.findUnique({
      where: { id: disagreement.signOffId },
      select: { assessorId: true },
    });
    if (signOff) concerned.add(signOff.assessorId);
  }
  if (!concerned.has(actor.userId) || sample.verdicts.some((v) => v.ivId === actor.userId)) {
    throw new AppError("INVALID_INPUT", {
      sampleId: ["Only an assessor whose decision the internal verifier disagreed with can respond."],
    });
  }
  await db().$transaction(async (tx) => {
    const response = await tx.ivResponse.create({
      data: { sampleId: sample.id, assessorId: actor.userId, note: input.note },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "iv.response",
      subjectType: "IvSample",
      subjectId: sample.id,
      detail: { responseId: response.id },
    });
  });
}

/** The assessor marks an action point from a verdict done; doing it twice changes nothing. */
export async function markIvActionDone(actor: Actor, actionPointId: string): Promise<void> {
  authorize(actor, "iv.respond");
  const point = await db().ivActionPoint.findUnique({
    where: { id: actionPointId },
    select: { assessorId: true, verdict: { select: { sampleId: true } } },
  });
  if (!point || point.assessorId !== actor.userId) throw notFound();
  await db().$transaction(async (tx) => {
    const { count } = await tx.ivActionPoint.updateMany({
      where: { id: actionPointId, doneAt: null },
      data: { doneAt: new Date() },
    });
    if (count === 1)
      await recordAudit(tx, actor, {
        action: "iv.action-done",
        subjectType: "IvSample",
        subjectId: point.verdict.sampleId,
        detail: { actionPointId },
      });
  });
}
