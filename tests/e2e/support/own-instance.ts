// An app instance of a spec's own, for tests that stop its database or kill its server: its own
// embedded PostgreSQL (data in .data/<name>-postgres, fresh each run) with the demo data, its own
// evidence store, and the app's own server (scripts/server.ts, the production build) on `port`.
// The shared e2e server is never touched, so the other specs run on beside it. `anotherServer`
// starts a second app server on the same database, evidence store and upload folder, as a
// second instance behind a load balancer would be.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { findFreePort, startEmbeddedPostgres, type Database } from "../../../lib/db/database-url";
import { deployMigrations } from "../../../lib/db/migrations";
import { prepareJobQueue } from "../../../lib/jobs/queue";
import { seedDemo } from "../../../prisma/seed";
import { E2E_AUTH_SECRET } from "./env";

export async function ownInstance(name: string, port: number) {
  const dataDir = path.resolve(`.data/${name}-postgres`);
  const storageDir = path.resolve(`.data/${name}-evidence`);
  const uploadDir = path.resolve(`.data/${name}-uploads`);
  for (const dir of [dataDir, storageDir, uploadDir]) rmSync(dir, { recursive: true, force: true });
  // A database port of its own, derived from the app's (3210 → 55010): two specs starting their
  // instances at once must not both take the first free port.
  let db: Database = await startEmbeddedPostgres({
    dataDir,
    database: "eportfolio",
    quiet: true,
    port: await findFreePort(55000 + (port % 1000)),
  });
  const dbUrl = db.url;
  const dbPort = Number(new URL(dbUrl).port);
  await deployMigrations(dbUrl);
  await prepareJobQueue(dbUrl);
  // The demo files go into this instance's store (read when seeding; the server is told below).
  const previous = process.env.EVIDENCE_STORAGE_DIR;
  process.env.EVIDENCE_STORAGE_DIR = storageDir;
  try {
    await seedDemo(dbUrl);
  } finally {
    if (previous === undefined) delete process.env.EVIDENCE_STORAGE_DIR;
    else process.env.EVIDENCE_STORAGE_DIR = previous;
  }

  const logs: string[] = [];
  let app: ChildProcess | null = null;
  const baseURL = `http://localhost:${port}`;

  function spawnServer(serverPort: number, serverUrl: string, output: string[]): ChildProcess {
    // Node itself runs the server (not the tsx launcher, which would leave its child running
    // after a SIGKILL), so a kill ends the very process that serves.
    const child = spawn(process.execPath, ["--import", "tsx", path.resolve("scripts/server.ts")], {
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: dbUrl,
        NEXTAUTH_SECRET: E2E_AUTH_SECRET,
        NEXTAUTH_URL: serverUrl,
        PORT: String(serverPort),
        EVIDENCE_STORAGE_DIR: storageDir,
        EVIDENCE_UPLOAD_DIR: uploadDir,
        SMTP_URL: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    return child;
  }

  async function waitUntilUp(url: string, output: string[]) {
    for (let i = 0; i < 300; i++) {
      const up = await fetch(`${url}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`The app on ${url} did not start:\n${output.join("")}`);
  }

  async function startApp() {
    app = spawnServer(port, baseURL, logs);
    await waitUntilUp(baseURL, logs);
  }

  /** Ends the server at once (SIGKILL: no clean-up of any kind), or gently (SIGTERM). */
  async function stopApp(signal: "SIGKILL" | "SIGTERM") {
    const child = app;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill(signal);
    await exited;
    app = null;
  }

  /** A second app server on `otherPort`, sharing this instance's database, store and uploads. */
  async function anotherServer(otherPort: number) {
    const url = `http://localhost:${otherPort}`;
    const output: string[] = [];
    const child = spawnServer(otherPort, url, output);
    await waitUntilUp(url, output);
    return {
      baseURL: url,
      logs: output,
      async stop() {
        if (child.exitCode !== null) return;
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      },
    };
  }

  return {
    baseURL,
    anotherServer,
    dbUrl,
    logs,
    storageDir,
    uploadDir,
    startApp,
    stopApp,
    stopDb: () => db.stop(),
    startDb: async () => {
      db = await startEmbeddedPostgres({ dataDir, database: "eportfolio", quiet: true, port: dbPort });
    },
    async close() {
      await stopApp("SIGTERM").catch(() => {});
      await db.stop().catch(() => {});
    },
  };
}
