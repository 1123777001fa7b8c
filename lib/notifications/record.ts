// Writing notifications, inside the transaction of whatever caused them, and queueing their e-mail
// in that same transaction: a rolled-back decision notifies nobody, a committed one always has its
// job. Plain (no "server-only"): the web app and the worker's scheduled jobs both call it.
import type { Prisma } from "../generated/prisma/client";
import { addJob, prismaSqlRunner, QUEUES } from "../jobs/queue";

type Tx = Prisma.TransactionClient;

export const NOTIFICATION_KINDS = {
  "evidence.to-review": "Evidence to review",
  "feedback.received": "Feedback received",
  "signoff.to-countersign": "Unit to countersign",
  "testimony.requested": "Testimony requested",
  "sample.due": "Sample due",
  "sample.disagreed": "IV disagreed: unit on hold",
  "action-point.due": "Action point due",
  "claim.to-authorise": "Claim to authorise",
  "file.removed": "File removed",
  "catalogue.unit-published": "Unit criteria published",
} as const;
export type NotificationKind = keyof typeof NOTIFICATION_KINDS;

export const TITLE_MAX = 300;

/**
 * Notifies each user once per `key` (the cause: a double submit or a re-run job adds nothing).
 * Users who want e-mail at once get a job for it; "daily" waits for the digest; "off" is noted.
 * Returns how many notifications were new.
 */
export async function notify(
  tx: Tx,
  n: { userIds: string[]; kind: NotificationKind; title: string; href: string; key: string },
): Promise<number> {
  const userIds = [...new Set(n.userIds)];
  if (userIds.length === 0) return 0;
  if (!n.href.startsWith("/") || n.href.startsWith("//"))
    throw new Error(`A notification links within the site, not to ${n.href}`);
  const title = n.title.length > TITLE_MAX ? `${n.title.slice(0, TITLE_MAX - 1)}…` : n.title;
  const users = await tx.user.findMany({
    where: { id: { in: userIds }, active: true },
    select: { id: true, emailPreference: true },
  });
  if (users.length === 0) return 0;
  const created = await tx.notification.createManyAndReturn({
    data: users.map((u) => ({
      userId: u.id,
      kind: n.kind,
      title,
      href: n.href,
      dedupeKey: `${n.kind}:${n.key}`,
      emailSkipped: u.emailPreference === "OFF" ? "off" : null,
    })),
    skipDuplicates: true,
    select: { id: true, userId: true },
  });
  const immediate = new Set(users.filter((u) => u.emailPreference === "IMMEDIATE").map((u) => u.id));
  const runner = prismaSqlRunner(tx);
  for (const row of created) {
    if (immediate.has(row.userId)) await addJob(runner, QUEUES.notificationEmail, { notificationId: row.id });
  }
  return created.length;
}

/** Active users of a centre holding a role (IVs to sample, administrators to answer an EV). */
export async function centreUsersWithRole(
  tx: Tx,
  centreId: string,
  role: "INTERNAL_VERIFIER" | "CENTRE_ADMIN" | "ASSESSOR",
): Promise<string[]> {
  const rows = await tx.user.findMany({
    where: { centreId, active: true, roles: { some: { role } } },
    select: { id: true },
  });
  return rows.map((r) => r.id);
}
