import "server-only";
// A user's own notifications: listed, counted for the header, marked read; and their e-mail
// preference. Every query is the signed-in user's own rows (another user's id is simply not found).
import type { Actor } from "@/lib/domain/policy";
import { pageWindow, toPage, type Page } from "@/lib/domain/pagination";
import type { EmailPreference } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/core/internal/db";
import { notFound } from "@/lib/server/core/errors";
import { addJob, prismaSqlRunner, QUEUES } from "@/lib/jobs/queue";

export type NotificationRow = {
  id: string;
  kind: string;
  title: string;
  href: string;
  createdAt: Date;
  readAt: Date | null;
};

export async function listNotifications(
  actor: Actor,
  query: { page: number; unread?: boolean },
): Promise<Page<NotificationRow> & { unread: number }> {
  const where = { userId: actor.userId, ...(query.unread ? { readAt: null } : {}) };
  const [items, total, unread] = await Promise.all([
    db().notification.findMany({
      where,
      select: { id: true, kind: true, title: true, href: true, createdAt: true, readAt: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      ...pageWindow(query.page),
    }),
    db().notification.count({ where }),
    unreadCount(actor),
  ]);
  return { ...toPage(items, total, query.page), unread };
}

/** Unread notifications, for the header: an index count over the user's own unread rows, at most 100. */
export async function unreadCount(actor: Actor): Promise<number> {
  const [row] = await db().$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (SELECT 1 FROM "Notification" WHERE "userId" = ${actor.userId}::uuid AND "readAt" IS NULL LIMIT 100) x`;
  return Number(row?.n ?? 0);
}

/** Marks one of the user's notifications read (idempotent) and returns where it leads. */
export async function openNotification(actor: Actor, id: string): Promise<string> {
  const n = await db().notification.findFirst({ where: { id, userId: actor.userId }, select: { href: true } });
  if (!n) throw notFound();
  await db().notification.updateMany({
    where: { id, userId: actor.userId, readAt: null },
    data: { readAt: new Date() },
  });
  return n.href;
}

export async function markAllRead(actor: Actor): Promise<number> {
  const { count } = await db().notification.updateMany({
    where: { userId: actor.userId, readAt: null },
    data: { readAt: new Date() },
  });
  return count;
}

export async function emailPreference(actor: Actor): Promise<EmailPreference> {
  const user = await db().user.findUnique({ where: { id: actor.userId }, select: { emailPreference: true } });
  if (!user) throw notFound();
  return user.emailPreference;
}

/**
 * Changes how notifications reach the user by e-mail. What is waiting for a digest follows the new
 * choice: switching to "immediately" sends it now (jobs in the same transaction), "off" drops it.
 */
export async function setEmailPreference(actor: Actor, preference: EmailPreference): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: actor.userId }, data: { emailPreference: preference } });
    const waiting = { userId: actor.userId, emailedAt: null, emailSkipped: null };
    if (preference === "OFF") await tx.notification.updateMany({ where: waiting, data: { emailSkipped: "off" } });
    if (preference === "IMMEDIATE") {
      const rows = await tx.notification.findMany({
        where: waiting,
        select: { id: true },
        orderBy: { createdAt: "desc" },
        take: 50,
      });
      const runner = prismaSqlRunner(tx);
      for (const row of rows) await addJob(runner, QUEUES.notificationEmail, { notificationId: row.id });
    }
  });
}
