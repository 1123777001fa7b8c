// npm run db:migrate:create -- <name> | db:migrate:deploy | db:migrate:check  (all work offline)
//   check: the committed migrations match schema.prisma, and the triggers and functions they make
//          match prisma/database-objects.json (on a scratch database: DATABASE_URL's server, or
//          the embedded one). `tsx scripts/migrate.ts objects` rewrites that list after a
//          migration that changes them, for review with the migration.
import { createMigration, defaultPaths, deployMigrations, pendingSchemaChanges } from "../lib/db/migrations";
import { withDatabase } from "../lib/db/database-url";
import { prepareJobQueue } from "../lib/jobs/queue";
import { compareDatabaseObjects, migratedObjects, readObjectsFile, writeObjectsFile } from "../lib/db/database-objects";
import { configOrExit } from "../lib/config/cli";

configOrExit(); // stops here, naming each bad variable

async function main() {
  const [command, name] = process.argv.slice(2);
  switch (command) {
    case "create": {
      if (!name) throw new Error("Usage: npm run db:migrate:create -- <name>");
      const folder = await createMigration(name);
      console.log(
        folder ? `Created prisma/migrations/${folder}/migration.sql` : "No schema changes: nothing to create.",
      );
      return;
    }
    case "deploy": {
      await withDatabase(async (url) => {
        const applied = await deployMigrations(url);
        await prepareJobQueue(url);
        console.log(applied.length ? `Applied: ${applied.join(", ")}` : "No pending migrations.");
      });
      return;
    }
    case "check": {
      const sql = await pendingSchemaChanges(defaultPaths);
      if (sql) {
        console.error(
          "schema.prisma and prisma/migrations disagree. Run `npm run db:migrate:create -- <name>`. Missing SQL:\n" +
            sql,
        );
        process.exitCode = 1;
      } else console.log("Migrations match schema.prisma.");
      const problems = compareDatabaseObjects(await readObjectsFile(), await withDatabase(migratedObjects));
      if (problems.length) {
        console.error(
          "The migrations' triggers and functions differ from prisma/database-objects.json:\n  " +
            problems.join("\n  ") +
            "\nReview the migration, then run `tsx scripts/migrate.ts objects`.",
        );
        process.exitCode = 1;
      } else console.log("Triggers and functions match prisma/database-objects.json.");
      return;
    }
    case "objects": {
      await writeObjectsFile(await withDatabase(migratedObjects));
      console.log("Wrote prisma/database-objects.json.");
      return;
    }
    default:
      throw new Error("Usage: tsx scripts/migrate.ts create <name> | deploy | check | objects");
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
