// Checks the audit trail's hash chains (decision 0014): each centre's events, in order, each
// linking to the one before and hashing to what it stores. The hash is recomputed here, in
// Node, from the stored fields, with the database's canonical text of `detail`.
import { createHash } from "node:crypto";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

type Db = Pick<PrismaClient, "$queryRaw">;
type Row = {
  id: string;
  centreId: string | null;
  actorId: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  detail: string;
  atMs: string;
  at: Date;
  prevHash: string;
  hash: string;
};

export interface ChainReport {
  centreId: string | null;
  events: number;
  /** The first event where the chain does not hold, and why; null when it holds throughout. */
  firstBreak: { id: string; at: Date; reason: string } | null;
}

/** What each event's hash covers: its fields, each as "<bytes>:<text>\n", then the previous hash. */
export function eventHash(row: Omit<Row, "hash" | "at">): string {
  const fields = [
    row.id,
    row.centreId ?? "",
    row.actorId ?? "",
    row.action,
    row.subjectType,
    row.subjectId,
    row.detail,
    row.atMs,
    row.prevHash,
  ];
  return createHash("sha256")
    .update(fields.map((f) => `${Buffer.byteLength(f, "utf8")}:${f}\n`).join(""), "utf8")
    .digest("hex");
}

const BATCH = 5_000;

/** A chain head recorded outside the chain: a checkpoint, a claim pack, or one given to `verify`. */
export type Anchor = { eventId: string; hash: string; what: string };

/**
 * The centre's anchors: its checkpoints (AuditCheckpoint, recorded when claims are raised and
 * decided and when its EV opens it) and the heads its claim packs captured. Few per centre.
 */
export async function anchorsOf(db: Db, centreId: string): Promise<Anchor[]> {
  const rows = await db.$queryRaw<{ eventId: string; hash: string; what: string }[]>`
    SELECT "eventId"::text AS "eventId", hash, 'the checkpoint recorded ' || to_char("recordedAt" AT TIME ZONE 'Europe/London', 'DD/MM/YYYY HH24:MI') || ' (' || reason || ')' AS what
    FROM "AuditCheckpoint" WHERE "centreId" = ${centreId}::uuid
    UNION ALL
    SELECT pack->'auditHead'->>'eventId', pack->'auditHead'->>'hash', 'the claim pack of ' || to_char("raisedAt" AT TIME ZONE 'Europe/London', 'DD/MM/YYYY HH24:MI')
    FROM "CertificateClaim" WHERE "centreId" = ${centreId}::uuid AND pack ? 'auditHead'`;
  return rows;
}

/**
 * Walks one centre's chain (null: the platform's own events) a batch at a time, so memory stays
 * flat, and checks it against the heads recorded outside it (`anchors`, by default the centre's
 * checkpoints and claim packs, plus any `expected`): a chain whose newest events were removed, or
 * that was rewritten from some event on with fresh hashes, no longer holds an anchored event as it was.
 */
export async function verifyChain(db: Db, centreId: string | null, expected: Anchor[] = []): Promise<ChainReport> {
  const anchors = [...(centreId === null ? [] : await anchorsOf(db, centreId)), ...expected];
  const byId = new Map<string, Anchor[]>();
  for (const a of anchors) byId.set(a.eventId, [...(byId.get(a.eventId) ?? []), a]);
  const seen = new Set<string>();
  let previous = "";
  let after = "0";
  let events = 0;
  let last: { id: string; at: Date } | null = null;
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
        return {
          centreId,
          events,
          firstBreak: {
            id: row.id,
            at: row.at,
            reason: "its link to the event before does not match: an event before it was removed, added or changed",
          },
        };
      }
      if (eventHash(row) !== row.hash) {
        return {
          centreId,
          events,
          firstBreak: {
            id: row.id,
            at: row.at,
            reason: "its content no longer matches its hash: it was changed after it was recorded",
          },
        };
      }
      for (const a of byId.get(row.id) ?? []) {
        if (a.hash !== row.hash)
          return {
            centreId,
            events,
            firstBreak: {
              id: row.id,
              at: row.at,
              reason: `it does not match ${a.what}, which recorded it with another hash: the chain was rewritten from here`,
            },
          };
      }
      if (byId.has(row.id)) seen.add(row.id);
      previous = row.hash;
      last = { id: row.id, at: row.at };
    }
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }
  const missing = anchors
    .filter((a) => !seen.has(a.eventId))
    .sort((a, b) => (BigInt(b.eventId) > BigInt(a.eventId) ? 1 : -1))[0];
  if (missing) {
    return {
      centreId,
      events,
      firstBreak: {
        id: missing.eventId,
        at: last?.at ?? new Date(0),
        reason: `event ${missing.eventId}, recorded by ${missing.what}, is no longer in the chain${last ? ` (it now ends at event ${last.id})` : ""}: events were removed from it`,
      },
    };
  }
  return { centreId, events, firstBreak: null };
}

/** Records the centre's chain head as a checkpoint, unless a checkpoint already holds that event; returns the head. */
export async function recordCheckpoint(
  db: Db,
  centreId: string,
  reason: string,
): Promise<{ eventId: string; hash: string } | null> {
  const [head] = await db.$queryRaw<{ eventId: string; hash: string }[]>`
    SELECT id::text AS "eventId", hash FROM "AuditEvent" WHERE "centreId" = ${centreId}::uuid ORDER BY id DESC LIMIT 1`;
  if (!head) return null;
  await db.$queryRaw`
    INSERT INTO "AuditCheckpoint" (id, "centreId", "eventId", hash, reason)
    SELECT gen_random_uuid(), ${centreId}::uuid, ${head.eventId}::bigint, ${head.hash}, ${reason}
    WHERE NOT EXISTS (SELECT 1 FROM "AuditCheckpoint" WHERE "centreId" = ${centreId}::uuid AND "eventId" = ${head.eventId}::bigint)`;
  return head;
}

/**
 * Every chain in the database: each centre's, and the platform's; also a centre with checkpoints
 * but no events left. `expected`: heads given to `verify` by centre id.
 */
export async function verifyAllChains(db: Db, expected: Map<string, Anchor[]> = new Map()): Promise<ChainReport[]> {
  const chains = await db.$queryRaw<{ centreId: string | null }[]>`
    SELECT DISTINCT "centreId"::text FROM "AuditEvent" UNION SELECT DISTINCT "centreId"::text FROM "AuditCheckpoint" ORDER BY 1 NULLS FIRST`;
  for (const id of expected.keys()) if (!chains.some((c) => c.centreId === id)) chains.push({ centreId: id });
  const reports: ChainReport[] = [];
  for (const c of chains)
    reports.push(await verifyChain(db, c.centreId, c.centreId ? (expected.get(c.centreId) ?? []) : []));
  return reports;
}
