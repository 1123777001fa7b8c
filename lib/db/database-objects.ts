// The triggers, functions and partial or expression indexes the migrations create, which Prisma's
// schema diff cannot see (they are hand-written SQL in the migrations: decision 0001). The list is checked in
// (prisma/database-objects.json); `npm run db:migrate:check` applies the migrations to a scratch
// database and compares, so a trigger dropped, added or changed by a migration shows up in review.
import { createHash, randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { deployMigrations } from "./migrations";
import { withPgClient } from "./pg-client";

export const OBJECTS_FILE = path.resolve("prisma/database-objects.json");

export interface DatabaseObjects {
  /** Each trigger in the public schema, as pg_get_triggerdef prints it. */
  triggers: string[];
  /** Each function in the public schema (not an extension's): its signature and the SHA-256 of its definition. */
  functions: { signature: string; sha256: string }[];
  /** Each partial or expression index in the public schema (what schema.prisma cannot declare), as pg_get_indexdef prints it. */
  indexes: string[];
}

/** What the database holds now. */
export async function readDatabaseObjects(url: string): Promise<DatabaseObjects> {
  return withPgClient(url, async (client) => {
    const triggers = await client.query<{ def: string }>(`
      SELECT pg_get_triggerdef(t.oid) AS def FROM pg_trigger t
      JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT t.tgisinternal ORDER BY c.relname, t.tgname`);
    const functions = await client.query<{ signature: string; def: string }>(`
      SELECT p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')' AS signature, pg_get_functiondef(p.oid) AS def
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
        AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')
      ORDER BY 1`);
    const indexes = await client.query<{ def: string }>(`
      SELECT pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
      JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND (i.indpred IS NOT NULL OR i.indexprs IS NOT NULL) ORDER BY c.relname`);
    return {
      triggers: triggers.rows.map((r) => r.def),
      indexes: indexes.rows.map((r) => r.def),
      functions: functions.rows.map((r) => ({
        signature: r.signature,
        sha256: createHash("sha256").update(r.def).digest("hex"),
      })),
    };
  });
}

/** Differences between the checked-in list and a database, one line each ("" items: none). */
export function compareDatabaseObjects(expected: DatabaseObjects, actual: DatabaseObjects): string[] {
  const problems: string[] = [];
  for (const t of actual.triggers) if (!expected.triggers.includes(t)) problems.push(`trigger not in the list: ${t}`);
  for (const t of expected.triggers)
    if (!actual.triggers.includes(t)) problems.push(`trigger missing from the database: ${t}`);
  for (const f of actual.functions) {
    const listed = expected.functions.find((e) => e.signature === f.signature);
    if (!listed) problems.push(`function not in the list: ${f.signature}`);
    else if (listed.sha256 !== f.sha256) problems.push(`function changed: ${f.signature}`);
  }
  for (const f of expected.functions)
    if (!actual.functions.some((a) => a.signature === f.signature))
      problems.push(`function missing from the database: ${f.signature}`);
  for (const i of actual.indexes) if (!expected.indexes.includes(i)) problems.push(`index not in the list: ${i}`);
  for (const i of expected.indexes)
    if (!actual.indexes.includes(i)) problems.push(`index missing from the database: ${i}`);
  return problems;
}

export async function readObjectsFile(file = OBJECTS_FILE): Promise<DatabaseObjects> {
  return JSON.parse(await readFile(file, "utf8")) as DatabaseObjects;
}

export async function writeObjectsFile(objects: DatabaseObjects, file = OBJECTS_FILE) {
  await writeFile(file, `${JSON.stringify(objects, null, 2)}\n`);
}

/** Applies every migration to a scratch database on the server at `serverUrl`, reads its objects, drops it. */
export async function migratedObjects(serverUrl: string): Promise<DatabaseObjects> {
  const name = `objects_check_${randomBytes(4).toString("hex")}`;
  const url = new URL(serverUrl);
  await withPgClient(serverUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  url.pathname = `/${name}`;
  try {
    await deployMigrations(url.toString());
    return await readDatabaseObjects(url.toString());
  } finally {
    await withPgClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
}
