// Backup and restore on real PostgreSQL and real evidence storage: a backup of the live test
// database (other test files writing meanwhile) restores into an empty database and an empty store
// with the same rows, every file's SHA-256 and every audit chain intact and ending where the backup
// says; a tampered file in a backup is refused; a database that is not empty is refused.
import { createHash } from "node:crypto";
import { mkdtemp, readdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyAllChains } from "@/lib/audit/chain";
import { backup, type BackupManifest } from "@/lib/backup/backup";
import { restore } from "@/lib/backup/restore";
import { defaultPaths } from "@/lib/db/migrations";
import { withPgClient } from "@/lib/db/pg-client";
import { withPrisma } from "@/lib/db/prisma-script";
import { db } from "@/lib/server/core/internal/db";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { evidenceStorage } from "@/lib/storage";
import { LocalStorage } from "@/lib/storage/local";
import { withDatabaseName } from "../support/test-database";
import { actorFor, makeWorld, unique, type World } from "./fixtures";

describe("backup and restore", () => {
  let w: World;
  const stored: { key: string; sha256: string }[] = [];
  const created: string[] = [];
  const emptyDatabase = async () => {
    const name = `restore_${unique("db").replace(/-/g, "_")}`;
    await withPgClient(inject("serverUrl"), (c) => c.query(`CREATE DATABASE "${name}"`));
    created.push(name);
    return withDatabaseName(inject("serverUrl"), name);
  };

  beforeAll(async () => {
    w = await makeWorld();
    const dir = await mkdtemp(path.join(tmpdir(), "backup-src-"));
    for (const text of ["Call log, week 41\n", "Observation notes\n".repeat(5000)]) {
      const bytes = Buffer.from(text);
      const key = `test/${unique("backup")}`;
      const file = path.join(dir, unique("f"));
      await writeFile(file, bytes);
      await evidenceStorage().putFile(key, file, bytes.length);
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      await db().evidenceFile.create({
        data: {
          evidenceId: w.evidenceSubmitted.evidenceId,
          storageKey: key,
          displayName: "f.txt",
          contentType: "text/plain",
          size: BigInt(bytes.length),
          sha256,
          scanStatus: "not-scanned",
          scanDetail: "",
        },
      });
      stored.push({ key, sha256 });
    }
    // Events on the world's centre's chain, so there is a chain to carry over.
    const admin = await actorFor(w.users.admin.id);
    await db().$transaction((tx) =>
      recordAudit(tx, admin, { action: "test.backup", subjectType: "Centre", subjectId: w.a.id }),
    );
  });
  afterAll(async () => {
    for (const name of created)
      await withPgClient(inject("serverUrl"), (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  });

  it("restores into an empty instance with every file hash and the audit chain verified", async () => {
    const into = await mkdtemp(path.join(tmpdir(), "backups-"));
    const { folder, manifest } = await backup({
      databaseUrl: process.env.DATABASE_URL!,
      storage: evidenceStorage(),
      migrationsDir: defaultPaths.migrationsDir,
      into,
    });
    for (const s of stored)
      expect(manifest.files.find((f) => f.storageKey === s.key)).toMatchObject({ sha256: s.sha256, status: "copied" });
    // Files the live store does not have (other tests' rows without bytes) are listed as missing, not dropped.
    for (const f of manifest.files.filter((x) => x.status === "missing"))
      expect(await evidenceStorage().exists(f.storageKey)).toBe(false);
    expect(manifest.auditAnchors.find((a) => a.centreId === w.a.id)).toBeTruthy();

    const target = await emptyDatabase();
    const store = new LocalStorage(await mkdtemp(path.join(tmpdir(), "restored-store-")));
    const report = await restore({ folder, databaseUrl: target, storage: store });
    expect(report.badFiles).toEqual([]);
    expect(report.files).toBe(manifest.files.filter((f) => f.status === "copied").length);

    await withPrisma(target, async (prisma) => {
      // The same rows as the snapshot.
      for (const t of manifest.tables) {
        const [row] = await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${t.name}"`);
        expect(Number(row!.n), t.name).toBe(t.rows);
      }
      // Every restored file hashes to its recorded SHA-256.
      const files = await prisma.evidenceFile.findMany({
        where: { deletedAt: null },
        select: { storageKey: true, sha256: true },
      });
      const copied = new Set(manifest.files.filter((f) => f.status === "copied").map((f) => f.storageKey));
      for (const f of files.filter((x) => copied.has(x.storageKey))) {
        const hash = createHash("sha256");
        for await (const chunk of await store.read(f.storageKey)) hash.update(chunk as Buffer);
        expect(hash.digest("hex"), f.storageKey).toBe(f.sha256);
      }
      // Every chain whole, each ending at the backup's anchor. The one exception is a chain that
      // another test file (audit-chain.test.ts) tampers with on purpose while this runs: it must be
      // broken in the source as well, so the restore broke nothing that was whole.
      const chains = await verifyAllChains(prisma);
      expect(chains.find((c) => c.centreId === w.a.id)?.firstBreak).toBeNull();
      const sourceChains = await verifyAllChains(db());
      for (const broken of chains.filter((c) => c.firstBreak)) {
        expect(
          sourceChains.find((c) => c.centreId === broken.centreId)?.firstBreak,
          `chain of centre ${broken.centreId} broken only in the restored copy`,
        ).not.toBeNull();
      }
      const last = await prisma.$queryRaw<
        { centreId: string | null; hash: string }[]
      >`SELECT DISTINCT ON (e."centreId") e."centreId"::text AS "centreId", e.hash FROM "AuditEvent" e ORDER BY e."centreId", e.id DESC`;
      for (const a of manifest.auditAnchors) expect(last.find((l) => l.centreId === a.centreId)?.hash).toBe(a.lastHash);
      // The restored database is a working one: triggers are back (history cannot change) and
      // new events chain on from the last restored one.
      await expect(
        prisma.$executeRawUnsafe(`UPDATE "AuditEvent" SET action = 'x' WHERE id = (SELECT max(id) FROM "AuditEvent")`),
      ).rejects.toThrow();
      await prisma.auditEvent.create({
        data: {
          centreId: w.a.id,
          actorId: null,
          action: "test.after-restore",
          subjectType: "Centre",
          subjectId: w.a.id,
          detail: {},
        },
      });
      const chain = (await verifyAllChains(prisma)).find((c) => c.centreId === w.a.id)!;
      expect(chain.firstBreak).toBeNull();
    });
  });

  it("refuses a tampered file and a database that is not empty", async () => {
    const into = await mkdtemp(path.join(tmpdir(), "backups-"));
    const { folder, manifest } = await backup({
      databaseUrl: process.env.DATABASE_URL!,
      storage: evidenceStorage(),
      migrationsDir: defaultPaths.migrationsDir,
      into,
    });
    const victim = stored[0]!.key;
    await writeFile(path.join(folder, "files", victim), "something else");
    const store = new LocalStorage(await mkdtemp(path.join(tmpdir(), "restored-store-")));
    const report = await restore({ folder, databaseUrl: await emptyDatabase(), storage: store });
    expect(report.badFiles).toEqual([victim]);
    expect(await store.exists(victim)).toBe(false);
    expect((manifest as BackupManifest).format).toBe("eportfolio-backup/1");
    await expect(restore({ folder, databaseUrl: process.env.DATABASE_URL!, storage: store })).rejects.toThrow(
      /not empty/,
    );
    expect((await readdir(path.join(folder, "migrations"))).length).toBeGreaterThan(5);
  });
});
