// The worker: runs the queue's jobs and its schedules. `npm start` runs it inside the app's server
// process; in production it can run on its own (`npm run worker`), as many as needed. pg-boss hands
// each job to one worker, retries failures with back-off, and keeps the queue across restarts.
import type PgBoss from "pg-boss";
import type { PrismaClient } from "../generated/prisma/client";
import { cleanUpUploads } from "../evidence/cleanup";
import { notifyDueActionPoints } from "../notifications/due";
import { emailNotification, mailerFromEnv, sendDigests, type Mailer } from "../notifications/email";
import { evidenceStorage, uploadDir } from "../storage";
import { runRetention } from "./retention";
import { compactPortfolioChanges } from "./portfolio-compaction";
import { requeueStalledScans, scanStoredFile } from "../evidence/scan-job";
import { jobQueue, prepareJobQueue, QUEUES, SCHEDULES, type QueueName } from "./queue";

type Handler = (data: Record<string, unknown>) => Promise<unknown>;

export function jobHandlers(prisma: PrismaClient, mailer: Mailer | null): Record<QueueName, Handler> {
  return {
    [QUEUES.notificationEmail]: async (data) => {
      if (typeof data.notificationId !== "string") return "bad job";
      return emailNotification(prisma, mailer, data.notificationId);
    },
    [QUEUES.notificationDigest]: () => sendDigests(prisma, mailer),
    [QUEUES.actionPointsDue]: () => notifyDueActionPoints(prisma),
    [QUEUES.uploadCleanUp]: async () => ({
      ...(await cleanUpUploads(prisma, uploadDir())),
      scansRequeued: await requeueStalledScans(prisma),
    }),
    [QUEUES.virusScan]: async (data) =>
      typeof data.fileId === "string" ? scanStoredFile(prisma, evidenceStorage(), data.fileId) : "bad job",
    [QUEUES.portfolioCompaction]: () => compactPortfolioChanges(prisma),
    [QUEUES.retention]: async () => {
      const report = await runRetention(prisma, evidenceStorage());
      if (report.due.length > 0)
        console.log(
          `Retention: ${report.anonymised} of ${report.due.length} candidates due anonymised, ${report.filesRemoved} files removed, ${report.fileErrors} files could not be removed (tried again tomorrow).`,
        );
      return { anonymised: report.anonymised, filesRemoved: report.filesRemoved, fileErrors: report.fileErrors };
    },
  };
}

/** Jobs fetched at once per queue; the rest take one at a time (they are long, or run daily). */
const BATCH_SIZE: Partial<Record<QueueName, number>> = { [QUEUES.notificationEmail]: 25 };

/**
 * Runs a fetched batch one job at a time. A job that throws is failed on its own (pg-boss retries
 * it with back-off); the others complete when the batch returns (pg-boss completes only jobs still
 * active, so a failed one stays failed).
 */
export async function runJobs(
  queue: string,
  jobs: { id: string; data?: Record<string, unknown> }[],
  handler: Handler,
  fail: (id: string, message: string) => Promise<unknown>,
): Promise<void> {
  for (const job of jobs) {
    try {
      const result = await handler(job.data ?? {});
      if (result && typeof result === "object" && Object.values(result).some((v) => typeof v === "number" && v > 0)) {
        console.log(`Job ${queue}: ${JSON.stringify(result)}`);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      console.error(`Job ${queue} ${job.id} failed: ${message}`);
      await fail(job.id, message);
    }
  }
}

export type Worker = { boss: PgBoss; stop(): Promise<void> };

export async function startWorker(
  connectionString: string,
  prisma: PrismaClient,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<Worker> {
  await prepareJobQueue(connectionString);
  const boss = jobQueue(connectionString);
  boss.on("error", (error) => console.error("Job queue:", error));
  await boss.start();
  for (const { queue, cron } of SCHEDULES) await boss.schedule(queue, cron, {}, { tz: "Europe/London" });
  const handlers = jobHandlers(prisma, mailerFromEnv());
  for (const [queue, handler] of Object.entries(handlers) as [QueueName, Handler][]) {
    // pg-boss fetches once per polling interval; a batch lets e-mail keep up with a burst (a big
    // centre's morning) instead of sending one per interval. Each job of a batch stands alone: a
    // failure is recorded for that job (retried with back-off), and only the rest complete.
    await boss.work<Record<string, unknown>>(
      queue,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: BATCH_SIZE[queue] ?? 1 },
      (jobs) => runJobs(queue, jobs, handler, (id, message) => boss.fail(queue, id, { message })),
    );
  }
  return { boss, stop: () => boss.stop({ graceful: true, timeout: 10_000 }) };
}
