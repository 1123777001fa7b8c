// npm run catalogue -- <command>
//   export <code> [--version V]         print a qualification's specification as JSON
//   check <code> <units> [--version V] [--registered YYYY-MM-DD] [--approved N,…]
//                                       print the engine's verdict; exit 0 when valid, 1 when not
//   import <file>                       import a specification file (all of it or nothing)
//   import-units <file> [--dry-run]     publish unit content from a CSV or XLSX file (all of it or
//                                       nothing); --dry-run says per unit what would change
//   list                                the qualifications in the catalogue
//   build                               regenerate prisma/catalogue/*.json from prisma/catalogue/sources
// Uses DATABASE_URL, or the embedded PostgreSQL server as `npm start` does. Only JSON goes to stdout.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { buildShippedSuites, CATALOGUE_DIR } from "../lib/catalogue/extract/index";
import { formatProblems, parseSpec } from "../lib/catalogue/parse-spec";
import { importShippedCatalogue, SpecConflictError, storeSuite } from "../lib/catalogue/store";
import { importUnitSheet } from "../lib/catalogue/unit-import";
import { formatSheetProblems } from "../lib/catalogue/unit-sheet";
import { resolveDatabase } from "../lib/db/database-url";
import { deployMigrations } from "../lib/db/migrations";
import { withPrisma } from "../lib/db/prisma-script";
import { validateSelection } from "../lib/domain/catalogue/combination";
import { londonToday } from "../lib/domain/today";
import { suiteSchema, suiteShape, type Suite } from "../lib/domain/catalogue/spec";
import type { PrismaClient } from "../lib/generated/prisma/client";
import { configOrExit } from "../lib/config/cli";

configOrExit(); // stops here, naming each bad variable

const USAGE = `Usage:
  npm run catalogue -- export <code> [--version V]
  npm run catalogue -- check <code> <unit,unit,…> [--version V] [--registered YYYY-MM-DD] [--approved N,…]
  npm run catalogue -- import <file.json>
  npm run catalogue -- import-units <file.xlsx|file.csv> [--dry-run]
  npm run catalogue -- list
  npm run catalogue -- build`;

class UsageError extends Error {}

async function withCatalogue<T>(work: (prisma: PrismaClient) => Promise<T>): Promise<T> {
  const database = await resolveDatabase({ quiet: true });
  try {
    await deployMigrations(database.url);
    return await withPrisma(database.url, async (prisma) => {
      await importShippedCatalogue(prisma);
      return work(prisma);
    });
  } finally {
    await database.stop();
  }
}

async function findSpec(prisma: PrismaClient, code: string, version?: string) {
  const rows = await prisma.qualificationSpec.findMany({
    where: { code, ...(version ? { version } : {}) },
    orderBy: { importedAt: "desc" },
    select: { code: true, version: true, spec: true },
  });
  const row = rows[0];
  if (!row) {
    const known = await prisma.qualificationSpec.findMany({
      select: { code: true },
      distinct: ["code"],
      orderBy: { code: "asc" },
    });
    throw new UsageError(
      `No qualification ${code}${version ? ` version ${version}` : ""} in the catalogue. Known codes: ${known.map((k) => k.code).join(", ")}`,
    );
  }
  return { ...row, suite: suiteShape.parse(row.spec) as Suite };
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      version: { type: "string" },
      registered: { type: "string" },
      approved: { type: "string" },
      "dry-run": { type: "boolean" },
    },
  });
  const [command, ...args] = positionals;
  switch (command) {
    case "build": {
      for (const [file, suite] of Object.entries(buildShippedSuites())) {
        suiteSchema.parse(suite);
        writeFileSync(path.join(CATALOGUE_DIR, file), `${JSON.stringify(suite, null, 2)}\n`);
        console.error(`${file}: ${suite.units.length} units, ${suite.qualifications.length} qualifications`);
      }
      return 0;
    }
    case "list":
      return withCatalogue(async (prisma) => {
        const rows = await prisma.qualificationSpec.findMany({
          select: { code: true, version: true, awardingBody: true, title: true },
          orderBy: [{ awardingBody: "asc" }, { code: "asc" }, { version: "asc" }],
        });
        console.log(JSON.stringify(rows, null, 2));
        return 0;
      });
    case "export": {
      const [code] = args;
      if (!code) throw new UsageError("Name the qualification to export, e.g. 3412-03.");
      return withCatalogue(async (prisma) => {
        const spec = await findSpec(prisma, code, values.version);
        console.log(JSON.stringify(spec.suite, null, 2));
        return 0;
      });
    }
    case "check": {
      const [code, units] = args;
      if (!code || units === undefined)
        throw new UsageError("Give a qualification and a comma-separated unit selection.");
      const registeredOn = values.registered ?? londonToday();
      if (!/^\d{4}-\d{2}-\d{2}$/.test(registeredOn)) throw new UsageError("--registered takes a date like 2018-09-01.");
      const selection = units
        .split(",")
        .map((u) => u.trim())
        .filter(Boolean);
      return withCatalogue(async (prisma) => {
        const spec = await findSpec(prisma, code, values.version);
        const verdict = validateSelection(spec.suite, spec.code, selection, {
          registeredOn,
          centreApprovals: values.approved ? values.approved.split(",").map((a) => a.trim()) : [],
        });
        console.log(JSON.stringify(verdict, null, 2));
        return verdict.valid ? 0 : 1;
      });
    }
    case "import": {
      const [file] = args;
      if (!file) throw new UsageError("Name the file to import.");
      const parsed = parseSpec(readFileSync(file, "utf8"));
      if (!parsed.ok) {
        for (const line of formatProblems(parsed.problems)) console.error(`${file}: ${line}`);
        return 1;
      }
      return withCatalogue(async (prisma) => {
        try {
          const outcomes = await prisma.$transaction((tx) => storeSuite(tx, parsed.suite, null), { timeout: 60_000 });
          console.log(JSON.stringify(outcomes, null, 2));
          return 0;
        } catch (error) {
          if (error instanceof SpecConflictError) {
            console.error(`${file}: ${error.message}`);
            return 1;
          }
          throw error;
        }
      });
    }
    case "import-units": {
      const [file] = args;
      if (!file) throw new UsageError("Name the spreadsheet to import.");
      const bytes = new Uint8Array(readFileSync(file));
      return withCatalogue(async (prisma) => {
        const result = await importUnitSheet(
          prisma,
          null,
          { bytes, name: path.basename(file) },
          { dryRun: Boolean(values["dry-run"]), source: "command line" },
        );
        if (!result.ok) {
          for (const line of formatSheetProblems(result.problems)) console.error(`${file}: ${line}`);
          console.error(`${file}: nothing was published.`);
          return 1;
        }
        console.log(
          JSON.stringify(
            {
              dryRun: result.dryRun,
              units: result.units.map((u) => ({
                unit: u.unitRef,
                level: u.level,
                title: u.title,
                status: u.status,
                added: u.added,
                changed: u.changed,
                removed: u.removed,
                qualifications: u.qualifications.map((q) => `${q.code} ${q.version}`),
              })),
              ...(result.dryRun ? {} : { versions: result.versions, notified: result.notified }),
            },
            null,
            2,
          ),
        );
        return 0;
      });
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}".` : "Give a command.");
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    if (error instanceof UsageError) console.error(`${error.message}\n\n${USAGE}`);
    else console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  },
);
