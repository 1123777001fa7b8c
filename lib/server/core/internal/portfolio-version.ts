import "server-only";
// A version for each candidate's portfolio, from the "PortfolioChange" rows that database
// triggers write with every change to it (migration 20261206072423_portfolio_versions), and one for
// each centre's summaries ("CentreChange", 20261206073632_centre_versions): the sum of their
// weights grows with every committed change, so figures cached under one version are exactly the
// figures while the version stands. The cache is per process and only saves work: every app
// server reads the versions from PostgreSQL, so none serves a stale figure after another
// server's change. Decision 0019.
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "./db";

/**
 * The database's incarnation, prefixed to every version: the server's start time and the
 * database's oid. A restored backup (a new database) or a promoted standby (a new server, perhaps
 * without the last commits of the old primary) may count a version again that meant another state;
 * with a new incarnation nothing kept before it matches.
 */
const incarnation = Prisma.sql`(SELECT extract(epoch FROM pg_postmaster_start_time())::text || '/' || d.oid::text FROM pg_database d WHERE d.datname = current_database())`;

/** Each candidate's current version ("…/0" for a portfolio never changed). One indexed read for the lot. */
export async function portfolioVersions(candidateIds: string[]): Promise<Map<string, string>> {
  if (candidateIds.length === 0) return new Map();
  const rows = await db().$queryRaw<{ id: string; version: string }[]>`
    SELECT c.id, ${incarnation} || '/' || coalesce((SELECT sum(p.weight) FROM "PortfolioChange" p WHERE p."candidateId" = c.id), 0)::text AS version
    FROM unnest(${candidateIds}::uuid[]) AS c(id)`;
  return new Map(rows.map((r) => [r.id, r.version]));
}

/** The centre's current version ("…/0" for a centre whose summaries never changed since versions began). */
export async function centreVersion(centreId: string): Promise<string> {
  return (await centreVersions([centreId])).get(centreId)!;
}

/** Several centres' versions in one indexed read. */
export async function centreVersions(centreIds: string[]): Promise<Map<string, string>> {
  if (centreIds.length === 0) return new Map();
  const rows = await db().$queryRaw<{ id: string; version: string }[]>`
    SELECT c.id::text AS id, ${incarnation} || '/' || coalesce((SELECT sum(x.weight) FROM "CentreChange" x WHERE x."centreId" = c.id), 0)::text AS version
    FROM unnest(${centreIds}::uuid[]) AS c(id)`;
  return new Map(rows.map((r) => [r.id, r.version]));
}

/**
 * A candidate's portfolio version with the version of their centre's people's names: for views that
 * also name the assessors and administrators (a rename is not a portfolio change; "NameChange",
 * migration 20261206085039_name_versions).
 */
export async function portfolioAndNamesVersion(candidateId: string): Promise<string> {
  const [row] = await db().$queryRaw<{ version: string }[]>`
    SELECT ${incarnation} || '/' || coalesce((SELECT sum(weight) FROM "PortfolioChange" WHERE "candidateId" = u.id), 0)::text
           || '/' || coalesce((SELECT sum(weight) FROM "NameChange" WHERE "centreId" = u."centreId"), 0)::text AS version
    FROM "User" u WHERE u.id = ${candidateId}::uuid`;
  return row?.version ?? "none";
}

/** Values by key (a candidate, a centre and page), each kept with the version it was computed at; the least recently used go first. */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: string; value: T }>();
  constructor(private readonly limit: number) {}

  /** The value computed at exactly this version, if kept. */
  get(key: string, version: string): T | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  set(key: string, version: string, value: T): void {
    this.entries.delete(key);
    this.entries.set(key, { version, value });
    if (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value!);
  }

  /** One value: kept, or computed and kept. */
  async one(key: string, version: string, compute: () => Promise<T>): Promise<T> {
    const kept = this.get(key, version);
    if (kept !== undefined) return kept;
    const value = await compute();
    this.set(key, version, value);
    return value;
  }

  /**
   * The values for these candidates at these versions: kept ones as they are, the rest from
   * `compute` (given only the missing ids) and kept.
   */
  async load(
    versions: Map<string, string>,
    compute: (keys: string[]) => Promise<Map<string, T>>,
  ): Promise<Map<string, T>> {
    const found = new Map<string, T>();
    for (const [id, version] of versions) {
      const value = this.get(id, version);
      if (value !== undefined) found.set(id, value);
    }
    const missing = [...versions.keys()].filter((id) => !found.has(id));
    if (missing.length > 0) {
      for (const [id, value] of await compute(missing)) {
        this.set(id, versions.get(id)!, value);
        found.set(id, value);
      }
    }
    return found;
  }
}
