// npm run bench:fill-units [-- --dry-run]
// For benchmarks only: publishes visibly fictional content ("TEST element 1 of AA at level 2") into
// every unit and level of the catalogue's current versions that has none, through the same
// spreadsheet import the awarding body uses, so the catalogue's pages can be measured with every
// unit filled (about 200 units, several thousand requirements). Never run it on a real catalogue:
// it makes every unit assessable against invented text. Uses DATABASE_URL or the embedded server.
import { parseArgs } from "node:util";
import { configOrExit } from "../lib/config/cli";
import { importUnitSheet } from "../lib/catalogue/unit-import";
import { formatSheetProblems } from "../lib/catalogue/unit-sheet";
import { resolveDatabase } from "../lib/db/database-url";
import { deployMigrations } from "../lib/db/migrations";
import { withPrisma } from "../lib/db/prisma-script";
import { contentAt, contentLevels } from "../lib/domain/catalogue/content";
import { suiteShape, type AreaUnit, type CreditUnit } from "../lib/domain/catalogue/spec";
import { importShippedCatalogue } from "../lib/catalogue/store";

configOrExit();
const { values } = parseArgs({ options: { "dry-run": { type: "boolean", default: false } } });

const csvCell = (s: string | number) => `"${String(s).replace(/"/g, '""')}"`;

async function main() {
  const database = await resolveDatabase({ quiet: true });
  try {
    await deployMigrations(database.url);
    await withPrisma(database.url, async (prisma) => {
      await importShippedCatalogue(prisma);
      const rows = await prisma.$queryRaw<{ code: string; suite: string; awardingBody: string; spec: unknown }[]>`
        SELECT DISTINCT ON (code) code, suite, "awardingBody", spec FROM "QualificationSpec" ORDER BY code, "importedAt" DESC`;
      const done = new Set<string>();
      const lines = [["Qualification", "Unit", "Level", "Shape", "Type", "Number", "Text"]];
      let requirements = 0;
      for (const row of rows) {
        for (const unit of suiteShape.parse(row.spec).units as (CreditUnit | AreaUnit)[]) {
          for (const level of contentLevels(unit)) {
            const key = `${row.awardingBody}|${row.suite}|${unit.ref}|${level}`;
            if (done.has(key) || contentAt(unit, level) !== null) continue;
            done.add(key);
            const tag = `of ${unit.ref} at level ${level}`;
            const add = (shape: string, type: string, number: string, text: string) =>
              lines.push([row.code, unit.ref, String(level), shape, type, number, `TEST ${text} ${tag}`]);
            if ("credits" in unit) {
              for (let o = 1; o <= 3; o++) {
                add("QCF", "outcome", `${o}`, `outcome ${o}`);
                for (let c = 1; c <= 4; c++) add("QCF", "criterion", `${o}.${c}`, `criterion ${o}.${c}`);
                requirements += 4;
              }
            } else {
              for (let e = 1; e <= 2; e++) {
                add("NOS", "element", `${e}`, `element ${e}`);
                for (let c = 1; c <= 3; c++)
                  add("NOS", "performance criterion", `${e}.${c}`, `performance criterion ${e}.${c}`);
                add("NOS", "range", `R${e}.1`, `range ${e}.1`);
                requirements += 4;
              }
              for (let k = 1; k <= 3; k++) add("NOS", "knowledge", `K${k}`, `knowledge ${k}`);
              add("NOS", "evidence requirement", "E1", "evidence requirement 1");
              requirements += 4;
            }
          }
        }
      }
      console.log(`${done.size} units and levels without content; ${requirements} fictional requirements.`);
      if (done.size === 0) return;
      const bytes = new TextEncoder().encode(lines.map((l) => l.map(csvCell).join(",")).join("\n"));
      const result = await importUnitSheet(
        prisma,
        null,
        { bytes, name: "bench-fill-units.csv" },
        { dryRun: values["dry-run"], source: "command line" },
      );
      if (!result.ok) {
        for (const line of formatSheetProblems(result.problems).slice(0, 20)) console.error(line);
        process.exitCode = 1;
        return;
      }
      console.log(`${result.dryRun ? "Would publish" : "Published"} ${result.units.length} units and levels.`);
    });
  } finally {
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(2);
});
