import "server-only";
// Unit sign-off: the assessor signs a unit off with a snapshot of the evidence behind each criterion
// (files and hashes), and a wrong sign-off is corrected by a new record that names it.
import { NOT_ASSESSABLE, requirementsFor } from "@/lib/domain/catalogue/content";
import { ASSESSOR_UNIT_DECLARATION } from "@/lib/domain/declarations";
import { takesEffect } from "@/lib/domain/assessment/rules";
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import type { Actor } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CorrectionInput, SignOffInput } from "@/lib/validation/assessment";
import {
  criterionEvidence,
  currentJudgements,
  needsCountersignature,
  supersededEvidence,
} from "./internal/assessment-state";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { notifySignOffToCountersign } from "@/lib/server/notifications/internal/notify-events";
import { checkPassword, lockCandidate } from "@/lib/server/core/internal/signing";
import { selectForSummativeSample } from "@/lib/server/internal-verification/internal/summative-selection";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { Tx, assertOnCaseload, assertMayAssessWorkingTowards } from "./internal/guards";

type UnitSnapshot = {
  criterion: string;
  /** The requirement's words as signed off (the version's text, kept in the record itself). */
  text: string;
  accepted: {
    judgementId: string;
    evidenceId: string;
    title: string;
    method: string;
    files: { id: string; name: string; sha256: string }[];
  }[];
}[];

/**
 * Under the candidate's lock: every criterion of the unit must be covered by accepted evidence in
 * effect. Returns what the sign-off record keeps: for each criterion the judgements, evidence and
 * file SHA-256 values behind it. The evidence rows are share-locked so no judgement changes under it.
 */
async function unitEvidenceSnapshot(
  tx: Tx,
  candidateId: string,
  specId: string,
  unitRef: string,
): Promise<UnitSnapshot> {
  const registration = await tx.candidateRegistration.findFirst({
    where: { candidateId, spec: { id: specId } },
    orderBy: { createdAt: "desc" },
    select: { units: true, spec: { select: { code: true, spec: true } } },
  });
  const latestForCode = registration
    ? await tx.candidateRegistration.findFirst({
        where: { candidateId, spec: { code: registration.spec.code } },
        orderBy: { createdAt: "desc" },
        select: { specId: true, units: true },
      })
    : null;
  if (!registration || latestForCode?.specId !== specId) throw notFound();
  const selected = latestForCode.units.some((u) => u === unitRef || u.startsWith(`${unitRef}@`));
  if (!selected) throw new AppError("INVALID_INPUT", { unitRef: ["The candidate is not registered on that unit."] });
  const suite = suiteShape.parse(registration.spec.spec) as Suite;
  const unit = suite.units.find((u) => u.ref === unitRef);
  const requirements = unit ? requirementsFor(unit, latestForCode.units) : [];
  const criteria = requirements.map((c) => c.number);
  const textOf = new Map(requirements.map((c) => [c.number, c.text]));
  if (!unit || criteria.length === 0) {
    throw new AppError("INVALID_INPUT", {
      unitRef: [
        `The catalogue has no assessment criteria for this unit, so it cannot be signed off against them. ${NOT_ASSESSABLE}`,
      ],
    });
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
  const coverage = criterionEvidence(
    mappings.map((m) => ({ ...m, status: m.evidence.status })),
    judgements,
    superseded,
  );
  const missing = criteria.filter((c) => coverage.accepted(specId, unitRef, c).length === 0);
  if (missing.length > 0) {
    throw new AppError("INVALID_INPUT", {
      unitRef: [
        `A unit can be signed off only when every criterion is covered by accepted evidence. Not yet accepted: ${missing.join(", ")}.`,
      ],
    });
  }
  const used = [...new Set(criteria.flatMap((c) => coverage.accepted(specId, unitRef, c).map((e) => e.evidenceId)))];
  const details = await tx.evidence.findMany({
    where: { id: { in: used } },
    select: {
      id: true,
      title: true,
      method: true,
      files: {
        where: { deletedAt: null },
        select: { id: true, displayName: true, sha256: true },
        orderBy: { uploadedAt: "asc" },
      },
    },
  });
  const byId = new Map(details.map((d) => [d.id, d]));
  return criteria.map((criterion) => ({
    criterion,
    text: textOf.get(criterion) ?? "",
    accepted: coverage.accepted(specId, unitRef, criterion).map((e) => {
      const d = byId.get(e.evidenceId)!;
      return {
        judgementId: e.judgementRow!.id,
        evidenceId: d.id,
        title: d.title,
        method: d.method,
        files: d.files.map((f) => ({ id: f.id, name: f.displayName, sha256: f.sha256 })),
      };
    }),
  }));
}

const snapshotEvidenceIds = (snapshot: UnitSnapshot) => [
  ...new Set(snapshot.flatMap((c) => c.accepted.map((a) => a.evidenceId))),
];

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
      where: {
        candidateId: input.candidateId,
        specId: input.specId,
        unitRef: input.unitRef,
        supersededBy: { is: null },
      },
      select: { id: true, signed: true },
    });
    if ((current?.id ?? "") !== input.expected) throw new AppError("STALE");
    if (current?.signed)
      throw new AppError("INVALID_INPUT", {
        unitRef: ["This unit is already signed off. To change that, correct the sign-off and give a reason."],
      });
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
      detail: {
        candidateId: input.candidateId,
        specId: input.specId,
        unit: input.unitRef,
        evidence: snapshot,
        supersedes: current?.id ?? null,
      },
    });
    await selectForSummativeSample(tx, actor, {
      id: created.id,
      candidateId: input.candidateId,
      specId: input.specId,
      unitRef: input.unitRef,
      assessorId: actor.userId,
    });
    await notifySignOffToCountersign(
      tx,
      { id: created.id, candidateId: input.candidateId, unitRef: input.unitRef },
      actor.name,
    );
    return created;
  });
}

/**
 * Corrects a standing sign-off with a new record that supersedes it and gives the reason: either
 * signed again on the evidence as it stands now (clearing a flag), or withdrawn.
 */
export async function correctSignOff(actor: Actor, input: CorrectionInput): Promise<{ id: string }> {
  const target = await db().unitSignOff.findUnique({
    where: { id: input.signOffId },
    select: { candidateId: true, specId: true, unitRef: true },
  });
  if (!target) throw notFound();
  await assertOnCaseload(actor, target.candidateId);
  if (input.action === "resign" && !input.declared)
    throw new AppError("INVALID_INPUT", { declared: ["Confirm the declaration to sign the unit off again."] });
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
    if (
      countersign &&
      takesEffect({
        needsCountersignature: standing.needsCountersignature,
        countersigned: standing.countersignature !== null,
      })
    ) {
      throw new AppError("INVALID_INPUT", {
        signOffId: [
          "This sign-off is in effect. Only a qualified assessor can correct it: decisions of an assessor working towards the assessor units count once countersigned.",
        ],
      });
    }
    if (!standing.signed)
      throw new AppError("INVALID_INPUT", {
        signOffId: ["This sign-off is already withdrawn. Sign the unit off again instead."],
      });
    const snapshot =
      input.action === "resign"
        ? await unitEvidenceSnapshot(tx, target.candidateId, target.specId, target.unitRef)
        : [];
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
    if (input.action === "resign")
      await selectForSummativeSample(tx, actor, { id: created.id, ...target, assessorId: actor.userId });
    return created;
  });
}
