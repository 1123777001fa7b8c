// Checks the audit trail's hash chains (decision 0014): each centre's events, in order, each
// linking to the one before and hashing to what it stores. The hash is recomputed here, in
// Node, from the stored fields, with the database's canonical text of `detail`.
import { createHash } from "node:crypto";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

type Db = Pick<PrismaClient, "$queryRaw">;
type Row = { id: string; centreId: string | null; actorId: string | null; action: string; subjectType: string; subjectId: string; detail: string; atMs: string; at: Date; prevHash: string; hash: string };

export interface ChainReport {
  centreId: string | null;
  events: number;
  /** The first event where the chain does not hold, and why; null when it holds throughout. */
  firstBreak: { id: string; at: Date; reason: string } | null;
}

/** What each event's hash covers: its fields, each as "<bytes>:<text>\n", then the previous hash. */
export function eventHash(row: Omit<Row, "hash" | "at">): string {
  const fields = [row.id, row.centreId ?? "", row.actorId ?? "", row.action, row.subjectType, row.subjectId, row.detail, row.atMs, row.prevHash];
  return createHash("sha256").update(fields.map((f) => `${Buffer.byteLength(f, "utf8")}:${f}\n`).join(""), "utf8").digest("hex");
}

const BATCH = 5_000;

/** Walks one centre's chain (null: the platform's own events) a batch at a time, so memory stays flat. */
export async function verifyChain(db: Db, centreId: string | null): Promise<ChainReport> {
  let previous = "";
  let after = "0";
  let events = 0;
  for (;;) {
    const rows = await db.$queryRaw<Row[]>`
      SELECT id::text, "centreId"::text, "actorId"::text, action, "subjectType", "subjectId", detail::text AS detail,
             (extract(epoch FROM at) * 1000)::bigint::text AS "atMs", at, "prevHash", hash
      FROM "AuditEvent"
      WHERE ${centreId === null ? Prisma.sql`"centreId" IS NULL` : Prisma.sql`"centreId" = ${centreId}::uuid`} AND "AuditEvent".id > ${after}::bigint
      ORDER BY "AuditEvent".id LIMIT ${BATCH}`;
    for (const row of rows) {
      events += 1;
      if (row.prevHash !== previous) {
        return { centreId, events, firstBreak: { id: row.id, at: row.at, reason: "its link to the event before does not match: an event before it was removed, added or changed" } };
      }
      if (eventHash(row) !== row.hash) {
        return { centreId, events, firstBreak: { id: row.id, at: row.at, reason: "its content no longer matches its hash: it was changed after it was recorded" } };
      }
      previous = row.hash;
    }
    if (rows.length < BATCH) return { centreId, events, firstBreak: null };
    after = rows.at(-1)!.id;
  }
}

/** Every chain in the database: each centre's, and the platform's. */
export async function verifyAllChains(db: Db): Promise<ChainReport[]> {
  const chains = await db.$queryRaw<{ centreId: string | null }[]>`SELECT DISTINCT "centreId"::text FROM "AuditEvent" ORDER BY 1 NULLS FIRST`;
  const reports: ChainReport[] = [];
  for (const c of chains) reports.push(await verifyChain(db, c.centreId));
  return reports;
}
