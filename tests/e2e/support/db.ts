import { readFileSync } from "node:fs";
import pg from "pg";
import { E2E_DATABASE_URL_FILE } from "./env";

/** Reads from the e2e server's database (ids for URLs); tests change data only through the UI. */
export async function sql<T extends pg.QueryResultRow>(text: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: readFileSync(E2E_DATABASE_URL_FILE, "utf8") });
  await client.connect();
  try {
    return (await client.query<T>(text, params)).rows;
  } finally {
    await client.end();
  }
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
