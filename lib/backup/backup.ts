// `npm run backup`: the database and the evidence files, consistently, into one folder.
//  - The database: every table of the app's schema, copied in PostgreSQL's binary COPY format
//    (exact for every type) inside ONE read-only REPEATABLE READ transaction, so all tables are of
//    the same instant; the migrations that made that schema are copied beside them, so a restore
//    rebuilds exactly that schema. (pg_dump would do the same, but no pg_dump for the server's
//    version 18 installs here: Debian ships 15, which refuses a newer server.)
//  - The files: every evidence file the snapshot's rows name, read from the store (local or S3)
//    and hashed on the way, so the manifest says for each whether it matched its recorded SHA-256.
//    Stored files never change once written, so copying them after the snapshot is consistent.
//  - manifest.json: when, the tables with their row counts, the files, the latest audit hash of
//    each centre's chain (an anchor kept outside the database: decision 0014).
// The job queue's own tables (schema pgboss) are not included: queued e-mail is transient, and
// scheduled jobs are recreated when a worker starts.
import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { chmod, copyFile, mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { EvidenceStorage } from "../storage/types";

export const BACKUP_FORMAT = "eportfolio-backup/1";

export type BackupManifest = {
  format: typeof BACKUP_FORMAT;
  takenAt: string;
  migrations: string[];
  tables: { name: string; rows: number; file: string }[];
  files: { storageKey: string; sha256: string; size: number; status: "copied" | "missing" | "hash-mismatch" }[];
  auditAnchors: { centreId: string | null; lastEventId: string; lastHash: string }[];
};

/** Tables of the app's schema, parents before children (foreign keys), for copying back in order. */
export async function tablesInOrder(client: pg.Client): Promise<string[]> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p') AND c.relname <> '_prisma_migrations' ORDER BY 1`,
  );
  const { rows: edges } = await client.query<{ child: string; parent: string }>(
    `SELECT c.relname AS child, p.relname AS parent FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
     WHERE k.contype = 'f' AND c.relnamespace = 'public'::regnamespace AND c.oid <> p.oid`,
  );
  const names = tables.map((t) => t.name);
  const ordered: string[] = [];
  const placed = new Set<string>();
  while (ordered.length < names.length) {
    const ready = names.filter(
      (n) => !placed.has(n) && edges.every((e) => e.child !== n || placed.has(e.parent) || !names.includes(e.parent)),
    );
    if (ready.length === 0) throw new Error("The tables' foreign keys form a cycle; cannot order them for a restore.");
    for (const n of ready) {
      ordered.push(n);
      placed.add(n);
    }
  }
  return ordered;
}

export async function backup(options: {
  databaseUrl: string;
  storage: EvidenceStorage;
  migrationsDir: string;
  into: string;
}): Promise<{ folder: string; manifest: BackupManifest }> {
  const takenAt = new Date();
  const folder = path.join(options.into, `backup-${takenAt.toISOString().replace(/[:.]/g, "-")}`);
  // Personal data of every candidate: readable by this account alone (keep backups encrypted at rest).
  await mkdir(path.join(folder, "tables"), { recursive: true, mode: 0o700 });
  await chmod(folder, 0o700);
  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: "eportfolio-backup" });
  await client.connect();
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    takenAt: takenAt.toISOString(),
    migrations: [],
    tables: [],
    files: [],
    auditAnchors: [],
  };
  let files: { storageKey: string; sha256: string; size: string }[];
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    manifest.migrations = (
      await client.query<{ migration_name: string }>(
        `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL ORDER BY migration_name`,
      )
    ).rows.map((r) => r.migration_name);
    for (const table of await tablesInOrder(client)) {
      const file = `tables/${table}.copy`;
      const rows = Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}"`)).rows[0]!.n);
      await pipeline(
        client.query(copyTo(`COPY "${table}" TO STDOUT WITH (FORMAT binary)`)),
        createWriteStream(path.join(folder, file), { mode: 0o600 }),
      );
      manifest.tables.push({ name: table, rows, file });
    }
    files = (
      await client.query<{ storageKey: string; sha256: string; size: string }>(
        `SELECT "storageKey", sha256, size::text FROM "EvidenceFile" WHERE "deletedAt" IS NULL ORDER BY "storageKey"`,
      )
    ).rows;
    manifest.auditAnchors = (
      await client.query<{ centreId: string | null; id: string; hash: string }>(
        // Qualified names: the text columns selected must not be what the rows are ordered by
        // ("999" sorts after "1000").
        `SELECT DISTINCT ON (e."centreId") e."centreId"::text AS "centreId", e.id::text AS id, e.hash FROM "AuditEvent" e ORDER BY e."centreId", e.id DESC`,
      )
    ).rows.map((r) => ({ centreId: r.centreId, lastEventId: r.id, lastHash: r.hash }));
    await client.query("COMMIT");
  } finally {
    await client.end();
  }

  // The schema as it was: the migrations applied, copied with the backup.
  await mkdir(path.join(folder, "migrations"), { recursive: true });
  for (const name of manifest.migrations) {
    await mkdir(path.join(folder, "migrations", name), { recursive: true });
    await copyFile(
      path.join(options.migrationsDir, name, "migration.sql"),
      path.join(folder, "migrations", name, "migration.sql"),
    );
  }
  for (const extra of await readdir(options.migrationsDir)) {
    if (extra.endsWith(".toml"))
      await copyFile(path.join(options.migrationsDir, extra), path.join(folder, "migrations", extra));
  }

  for (const f of files) {
    const target = path.join(folder, "files", f.storageKey);
    if (!(await options.storage.exists(f.storageKey).catch(() => false))) {
      manifest.files.push({ storageKey: f.storageKey, sha256: f.sha256, size: Number(f.size), status: "missing" });
      continue;
    }
    await mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const hash = createHash("sha256");
    const hashing = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    await pipeline(await options.storage.read(f.storageKey), hashing, createWriteStream(target, { mode: 0o600 }));
    manifest.files.push({
      storageKey: f.storageKey,
      sha256: f.sha256,
      size: Number(f.size),
      status: hash.digest("hex") === f.sha256 ? "copied" : "hash-mismatch",
    });
  }
  await writeFile(path.join(folder, "manifest.json"), JSON.stringify(manifest, null, 2), { mode: 0o600 });
  return { folder, manifest };
}
