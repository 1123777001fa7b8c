import "server-only";
import type { Actor } from "@/lib/domain/policy";
import { minimumAgeProblem } from "@/lib/domain/registrations/age";
import { latestPerQualification } from "@/lib/domain/registrations/current-registrations";
import { contentOf, suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import { requirementTexts } from "@/lib/domain/catalogue/content";
import type { Prisma } from "@/lib/generated/prisma/client";
import { validateSelection } from "@/lib/domain/catalogue/combination";
import { achievement } from "@/lib/domain/catalogue/progress";
import type { RegistrationInput, RegistrationNumbersInput } from "@/lib/validation/registration";
import {
  currentSignOffs,
  heldUnits,
  signOffState,
  type SignOffRow,
} from "@/lib/server/assessment/internal/assessment-state";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { assertCandidateVisible } from "@/lib/server/identity/internal/guards";
import { centreApprovalsFor } from "@/lib/server/awarding-body/internal/centre-approval-state";
import { db } from "@/lib/server/core/internal/db";
import { suitesFor } from "@/lib/server/catalogue/internal/suites";
import { portfolioAndNamesVersion, VersionedCache } from "@/lib/server/core/internal/portfolio-version";
import { AppError, notFound } from "@/lib/server/core/errors";
import { isoDay, storedDate } from "@/lib/domain/today";

/** "…043": enough to tell two values apart in the trail, not enough to be the number. */
const masked = (value: string | null) => (value === null ? null : `…${value.slice(-3)}`);

/** The selection entries ("101", or "AA@2" for unit values) whose units are achieved. */
function achievedSelection(selection: string[], signOffs: SignOffRow[], stateOf: (s: SignOffRow) => string) {
  const achieved = new Set(signOffs.filter((s) => stateOf(s) === "achieved").map((s) => s.unitRef));
  return selection.filter((entry) => achieved.has(entry.split("@")[0]!));
}

/**
 * The candidate's current registrations (the latest record per qualification), each
 * with the engine's verdict and progress. Visible to whoever may see the candidate.
 */
export async function getRegistrations(actor: Actor, candidateId: string) {
  return (await getRegistrationsWithDecisions(actor, candidateId)).registrations;
}

/**
 * As getRegistrations, with the standing sign-offs and the units on hold it decided them from, for
 * a page that shows those too (the progress page), so they are read once.
 */
export async function getRegistrationsWithDecisions(
  actor: Actor,
  candidateId: string,
): Promise<RegistrationsWithDecisions> {
  await assertCandidateVisible(actor, candidateId);
  // The same for every viewer; kept under the portfolio's version and that of the centre's names
  // (who registered the candidate is named), decision 0019.
  return kept.one(candidateId, await portfolioAndNamesVersion(candidateId), () =>
    registrationsWithDecisions(candidateId),
  );
}

type RegistrationsWithDecisions = Awaited<ReturnType<typeof registrationsWithDecisions>>;
const kept = new VersionedCache<RegistrationsWithDecisions>(2000);

async function registrationsWithDecisions(candidateId: string) {
  const records = await db().candidateRegistration.findMany({
    where: { candidateId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      registeredOn: true,
      units: true,
      createdAt: true,
      enrolmentNumber: true,
      uln: true,
      createdBy: { select: { name: true } },
      spec: { select: { id: true, code: true, version: true, title: true, awardingBody: true, scheme: true } },
    },
  });
  const current = latestPerQualification(records);
  const specIds = current.map((r) => r.spec.id);
  const [signOffs, held, suites] = await Promise.all([
    currentSignOffs(db(), candidateId, specIds),
    heldUnits(db(), [candidateId]),
    suitesFor(specIds),
  ]);
  const stateOf = (s: SignOffRow) => signOffState(s, held.has(`${candidateId}|${s.specId}|${s.unitRef}`));
  const registrations = current.map((r) => {
    const suite = suites.get(r.spec.id)!;
    const context = { registeredOn: isoDay(r.registeredOn) };
    return {
      id: r.id,
      registeredOn: r.registeredOn,
      units: r.units,
      createdAt: r.createdAt,
      enrolmentNumber: r.enrolmentNumber,
      uln: r.uln,
      createdBy: r.createdBy.name,
      spec: {
        id: r.spec.id,
        code: r.spec.code,
        version: r.spec.version,
        title: r.spec.title,
        awardingBody: r.spec.awardingBody,
      },
      suite,
      verdict: validateSelection(suite, r.spec.code, r.units, context),
      // Units count once signed off and countersigned (lib/domain/assessment/rules.ts unitState).
      progress: achievement(
        suite,
        r.spec.code,
        r.units,
        achievedSelection(
          r.units,
          signOffs.filter((s) => s.specId === r.spec.id),
          stateOf,
        ),
        context,
      ),
      unitStates: Object.fromEntries(
        signOffs.filter((s) => s.specId === r.spec.id).map((s) => [s.unitRef, stateOf(s)]),
      ),
    };
  });
  return { registrations, signOffs, held };
}

/** Registers a candidate of the administrator's centre; the engine must accept the selection. */
export async function registerCandidate(actor: Actor, input: RegistrationInput): Promise<{ id: string }> {
  const centreId = authorizeOwnCentre(actor, "registration.manage");
  const candidate = await db().user.findFirst({
    where: { id: input.candidateId, centreId },
    select: { id: true, dateOfBirth: true, roles: { select: { role: true } } },
  });
  if (!candidate) throw notFound();
  if (!candidate.roles.some((r) => r.role === "CANDIDATE")) throw new AppError("NOT_A_CANDIDATE");
  const spec = await db().qualificationSpec.findUnique({
    where: { id: input.specId },
    select: { id: true, code: true, spec: true },
  });
  if (!spec) throw new AppError("INVALID_INPUT", { specId: ["That qualification is not in the catalogue."] });
  const suite = suiteShape.parse(spec.spec) as Suite;
  // C&G 3412: "cannot accept any registrations for candidates under 16" (-04) and under 18 (-05).
  const tooYoung = minimumAgeProblem(
    suite,
    spec.code,
    candidate.dateOfBirth?.toISOString().slice(0, 10) ?? null,
    input.registeredOn,
  );
  if (tooYoung) throw new AppError("INVALID_INPUT", { units: [tooYoung] });
  const verdict = validateSelection(suite, spec.code, input.units, {
    registeredOn: input.registeredOn,
    centreApprovals: await centreApprovalsFor(centreId, spec.code),
  });
  if (!verdict.valid) {
    throw new AppError("INVALID_SELECTION", { units: verdict.reasons.map((r) => `${r.message} ${r.fix}`) });
  }
  return db().$transaction(async (tx) => {
    // The candidate's lock: a judgement or sign-off cannot land between the check and the move.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${candidate.id}::uuid FOR UPDATE`;
    const previous = await tx.candidateRegistration.findFirst({
      where: { candidateId: candidate.id, spec: { code: spec.code } },
      orderBy: { createdAt: "desc" },
      select: {
        specId: true,
        units: true,
        registeredOn: true,
        spec: { select: { version: true, spec: true } },
      },
    });
    const moving = previous && previous.specId !== spec.id ? previous : null;
    let carried = 0;
    // On the version registered on, an area keeps the level its evidence there was mapped at, also
    // when the candidate comes back to a version they were moved away from.
    await assertLevelsKept(tx, candidate.id, spec.id, input.units);
    if (moving) carried = await moveToVersion(tx, candidate.id, moving, { id: spec.id, suite, units: input.units });
    const created = await tx.candidateRegistration.create({
      data: {
        candidateId: candidate.id,
        specId: spec.id,
        registeredOn: storedDate(input.registeredOn),
        units: input.units,
        createdById: actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: moving ? "registration.move" : "registration.create",
      subjectType: "User",
      subjectId: candidate.id,
      detail: {
        registrationId: created.id,
        qualification: spec.code,
        registeredOn: input.registeredOn,
        units: input.units,
        ...(moving
          ? {
              from: {
                specId: moving.specId,
                version: moving.spec.version,
                registeredOn: isoDay(moving.registeredOn),
                units: moving.units,
              },
              mappingsCarried: carried,
            }
          : {}),
      },
    });
    return created;
  });
}

/**
 * An area of competence is a different standard at each level (decision 0022), and mappings,
 * judgements and sign-offs name the unit, not its level: so once the candidate has mapped evidence
 * to an area on this version, a new selection on the same version keeps the area at the level it
 * was mapped at. (Taking the area at another level would count the old level's decisions against
 * the new level's requirements.) The level the mappings were made at is the one in the latest
 * registration on this version that selected the area.
 */
async function assertLevelsKept(tx: Prisma.TransactionClient, candidateId: string, specId: string, units: string[]) {
  const wanted = new Map(
    units.filter((u) => u.includes("@")).map((u) => [u.split("@")[0]!.toUpperCase(), u.split("@")[1]!] as const),
  );
  if (wanted.size === 0) return;
  const history = await tx.candidateRegistration.findMany({
    where: { candidateId, specId },
    orderBy: { createdAt: "desc" },
    select: { units: true },
  });
  const mapped = new Set(
    (
      await tx.evidenceCriterion.findMany({
        where: { specId, unitRef: { in: [...wanted.keys()] }, evidence: { candidateId } },
        select: { unitRef: true },
        distinct: ["unitRef"],
      })
    ).map((m) => m.unitRef),
  );
  const problems: string[] = [];
  for (const [area, level] of wanted) {
    if (!mapped.has(area)) continue;
    const before = history
      .map((h) => h.units.find((u) => u.toUpperCase().startsWith(`${area}@`)))
      .find((u) => u !== undefined);
    const was = before?.split("@")[1];
    if (was && was !== level)
      problems.push(
        `Unit ${area} has evidence mapped to it at level ${was} on this version. Each level has its own requirements, and what was mapped and decided counts only at that level, so it cannot be taken at level ${level} here: keep level ${was}.`,
      );
  }
  if (problems.length > 0) throw new AppError("INVALID_INPUT", { units: problems });
}

/**
 * Moving a candidate to another version of their qualification (decision 0022). Decisions stay
 * with the version whose words they judged, so a candidate with judgements or sign-offs on the old
 * version stays on it. Otherwise their evidence's mappings to requirements whose words are the same
 * in both versions are carried over (the candidate's own links, not decisions); mappings to changed
 * or removed requirements stay on the old version, to be mapped again. Returns how many were carried.
 */
async function moveToVersion(
  tx: Prisma.TransactionClient,
  candidateId: string,
  from: { specId: string; units: string[]; spec: { version: string; spec: unknown } },
  to: { id: string; suite: Suite; units: string[] },
): Promise<number> {
  const [judged, signed] = await Promise.all([
    tx.criterionJudgement.count({ where: { specId: from.specId, evidence: { candidateId } } }),
    tx.unitSignOff.count({ where: { specId: from.specId, candidateId } }),
  ]);
  if (judged + signed > 0) {
    throw new AppError("INVALID_INPUT", {
      specId: [
        `The candidate has ${judged + signed} assessment decision${judged + signed === 1 ? "" : "s"} on version ${from.spec.version}, made against its words: they stay on that version. Choose version ${from.spec.version} to change their units.`,
      ],
    });
  }
  const old = suiteShape.parse(from.spec.spec) as Suite;
  const mappings = await tx.evidenceCriterion.findMany({
    where: { specId: from.specId, evidence: { candidateId } },
    select: { evidenceId: true, unitRef: true, criterion: true, mappedAt: true },
  });
  const same = mappings.filter((m) => {
    // Each side read at the level its own selection takes the unit at: a move from AA@2 to AA@3
    // carries nothing of AA, whose level-2 words are not the level-3 ones.
    const before = requirementTexts(contentOf(old, m.unitRef, from.units)).get(m.criterion);
    const after = requirementTexts(contentOf(to.suite, m.unitRef, to.units)).get(m.criterion);
    return before !== undefined && after !== undefined && before.text === after.text;
  });
  if (same.length === 0) return 0;
  const created = await tx.evidenceCriterion.createMany({
    data: same.map((m) => ({ ...m, specId: to.id })),
    skipDuplicates: true,
  });
  return created.count;
}

/**
 * Records the awarding body's enrolment number and the candidate's ULN on a current registration,
 * so claims can be matched to the awarding body's records; corrections are audited with both values.
 */
export async function recordRegistrationNumbers(actor: Actor, input: RegistrationNumbersInput): Promise<void> {
  const centreId = authorizeOwnCentre(actor, "registration.manage");
  await db().$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<
      { id: string; candidateId: string; enrolmentNumber: string | null; uln: string | null }[]
    >`
      SELECT r.id, r."candidateId", r."enrolmentNumber", r.uln FROM "CandidateRegistration" r JOIN "User" c ON c.id = r."candidateId"
      WHERE r.id = ${input.registrationId}::uuid AND c."centreId" = ${centreId}::uuid FOR UPDATE OF r`;
    if (!row) throw notFound();
    if (row.enrolmentNumber === input.enrolmentNumber && row.uln === input.uln) return;
    await tx.candidateRegistration.update({
      where: { id: row.id },
      data: { enrolmentNumber: input.enrolmentNumber, uln: input.uln },
    });
    await recordAudit(tx, actor, {
      action: "registration.numbers",
      subjectType: "User",
      subjectId: row.candidateId,
      // The audit trail is permanent and outlives retention: it records that the numbers changed and
      // their last characters, never the numbers themselves (the ULN identifies a person nationally).
      detail: {
        registrationId: row.id,
        before: { enrolmentNumber: masked(row.enrolmentNumber), uln: masked(row.uln) },
        after: { enrolmentNumber: masked(input.enrolmentNumber), uln: masked(input.uln) },
      },
    });
  });
}

/** The qualification versions an administrator can register a candidate on. */
export async function listRegistrableQualifications(actor: Actor) {
  authorizeOwnCentre(actor, "registration.manage");
  return db().qualificationSpec.findMany({
    select: { id: true, code: true, version: true, title: true, awardingBody: true },
    orderBy: [{ awardingBody: "asc" }, { code: "asc" }, { version: "desc" }],
  });
}

/** One qualification version's specification, for the registration screen's live checks. */
export async function getRegistrableQualification(actor: Actor, specId: string) {
  const centreId = authorizeOwnCentre(actor, "registration.manage");
  const row = await db().qualificationSpec.findUnique({
    where: { id: specId },
    select: { id: true, code: true, version: true, title: true, spec: true },
  });
  if (!row) throw notFound();
  return {
    id: row.id,
    code: row.code,
    version: row.version,
    title: row.title,
    suite: suiteShape.parse(row.spec) as Suite,
    centreApprovals: await centreApprovalsFor(centreId, row.code),
  };
}
