// `npm run restore -- <backup folder>`: a backup (lib/backup/backup.ts) into an EMPTY database and
// evidence store. The schema is rebuilt from the migrations in the backup, then every table is
// copied back in one transaction, with the tables' own triggers off while it runs: the audit
// chain's rows go back exactly as they were (ids, hashes) rather than being chained again, and
// the permanent-record triggers are back on before anyone can write. Foreign keys stay checked.
// Each file is hashed again as it goes back; a file whose bytes do not match is reported, not
// stored.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { copyFile, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { deployMigrations } from "../db/migrations";
import { prepareJobQueue } from "../jobs/queue";
import type { EvidenceStorage } from "../storage/types";
import { BACKUP_FORMAT, type BackupManifest } from "./backup";

export type RestoreReport = {
  tables: number;
  rows: number;
  files: number;
  badFiles: string[];
  missingInBackup: string[];
  alreadyInStore: string[];
};

async function sha256Of(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export async function restore(options: {
  folder: string;
  databaseUrl: string;
  storage: EvidenceStorage;
}): Promise<RestoreReport> {
  const manifest = JSON.parse(await readFile(path.join(options.folder, "manifest.json"), "utf8")) as BackupManifest;
  if (manifest.format !== BACKUP_FORMAT)
    throw new Error(`Not a backup this version can restore (format ${String(manifest.format)}).`);

  const client = new pg.Client({ connectionString: options.databaseUrl, application_name: "eportfolio-restore" });
  await client.connect();
  let rows = 0;
  try {
    const { rows: existing } = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')`,
    );
    if (Number(existing[0]!.n) > 0) throw new Error("The database is not empty: restore into a new, empty database.");
    await deployMigrations(options.databaseUrl, path.join(options.folder, "migrations"));
    await client.query("BEGIN");
    for (const t of manifest.tables) {
      await client.query(`ALTER TABLE "${t.name}" DISABLE TRIGGER USER`);
      await pipeline(
        createReadStream(path.join(options.folder, t.file)),
        client.query(copyFrom(`COPY "${t.name}" FROM STDIN WITH (FORMAT binary)`)),
      );
      await client.query(`ALTER TABLE "${t.name}" ENABLE TRIGGER USER`);
      const n = Number((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${t.name}"`)).rows[0]!.n);
      if (n !== t.rows) throw new Error(`${t.name}: ${n} rows restored, the backup has ${t.rows}.`);
      rows += n;
    }
    // Sequences carry on after the highest id restored.
    const { rows: sequences } = await client.query<{ tbl: string; col: string; seq: string }>(
      `SELECT c.relname AS tbl, a.attname AS col, s.relname AS seq FROM pg_class s
       JOIN pg_depend d ON d.objid = s.oid AND d.deptype IN ('a', 'i')
       JOIN pg_class c ON c.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.refobjsubid
       WHERE s.relkind = 'S' AND c.relnamespace = 'public'::regnamespace`,
    );
    for (const s of sequences) {
      await client.query(
        `SELECT setval('"${s.seq}"', GREATEST((SELECT max("${s.col}") FROM "${s.tbl}"), 1), (SELECT max("${s.col}") FROM "${s.tbl}") IS NOT NULL)`,
      );
    }
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
  await prepareJobQueue(options.databaseUrl);

  const report: RestoreReport = {
    tables: manifest.tables.length,
    rows,
    files: 0,
    badFiles: [],
    missingInBackup: [],
    alreadyInStore: [],
  };
  const scratch = await mkdtemp(path.join(tmpdir(), "restore-"));
  try {
    for (const f of manifest.files) {
      if (f.status !== "copied") {
        report.missingInBackup.push(f.storageKey);
        continue;
      }
      const source = path.join(options.folder, "files", f.storageKey);
      if ((await sha256Of(source).catch(() => null)) !== f.sha256) {
        report.badFiles.push(f.storageKey);
        continue;
      }
      // Never over a file already in the store: it is reported, and left as it is.
      if (await options.storage.exists(f.storageKey)) {
        report.alreadyInStore.push(f.storageKey);
        continue;
      }
      const staged = path.join(scratch, randomUUID());
      await copyFile(source, staged);
      await options.storage.putFile(f.storageKey, staged, f.size);
      report.files++;
    }
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  return report;
}
