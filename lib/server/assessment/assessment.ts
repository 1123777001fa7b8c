import "server-only";
// The assessor's decisions: judging evidence against criteria, signing units off, correcting a
// sign-off, and the countersignatures (the candidate's, and a qualified assessor's for an assessor
// working towards the assessor units). Every decision is a new row; nothing here updates one.
import {
  ASSESSOR_UNIT_DECLARATION,
  CANDIDATE_UNIT_DECLARATION,
  COUNTERSIGN_DECLARATION,
} from "@/lib/domain/declarations";
import { simulationProblem, simulationRule, takesEffect, workingTowardsProblem } from "@/lib/domain/assessment";
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import type { Actor } from "@/lib/domain/policy";
import { lockEvidence } from "@/lib/evidence/lock";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AcceptAwaitingInput, CorrectionInput, JudgementInput, SignOffInput } from "@/lib/validation/assessment";
import { criterionEvidence, currentJudgements, needsCountersignature, signOffSelect, supersededEvidence } from "./internal/assessment-state";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { notifyFeedback, notifySignOffToCountersign } from "@/lib/server/notifications/internal/notify-events";
import { checkPassword, isUniqueViolation, lockCandidate } from "@/lib/server/core/internal/signing";
import { selectForSummativeSample } from "@/lib/server/internal-verification/internal/summative-selection";
import { flagSignOffsOnChangedJudgement } from "./internal/sign-off-flags";
import { authorize, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";

type Tx = Prisma.TransactionClient;

/** The candidate is on the actor's caseload in the actor's centre; 404 otherwise. Nobody assesses themselves. */
export async function assertOnCaseload(actor: Actor, candidateId: string, action: "assessment.judge" | "assessment.countersign" | "review.manage" = "assessment.judge") {
  const centreId = authorizeOwnCentre(actor, action);
  const assigned = await db().assessorAssignment.findFirst({
    where: { candidateId, assessorId: actor.userId, candidate: { centreId, active: true } },
    select: { candidateId: true },
  });
  if (!assigned) throw notFound();
  if (candidateId === actor.userId) throw new AppError("OWN_ASSESSMENT");
}

/** OCR (and any specification saying so) lets only qualified assessors assess: refuse the rest, with the reason. */
async function assertMayAssessWorkingTowards(specId: string) {
  const spec = await db().qualificationSpec.findUnique({ where: { id: specId }, select: { code: true, spec: true } });
  if (!spec) throw notFound();
  const problem = workingTowardsProblem(suiteShape.parse(spec.spec) as Suite, spec.code);
  if (problem) throw new AppError("INVALID_INPUT", { unitRef: [problem] });
}



/**
 * Accepts a criterion on a piece of evidence or refers it back, with the VARCS checks. The form
 * carries the judgement it showed (`expected`); if another decision landed since, nothing is saved
 * and the assessor is told (STALE). Refused: own portfolio, drafts, replaced versions, criteria the
 * evidence is not mapped to, and simulated evidence where the qualification does not allow it.
 */
export async function judgeCriterion(actor: Actor, input: JudgementInput): Promise<{ id: string }> {
  const [created] = await judge(actor, input.evidenceId, input.specId, input.outcome, [
    { unitRef: input.unitRef, criterion: input.criterion, expected: input.expected, feedback: input.feedback, checksNote: input.checksNote, checks: input },
  ]);
  return created!;
}

/**
 * Accepts, in one go, the criteria of one piece of evidence that the page showed as awaiting
 * judgement, with one set of VARCS checks. A criterion someone judged meanwhile stops the whole
 * decision (STALE), so nothing is accepted that the assessor did not see unjudged.
 */
export async function acceptAwaitingCriteria(actor: Actor, input: AcceptAwaitingInput): Promise<{ id: string }[]> {
  const decisions = [...new Set(input.criteria)].map((c) => {
    const [unitRef, criterion] = c.split(":") as [string, string];
    return { unitRef, criterion, expected: "", feedback: input.feedback, checksNote: "", checks: input };
  });
  return judge(actor, input.evidenceId, input.specId, "ACCEPTED", decisions);
}

type Checks = { valid: boolean; authentic: boolean; reliable: boolean; current: boolean; sufficient: boolean };
type Decision = { unitRef: string; criterion: string; expected: string; feedback: string; checksNote: string; checks: Checks };

async function judge(actor: Actor, evidenceId: string, specId: string, outcome: "ACCEPTED" | "REFERRED", decisions: Decision[]): Promise<{ id: string }[]> {
  const evidence = await db().evidence.findUnique({
    where: { id: evidenceId },
    select: { candidateId: true, method: true, place: true, status: true },
  });
  if (!evidence) throw notFound();
  await assertOnCaseload(actor, evidence.candidateId);
  const spec = await db().qualificationSpec.findUnique({ where: { id: specId }, select: { code: true, spec: true } });
  if (!spec) throw notFound();
  const suite = suiteShape.parse(spec.spec) as Suite;
  if (outcome === "ACCEPTED") {
    const problem = simulationProblem(simulationRule(suite, spec.code), evidence);
    if (problem) throw new AppError("INVALID_INPUT", { outcome: [problem] });
  }
  const countersign = await needsCountersignature(db(), actor.userId);
  if (countersign) {
    const problem = workingTowardsProblem(suite, spec.code);
    if (problem) throw new AppError("INVALID_INPUT", { outcome: [problem] });
  }
  return db().$transaction(async (tx) => {
    // The candidate's row, shared (judges do not wait for each other): an IV's verdict or sample
    // takes it exclusively, so it sees either none or all of this decision.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${evidence.candidateId}::uuid FOR SHARE`;
    const locked = await lockEvidence(tx, evidenceId);
    if (!locked || locked.candidateId !== evidence.candidateId) throw notFound();
    if (locked.status !== "SUBMITTED") throw new AppError("INVALID_INPUT", { evidence: ["Only submitted evidence can be judged."] });
    if ((await supersededEvidence(tx, [evidenceId])).size > 0) {
      throw new AppError("INVALID_INPUT", { evidence: ["A newer version of this evidence has been submitted: judge that version instead."] });
    }
    // The mapping and the standing decisions, read once under the lock for all the criteria decided.
    const key = (unitRef: string, criterion: string) => `${unitRef}:${criterion}`;
    const [mappings, standing] = await Promise.all([
      tx.evidenceCriterion.findMany({ where: { evidenceId, specId }, select: { unitRef: true, criterion: true } }),
      currentJudgements(tx, { evidenceId, specId }),
    ]);
    const mapped = new Set(mappings.map((m) => key(m.unitRef, m.criterion)));
    const currentOf = new Map(standing.map((j) => [key(j.unitRef, j.criterion), j]));
    const created: { id: string }[] = [];
    for (const d of decisions) {
      if (!mapped.has(key(d.unitRef, d.criterion))) throw new AppError("INVALID_INPUT", { criterion: [`The evidence is not mapped to ${d.unitRef} ${d.criterion}.`] });
      const current = currentOf.get(key(d.unitRef, d.criterion));
      if ((current?.id ?? "") !== d.expected) throw new AppError("STALE");
      // C&G 3412 section 2: an assessor working towards the assessor units decides subject to a
      // qualified assessor's countersignature, so they cannot undo a decision already in effect.
      if (countersign && current && takesEffect({ needsCountersignature: current.needsCountersignature, countersigned: current.countersignature !== null })) {
        throw new AppError("INVALID_INPUT", {
          outcome: ["This decision is in effect. Only a qualified assessor can change it: decisions of an assessor working towards the assessor units count once countersigned."],
        });
      }
      const row = await tx.criterionJudgement.create({
        data: {
          evidenceId,
          specId,
          unitRef: d.unitRef,
          criterion: d.criterion,
          outcome,
          feedback: d.feedback,
          valid: d.checks.valid,
          authentic: d.checks.authentic,
          reliable: d.checks.reliable,
          current: d.checks.current,
          sufficient: d.checks.sufficient,
          checksNote: d.checksNote,
          assessorId: actor.userId,
          needsCountersignature: countersign,
          supersedesId: current?.id ?? null,
        },
        select: { id: true },
      });
      if (current) await flagSignOffsOnChangedJudgement(tx, actor, current.id, evidenceId, specId, d.unitRef);
      await recordAudit(tx, actor, {
        action: "assessment.judge",
        subjectType: "Evidence",
        subjectId: evidenceId,
        detail: { judgementId: row.id, unit: d.unitRef, criterion: d.criterion, outcome, supersedes: current?.id ?? null, needsCountersignature: countersign },
      });
      created.push(row);
    }
    if (created.length > 0) await notifyFeedback(tx, evidenceId, outcome, created.length, created[0]!.id, actor.name);
    return created;
  });
}

type UnitSnapshot = { criterion: string; accepted: { judgementId: string; evidenceId: string; title: string; method: string; files: { id: string; name: string; sha256: string }[] }[] }[];

/**
 * Under the candidate's lock: every criterion of the unit must be covered by accepted evidence in
 * effect. Returns what the sign-off record keeps: for each criterion the judgements, evidence and
 * file SHA-256 values behind it. The evidence rows are share-locked so no judgement changes under it.
 */
async function unitEvidenceSnapshot(tx: Tx, candidateId: string, specId: string, unitRef: string): Promise<UnitSnapshot> {
  const registration = await tx.candidateRegistration.findFirst({
    where: { candidateId, spec: { id: specId } },
    orderBy: { createdAt: "desc" },
    select: { units: true, spec: { select: { code: true, spec: true } } },
  });
  const latestForCode = registration
    ? await tx.candidateRegistration.findFirst({ where: { candidateId, spec: { code: registration.spec.code } }, orderBy: { createdAt: "desc" }, select: { specId: true, units: true } })
    : null;
  if (!registration || latestForCode?.specId !== specId) throw notFound();
  const selected = latestForCode.units.some((u) => u === unitRef || u.startsWith(`${unitRef}@`));
  if (!selected) throw new AppError("INVALID_INPUT", { unitRef: ["The candidate is not registered on that unit."] });
  const suite = suiteShape.parse(registration.spec.spec) as Suite;
  const unit = suite.units.find((u) => u.ref === unitRef);
  const criteria = unit?.outcomes.flatMap((o) => o.criteria.map((c) => c.number)) ?? [];
  if (!unit || criteria.length === 0) {
    throw new AppError("INVALID_INPUT", { unitRef: ["The catalogue has no assessment criteria for this unit, so it cannot be signed off against them."] });
  }
  const mappings = await tx.evidenceCriterion.findMany({
    where: { specId, unitRef, evidence: { candidateId } },
    select: { evidenceId: true, specId: true, unitRef: true, criterion: true, evidence: { select: { status: true } } },
  });
  const evidenceIds = [...new Set(mappings.map((m) => m.evidenceId))];
  if (evidenceIds.length > 0) {
    await tx.$queryRaw`SELECT id FROM "Evidence" WHERE id = ANY(${evidenceIds}::uuid[]) ORDER BY id FOR SHARE`;
  }
  const judgements = await currentJudgements(tx, { evidenceId: { in: evidenceIds }, specId, unitRef });
  const superseded = await supersededEvidence(tx, evidenceIds);
  const coverage = criterionEvidence(mappings.map((m) => ({ ...m, status: m.evidence.status })), judgements, superseded);
  const missing = criteria.filter((c) => coverage.accepted(specId, unitRef, c).length === 0);
  if (missing.length > 0) {
    throw new AppError("INVALID_INPUT", {
      unitRef: [`A unit can be signed off only when every criterion is covered by accepted evidence. Not yet accepted: ${missing.join(", ")}.`],
    });
  }
  const used = [...new Set(criteria.flatMap((c) => coverage.accepted(specId, unitRef, c).map((e) => e.evidenceId)))];
  const details = await tx.evidence.findMany({
    where: { id: { in: used } },
    select: { id: true, title: true, method: true, files: { where: { deletedAt: null }, select: { id: true, displayName: true, sha256: true }, orderBy: { uploadedAt: "asc" } } },
  });
  const byId = new Map(details.map((d) => [d.id, d]));
  return criteria.map((criterion) => ({
    criterion,
    accepted: coverage.accepted(specId, unitRef, criterion).map((e) => {
      const d = byId.get(e.evidenceId)!;
      return { judgementId: e.judgementRow!.id, evidenceId: d.id, title: d.title, method: d.method, files: d.files.map((f) => ({ id: f.id, name: f.displayName, sha256: f.sha256 })) };
    }),
  }));
}

const snapshotEvidenceIds = (snapshot: UnitSnapshot) => [...new Set(snapshot.flatMap((c) => c.accepted.map((a) => a.evidenceId)))];

/**
 * Signs a unit off: password re-entered, declaration confirmed (its exact text is stored), every
 * criterion covered by accepted evidence. The record keeps the evidence and file hashes behind each
 * criterion. A unit with a standing sign-off is corrected (correctSignOff), not signed again.
 */
export async function signOffUnit(actor: Actor, input: SignOffInput): Promise<{ id: string }> {
  await assertOnCaseload(actor, input.candidateId);
  await checkPassword(actor, input.password);
  const countersign = await needsCountersignature(db(), actor.userId);
  if (countersign) await assertMayAssessWorkingTowards(input.specId);
  return db().$transaction(async (tx) => {
    await lockCandidate(tx, input.candidateId);
    const current = await tx.unitSignOff.findFirst({
      where: { candidateId: input.candidateId, specId: input.specId, unitRef: input.unitRef, supersededBy: { is: null } },
      select: { id: true, signed: true },
    });
    if ((current?.id ?? "") !== input.expected) throw new AppError("STALE");
    if (current?.signed) throw new AppError("INVALID_INPUT", { unitRef: ["This unit is already signed off. To change that, correct the sign-off and give a reason."] });
    const snapshot = await unitEvidenceSnapshot(tx, input.candidateId, input.specId, input.unitRef);
    const created = await tx.unitSignOff.create({
      data: {
        candidateId: input.candidateId,
        specId: input.specId,
        unitRef: input.unitRef,
        assessorId: actor.userId,
        declaration: ASSESSOR_UNIT_DECLARATION,
        evidence: snapshot as unknown as Prisma.InputJsonValue,
        evidenceIds: snapshotEvidenceIds(snapshot),
        needsCountersignature: countersign,
        supersedesId: current?.id ?? null,
        reason: current ? "Signed off again after the sign-off was withdrawn." : null,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "signoff.sign",
      subjectType: "UnitSignOff",
      subjectId: created.id,
      detail: { candidateId: input.candidateId, specId: input.specId, unit: input.unitRef, evidence: snapshot, supersedes: current?.id ?? null },
    });
    await selectForSummativeSample(tx, actor, { id: created.id, candidateId: input.candidateId, specId: input.specId, unitRef: input.unitRef, assessorId: actor.userId });
    await notifySignOffToCountersign(tx, { id: created.id, candidateId: input.candidateId, unitRef: input.unitRef }, actor.name);
    return created;
  });
}

/**
 * Corrects a standing sign-off with a new record that supersedes it and gives the reason: either
 * signed again on the evidence as it stands now (clearing a flag), or withdrawn.
 */
export async function correctSignOff(actor: Actor, input: CorrectionInput): Promise<{ id: string }> {
  const target = await db().unitSignOff.findUnique({ where: { id: input.signOffId }, select: { candidateId: true, specId: true, unitRef: true } });
  if (!target) throw notFound();
  await assertOnCaseload(actor, target.candidateId);
  if (input.action === "resign" && !input.declared) throw new AppError("INVALID_INPUT", { declared: ["Confirm the declaration to sign the unit off again."] });
  await checkPassword(actor, input.password);
  const countersign = await needsCountersignature(db(), actor.userId);
  if (countersign) await assertMayAssessWorkingTowards(target.specId);
  return db().$transaction(async (tx) => {
    await lockCandidate(tx, target.candidateId);
    const standing = await tx.unitSignOff.findFirst({
      where: { id: input.signOffId, supersededBy: { is: null } },
      select: { id: true, signed: true, needsCountersignature: true, countersignature: { select: { id: true } } },
    });
    if (!standing) throw new AppError("STALE");
    if (countersign && takesEffect({ needsCountersignature: standing.needsCountersignature, countersigned: standing.countersignature !== null })) {
      throw new AppError("INVALID_INPUT", {
        signOffId: ["This sign-off is in effect. Only a qualified assessor can correct it: decisions of an assessor working towards the assessor units count once countersigned."],
      });
    }
    if (!standing.signed) throw new AppError("INVALID_INPUT", { signOffId: ["This sign-off is already withdrawn. Sign the unit off again instead."] });
    const snapshot = input.action === "resign" ? await unitEvidenceSnapshot(tx, target.candidateId, target.specId, target.unitRef) : [];
    const created = await tx.unitSignOff.create({
      data: {
        candidateId: target.candidateId,
        specId: target.specId,
        unitRef: target.unitRef,
        assessorId: actor.userId,
        declaration: input.action === "resign" ? ASSESSOR_UNIT_DECLARATION : "",
        evidence: snapshot as unknown as Prisma.InputJsonValue,
        evidenceIds: snapshotEvidenceIds(snapshot),
        signed: input.action === "resign",
        needsCountersignature: input.action === "resign" && countersign,
        supersedesId: standing.id,
        reason: input.reason,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: input.action === "resign" ? "signoff.correct" : "signoff.withdraw",
      subjectType: "UnitSignOff",
      subjectId: created.id,
      detail: { supersedes: standing.id, reason: input.reason, unit: target.unitRef, evidence: snapshot },
    });
    if (input.action === "resign") await selectForSummativeSample(tx, actor, { id: created.id, ...target, assessorId: actor.userId });
    return created;
  });
}

/** The candidate countersigns the unit declaration of a standing sign-off, with their password. */
export async function countersignUnitAsCandidate(actor: Actor, input: { signOffId: string; password: string }): Promise<void> {
  authorize(actor, "portfolio.own");
  const target = await db().unitSignOff.findFirst({ where: { id: input.signOffId, candidateId: actor.userId }, select: { id: true } });
  if (!target) throw notFound();
  await checkPassword(actor, input.password);
  try {
    await db().$transaction(async (tx) => {
      await lockCandidate(tx, actor.userId);
      const standing = await tx.unitSignOff.findFirst({ where: { id: input.signOffId, supersededBy: { is: null } }, select: signOffSelect });
      if (!standing) throw new AppError("STALE");
      if (standing.candidateSignature) throw new AppError("ALREADY_SIGNED");
      if (!standing.signed) throw new AppError("STALE");
      await tx.candidateSignature.create({ data: { signOffId: standing.id, candidateId: actor.userId, declaration: CANDIDATE_UNIT_DECLARATION } });
      await recordAudit(tx, actor, { action: "signoff.candidate-sign", subjectType: "UnitSignOff", subjectId: standing.id, detail: { unit: standing.unitRef } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("ALREADY_SIGNED");
    throw error;
  }
}

/**
 * A qualified assessor countersigns judgements or sign-offs made by an assessor working towards
 * the assessor units, for candidates on their own caseload; never their own decisions. Several at
 * once, all or none.
 */
export async function countersignDecision(actor: Actor, input: { kind: "judgement" | "signOff"; ids: string[]; password: string }): Promise<void> {
  authorize(actor, "assessment.countersign");
  const ids = [...new Set(input.ids)];
  const decisions =
    input.kind === "judgement"
      ? (await db().criterionJudgement.findMany({ where: { id: { in: ids } }, select: { id: true, assessorId: true, needsCountersignature: true, evidenceId: true, evidence: { select: { candidateId: true } } } }))
          .map((j) => ({ id: j.id, assessorId: j.assessorId, needsCountersignature: j.needsCountersignature, candidateId: j.evidence.candidateId, evidenceId: j.evidenceId }))
      : (await db().unitSignOff.findMany({ where: { id: { in: ids } }, select: { id: true, assessorId: true, needsCountersignature: true, candidateId: true } }))
          .map((s) => ({ ...s, evidenceId: null }));
  if (decisions.length !== ids.length) throw notFound();
  for (const candidateId of new Set(decisions.map((d) => d.candidateId))) await assertOnCaseload(actor, candidateId, "assessment.countersign");
  if (decisions.some((d) => d.assessorId === actor.userId)) throw new AppError("OWN_ASSESSMENT");
  if (await needsCountersignature(db(), actor.userId)) throw new AppError("NOT_QUALIFIED");
  if (decisions.some((d) => !d.needsCountersignature)) throw new AppError("INVALID_INPUT", { ids: ["A decision made by a qualified assessor needs no countersignature."] });
  await checkPassword(actor, input.password);
  try {
    await db().$transaction(async (tx) => {
      for (const candidateId of [...new Set(decisions.map((d) => d.candidateId))].sort()) await lockCandidate(tx, candidateId);
      if (input.kind === "judgement") {
        // The evidence rows a judgement is made under: a re-judgement cannot slip in before this countersignature.
        const evidenceIds = [...new Set(decisions.map((d) => d.evidenceId!))];
        await tx.$queryRaw`SELECT id FROM "Evidence" WHERE id = ANY(${evidenceIds}::uuid[]) ORDER BY id FOR SHARE`;
      }
      for (const id of ids) {
        const standing =
          input.kind === "judgement"
            ? await tx.criterionJudgement.findFirst({ where: { id, supersededBy: { is: null } }, select: { id: true, countersignature: { select: { id: true } } } })
            : await tx.unitSignOff.findFirst({ where: { id, supersededBy: { is: null } }, select: { id: true, countersignature: { select: { id: true } } } });
        if (!standing) throw new AppError("STALE");
        if (standing.countersignature) throw new AppError("ALREADY_SIGNED");
        await tx.countersignature.create({
          data: { [input.kind === "judgement" ? "judgementId" : "signOffId"]: id, assessorId: actor.userId, declaration: COUNTERSIGN_DECLARATION },
        });
        await recordAudit(tx, actor, { action: "assessment.countersign", subjectType: input.kind === "judgement" ? "CriterionJudgement" : "UnitSignOff", subjectId: id });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("ALREADY_SIGNED");
    throw error;
  }
}

/** Decisions awaiting the actor's countersignature: made by others, for candidates on their caseload, still standing. */
export async function listCountersignQueue(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "assessment.countersign");
  const qualified = !(await needsCountersignature(db(), actor.userId));
  if (!qualified) return { qualified, judgements: [], signOffs: [] };
  const onCaseload = { centreId, assessedBy: { some: { assessorId: actor.userId } } };
  const [judgements, signOffs] = await Promise.all([
    db().criterionJudgement.findMany({
      where: { needsCountersignature: true, countersignature: { is: null }, supersededBy: { is: null }, assessorId: { not: actor.userId }, evidence: { candidate: onCaseload } },
      select: {
        id: true, unitRef: true, criterion: true, outcome: true, decidedAt: true, feedback: true,
        assessor: { select: { name: true } },
        evidence: { select: { id: true, title: true, candidate: { select: { id: true, name: true } } } },
      },
      orderBy: { decidedAt: "asc" },
      take: 200,
    }),
    db().unitSignOff.findMany({
      where: { needsCountersignature: true, countersignature: { is: null }, supersededBy: { is: null }, signed: true, assessorId: { not: actor.userId }, candidate: onCaseload },
      select: { id: true, unitRef: true, signedAt: true, assessor: { select: { name: true } }, candidate: { select: { id: true, name: true } } },
      orderBy: { signedAt: "asc" },
      take: 200,
    }),
  ]);
  return { qualified, judgements, signOffs };
}

