// The job "action-points-due" (daily, 06:00 UK time): everyone with an open action point whose
// target date is within DUE_SOON_DAYS, or past, is told once per action point. Candidates have their
// assessor's review actions, assessors the IV's, and a centre's administrators the EV's (open while
// the centre has not answered). Safe to re-run: the notification's key is the action point.
import type { PrismaClient } from "../generated/prisma/client";
import { formatDate } from "../domain/format";
import { londonToday } from "../domain/today";
import { centreUsersWithRole, notify } from "./record";

export const DUE_SOON_DAYS = 7;

export async function notifyDueActionPoints(prisma: PrismaClient, now = new Date()): Promise<number> {
  const horizon = new Date(`${londonToday(now)}T00:00:00Z`);
  horizon.setUTCDate(horizon.getUTCDate() + DUE_SOON_DAYS);
  const due = (targetOn: Date) => `due ${formatDate(targetOn)}`;
  let count = 0;

  const reviewActions = await prisma.actionPoint.findMany({
    where: { doneAt: null, targetOn: { lte: horizon } },
    select: { id: true, candidateId: true, text: true, targetOn: true },
  });
  for (const a of reviewActions) {
    count += await prisma.$transaction((tx) =>
      notify(tx, {
        userIds: [a.candidateId],
        kind: "action-point.due",
        title: `Action point ${due(a.targetOn)}: ${a.text}`,
        href: "/candidate",
        key: a.id,
      }),
    );
  }

  const ivActions = await prisma.ivActionPoint.findMany({
    where: { doneAt: null, targetOn: { lte: horizon } },
    select: {
      id: true,
      assessorId: true,
      text: true,
      targetOn: true,
      verdict: { select: { sample: { select: { candidateId: true } } } },
    },
  });
  for (const a of ivActions) {
    count += await prisma.$transaction((tx) =>
      notify(tx, {
        userIds: [a.assessorId],
        kind: "action-point.due",
        title: `IV action point ${due(a.targetOn)}: ${a.text}`,
        href: `/assessor/candidates/${a.verdict.sample.candidateId}`,
        key: a.id,
      }),
    );
  }

  const evActions = await prisma.evActionPoint.findMany({
    where: { targetOn: { lte: horizon }, responses: { none: {} } },
    select: { id: true, text: true, targetOn: true, visit: { select: { centreId: true } } },
  });
  for (const a of evActions) {
    count += await prisma.$transaction(async (tx) =>
      notify(tx, {
        userIds: await centreUsersWithRole(tx, a.visit.centreId, "CENTRE_ADMIN"),
        kind: "action-point.due",
        title: `External verifier's action point ${due(a.targetOn)}: ${a.text}`,
        href: "/admin/external-verification",
        key: a.id,
      }),
    );
  }
  return count;
}
