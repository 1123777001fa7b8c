// npm run db:migrate:create -- <name> | db:migrate:deploy | db:migrate:check  (all work offline)
import { createMigration, defaultPaths, deployMigrations, pendingSchemaChanges } from "../lib/db/migrations";
import { withDatabase } from "../lib/db/database-url";
import { prepareJobQueue } from "../lib/jobs/queue";

async function main() {
  const [command, name] = process.argv.slice(2);
  switch (command) {
    case "create": {
      if (!name) throw new Error("Usage: npm run db:migrate:create -- <name>");
      const folder = await createMigration(name);
      console.log(folder ? `Created prisma/migrations/${folder}/migration.sql` : "No schema changes: nothing to create.");
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
        console.error("schema.prisma and prisma/migrations disagree. Run `npm run db:migrate:create -- <name>`. Missing SQL:\n" + sql);
        process.exitCode = 1;
      } else console.log("Migrations match schema.prisma.");
      return;
    }
    default:
      throw new Error("Usage: tsx scripts/migrate.ts create <name> | deploy | check");
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
