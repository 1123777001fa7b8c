import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/policy";
import { addJob, prismaSqlRunner, QUEUES } from "@/lib/jobs/queue";
import { startWorker } from "@/lib/jobs/worker";
import { notifyDueActionPoints } from "@/lib/notifications/due";
import { emailNotification, sendDigests } from "@/lib/notifications/email";
import { notify } from "@/lib/notifications/record";
import { judgeCriterion } from "@/lib/server/assessment";
import { db } from "@/lib/server/core/internal/db";
import { createEvidence, setEvidenceMapping, submitEvidence } from "@/lib/server/evidence";
import {
  listNotifications,
  markAllRead,
  openNotification,
  setEmailPreference,
  unreadCount,
} from "@/lib/server/notifications";
import { startTestSmtp } from "../support/smtp";
import { actorFor, makeWorld, unique, type World } from "./fixtures";

const checks = { valid: true, authentic: true, reliable: true, current: true, sufficient: true, checksNote: "" };

/** The jobs waiting in pg-boss for one notification's e-mail. */
const emailJobs = async (notificationId: string) =>
  (
    await db().$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM pgboss.job WHERE name = ${QUEUES.notificationEmail} AND data->>'notificationId' = ${notificationId}`
  )[0]!.n;

describe("notifications", () => {
  let world: World;
  let candidate: Actor;
  let assessor: Actor;
  let smtp: Awaited<ReturnType<typeof startTestSmtp>>;

  async function submitted(title = unique("evidence")) {
    const { id } = await createEvidence(candidate, {
      title,
      description: "",
      activityDate: "2026-10-01",
      method: "PRODUCT",
    });
    await db().evidenceFile.create({
      data: {
        evidenceId: id,
        storageKey: `test/${unique("k")}`,
        displayName: "work.pdf",
        contentType: "application/pdf",
        size: 10n,
        sha256: "b".repeat(64),
        scanStatus: "not-scanned",
        scanDetail: "fixture",
      },
    });
    await setEvidenceMapping(candidate, { evidenceId: id, specId: world.specId, criteria: ["101:1.1", "101:1.2"] });
    await submitEvidence(candidate, id, { declared: true });
    return id;
  }

  beforeAll(async () => {
    world = await makeWorld();
    candidate = await actorFor(world.users.candidate.id);
    assessor = await actorFor(world.users.assessor.id);
    smtp = await startTestSmtp();
  });
  afterAll(async () => {
    await smtp.close();
  });

  it("submitted evidence notifies the candidate's assessor in the same transaction, with an e-mail job", async () => {
    const title = unique("call log");
    const evidenceId = await submitted(title);
    const [n, ...more] = await db().notification.findMany({
      where: { userId: assessor.userId, dedupeKey: `evidence.to-review:${evidenceId}` },
    });
    expect(more).toHaveLength(0);
    expect(n).toMatchObject({
      kind: "evidence.to-review",
      href: `/assessor/candidates/${candidate.userId}/evidence/${evidenceId}`,
      readAt: null,
      emailedAt: null,
    });
    expect(n!.title).toContain(candidate.name);
    expect(n!.title).toContain(title);
    expect(await emailJobs(n!.id)).toBe(1n);
    // Nobody else: not the other assessor, not the candidate.
    expect(await db().notification.count({ where: { dedupeKey: `evidence.to-review:${evidenceId}` } })).toBe(1);
  });

  it("a rolled-back cause leaves neither a notification nor a job; the same cause twice notifies once", async () => {
    const key = unique("cause");
    await expect(
      db().$transaction(async (tx) => {
        await notify(tx, {
          userIds: [assessor.userId],
          kind: "evidence.to-review",
          title: "x",
          href: "/assessor",
          key,
        });
        throw new Error("the decision failed");
      }),
    ).rejects.toThrow("the decision failed");
    expect(await db().notification.count({ where: { dedupeKey: `evidence.to-review:${key}` } })).toBe(0);
    const made = await Promise.all(
      [1, 2].map(() =>
        db().$transaction((tx) =>
          notify(tx, {
            userIds: [assessor.userId, assessor.userId],
            kind: "evidence.to-review",
            title: "x",
            href: "/assessor",
            key,
          }),
        ),
      ),
    );
    expect(made.reduce((a, b) => a + b, 0)).toBe(1);
    const [row] = await db().notification.findMany({ where: { dedupeKey: `evidence.to-review:${key}` } });
    expect(await emailJobs(row!.id)).toBe(1n);
    await expect(
      db().$transaction((tx) =>
        notify(tx, {
          userIds: [assessor.userId],
          kind: "evidence.to-review",
          title: "x",
          href: "https://evil.example/",
          key: unique("k"),
        }),
      ),
    ).rejects.toThrow(/within the site/);
  });

  it("jobs added through a transaction are pg-boss jobs like any other", async () => {
    await db().$transaction((tx) =>
      addJob(prismaSqlRunner(tx), QUEUES.notificationEmail, { notificationId: "00000000-0000-0000-0000-000000000000" }),
    );
    expect(await emailJobs("00000000-0000-0000-0000-000000000000")).toBeGreaterThanOrEqual(1n);
  });

  it("the worker e-mails it through SMTP (a job added before the worker started still runs)", async () => {
    const evidenceId = await submitted(unique("observation record"));
    const n = await db().notification.findFirstOrThrow({
      where: { userId: assessor.userId, dedupeKey: `evidence.to-review:${evidenceId}` },
    });
    process.env.SMTP_URL = smtp.url;
    const worker = await startWorker(process.env.DATABASE_URL!, db(), { pollingIntervalSeconds: 0.5 });
    try {
      // The queue is shared with every other test file, so the worker may have a backlog to send first.
      const mail = await smtp.waitFor((m) => m.subject === n.title, 90_000);
      expect(mail.to).toEqual([assessor.email]);
      expect(mail.text).toContain(`/assessor/candidates/${candidate.userId}/evidence/${evidenceId}`);
      expect(mail.text).toContain("/notifications");
      await expect
        .poll(async () => (await db().notification.findUniqueOrThrow({ where: { id: n.id } })).emailedAt, {
          timeout: 10_000,
        })
        .not.toBeNull();
    } finally {
      await worker.stop();
      delete process.env.SMTP_URL;
    }
    // Running the job again (a retry) sends nothing more.
    const transport = nodemailer.createTransport(smtp.url);
    expect(await emailNotification(db(), transport, n.id)).toBe("already");
  }, 150_000);

  it("follows each user's preference: off sends nothing, daily waits for one digest, no SMTP is recorded", async () => {
    const transport = nodemailer.createTransport(smtp.url);
    await setEmailPreference(assessor, "OFF");
    const off = await submitted();
    const offRow = await db().notification.findFirstOrThrow({ where: { dedupeKey: `evidence.to-review:${off}` } });
    expect(offRow.emailSkipped).toBe("off");
    expect(await emailJobs(offRow.id)).toBe(0n);
    expect(await emailNotification(db(), transport, offRow.id)).toBe("already");

    await setEmailPreference(assessor, "DAILY");
    const first = await submitted(unique("first"));
    const second = await submitted(unique("second"));
    const daily = await db().notification.findMany({
      where: { dedupeKey: { in: [`evidence.to-review:${first}`, `evidence.to-review:${second}`] } },
    });
    expect(daily).toHaveLength(2);
    for (const row of daily) expect(await emailJobs(row.id)).toBe(0n);
    const before = smtp.received.length;
    const digest = await sendDigests(db(), transport);
    expect(digest.users).toBeGreaterThanOrEqual(1);
    const mail = await smtp.waitFor((m) => m.to.includes(assessor.email) && m.subject.startsWith("Your daily summary"));
    for (const row of daily) expect(mail.text).toContain(row.title);
    expect(smtp.received.length).toBeGreaterThan(before);
    // Re-run: nothing new for the assessor.
    const again = smtp.received.length;
    await sendDigests(db(), transport);
    expect(smtp.received.slice(again).filter((m) => m.to.includes(assessor.email))).toHaveLength(0);

    // Waiting for a digest, then switched to "immediately": sent now, not lost.
    const waitingFor = await submitted();
    const waitingRow = await db().notification.findFirstOrThrow({
      where: { dedupeKey: `evidence.to-review:${waitingFor}` },
    });
    expect(await emailJobs(waitingRow.id)).toBe(0n);
    await setEmailPreference(assessor, "IMMEDIATE");
    expect(await emailJobs(waitingRow.id)).toBe(1n);
    const unconfigured = await submitted();
    const row = await db().notification.findFirstOrThrow({
      where: { dedupeKey: `evidence.to-review:${unconfigured}` },
    });
    expect(await emailNotification(db(), null, row.id)).toBe("not configured");
    expect((await db().notification.findUniqueOrThrow({ where: { id: row.id } })).emailSkipped).toBe("not configured");
  });

  it("an assessor's decision reaches the candidate as feedback", async () => {
    const evidenceId = await submitted();
    await judgeCriterion(assessor, {
      evidenceId,
      specId: world.specId,
      unitRef: "101",
      criterion: "1.1",
      outcome: "REFERRED",
      feedback: "Add the date.",
      ...checks,
      expected: "",
    });
    const n = await db().notification.findFirstOrThrow({
      where: { userId: candidate.userId, kind: "feedback.received", href: `/candidate/evidence/${evidenceId}` },
    });
    expect(n.title).toContain("1 criterion referred back");
    expect(n.title).toContain(assessor.name);
  });

  it("each user reads, counts and opens only their own", async () => {
    const mine = await listNotifications(assessor, { page: 1 });
    expect(mine.items.length).toBeGreaterThan(0);
    expect(mine.unread).toBe(await unreadCount(assessor));
    const first = mine.items[0]!;
    // Another user (the candidate, another centre's administrator) cannot open or even find it.
    await expect(openNotification(candidate, first.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(openNotification(await actorFor(world.users.bAdmin.id), first.id)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await listNotifications(candidate, { page: 1 })).items.map((i) => i.id)).not.toContain(first.id);
    expect(await openNotification(assessor, first.id)).toBe(first.href);
    expect(await openNotification(assessor, first.id)).toBe(first.href); // again: still fine
    expect((await listNotifications(assessor, { page: 1, unread: true })).items.map((i) => i.id)).not.toContain(
      first.id,
    );
    await markAllRead(assessor);
    expect(await unreadCount(assessor)).toBe(0);
  });

  it("action points due within a week or overdue are notified once each, to whoever must act", async () => {
    const now = new Date("2026-12-05T12:00:00Z");
    await notifyDueActionPoints(db(), now);
    // The review action point (target 1 November 2026) is overdue: the candidate is told.
    const n = await db().notification.findFirstOrThrow({
      where: { userId: candidate.userId, dedupeKey: `action-point.due:${world.actionPointId}` },
    });
    expect(n.title).toContain("1 November 2026");
    // The IV's (2099) and EV's (January 2027) are not due yet.
    expect(
      await db().notification.count({
        where: {
          dedupeKey: { in: [`action-point.due:${world.ivActionPointId}`, `action-point.due:${world.evActionPointId}`] },
        },
      }),
    ).toBe(0);
    // Closer to January the EV's is, for the centre's administrators.
    await notifyDueActionPoints(db(), new Date("2026-12-28T12:00:00Z"));
    expect(
      await db().notification.count({
        where: { userId: world.users.admin.id, dedupeKey: `action-point.due:${world.evActionPointId}` },
      }),
    ).toBe(1);
    // Re-running makes nothing new for them.
    const count = await db().notification.count({
      where: {
        dedupeKey: { startsWith: "action-point.due:" },
        userId: { in: [candidate.userId, world.users.admin.id] },
      },
    });
    await notifyDueActionPoints(db(), new Date("2026-12-28T12:00:00Z"));
    expect(
      await db().notification.count({
        where: {
          dedupeKey: { startsWith: "action-point.due:" },
          userId: { in: [candidate.userId, world.users.admin.id] },
        },
      }),
    ).toBe(count);
  });
});
