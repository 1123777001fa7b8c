import "server-only";
// Who must act on what, each called inside the transaction that made the cause: a notification
// never announces something that was rolled back, and one is made per cause and user.
import type { Prisma } from "@/lib/generated/prisma/client";
import { centreUsersWithRole, notify } from "@/lib/notifications/record";

type Tx = Prisma.TransactionClient;

const quoted = (title: string) => `“${title}”`;

/** Submitted evidence (the candidate's, or a witness's testimony) waits for the candidate's assessors. */
export async function notifyEvidenceToReview(tx: Tx, evidenceId: string): Promise<void> {
  const evidence = await tx.evidence.findUnique({
    where: { id: evidenceId },
    select: {
      title: true,
      authorId: true,
      candidate: { select: { id: true, name: true, assessedBy: { select: { assessorId: true } } } },
    },
  });
  if (!evidence) return;
  const assessors = evidence.candidate.assessedBy.map((a) => a.assessorId).filter((id) => id !== evidence.authorId);
  await notify(tx, {
    userIds: assessors,
    kind: "evidence.to-review",
    title: `${evidence.candidate.name} submitted evidence to review: ${quoted(evidence.title)}`,
    href: `/assessor/candidates/${evidence.candidate.id}/evidence/${evidenceId}`,
    key: evidenceId,
  });
}

/** An assessor's decisions on a piece of evidence reach the candidate (one notice per decision made). */
export async function notifyFeedback(
  tx: Tx,
  evidenceId: string,
  outcome: "ACCEPTED" | "REFERRED",
  count: number,
  key: string,
  assessorName: string,
): Promise<void> {
  const evidence = await tx.evidence.findUnique({
    where: { id: evidenceId },
    select: { title: true, candidateId: true },
  });
  if (!evidence) return;
  const what = `${count} criteri${count === 1 ? "on" : "a"} ${outcome === "ACCEPTED" ? "accepted" : "referred back with feedback"}`;
  await notify(tx, {
    userIds: [evidence.candidateId],
    kind: "feedback.received",
    title: `${assessorName} judged ${quoted(evidence.title)}: ${what}`,
    href: `/candidate/evidence/${evidenceId}`,
    key,
  });
}

/** A unit signed off waits for the candidate's own signature. */
export async function notifySignOffToCountersign(
  tx: Tx,
  signOff: { id: string; candidateId: string; unitRef: string },
  assessorName: string,
): Promise<void> {
  await notify(tx, {
    userIds: [signOff.candidateId],
    kind: "signoff.to-countersign",
    title: `${assessorName} signed off unit ${signOff.unitRef}: confirm it with your signature`,
    href: "/candidate/progress",
    key: signOff.id,
  });
}

/** A request for testimony reaches its witness. */
export async function notifyTestimonyRequested(tx: Tx, requestId: string): Promise<void> {
  const request = await tx.testimonyRequest.findUnique({
    where: { id: requestId },
    select: { witnessId: true, candidateId: true },
  });
  if (!request) return;
  const candidate = await tx.user.findUnique({ where: { id: request.candidateId }, select: { name: true } });
  await notify(tx, {
    userIds: [request.witnessId],
    kind: "testimony.requested",
    title: `Testimony requested about ${candidate?.name ?? "a candidate"}`,
    href: `/witness/requests/${requestId}`,
    key: requestId,
  });
}

/** A unit the plan put in the sample waits for the centre's IVs (not the assessor who decided it). */
export async function notifySampleDue(
  tx: Tx,
  sample: { id: string; centreId: string; candidateId: string; unitRef: string; assessorId: string },
): Promise<void> {
  const candidate = await tx.user.findUnique({ where: { id: sample.candidateId }, select: { name: true } });
  const ivs = (await centreUsersWithRole(tx, sample.centreId, "INTERNAL_VERIFIER")).filter(
    (id) => id !== sample.assessorId,
  );
  await notify(tx, {
    userIds: ivs,
    kind: "sample.due",
    title: `Unit ${sample.unitRef} of ${candidate?.name ?? "a candidate"} is in the sample to verify`,
    href: `/iv/samples/${sample.id}`,
    key: sample.id,
  });
}

/** A claim that is not released directly waits for the EVs appointed to the centre. */
export async function notifyClaimToAuthorise(
  tx: Tx,
  claim: { id: string; centreId: string; candidateName: string; qualification: string },
): Promise<void> {
  const evs = await tx.externalVerifierCentre.findMany({
    where: { centreId: claim.centreId },
    select: { userId: true },
  });
  await notify(tx, {
    userIds: evs.map((e) => e.userId),
    kind: "claim.to-authorise",
    title: `Certificate claim to authorise: ${claim.candidateName}, ${claim.qualification}`,
    href: `/ev/claims/${claim.id}`,
    key: claim.id,
  });
}

/**
 * An IV's disagreement puts the unit on hold until the assessors whose decisions it covers respond:
 * they are told at once, with the feedback's start, so a held unit does not sit unanswered.
 */
export async function notifySampleDisagreed(
  tx: Tx,
  verdict: { id: string; candidateId: string; unitRef: string; assessorIds: string[]; ivName: string },
): Promise<void> {
  const candidate = await tx.user.findUnique({ where: { id: verdict.candidateId }, select: { name: true } });
  await notify(tx, {
    userIds: verdict.assessorIds,
    kind: "sample.disagreed",
    title: `${verdict.ivName} disagreed with unit ${verdict.unitRef} of ${candidate?.name ?? "a candidate"}: it is on hold until you respond`,
    href: `/assessor/candidates/${verdict.candidateId}#iv-heading`,
    key: verdict.id,
  });
}
