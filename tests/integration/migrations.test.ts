// The offline migration workflow: create (diff committed migrations -> schema), deploy (with
// Prisma's own bookkeeping), and the drift check CI relies on.
import { createHash } from "node:crypto";
import { cp, mkdtemp, readFile, appendFile, mkdir, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type pg from "pg";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { withPgClient } from "@/lib/db/pg-client";
import {
  createMigration,
  deployMigrations,
  listMigrations,
  pendingSchemaChanges,
  type MigrationPaths,
} from "@/lib/db/migrations";
import { withDatabaseName } from "../support/test-database";

const query = <T extends pg.QueryResultRow>(url: string, sql: string) =>
  withPgClient(url, async (c) => (await c.query<T>(sql)).rows);

async function freshDatabase(label: string) {
  const name = `mig_${label}_${Date.now()}`;
  await query(inject("serverUrl"), `CREATE DATABASE "${name}"`);
  return withDatabaseName(inject("serverUrl"), name);
}

describe("offline migrations", () => {
  let paths: MigrationPaths;
  beforeAll(async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "migrations-"));
    await cp(path.resolve("prisma/schema.prisma"), path.join(dir, "schema.prisma"));
    await cp(path.resolve("prisma/migrations"), path.join(dir, "migrations"), { recursive: true });
    paths = { schemaPath: path.join(dir, "schema.prisma"), migrationsDir: path.join(dir, "migrations") };
  });

  it("the committed migrations match schema.prisma (the drift check)", async () => {
    expect(await pendingSchemaChanges()).toBe("");
  });

  it("creates a migration for a schema change, after which there is no drift", async () => {
    await appendFile(
      paths.schemaPath,
      "\nmodel Widget {\n  id   Int    @id @default(autoincrement())\n  name String @unique\n}\n",
    );
    const pending = await pendingSchemaChanges(paths);
    expect(pending).toContain('CREATE TABLE "Widget"');

    const folder = await createMigration("add_widget", paths, new Date("2030-01-01T12:00:00Z"));
    expect(folder).toBe("20300101120000_add_widget");
    expect(await readFile(path.join(paths.migrationsDir, folder!, "migration.sql"), "utf8")).toBe(pending);
    expect(await pendingSchemaChanges(paths)).toBe("");
    expect(await createMigration("nothing_new", paths)).toBeNull();
  });

  it("rejects migration names that are not simple identifiers", async () => {
    await expect(createMigration("../escape", paths)).rejects.toThrow(/lower-case/);
  });

  it("deploys pending migrations once, recorded exactly as prisma migrate deploy records them", async () => {
    const url = await freshDatabase("deploy");
    const migrations = await listMigrations(paths.migrationsDir);
    expect(await deployMigrations(url, paths.migrationsDir)).toEqual(migrations.map((m) => m.name));
    expect(await deployMigrations(url, paths.migrationsDir)).toEqual([]);

    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
    }>(
      url,
      `SELECT migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.entries()) {
      const sql = await readFile(path.join(paths.migrationsDir, row.migration_name, "migration.sql"));
      expect(row.checksum).toBe(createHash("sha256").update(sql).digest("hex"));
      expect(row.finished_at).not.toBeNull();
      expect(row.applied_steps_count).toBe(1);
      expect(row.migration_name).toBe(migrations[i]!.name);
    }
    expect(await query(url, `SELECT * FROM "Widget"`)).toEqual([]);
  });

  it("applies a failing migration not at all, and reports which one failed", async () => {
    const url = await freshDatabase("failing");
    const dir = await mkdtemp(path.join(tmpdir(), "bad-migrations-"));
    await mkdir(path.join(dir, "20300101000000_ok"));
    await writeFile(path.join(dir, "20300101000000_ok", "migration.sql"), "CREATE TABLE ok_table (id int);");
    await mkdir(path.join(dir, "20300102000000_bad"));
    await writeFile(
      path.join(dir, "20300102000000_bad", "migration.sql"),
      "CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;",
    );
    await expect(deployMigrations(url, dir)).rejects.toThrow(/20300102000000_bad failed/);
    const tables = await query<{ tablename: string }>(
      url,
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`,
    );
    expect(tables.map((t) => t.tablename)).toEqual(["_prisma_migrations", "ok_table"]);
  });
});
