// The worker's batches on real pg-boss (a schema of its own, so the shared queue is untouched): one
// job that throws is failed and kept for a retry, and the others of its batch complete.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type PgBoss from "pg-boss";
import { jobQueue } from "@/lib/jobs/queue";
import { runJobs } from "@/lib/jobs/worker";
import { withPgClient } from "@/lib/db/pg-client";
import { unique } from "./fixtures";
import { expectConsoleError } from "../support/console-guard";

describe("the worker's batches", () => {
  let boss: PgBoss;
  const queue = "test-batch";
  const schema = `pgboss_${unique("t").replace(/-/g, "_")}`;

  beforeAll(async () => {
    boss = jobQueue(process.env.DATABASE_URL!, { schema, supervise: false, schedule: false });
    await boss.start();
    await boss.createQueue(queue, { name: queue, retryLimit: 3, retryDelay: 60 });
  });
  afterAll(async () => {
    await boss.stop({ graceful: false, wait: true });
    await withPgClient(process.env.DATABASE_URL!, (c) => c.query(`DROP SCHEMA "${schema}" CASCADE`));
  });

  it("fails only the job that throws; the rest of the batch completes", async () => {
    expectConsoleError(/^Job test-batch \S+ failed: the mail server said no$/); // the worker logs the failed job
    const ids: string[] = [];
    for (const n of [1, 2, 3]) ids.push((await boss.send(queue, { n }))!);
    const seen: number[] = [];
    let resolveDone!: () => void;
    const done = new Promise<void>((r) => (resolveDone = r));
    await boss.work<Record<string, unknown>>(queue, { batchSize: 10, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      expect(jobs).toHaveLength(3);
      await runJobs(
        queue,
        jobs,
        async (data) => {
          seen.push(data.n as number);
          if (data.n === 2) throw new Error("the mail server said no");
          return "ok";
        },
        (id, message) => boss.fail(queue, id, { message }),
      );
      resolveDone();
    });
    await done;
    await expect
      .poll(async () => (await boss.getJobById(queue, ids[0]!))?.state, { timeout: 10_000 })
      .toBe("completed");
    expect(seen.sort()).toEqual([1, 2, 3]);
    const failed = await boss.getJobById(queue, ids[1]!);
    expect(failed?.state).toBe("retry");
    expect(failed?.output).toMatchObject({ message: "the mail server said no" });
    expect((await boss.getJobById(queue, ids[2]!))?.state).toBe("completed");
  });
});
