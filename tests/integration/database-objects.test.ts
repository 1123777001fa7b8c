// The triggers and functions the migrations make are checked against prisma/database-objects.json
// (the schema diff cannot see them): the migrated test database matches it, and a change shows up.
import { describe, expect, it } from "vitest";
import { compareDatabaseObjects, readDatabaseObjects, readObjectsFile } from "@/lib/db/database-objects";
import { withPgClient } from "@/lib/db/pg-client";

describe("database triggers and functions", () => {
  it("the migrated database holds exactly the checked-in list", async () => {
    const listed = await readObjectsFile();
    expect(listed.triggers.length).toBeGreaterThan(50);
    expect(compareDatabaseObjects(listed, await readDatabaseObjects(process.env.DATABASE_URL!))).toEqual([]);
  });

  it("names a function or trigger added, changed or dropped", async () => {
    const listed = await readObjectsFile();
    const url = process.env.DATABASE_URL!;
    await withPgClient(url, (c) =>
      c.query(`CREATE FUNCTION zz_objects_check() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$`),
    );
    try {
      expect(compareDatabaseObjects(listed, await readDatabaseObjects(url))).toEqual([
        "function not in the list: zz_objects_check()",
      ]);
    } finally {
      await withPgClient(url, (c) => c.query(`DROP FUNCTION zz_objects_check()`));
    }
    const [first] = listed.functions;
    const changed = {
      ...listed,
      functions: listed.functions.map((f) => (f === first ? { ...f, sha256: "0".repeat(64) } : f)),
    };
    expect(compareDatabaseObjects(changed, listed)).toEqual([`function changed: ${first!.signature}`]);
    const dropped = { ...listed, triggers: listed.triggers.slice(1) };
    expect(compareDatabaseObjects(listed, dropped)).toEqual([
      `trigger missing from the database: ${listed.triggers[0]}`,
    ]);
    const unindexed = { ...listed, indexes: listed.indexes.slice(1) };
    expect(compareDatabaseObjects(listed, unindexed)).toEqual([
      `index missing from the database: ${listed.indexes[0]}`,
    ]);
  });
});
