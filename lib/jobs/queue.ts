// The job queue: pg-boss, kept in the same PostgreSQL (schema "pgboss"), so jobs survive a restart
// and any number of web and worker processes share it (decision 0015). Web requests only add jobs,
// in their own transaction where the cause is a database change; workers (lib/jobs/worker.ts) run
// them. Not "server-only": the worker runs in plain Node (scripts/worker.ts, scripts/server.ts).
import PgBoss from "pg-boss";
import type { Prisma } from "../generated/prisma/client";

/** Every queue, with its policy. Jobs of a queue not listed here are refused by pg-boss. */
export const QUEUES = {
  /** One notification's e-mail, for users who want them at once. */
  notificationEmail: "notification-email",
  /** Each day's digest for users who chose one. */
  notificationDigest: "notification-digest",
  /** Action points whose target date is near or past. */
  actionPointsDue: "action-points-due",
  /** Unfinished uploads past their expiry, and leftover partial files. */
  uploadCleanUp: "upload-clean-up",
  /** Personal data and files past the retention period (lib/jobs/retention.ts). */
  retention: "retention",
  /** A large file's virus check, which would hold up the end of its upload (lib/evidence/scan-job.ts). */
  virusScan: "virus-scan",
  /** Each portfolio's and centre's change rows folded into one (lib/jobs/portfolio-compaction.ts). */
  portfolioCompaction: "portfolio-compaction",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Scheduled work (cron in Europe/London): pg-boss runs each once per slot however many workers. */
export const SCHEDULES: { queue: QueueName; cron: string }[] = [
  { queue: QUEUES.uploadCleanUp, cron: "7 * * * *" },
  { queue: QUEUES.portfolioCompaction, cron: "37 * * * *" },
  { queue: QUEUES.retention, cron: "30 2 * * *" },
  { queue: QUEUES.actionPointsDue, cron: "0 6 * * *" },
  { queue: QUEUES.notificationDigest, cron: "0 7 * * *" },
];

export const JOB_SCHEMA = "pgboss";

/**
 * How long one run may take before pg-boss gives it to another worker (its default is 15
 * minutes): a whole day's retention or digest on a big centre can take longer.
 */
const EXPIRE_SECONDS: Record<QueueName, number> = {
  [QUEUES.notificationEmail]: 10 * 60,
  [QUEUES.notificationDigest]: 4 * 3600,
  [QUEUES.actionPointsDue]: 4 * 3600,
  [QUEUES.uploadCleanUp]: 2 * 3600,
  [QUEUES.retention]: 6 * 3600,
  [QUEUES.virusScan]: 2 * 3600,
  [QUEUES.portfolioCompaction]: 3600,
};

/** A pg-boss instance for this database; `start()` it to create or update its schema and queues. */
export function jobQueue(connectionString: string, options: Partial<PgBoss.ConstructorOptions> = {}): PgBoss {
  return new PgBoss({ connectionString, schema: JOB_SCHEMA, application_name: "eportfolio-jobs", max: 4, ...options });
}

/**
 * Creates the queue's tables and queues if missing (idempotent, safe beside a running worker).
 * Run before the web server takes requests, so a job added by a request always has its queue.
 */
export async function prepareJobQueue(connectionString: string): Promise<void> {
  const boss = jobQueue(connectionString, { supervise: false, schedule: false, max: 1 });
  boss.on("error", (error) => console.error("Job queue:", error));
  await boss.start();
  try {
    const existing = new Set((await boss.getQueues()).map((q) => q.name));
    for (const name of Object.values(QUEUES)) {
      const options = {
        name,
        retryLimit: 5,
        retryDelay: 30,
        retryBackoff: true,
        expireInSeconds: EXPIRE_SECONDS[name],
      };
      if (existing.has(name)) {
        await boss.updateQueue(name, options);
        continue;
      }
      // Another process starting at the same moment may create it first: that is as good.
      await boss.createQueue(name, options).catch(async (error) => {
        if (!(await boss.getQueue(name))) throw error;
      });
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

/** A statement runner for pg-boss inside someone else's transaction (a Prisma interactive one). */
export type SqlRunner = { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

let sender: PgBoss | null = null;
/**
 * Adds a job through `db` (a transaction), so it exists exactly when the transaction commits.
 * The instance is never started: it only builds the insert, and `db` runs it.
 */
export async function addJob(
  db: SqlRunner,
  queue: QueueName,
  data: object,
  options: PgBoss.JobOptions = {},
): Promise<void> {
  sender ??= new PgBoss({
    db: { executeSql: () => Promise.reject(new Error("addJob needs a transaction")) },
    schema: JOB_SCHEMA,
  });
  await sender.send(queue, data, { ...options, db });
}

/** pg-boss's statements through a Prisma transaction (its parameters are untyped, as node-pg sends them). */
export function prismaSqlRunner(tx: Prisma.TransactionClient): SqlRunner {
  return {
    async executeSql(text, values) {
      const params = values.map((v) =>
        v === undefined ? null : v !== null && typeof v === "object" && !(v instanceof Date) ? JSON.stringify(v) : v,
      );
      return { rows: await tx.$queryRawUnsafe<unknown[]>(text, ...params) };
    },
  };
}
