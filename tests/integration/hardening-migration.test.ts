// The hardening migration on a database that already holds data of the old shape: it must apply,
// and leave the data as the new rules need it.
import { cp, mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type pg from "pg";
import { describe, expect, inject, it } from "vitest";
import { deployMigrations } from "@/lib/db/migrations";
import { withPgClient } from "@/lib/db/pg-client";
import { withDatabaseName } from "../support/test-database";

const run = <T extends pg.QueryResultRow>(url: string, sql: string) =>
  withPgClient(url, async (c) => (await c.query<T>(sql)).rows);

describe("the hardening migration on existing data", () => {
  it("applies, converts sign-in attempts, detaches verifiers from centres and keeps one next version per piece of evidence", async () => {
    const name = `mig_hardening_${Date.now()}`;
    await run(inject("serverUrl"), `CREATE DATABASE "${name}"`);
    const url = withDatabaseName(inject("serverUrl"), name);
    const all = path.resolve("prisma/migrations");
    const before = await mkdtemp(path.join(tmpdir(), "before-hardening-"));
    for (const folder of (await readdir(all)).filter((f) => f < "20261125" || f === "migration_lock.toml")) {
      await cp(path.join(all, folder), path.join(before, folder), { recursive: true });
    }
    await deployMigrations(url, before);
    await run(
      url,
      `
      INSERT INTO "Centre" (id, code, name) VALUES ('00000000-0000-4000-8000-000000000001', 'C1', 'Centre One');
      INSERT INTO "User" (id, "centreId", email, name, "passwordHash", "updatedAt") VALUES
        ('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-000000000001', 'ev@x.example', 'EV only', 'x', now()),
        ('00000000-0000-4000-8000-0000000000e2', '00000000-0000-4000-8000-000000000001', 'mixed@x.example', 'IV and EV', 'x', now()),
        ('00000000-0000-4000-8000-0000000000c1', '00000000-0000-4000-8000-000000000001', 'cand@x.example', 'Candidate', 'x', now());
      INSERT INTO "UserRole" ("userId", role) VALUES
        ('00000000-0000-4000-8000-0000000000e1', 'EXTERNAL_VERIFIER'),
        ('00000000-0000-4000-8000-0000000000e2', 'EXTERNAL_VERIFIER'), ('00000000-0000-4000-8000-0000000000e2', 'INTERNAL_VERIFIER'),
        ('00000000-0000-4000-8000-0000000000c1', 'CANDIDATE');
      INSERT INTO "ExternalVerifierCentre" ("userId", "centreId") VALUES
        ('00000000-0000-4000-8000-0000000000e1', '00000000-0000-4000-8000-000000000001'),
        ('00000000-0000-4000-8000-0000000000e2', '00000000-0000-4000-8000-000000000001');
      INSERT INTO "LoginAttempt" (email, ip, succeeded) VALUES ('a@x.example', '10.0.0.1', true), ('a@x.example', '10.0.0.1', false);
      INSERT INTO "Evidence" (id, "candidateId", title, description, "activityDate", method, status, "updatedAt", "createdAt", "previousVersionId") VALUES
        ('00000000-0000-4000-8000-00000000000a', '00000000-0000-4000-8000-0000000000c1', 'v1', '', '2026-01-01', 'PRODUCT', 'SUBMITTED', now(), now() - interval '3 minutes', NULL),
        ('00000000-0000-4000-8000-00000000000b', '00000000-0000-4000-8000-0000000000c1', 'v2', '', '2026-01-01', 'PRODUCT', 'DRAFT', now(), now() - interval '2 minutes', '00000000-0000-4000-8000-00000000000a'),
        ('00000000-0000-4000-8000-00000000000c', '00000000-0000-4000-8000-0000000000c1', 'v2 again', '', '2026-01-01', 'PRODUCT', 'DRAFT', now(), now() - interval '1 minute', '00000000-0000-4000-8000-00000000000a');
    `,
    );

    // Later migrations follow; the hardening one is the first this data meets.
    expect((await deployMigrations(url, all))[0]).toMatch(/_hardening$/);
    expect(await run(url, `SELECT outcome FROM "LoginAttempt" ORDER BY id`)).toEqual([
      { outcome: "succeeded" },
      { outcome: "failed" },
    ]);
    const users = await run<{ email: string; centreId: string | null }>(
      url,
      `SELECT email, "centreId" FROM "User" ORDER BY email`,
    );
    expect(users).toEqual([
      { email: "cand@x.example", centreId: "00000000-0000-4000-8000-000000000001" },
      { email: "ev@x.example", centreId: null }, // a verifier only: now a platform account, still appointed
      { email: "mixed@x.example", centreId: "00000000-0000-4000-8000-000000000001" },
    ]);
    expect(await run(url, `SELECT u.email FROM "ExternalVerifierCentre" a JOIN "User" u ON u.id = a."userId"`)).toEqual(
      [{ email: "ev@x.example" }],
    );
    expect(
      await run(url, `SELECT role FROM "UserRole" WHERE "userId" = '00000000-0000-4000-8000-0000000000e2'`),
    ).toEqual([{ role: "INTERNAL_VERIFIER" }]);
    const versions = await run<{ title: string; previous: string | null }>(
      url,
      `SELECT e.title, p.title AS previous FROM "Evidence" e LEFT JOIN "Evidence" p ON p.id = e."previousVersionId" ORDER BY e."createdAt"`,
    );
    // The double click's copy stands on its own; the first stays the next version.
    expect(versions).toEqual([
      { title: "v1", previous: null },
      { title: "v2", previous: "v1" },
      { title: "v2 again", previous: null },
    ]);
    await run(inject("serverUrl"), `DROP DATABASE "${name}" WITH (FORCE)`);
  });
});
