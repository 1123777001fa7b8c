// E-mail for notifications, sent by the worker through nodemailer when SMTP_URL is set. Each
// notification goes out at most once by e-mail, alone (preference "immediately") or in the day's
// digest ("daily digest"); "off" and inactive accounts get none.
import nodemailer, { type Transporter } from "nodemailer";
import type { PrismaClient } from "../generated/prisma/client";
import { formatDateTime } from "../domain/format";
import { siteUrl } from "../http/site-url";
import { config } from "../config";

export type Mailer = Pick<Transporter, "sendMail">;

/** The SMTP transport from SMTP_URL (smtp://user:pass@host:port, or smtps://), or null when unset. */
export function mailerFromEnv(): Mailer | null {
  const url = config().SMTP_URL;
  return url ? nodemailer.createTransport(url) : null;
}

export const mailFrom = () => config().MAIL_FROM;

const footer = (base: string) =>
  `\n\n--\nYou get this e-mail because of your notification settings. Change them, or read every notification, at ${base}/notifications`;

export type EmailOutcome = "sent" | "already" | "digest" | "off" | "inactive" | "not configured" | "missing";

/** The job "notification-email": one notification to its user, if they still want it now. */
export async function emailNotification(
  prisma: PrismaClient,
  mailer: Mailer | null,
  notificationId: string,
): Promise<EmailOutcome> {
  const n = await prisma.notification.findUnique({
    where: { id: notificationId },
    select: {
      id: true,
      title: true,
      href: true,
      emailedAt: true,
      emailSkipped: true,
      user: { select: { email: true, name: true, active: true, emailPreference: true } },
    },
  });
  if (!n) return "missing";
  if (n.emailedAt || n.emailSkipped) return "already";
  // The preference as it is now: someone who switched to the digest meanwhile gets it there.
  if (n.user.emailPreference === "DAILY") return "digest";
  const skip = !n.user.active
    ? "inactive"
    : n.user.emailPreference === "OFF"
      ? "off"
      : !mailer
        ? "not configured"
        : null;
  if (skip) {
    await prisma.notification.updateMany({
      where: { id: n.id, emailedAt: null, emailSkipped: null },
      data: { emailSkipped: skip },
    });
    return skip;
  }
  const base = siteUrl();
  await mailer!.sendMail({
    from: mailFrom(),
    to: { name: n.user.name, address: n.user.email },
    subject: n.title,
    text: `${n.title}\n\nOpen it: ${base}${n.href}${footer(base)}`,
  });
  // If a retry sends it twice after a crash here, the user gets a duplicate, never nothing.
  await prisma.notification.updateMany({ where: { id: n.id, emailedAt: null }, data: { emailedAt: new Date() } });
  return "sent";
}

const DIGEST_BATCH = 1000;

/** The job "notification-digest": each daily-digest user's notifications not yet e-mailed, in one e-mail. */
export async function sendDigests(
  prisma: PrismaClient,
  mailer: Mailer | null,
  now = new Date(),
): Promise<{ users: number; notifications: number }> {
  let users = 0;
  let notifications = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    // Users with something waiting, a batch at a time (index on emailedAt finds the waiting rows).
    const waiting = await prisma.user.findMany({
      where: {
        id: { gt: after },
        emailPreference: "DAILY",
        active: true,
        notifications: { some: { emailedAt: null, emailSkipped: null, createdAt: { lte: now } } },
      },
      select: { id: true, name: true, email: true },
      orderBy: { id: "asc" },
      take: DIGEST_BATCH,
    });
    for (const user of waiting) {
      const rows = await prisma.notification.findMany({
        where: { userId: user.id, emailedAt: null, emailSkipped: null, createdAt: { lte: now } },
        select: { id: true, title: true, href: true, createdAt: true },
        orderBy: { createdAt: "asc" },
        take: 500,
      });
      if (rows.length === 0) continue;
      if (!mailer) {
        await prisma.notification.updateMany({
          where: { id: { in: rows.map((r) => r.id) }, emailedAt: null, emailSkipped: null },
          data: { emailSkipped: "not configured" },
        });
        continue;
      }
      const base = siteUrl();
      const lines = rows.map((r) => `- ${formatDateTime(r.createdAt)}: ${r.title}\n  ${base}${r.href}`);
      await mailer.sendMail({
        from: mailFrom(),
        to: { name: user.name, address: user.email },
        subject: `Your daily summary: ${rows.length} notification${rows.length === 1 ? "" : "s"}`,
        text: `Since your last summary:\n\n${lines.join("\n")}${footer(base)}`,
      });
      await prisma.notification.updateMany({
        where: { id: { in: rows.map((r) => r.id) }, emailedAt: null },
        data: { emailedAt: new Date() },
      });
      users++;
      notifications += rows.length;
    }
    if (waiting.length < DIGEST_BATCH) break;
    after = waiting[waiting.length - 1]!.id;
  }
  return { users, notifications };
}
