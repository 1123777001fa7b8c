import "server-only";
// The awarding body's unit content (decision 0022): the list of units in use that have nothing to
// assess against, a unit's editor with its draft, publishing, and spreadsheet import. Only the
// awarding-body administrator writes; every change is audited.
import type { Actor } from "@/lib/domain/policy";
import { contentAt, contentLevels, hasAnyContent, type UnitContent } from "@/lib/domain/catalogue/content";
import {
  applyDraftOp,
  contentFromDraft,
  draftFromContent,
  draftSchema,
  emptyDraft,
  type Draft,
} from "@/lib/domain/catalogue/draft";
import type { AreaUnit, CreditUnit } from "@/lib/domain/catalogue/spec";
import {
  lockSuite,
  planUnits,
  publishedContentSha,
  publishUnits,
  PublishProblems,
  type UnitPlan,
} from "@/lib/catalogue/publish-units";
import { importUnitSheet, type UnitImportResult } from "@/lib/catalogue/unit-import";
import type { Prisma } from "@/lib/generated/prisma/client";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorize } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { suitesFor } from "./internal/suites";
import { VersionedCache } from "@/lib/server/core/internal/portfolio-version";

/** Each qualification's newest version: what a new registration uses and what publishing changes. */
async function currentVersions() {
  return db().$queryRaw<
    { id: string; code: string; version: string; awardingBody: string; suite: string; title: string }[]
  >`
    SELECT DISTINCT ON (code) id, code, version, "awardingBody", suite, title FROM "QualificationSpec"
    ORDER BY code, "importedAt" DESC, id`;
}

export type UnitToAuthor = {
  specId: string;
  awardingBody: string;
  suite: string;
  unitRef: string;
  title: string;
  qualifications: string[];
  /** Candidates whose current registration selects the unit (at a level without content). */
  candidates: number;
  levels: { level: number; published: boolean; candidates: number }[];
  assessable: boolean;
  draft: boolean;
};

/**
 * Every unit of the catalogue's current versions, those in use without content first (by how many
 * candidates are registered on them), then the rest without content, then those with content.
 */
export async function listUnitsToAuthor(actor: Actor, query: { q?: string; show?: "missing" | "all" }) {
  authorize(actor, "catalogue.author");
  const all = await kept.one("units", await catalogueVersion(), allUnits);
  const needle = query.q?.trim().toLowerCase() ?? "";
  const list = all
    .filter((u) => (query.show === "all" ? true : u.levels.some((l) => !l.published)))
    .filter(
      (u) =>
        !needle ||
        u.unitRef.toLowerCase() === needle ||
        u.title.toLowerCase().includes(needle) ||
        u.qualifications.some((q) => q.toLowerCase() === needle) ||
        u.awardingBody.toLowerCase().includes(needle),
    );
  return { units: list, total: all.length, withoutContent: all.filter((u) => !u.assessable).length };
}

/**
 * What the list is computed from: registrations (append-only, removed only with their candidate),
 * the catalogue's versions and their content (a fill changes a version's SHA-256; a few hundred rows
 * at most), and the drafts. The list is kept per process under it, so a
 * page view reads three index-only aggregates instead of every registration (decision 0019).
 */
async function catalogueVersion(): Promise<string> {
  const [row] = await db().$queryRaw<{ v: string }[]>`
    SELECT extract(epoch FROM pg_postmaster_start_time())::text
      || '|' || (SELECT count(*)::text || '/' || coalesce(max("createdAt")::text, '') FROM "CandidateRegistration")
      || '|' || (SELECT count(*)::text || '/' || md5(coalesce(string_agg(sha256, ',' ORDER BY id), '')) FROM "QualificationSpec")
      || '|' || (SELECT count(*)::text || '/' || md5(coalesce(string_agg(id::text, ',' ORDER BY id), '')) FROM "UnitContentDraft") AS v`;
  return row!.v;
}

const kept = new VersionedCache<UnitToAuthor[]>(1);

/** Every unit of the current versions with its content status and the candidates waiting for it. */
async function allUnits(): Promise<UnitToAuthor[]> {
  const current = await currentVersions();
  const suites = await suitesFor(current.map((c) => c.id));
  // Each candidate's current registration per qualification, counted per version and selected unit.
  const counts = await db().$queryRaw<{ specId: string; entry: string; n: number }[]>`
    WITH cur AS (
      SELECT DISTINCT ON (r."candidateId", s.code) r."specId", r.units
      FROM "CandidateRegistration" r JOIN "QualificationSpec" s ON s.id = r."specId"
      ORDER BY r."candidateId", s.code, r."createdAt" DESC
    )
    SELECT cur."specId"::text AS "specId", e.entry, count(*)::int AS n FROM cur, unnest(cur.units) AS e(entry)
    GROUP BY 1, 2`;
  const drafts = await db().unitContentDraft.findMany({ select: { awardingBody: true, suite: true, unitRef: true } });
  const drafted = new Set(drafts.map((d) => `${d.awardingBody}|${d.suite}|${d.unitRef}`));
  const specById = new Map<string, { suite: (typeof current)[number]; units: (CreditUnit | AreaUnit)[] }>();
  for (const c of current)
    specById.set(c.id, { suite: c, units: suites.get(c.id)!.units as (CreditUnit | AreaUnit)[] });
  const units = new Map<string, UnitToAuthor>();
  for (const c of current) {
    for (const u of specById.get(c.id)!.units) {
      const key = `${c.awardingBody}|${c.suite}|${u.ref}`;
      const entry = units.get(key) ?? {
        specId: c.id,
        awardingBody: c.awardingBody,
        suite: c.suite,
        unitRef: u.ref,
        title: u.title,
        qualifications: [],
        candidates: 0,
        levels: contentLevels(u).map((level) => ({ level, published: contentAt(u, level) !== null, candidates: 0 })),
        assessable: hasAnyContent(u),
        draft: drafted.has(key),
      };
      entry.qualifications.push(c.code);
      units.set(key, entry);
    }
  }
  // Registrations on older versions count too: their candidates wait for the same unit.
  const older = [...new Set(counts.map((c) => c.specId).filter((id) => !specById.has(id)))];
  const olderRows = older.length
    ? await db().qualificationSpec.findMany({
        where: { id: { in: older } },
        select: { id: true, awardingBody: true, suite: true },
      })
    : [];
  const suiteOf = new Map([...current.map((c) => [c.id, c] as const), ...olderRows.map((r) => [r.id, r] as const)]);
  for (const row of counts) {
    const spec = suiteOf.get(row.specId);
    if (!spec) continue;
    const [ref, levelText] = row.entry.split("@");
    const entry = units.get(`${spec.awardingBody}|${spec.suite}|${ref}`);
    if (!entry) continue;
    const level = levelText ? Number(levelText) : entry.levels[0]?.level;
    const at = entry.levels.find((l) => l.level === level);
    if (!at || at.published) continue;
    at.candidates += row.n;
    entry.candidates += row.n;
  }
  return [...units.values()].sort(
    (a, b) =>
      b.candidates - a.candidates ||
      Number(a.assessable) - Number(b.assessable) ||
      a.awardingBody.localeCompare(b.awardingBody) ||
      a.unitRef.localeCompare(b.unitRef, "en", { numeric: true }),
  );
}

/** The unit of the suite that `specId` belongs to, in that suite's current version of a qualification using it. */
async function unitInSuite(specId: string, unitRef: string) {
  const row = await db().qualificationSpec.findUnique({
    where: { id: specId },
    select: { awardingBody: true, suite: true },
  });
  if (!row) throw notFound();
  const current = (await currentVersions()).filter((c) => c.awardingBody === row.awardingBody && c.suite === row.suite);
  const suites = await suitesFor(current.map((c) => c.id));
  const using = current.filter((c) =>
    (suites.get(c.id)!.units as (CreditUnit | AreaUnit)[]).some((u) => u.ref === unitRef),
  );
  if (using.length === 0) throw notFound();
  const unit = (suites.get(using[0]!.id)!.units as (CreditUnit | AreaUnit)[]).find((u) => u.ref === unitRef)!;
  return { awardingBody: row.awardingBody, suite: row.suite, unit, using };
}

/** A unit's editor: what is published at each level, the draft at this level, and what publishing it would do. */
export async function getUnitAuthoring(actor: Actor, input: { specId: string; unitRef: string; level?: number }) {
  authorize(actor, "catalogue.author");
  const { awardingBody, suite, unit, using } = await unitInSuite(input.specId, input.unitRef);
  const levels = contentLevels(unit);
  const level = input.level !== undefined && levels.includes(input.level) ? input.level : levels[0]!;
  const published = contentAt(unit, level);
  const draftRow = await db().unitContentDraft.findUnique({
    where: { awardingBody_suite_unitRef_level: { awardingBody, suite, unitRef: unit.ref, level } },
    select: { content: true, updatedAt: true, updatedById: true },
  });
  const draft = draftRow ? draftSchema.parse(draftRow.content) : null;
  const ready = draft ? contentFromDraft(draft) : null;
  let plan: UnitPlan | null = null;
  if (ready?.ok) {
    const planned = await db().$transaction((tx) =>
      planUnits(tx, [{ awardingBody, suite, unitRef: unit.ref, level, content: ready.content }]),
    );
    plan = planned.units[0] ?? null;
  }
  const history = await db().qualificationSpec.findMany({
    where: { awardingBody, suite, OR: [{ basedOnId: { not: null } }, { filledAt: { not: null } }] },
    orderBy: { importedAt: "desc" },
    take: 20,
    select: { code: true, version: true, changeNote: true, filledAt: true, importedAt: true },
  });
  return {
    awardingBody,
    suite,
    unit: { ref: unit.ref, title: unit.title, credit: "credits" in unit, levels },
    level,
    qualifications: using.map((u) => ({ specId: u.id, code: u.code, version: u.version })),
    published,
    draft,
    draftSavedAt: draftRow?.updatedAt ?? null,
    problems: ready && !ready.ok ? ready.problems : [],
    plan,
    history,
  };
}

export type DraftInput = { specId: string; unitRef: string; level: number; draft: unknown; op: string | null };

/**
 * Saves the draft as the form sent it, then applies the button's operation (add, move, remove).
 * Starting a draft ("start") copies what is published, or an empty outline of the chosen shape.
 */
export async function saveUnitDraft(
  actor: Actor,
  input: DraftInput & { start?: "qcf" | "nos" },
): Promise<{ refused?: string }> {
  authorize(actor, "catalogue.author");
  const { awardingBody, suite, unit, using } = await unitInSuite(input.specId, input.unitRef);
  if (!contentLevels(unit).includes(input.level))
    throw new AppError("INVALID_INPUT", { level: [`Unit ${unit.ref} is not offered at level ${input.level}.`] });
  const key = { awardingBody, suite, unitRef: unit.ref, level: input.level };
  let draft: Draft;
  if (input.start) {
    const published = contentAt(unit, input.level);
    draft = published ? draftFromContent(published) : emptyDraft(input.start);
  } else {
    const parsed = draftSchema.safeParse(input.draft);
    if (!parsed.success)
      throw new AppError("INVALID_INPUT", { draft: parsed.error.issues.map((i) => i.message).slice(0, 5) });
    draft = parsed.data;
  }
  let refused: string | undefined;
  if (input.op) ({ draft, refused } = applyDraftOp(draft, input.op));
  const content = draft as unknown as Prisma.InputJsonValue;
  await db().$transaction(async (tx) => {
    if (input.start) {
      // A draft already in progress is kept: starting again never overwrites someone's work.
      const created = await tx.unitContentDraft.createMany({
        data: [
          {
            ...key,
            content,
            baseSpecId: using[0]!.id,
            baseContentSha256: await publishedContentSha(tx, key),
            updatedById: actor.userId,
          },
        ],
        skipDuplicates: true,
      });
      if (created.count === 0) {
        refused = "A draft of this unit is already in progress: it is shown below.";
        return;
      }
    } else {
      // A draft published or discarded meanwhile (another tab, a colleague) is not brought back.
      const updated = await tx.unitContentDraft.updateMany({
        where: key,
        data: { content, updatedById: actor.userId },
      });
      if (updated.count === 0)
        throw new AppError("INVALID_INPUT", {
          draft: ["There is no draft any more: it was published or discarded. Start a new one from what is published."],
        });
    }
    await recordAudit(tx, actor, {
      action: input.start ? "catalogue.unit.draft.start" : "catalogue.unit.draft.save",
      subjectType: "Unit",
      subjectId: `${awardingBody} ${unit.ref}@${input.level}`,
      detail: { op: input.op ?? (input.start ? `start ${input.start}` : "save"), headings: draft.headings.length },
      centreId: null,
    });
  });
  return { refused };
}

/** Throws away the draft (audited); what is published stays. */
export async function discardUnitDraft(actor: Actor, input: { specId: string; unitRef: string; level: number }) {
  authorize(actor, "catalogue.author");
  const { awardingBody, suite, unit } = await unitInSuite(input.specId, input.unitRef);
  await db().$transaction(async (tx) => {
    const removed = await tx.unitContentDraft.deleteMany({
      where: { awardingBody, suite, unitRef: unit.ref, level: input.level },
    });
    if (removed.count === 0) throw new AppError("INVALID_INPUT", { draft: ["There is no draft to discard."] });
    await recordAudit(tx, actor, {
      action: "catalogue.unit.draft.discard",
      subjectType: "Unit",
      subjectId: `${awardingBody} ${unit.ref}@${input.level}`,
      centreId: null,
    });
  });
}

/**
 * Publishes the draft: fills the current versions where the unit had no content, or makes new
 * versions where it changes published content. The draft row is locked and removed in the same
 * transaction, so a double click or a second tab publishes once.
 */
export async function publishUnitDraft(actor: Actor, input: { specId: string; unitRef: string; level: number }) {
  authorize(actor, "catalogue.author");
  const { awardingBody, suite, unit } = await unitInSuite(input.specId, input.unitRef);
  return db().$transaction(
    async (tx) => {
      await lockSuite(tx, awardingBody, suite);
      const [row] = await tx.$queryRaw<{ id: string; content: unknown; baseContentSha256: string }[]>`
        SELECT id, content, "baseContentSha256" FROM "UnitContentDraft"
        WHERE "awardingBody" = ${awardingBody} AND suite = ${suite} AND "unitRef" = ${unit.ref} AND level = ${input.level}
        FOR UPDATE`;
      if (!row)
        throw new AppError("INVALID_INPUT", {
          draft: ["There is no draft to publish: it may have been published already."],
        });
      const ready = contentFromDraft(draftSchema.parse(row.content));
      if (!ready.ok) throw new AppError("INVALID_INPUT", { draft: ready.problems });
      const now = await publishedContentSha(tx, { awardingBody, suite, unitRef: unit.ref, level: input.level });
      if (now !== row.baseContentSha256)
        throw new AppError("INVALID_INPUT", {
          draft: [
            "Other content for this unit has been published since this draft was started, so publishing it would undo that. Discard the draft and start again from what is published now.",
          ],
        });
      let result;
      try {
        result = await publishUnits(
          tx,
          actor.userId,
          [{ awardingBody, suite, unitRef: unit.ref, level: input.level, content: ready.content as UnitContent }],
          { source: "editor" },
        );
      } catch (error) {
        if (error instanceof PublishProblems)
          throw new AppError("INVALID_INPUT", { draft: error.problems.map((p) => p.message) });
        throw error;
      }
      await tx.unitContentDraft.delete({ where: { id: row.id } });
      return result;
    },
    { timeout: 60_000 },
  );
}

/** Reads a CSV or XLSX file of unit content: a dry run says what would change, otherwise it is published (all or nothing). */
export async function importUnitContent(
  actor: Actor,
  file: { bytes: Uint8Array; name: string },
  options: { dryRun: boolean },
): Promise<UnitImportResult> {
  authorize(actor, "catalogue.author");
  const result = await importUnitSheet(db(), actor.userId, file, { dryRun: options.dryRun, source: "spreadsheet" });
  if (!result.ok || options.dryRun) {
    await db().$transaction((tx) =>
      recordAudit(tx, actor, {
        action: options.dryRun ? "catalogue.unit.import.dry-run" : "catalogue.unit.import.refused",
        subjectType: "UnitSheet",
        subjectId: file.name.slice(0, 200),
        detail: result.ok ? { units: result.units.length } : { problems: result.problems.length },
        centreId: null,
      }),
    );
  }
  return result;
}
