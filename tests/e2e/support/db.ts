import { readFileSync } from "node:fs";
import type pg from "pg";
import { withPgClient } from "../../../lib/db/pg-client";
import { E2E_DATABASE_URL_FILE } from "./env";

/** Reads from the e2e server's database (ids for URLs); tests change data only through the UI. */
export function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  return withPgClient(readFileSync(E2E_DATABASE_URL_FILE, "utf8"), async (c) => (await c.query<T>(text, params)).rows);
}

export async function userId(email: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
  if (!row) throw new Error(`no user ${email}`);
  return row.id;
}

export async function centreId(code: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM "Centre" WHERE code = $1`, [code]);
  if (!row) throw new Error(`no centre ${code}`);
  return row.id;
}

export async function specId(code: string, version: string): Promise<string> {
  const [row] = await sql<{ id: string }>(`SELECT id FROM "QualificationSpec" WHERE code = $1 AND version = $2`, [
    code,
    version,
  ]);
  if (!row) throw new Error(`no qualification ${code} v${version}`);
  return row.id;
}
