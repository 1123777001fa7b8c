/**
 * Publishing unit content into the catalogue (decision 0022), for the awarding-body administrator's
 * editor and spreadsheet import (lib/server/catalogue, which checks the actor first) and the CLI.
 *
 * Versions never rewrite history:
 * - content published into a unit that had none at that level **fills** the qualification's current
 *   version in place: nobody can have been assessed on it (and it is refused as a fill if anything
 *   was ever mapped to the unit on that version);
 * - content that changes published content makes a **new version** of every qualification of the
 *   suite that uses the unit. Candidates stay on the version they registered on until their centre
 *   moves them; judgements and sign-offs keep pointing at the version, and so at the text, they judged.
 */
import type { Prisma } from "../generated/prisma/client";
import { contentAt, contentLevels, sameContent, type UnitContent } from "../domain/catalogue/content";
import { suiteShape, type AreaUnit, type CreditUnit, type Suite } from "../domain/catalogue/spec";
import { notify } from "../notifications/record";
import { canonicalJson, sha256 } from "./store";

type Tx = Prisma.TransactionClient;

export type UnitChange = {
  awardingBody: string;
  suite: string;
  unitRef: string;
  level: number;
  content: UnitContent;
};

export type UnitPlan = {
  awardingBody: string;
  suite: string;
  unitRef: string;
  level: number;
  title: string;
  /** "fill": no content yet; "change": a new version; "unchanged": the same content is published. */
  status: "fill" | "change" | "unchanged";
  /** The qualifications (current versions) that use the unit. */
  qualifications: { specId: string; code: string; version: string }[];
  /** Requirements added, changed (same number, other words) and removed against what is published. */
  added: number;
  changed: number;
  removed: number;
};

export type PlanProblem = { unitRef: string; level: number; message: string };

type CurrentVersion = { id: string; code: string; version: string; basedOnId: string | null; suite: Suite };

/** Each qualification's newest version in the suite. */
async function currentVersions(tx: Tx, awardingBody: string, suite: string): Promise<CurrentVersion[]> {
  const rows = await tx.$queryRaw<
    { id: string; code: string; version: string; basedOnId: string | null; spec: unknown }[]
  >`
    SELECT DISTINCT ON (code) id, code, version, "basedOnId", spec FROM "QualificationSpec"
    WHERE "awardingBody" = ${awardingBody} AND suite = ${suite}
    ORDER BY code, "importedAt" DESC, id`;
  return rows.map((r) => ({ ...r, suite: suiteShape.parse(r.spec) as Suite }));
}

const unitOf = (suite: Suite, ref: string) => (suite.units as (CreditUnit | AreaUnit)[]).find((u) => u.ref === ref);

function difference(before: UnitContent | null, after: UnitContent) {
  const texts = (c: UnitContent | null) =>
    new Map(
      (c === null
        ? []
        : c.shape === "qcf"
          ? c.outcomes.flatMap((o) => o.criteria)
          : [...c.elements.flatMap((e) => [...e.criteria, ...e.range]), ...c.knowledge, ...c.evidence]
      ).map((r) => [r.number, r.text]),
    );
  const a = texts(before);
  const b = texts(after);
  return {
    added: [...b.keys()].filter((k) => !a.has(k)).length,
    changed: [...b.keys()].filter((k) => a.has(k) && a.get(k) !== b.get(k)).length,
    removed: [...a.keys()].filter((k) => !b.has(k)).length,
  };
}

/** What publishing these changes would do, unit by unit, and what stops it. Reads only. */
export async function planUnits(
  tx: Tx,
  changes: UnitChange[],
): Promise<{ units: UnitPlan[]; problems: PlanProblem[]; versions: Map<string, CurrentVersion[]> }> {
  const versions = new Map<string, CurrentVersion[]>();
  const units: UnitPlan[] = [];
  const problems: PlanProblem[] = [];
  for (const change of changes) {
    const key = `${change.awardingBody}|${change.suite}`;
    if (!versions.has(key)) versions.set(key, await currentVersions(tx, change.awardingBody, change.suite));
    const using = versions.get(key)!.filter((v) => unitOf(v.suite, change.unitRef));
    if (using.length === 0) {
      problems.push({
        unitRef: change.unitRef,
        level: change.level,
        message: `Unit ${change.unitRef} is not in any qualification of ${change.awardingBody} ${change.suite}.`,
      });
      continue;
    }
    const unit = unitOf(using[0]!.suite, change.unitRef)!;
    if (!contentLevels(unit).includes(change.level)) {
      problems.push({
        unitRef: change.unitRef,
        level: change.level,
        message: `Unit ${change.unitRef} is offered at level ${contentLevels(unit).join(", ")}, not at level ${change.level}.`,
      });
      continue;
    }
    // Qualifications of one suite share the unit, so they normally agree; if one differs, any
    // published content there makes the publication a change.
    const before = using.map((v) => contentAt(unitOf(v.suite, change.unitRef)!, change.level));
    const published = before.find((b) => b !== null) ?? null;
    const status = before.every((b) => sameContent(b, change.content))
      ? "unchanged"
      : before.every((b) => b === null)
        ? "fill"
        : "change";
    units.push({
      awardingBody: change.awardingBody,
      suite: change.suite,
      unitRef: change.unitRef,
      level: change.level,
      title: unit.title,
      status,
      qualifications: using.map((v) => ({ specId: v.id, code: v.code, version: v.version })),
      ...difference(published, change.content),
    });
  }
  return { units, problems, versions };
}

function withContent(suite: Suite, unitRef: string, level: number, content: UnitContent): Suite {
  return {
    ...suite,
    units: (suite.units as (CreditUnit | AreaUnit)[]).map((u) =>
      u.ref === unitRef ? { ...u, content: { ...u.content, [String(level)]: content } } : u,
    ),
  } as Suite;
}

/** Serialises publications into one suite (re-entrant within a transaction). */
export async function lockSuite(tx: Tx, awardingBody: string, suite: string) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('catalogue'), hashtext(${`${awardingBody}|${suite}`}))`;
}

/**
 * SHA-256 of the unit's content at this level in the suite's current versions ("" for none): what a
 * draft was started from, compared again when it is published.
 */
export async function publishedContentSha(
  tx: Tx,
  change: Pick<UnitChange, "awardingBody" | "suite" | "unitRef" | "level">,
): Promise<string> {
  for (const v of await currentVersions(tx, change.awardingBody, change.suite)) {
    const unit = unitOf(v.suite, change.unitRef);
    if (!unit) continue;
    const content = contentAt(unit, change.level);
    if (content) return sha256(canonicalJson(content));
  }
  return "";
}

/** Every version of every qualification of the suite, each marked current or not. */
async function everyVersion(tx: Tx, awardingBody: string, suite: string) {
  const rows = await tx.$queryRaw<
    {
      id: string;
      code: string;
      version: string;
      basedOnId: string | null;
      spec: unknown;
      sha256: string;
      current: boolean;
    }[]
  >`
    SELECT id, code, version, "basedOnId", spec, sha256,
           row_number() OVER (PARTITION BY code ORDER BY "importedAt" DESC, id DESC) = 1 AS current
    FROM "QualificationSpec" WHERE "awardingBody" = ${awardingBody} AND suite = ${suite}`;
  return rows.map((r) => ({ ...r, suite: suiteShape.parse(r.spec) as Suite }));
}

/**
 * Has anyone mapped evidence to the unit at this level on this version? A credit unit has one
 * level; an area's mappings count at the level the candidate's registration takes it.
 */
async function mappedAtLevel(tx: Tx, specId: string, unit: CreditUnit | AreaUnit, level: number): Promise<boolean> {
  const entry = "credits" in unit ? unit.ref : `${unit.ref}@${level}`;
  const [row] = await tx.$queryRaw<{ mapped: boolean }[]>`
    SELECT EXISTS (
      SELECT 1 FROM "EvidenceCriterion" m JOIN "Evidence" e ON e.id = m."evidenceId"
      WHERE m."specId" = ${specId}::uuid AND m."unitRef" = ${unit.ref}
        AND EXISTS (SELECT 1 FROM "CandidateRegistration" r
                    WHERE r."candidateId" = e."candidateId" AND r."specId" = ${specId}::uuid AND ${entry} = ANY(r.units))
    ) AS mapped`;
  return row!.mapped;
}

/** The next version of a derived line: 3.0 → 3.0.1 → 3.0.2. */
async function nextVersion(tx: Tx, current: CurrentVersion): Promise<string> {
  const match = current.basedOnId ? /^(.*)\.(\d+)$/.exec(current.version) : null;
  const base = match ? match[1]! : current.version;
  let n = match ? Number(match[2]) + 1 : 1;
  for (;;) {
    const candidate = `${base}.${n}`;
    const taken = await tx.qualificationSpec.findUnique({
      where: { code_version: { code: current.code, version: candidate } },
      select: { id: true },
    });
    if (!taken) return candidate;
    n += 1;
  }
}

export type PublishedVersion = {
  code: string;
  version: string;
  specId: string;
  how: "filled" | "new-version";
  units: string[];
};

export type PublishResult = { units: UnitPlan[]; versions: PublishedVersion[]; notified: number };

/**
 * Publishes the changes in the caller's transaction: all of them or, on a problem, none (it
 * throws PublishProblems). `actorId` null: the command line. Serialised per suite by an advisory
 * lock, so two publications cannot both derive "3.0.1".
 */
export async function publishUnits(
  tx: Tx,
  actorId: string | null,
  changes: UnitChange[],
  options: { source: "editor" | "spreadsheet" | "command line"; fileName?: string },
): Promise<PublishResult> {
  const suites = [...new Set(changes.map((c) => `${c.awardingBody}|${c.suite}`))].sort();
  for (const key of suites) await lockSuite(tx, ...(key.split("|") as [string, string]));
  const plan = await planUnits(tx, changes);
  if (plan.problems.length > 0) throw new PublishProblems(plan.problems);
  const versions: PublishedVersion[] = [];
  const filledSpecIds: string[] = [];
  const notices: Notice[] = [];
  for (const key of suites) {
    const [awardingBody, suite] = key.split("|") as [string, string];
    for (const v of await everyVersion(tx, awardingBody, suite)) {
      const fills: { change: UnitChange; title: string }[] = [];
      const rest: { change: UnitChange; title: string }[] = [];
      for (const change of changes.filter((c) => `${c.awardingBody}|${c.suite}` === key)) {
        const unit = unitOf(v.suite, change.unitRef);
        // A version that does not offer the unit at that level is left alone.
        if (!unit || !contentLevels(unit).includes(change.level)) continue;
        const before = contentAt(unit, change.level);
        if (sameContent(before, change.content)) continue;
        if (before === null && !(await mappedAtLevel(tx, v.id, unit, change.level))) {
          // Nobody can have been assessed on it here: every version of the suite is filled,
          // so candidates on an older version get the content too.
          fills.push({ change, title: unit.title });
        } else if (v.current) {
          rest.push({ change, title: unit.title });
        }
        // An older version whose unit has other content keeps it: its candidates stay on it.
      }
      let filled = v.suite;
      for (const f of fills) filled = withContent(filled, f.change.unitRef, f.change.level, f.change.content);
      if (fills.length > 0) {
        // The text as it stood is kept: a claim pack that recorded its hash can still be checked.
        await tx.qualificationSpecRevision.create({
          data: { specId: v.id, sha256: v.sha256, spec: v.spec as Prisma.InputJsonValue },
        });
        await tx.qualificationSpec.update({
          where: { id: v.id },
          data: {
            spec: filled as unknown as Prisma.InputJsonValue,
            sha256: sha256(canonicalJson(filled)),
            filledAt: new Date(),
          },
        });
        filledSpecIds.push(v.id);
        versions.push({
          code: v.code,
          version: v.version,
          specId: v.id,
          how: "filled",
          units: fills.map((f) => `${f.change.unitRef}@${f.change.level}`),
        });
        for (const f of fills)
          notices.push({ specId: v.id, code: v.code, ...f.change, title: f.title, newVersion: null });
      }
      if (rest.length > 0) {
        let next = filled;
        for (const r of rest) next = withContent(next, r.change.unitRef, r.change.level, r.change.content);
        const version = await nextVersion(tx, v);
        next = { ...next, version } as Suite;
        const hash = sha256(canonicalJson(next));
        const row = await tx.qualificationSpec.findUniqueOrThrow({
          where: { id: v.id },
          select: { awardingBody: true, title: true, level: true, scheme: true, suite: true },
        });
        const created = await tx.qualificationSpec.create({
          data: {
            ...row,
            code: v.code,
            version,
            spec: next as unknown as Prisma.InputJsonValue,
            sha256: hash,
            importedSha256: hash,
            importedById: actorId,
            basedOnId: v.id,
            changeNote: `Content changed for ${rest.map((r) => `unit ${r.change.unitRef} at level ${r.change.level}`).join(", ")} (from version ${v.version}).`,
          },
          select: { id: true },
        });
        versions.push({
          code: v.code,
          version,
          specId: created.id,
          how: "new-version",
          units: rest.map((r) => `${r.change.unitRef}@${r.change.level}`),
        });
        for (const r of rest)
          notices.push({
            specId: v.id,
            code: v.code,
            ...r.change,
            title: r.title,
            newVersion: { id: created.id, version, from: v.version },
          });
      }
    }
  }
  if (filledSpecIds.length > 0) {
    // The filled versions' candidates' cached portfolios and their centres' summaries are stale
    // (decision 0019): their units now have requirements.
    await tx.$executeRaw`
      INSERT INTO "PortfolioChange" ("candidateId")
      SELECT DISTINCT "candidateId" FROM "CandidateRegistration" WHERE "specId" = ANY(${filledSpecIds}::uuid[])`;
    await tx.$executeRaw`
      INSERT INTO "CentreChange" ("centreId")
      SELECT DISTINCT u."centreId" FROM "CandidateRegistration" r JOIN "User" u ON u.id = r."candidateId"
      WHERE r."specId" = ANY(${filledSpecIds}::uuid[]) AND u."centreId" IS NOT NULL`;
  }
  const notified = await notifyCentres(tx, notices);
  for (const u of plan.units.filter((p) => p.status !== "unchanged")) {
    await tx.auditEvent.create({
      data: {
        centreId: null,
        actorId,
        action: "catalogue.unit.publish",
        subjectType: "Unit",
        subjectId: `${u.awardingBody} ${u.unitRef}@${u.level}`,
        detail: {
          source: options.source,
          ...(options.fileName ? { file: options.fileName } : {}),
          status: u.status,
          added: u.added,
          changed: u.changed,
          removed: u.removed,
          suite: u.suite,
          versions: versions
            .filter(
              (v) => v.units.includes(`${u.unitRef}@${u.level}`) && u.qualifications.some((q) => q.code === v.code),
            )
            .map((v) => `${v.code} ${v.version} ${v.how}`),
        },
      },
    });
  }
  return { units: plan.units, versions, notified };
}

type Notice = {
  specId: string;
  code: string;
  unitRef: string;
  level: number;
  title: string;
  /** Set when the publication changed published content: the version it made. */
  newVersion: { id: string; version: string; from: string } | null;
};

/**
 * Tells each centre with candidates registered on the unit: for a filled unit, its administrators,
 * assessors and internal verifiers that it can now be assessed; for changed content, its
 * administrators that a new version exists and their candidates stay on theirs until moved. One
 * notice per centre user, version and unit.
 */
async function notifyCentres(tx: Tx, notices: Notice[]): Promise<number> {
  let count = 0;
  for (const n of notices) {
    const people = await tx.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT staff.id FROM "CandidateRegistration" r
      JOIN "User" c ON c.id = r."candidateId"
      JOIN "User" staff ON staff."centreId" = c."centreId" AND staff.active
      JOIN "UserRole" ur ON ur."userId" = staff.id
        AND (ur.role::text = 'CENTRE_ADMIN' OR (${n.newVersion === null} AND ur.role::text IN ('ASSESSOR', 'INTERNAL_VERIFIER')))
      WHERE r."specId" = ${n.specId}::uuid
        AND (${n.unitRef} = ANY(r.units) OR ${`${n.unitRef}@${n.level}`} = ANY(r.units))`;
    count += await notify(
      tx,
      n.newVersion
        ? {
            userIds: people.map((p) => p.id),
            kind: "catalogue.unit-published",
            title: `Version ${n.newVersion.version} of ${n.code} changes unit ${n.unitRef} ${n.title}: candidates stay on version ${n.newVersion.from} until you register them on the new one`,
            href: `/catalogue/${n.newVersion.id}?unit=${encodeURIComponent(n.unitRef)}#unit-${n.unitRef}`,
            key: `${n.newVersion.id}:${n.unitRef}@${n.level}`,
          }
        : {
            userIds: people.map((p) => p.id),
            kind: "catalogue.unit-published",
            title: `Unit ${n.unitRef} ${n.title} of ${n.code} can now be assessed: the awarding body published its criteria`,
            href: `/catalogue/${n.specId}?unit=${encodeURIComponent(n.unitRef)}#unit-${n.unitRef}`,
            key: `${n.specId}:${n.unitRef}@${n.level}`,
          },
    );
  }
  return count;
}

export class PublishProblems extends Error {
  constructor(readonly problems: PlanProblem[]) {
    super(problems.map((p) => p.message).join(" "));
  }
}
