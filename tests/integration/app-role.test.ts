// The app's own database role (decision 0020) on real PostgreSQL: it reads and writes rows, and
// cannot switch off the triggers that keep decisions and the audit trail permanent, nor step
// around them, because only a table's owner or a superuser can.
import { inject, beforeAll, describe, expect, it } from "vitest";
import { ensureAppRole } from "@/lib/db/app-role";
import { withPgClient } from "@/lib/db/pg-client";

describe("the app's database role", () => {
  let appUrl: string;
  beforeAll(async () => {
    appUrl = await ensureAppRole(inject("databaseUrl"));
  });

  it("reads and writes rows, as the app does", async () => {
    await withPgClient(appUrl, async (client) => {
      const { rows } = await client.query<{ user: string; superuser: string }>(
        "SELECT current_user AS user, current_setting('is_superuser') AS superuser",
      );
      expect(rows[0]).toEqual({ user: "eportfolio_app", superuser: "off" });
      await client.query("BEGIN");
      const centre = await client.query<{ id: string }>(
        `INSERT INTO "Centre" (id, code, name) VALUES (gen_random_uuid(), 'C-ROLE-' || floor(random() * 1e9)::text, 'Role test') RETURNING id`,
      );
      await client.query(
        `INSERT INTO "AuditEvent" ("centreId", action, "subjectType", "subjectId") VALUES ($1, 'test.role', 'Test', 'x')`,
        [centre.rows[0]!.id],
      );
      expect(
        (await client.query(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "centreId" = $1`, [centre.rows[0]!.id]))
          .rows[0].n,
      ).toBe(1);
      await client.query("ROLLBACK");
    });
  });

  it("cannot disable a trigger, step around triggers, or change the schema", async () => {
    await withPgClient(appUrl, async (client) => {
      await expect(client.query(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`)).rejects.toThrow(
        /must be owner/,
      );
      await expect(client.query(`ALTER TABLE "UnitSignOff" DISABLE TRIGGER ALL`)).rejects.toThrow(/must be owner/);
      await expect(client.query(`SET session_replication_role = replica`)).rejects.toThrow(/permission denied/);
      await expect(client.query(`DROP TRIGGER "UnitSignOff_permanent" ON "UnitSignOff"`)).rejects.toThrow(
        /must be owner/,
      );
      await expect(client.query(`CREATE TABLE role_test (id int)`)).rejects.toThrow(/permission denied/);
      await expect(
        client.query(`DELETE FROM "AuditEvent" WHERE false OR id = (SELECT min(id) FROM "AuditEvent")`),
      ).rejects.toThrow(/append-only/);
      await expect(client.query(`SELECT * FROM "_prisma_migrations" LIMIT 1`)).rejects.toThrow(/permission denied/);
      // Nor move the audit trail's ids (nextval is enough to insert).
      await expect(client.query(`SELECT setval(pg_get_serial_sequence('"AuditEvent"', 'id'), 1)`)).rejects.toThrow(
        /permission denied/,
      );
    });
  });

  it("is brought up to date when run again (another start, a new migration)", async () => {
    expect(await ensureAppRole(inject("databaseUrl"))).toBe(appUrl);
  });
});
