// A fresh, migrated database for a test run: on DATABASE_URL's server when it is set, otherwise on
// an embedded PostgreSQL server kept under .data/ (separate from the app's own).
import { randomBytes } from "node:crypto";
import path from "node:path";
import { startEmbeddedPostgres } from "@/lib/db/database-url";
import { deployMigrations } from "@/lib/db/migrations";
import { withPgClient } from "@/lib/db/pg-client";
import { prepareJobQueue } from "@/lib/jobs/queue";

export interface TestDatabase {
  url: string;
  /** A URL to the same server's maintenance database, for creating and dropping others. */
  serverUrl: string;
  drop(): Promise<void>;
}

export function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

const admin = (serverUrl: string, sql: string) => withPgClient(serverUrl, (client) => client.query(sql));

export async function createTestDatabase(prefix: string, dataDir: string): Promise<TestDatabase> {
  let serverUrl: string;
  let stopServer = async () => {};
  if (process.env.DATABASE_URL) {
    serverUrl = process.env.DATABASE_URL;
  } else {
    const server = await startEmbeddedPostgres({ dataDir: path.resolve(dataDir), database: "postgres", quiet: true });
    serverUrl = server.url;
    stopServer = server.stop;
  }
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  await admin(serverUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabaseName(serverUrl, name);
  await deployMigrations(url);
  await prepareJobQueue(url);
  return {
    url,
    serverUrl,
    async drop() {
      await admin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await stopServer();
    },
  };
}
