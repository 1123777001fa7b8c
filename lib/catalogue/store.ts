/**
 * Storing specifications: one row per qualification version, all of a
 * file's qualifications in one transaction. Used by the administrator's
 * import (lib/server/catalogue/qualifications.ts, which checks the actor first), the CLI and
 * `npm start` for the shipped catalogue.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Prisma, PrismaClient } from "../generated/prisma/client";
import { projectSuite, suiteSchema, type Suite } from "../domain/catalogue/spec";
import { CATALOGUE_DIR, SHIPPED_FILES } from "./extract/index";

/** JSON with object keys sorted, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export type StoredOutcome = { code: string; version: string; title: string; status: "imported" | "unchanged" };

export class SpecConflictError extends Error {
  constructor(
    readonly code: string,
    readonly version: string,
  ) {
    super(
      `Version ${version} of qualification ${code} is already in the catalogue with different content. Give the file a new version: candidates stay on the version they were registered on.`,
    );
  }
}

/** Stores each qualification of the suite; throws SpecConflictError (and stores none) on a clash. */
export async function storeSuite(
  tx: Prisma.TransactionClient,
  suite: Suite,
  importedById: string | null,
): Promise<StoredOutcome[]> {
  const outcomes: StoredOutcome[] = [];
  for (const q of suite.qualifications) {
    const projected = projectSuite(suite, q.code)!;
    const hash = sha256(canonicalJson(projected));
    const existing = await tx.qualificationSpec.findUnique({
      where: { code_version: { code: q.code, version: suite.version } },
      select: { sha256: true, importedSha256: true },
    });
    if (existing) {
      // The same file again: as it stands, or as it was imported before the awarding body filled
      // empty units of this version (decision 0022).
      if (existing.sha256 !== hash && existing.importedSha256 !== hash)
        throw new SpecConflictError(q.code, suite.version);
      outcomes.push({ code: q.code, version: suite.version, title: q.title, status: "unchanged" });
      continue;
    }
    await tx.qualificationSpec.create({
      data: {
        code: q.code,
        version: suite.version,
        awardingBody: suite.awardingBody,
        title: q.title,
        level: q.level,
        scheme: suite.scheme,
        spec: projected as unknown as Prisma.InputJsonValue,
        sha256: hash,
        importedSha256: hash,
        suite: suite.suite,
        importedById,
      },
    });
    outcomes.push({ code: q.code, version: suite.version, title: q.title, status: "imported" });
  }
  return outcomes;
}

export function readShippedSuites(dir = CATALOGUE_DIR): Suite[] {
  return SHIPPED_FILES.map((file) => suiteSchema.parse(JSON.parse(readFileSync(path.join(dir, file), "utf8"))));
}

/**
 * Makes sure the catalogue shipped in prisma/catalogue is in the database (idempotent). A suite
 * whose version is already stored with other content is left as stored and reported as
 * "conflict": change a shipped file's content only with a new version.
 */
export async function importShippedCatalogue(prisma: PrismaClient): Promise<(StoredOutcome | ShippedConflict)[]> {
  const outcomes: (StoredOutcome | ShippedConflict)[] = [];
  for (const suite of readShippedSuites()) {
    try {
      outcomes.push(...(await prisma.$transaction((tx) => storeSuite(tx, suite, null), { timeout: 60_000 })));
    } catch (error) {
      if (!(error instanceof SpecConflictError)) throw error;
      console.warn(`Shipped catalogue: ${error.message} The stored version is kept.`);
      outcomes.push({ code: error.code, version: error.version, title: suite.title, status: "conflict" });
    }
  }
  return outcomes;
}

export type ShippedConflict = { code: string; version: string; title: string; status: "conflict" };
