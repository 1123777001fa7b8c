/**
 * Importing unit content from a spreadsheet: read, check every row against the catalogue, then
 * either say what would change (a dry run) or publish it all in one transaction. Used by the
 * awarding-body administrator's import page (lib/server/catalogue, which checks the actor) and by
 * `npm run catalogue -- import-units FILE [--dry-run]`.
 */
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { contentLevels } from "../domain/catalogue/content";
import { suiteShape, type AreaUnit, type CreditUnit } from "../domain/catalogue/spec";
import { PublishProblems, planUnits, publishUnits, type PublishedVersion, type UnitPlan } from "./publish-units";
import { SheetUnreadable, readSheet, unitChangesFromRows, type SheetLookup, type SheetProblem } from "./unit-sheet";

type Tx = Prisma.TransactionClient;

/** Every qualification's current version, as the sheet's rows name them. */
async function catalogueLookup(tx: Tx): Promise<SheetLookup> {
  const rows = await tx.$queryRaw<{ code: string; awardingBody: string; suite: string; spec: unknown }[]>`
    SELECT DISTINCT ON (code) code, "awardingBody", suite, spec FROM "QualificationSpec"
    ORDER BY code, "importedAt" DESC, id`;
  const byCode = new Map(
    rows.map((r) => {
      const suite = suiteShape.parse(r.spec);
      const units = new Map(
        (suite.units as (CreditUnit | AreaUnit)[]).map((u) => [
          u.ref,
          { levels: contentLevels(u), credit: "credits" in u },
        ]),
      );
      return [r.code.toUpperCase(), { awardingBody: r.awardingBody, suite: r.suite, units }] as const;
    }),
  );
  return (code) => byCode.get(code.trim().toUpperCase()) ?? null;
}

export type UnitImportResult =
  | { ok: false; problems: SheetProblem[] }
  | { ok: true; dryRun: true; units: UnitPlan[] }
  | { ok: true; dryRun: false; units: UnitPlan[]; versions: PublishedVersion[]; notified: number };

/**
 * Reads the file and, on a dry run, reports per unit what would be added or changed; otherwise
 * publishes every unit or, on any problem, none. `actorId` null: the command line.
 */
export async function importUnitSheet(
  prisma: PrismaClient | { $transaction: PrismaClient["$transaction"] },
  actorId: string | null,
  file: { bytes: Uint8Array; name: string },
  options: { dryRun: boolean; source: "spreadsheet" | "command line" },
): Promise<UnitImportResult> {
  let rows;
  try {
    rows = await readSheet(file.bytes, file.name);
  } catch (error) {
    if (error instanceof SheetUnreadable)
      return { ok: false, problems: [{ row: 1, column: "A", message: error.message }] };
    throw error;
  }
  return (prisma as PrismaClient).$transaction(
    async (tx) => {
      const read = unitChangesFromRows(rows, await catalogueLookup(tx));
      if (!read.ok) return read;
      if (options.dryRun) {
        const plan = await planUnits(tx, read.changes);
        if (plan.problems.length > 0)
          return { ok: false, problems: plan.problems.map((p) => ({ row: 1, column: "Unit", message: p.message })) };
        return { ok: true, dryRun: true, units: plan.units };
      }
      try {
        const done = await publishUnits(tx, actorId, read.changes, { source: options.source, fileName: file.name });
        return { ok: true, dryRun: false, ...done };
      } catch (error) {
        if (error instanceof PublishProblems)
          return { ok: false, problems: error.problems.map((p) => ({ row: 1, column: "Unit", message: p.message })) };
        throw error;
      }
    },
    { timeout: 120_000 },
  );
}
