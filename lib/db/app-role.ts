// The app's own database role (decision 0020): migrations run as the owner of the schema, the app
// as a role that may read and write rows and nothing more. Only a table's owner (or a superuser)
// can switch its triggers off, so the app's connection cannot disable the triggers that keep
// decisions and the audit trail permanent, even if someone takes it over.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withPgClient } from "./pg-client";
import { config } from "../config";

export const APP_ROLE = "eportfolio_app";
/** The schemas the app reads and writes: its tables, and the job queue's (pg-boss). */
const SCHEMAS = ["public", "pgboss"];

/** The app role's password: APP_DATABASE_PASSWORD, or one made once and kept with the local data. */
export function appRolePassword(file = path.resolve(".data/app-db-password")): string {
  const configured = config().APP_DATABASE_PASSWORD;
  if (configured) return configured;
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(24).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

const quoteLiteral = (value: string) => `'${value.replace(/'/g, "''")}'`;

/**
 * Makes (or brings up to date) the app role on the owner's database, grants it the rows of every
 * table there now and later, and returns the URL the app connects with. Run after migrations and
 * the job queue's preparation, as the owner. Safe to run again, and beside another start.
 */
export async function ensureAppRole(ownerUrl: string, password = appRolePassword()): Promise<string> {
  await withPgClient(ownerUrl, async (client) => {
    const { rows } = await client.query<{ db: string; owner: string }>(
      "SELECT current_database() AS db, current_user AS owner",
    );
    const { db, owner } = rows[0]!;
    for (let attempt = 0; ; attempt++) {
      try {
        await client.query(
          `DO $$ BEGIN CREATE ROLE ${APP_ROLE} LOGIN; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$`,
        );
        await client.query(
          `ALTER ROLE ${APP_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD ${quoteLiteral(password)}`,
        );
        break;
      } catch (error) {
        // Two starts at once on one server: "tuple concurrently updated". The other one did it.
        if (attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 100 * (attempt + 1)));
      }
    }
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE "${db.replace(/"/g, '""')}" TO ${APP_ROLE}`);
    for (const schema of SCHEMAS) {
      const { rowCount } = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [schema]);
      if (!rowCount) continue;
      await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${APP_ROLE}`);
      await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ${schema} TO ${APP_ROLE}`);
      // USAGE is enough for nextval; without UPDATE the app cannot setval the audit trail's ids.
      await client.query(`REVOKE UPDATE ON ALL SEQUENCES IN SCHEMA ${schema} FROM ${APP_ROLE}`);
      await client.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${schema} TO ${APP_ROLE}`);
      // Tables a later migration makes are granted as they are made.
      await client.query(
        `ALTER DEFAULT PRIVILEGES FOR ROLE "${owner.replace(/"/g, '""')}" IN SCHEMA ${schema} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${APP_ROLE}`,
      );
      await client.query(
        `ALTER DEFAULT PRIVILEGES FOR ROLE "${owner.replace(/"/g, '""')}" IN SCHEMA ${schema} REVOKE UPDATE ON SEQUENCES FROM ${APP_ROLE}`,
      );
      await client.query(
        `ALTER DEFAULT PRIVILEGES FOR ROLE "${owner.replace(/"/g, '""')}" IN SCHEMA ${schema} GRANT USAGE, SELECT ON SEQUENCES TO ${APP_ROLE}`,
      );
    }
    // The migrations' own record is the owner's business.
    await client.query(`REVOKE ALL ON TABLE "_prisma_migrations" FROM ${APP_ROLE}`).catch(() => {});
  });
  const url = new URL(ownerUrl);
  url.username = APP_ROLE;
  url.password = password;
  return url.toString();
}
