import "server-only";
import type { Actor } from "@/lib/domain/policy";
import { pageWindow, toPage } from "@/lib/domain/pagination";
import { parseSpec, type SpecProblem } from "@/lib/catalogue/parse-spec";
import { SpecConflictError, storeSuite, type StoredOutcome } from "@/lib/catalogue/store";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorize } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { notFound } from "@/lib/server/core/errors";
import { suitesFor } from "./internal/suites";

const summary = {
  id: true,
  code: true,
  version: true,
  awardingBody: true,
  title: true,
  level: true,
  scheme: true,
  sha256: true,
  importedAt: true,
} satisfies Prisma.QualificationSpecSelect;

/** Every qualification version in the catalogue, searchable by code, title or awarding body. */
export async function listQualifications(actor: Actor, query: { page: number; q?: string }) {
  authorize(actor, "catalogue.view");
  const where: Prisma.QualificationSpecWhereInput = query.q
    ? {
        OR: [
          { title: { contains: query.q, mode: "insensitive" } },
          { code: { contains: query.q, mode: "insensitive" } },
          { awardingBody: { contains: query.q, mode: "insensitive" } },
        ],
      }
    : {};
  const [items, total] = await Promise.all([
    db().qualificationSpec.findMany({
      where,
      select: summary,
      orderBy: [{ awardingBody: "asc" }, { code: "asc" }, { version: "desc" }],
      ...pageWindow(query.page),
    }),
    db().qualificationSpec.count({ where }),
  ]);
  return toPage(items, total, query.page);
}

/** One qualification version with its specification. */
export async function getQualification(actor: Actor, specId: string) {
  authorize(actor, "catalogue.view");
  const row = await db().qualificationSpec.findUnique({ where: { id: specId }, select: summary });
  if (!row) throw notFound();
  // Parsed once per version and content (a specification with every unit filled is large).
  const suite = (await suitesFor([specId])).get(specId);
  if (!suite) throw notFound();
  return { ...row, suite };
}

export type ImportResult = { ok: true; outcomes: StoredOutcome[] } | { ok: false; problems: SpecProblem[] };

/** Imports a specification file: all of its qualifications or, on any problem, none. */
export async function importSpecification(actor: Actor, fileText: string): Promise<ImportResult> {
  authorize(actor, "catalogue.import");
  const parsed = parseSpec(fileText);
  if (!parsed.ok) return parsed;
  try {
    const outcomes = await db().$transaction(
      async (tx) => {
        const stored = await storeSuite(tx, parsed.suite, actor.userId);
        await recordAudit(tx, actor, {
          action: "catalogue.import",
          subjectType: "QualificationSpec",
          subjectId: `${parsed.suite.suite}@${parsed.suite.version}`,
          detail: { qualifications: stored.map((o) => `${o.code} ${o.status}`) },
        });
        return stored;
      },
      { timeout: 60_000 },
    );
    return { ok: true, outcomes };
  } catch (error) {
    if (error instanceof SpecConflictError) {
      return { ok: false, problems: [{ line: 1, column: 1, path: "version", message: error.message }] };
    }
    throw error;
  }
}
