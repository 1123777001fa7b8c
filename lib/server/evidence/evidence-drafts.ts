import "server-only";
// Evidence the candidate (or a witness or assessor) writes: drafts, files, mapping to criteria,
// submission with the declaration, and new versions of submitted evidence.
import { requirementsFor } from "@/lib/domain/catalogue/content";
import { type Actor } from "@/lib/domain/policy";
import { submissionDeclaration } from "@/lib/domain/declarations";
import { lockEvidence } from "@/lib/evidence/lock";
import { evidenceStorage } from "@/lib/storage";
import { Prisma } from "@/lib/generated/prisma/client";
import { ASSESSOR_METHODS, type EvidenceDetails, type MappingInput } from "@/lib/validation/evidence";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { refuseWhileScanning } from "@/lib/server/assessment/internal/assessment-state";
import { notifyEvidenceToReview } from "@/lib/server/notifications/internal/notify-events";
import { flagSignOffsOnSupersededEvidence } from "@/lib/server/assessment/internal/sign-off-flags";
import { authoredBy } from "./internal/guards";
import { authorize } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { getRegistrations } from "@/lib/server/registrations/registrations";
import { ownEvidence, authoredEvidence } from "./internal/guards";
import { isoDay, storedDate } from "@/lib/domain/today";

export async function createEvidence(actor: Actor, input: EvidenceDetails): Promise<{ id: string }> {
  authorize(actor, "portfolio.own");
  return db().$transaction(async (tx) => {
    const created = await tx.evidence.create({
      data: {
        candidateId: actor.userId,
        title: input.title,
        description: input.description,
        activityDate: storedDate(input.activityDate),
        method: input.method,
        place: input.place || null,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, { action: "evidence.create", subjectType: "Evidence", subjectId: created.id });
    return created;
  });
}

export async function updateEvidence(actor: Actor, evidenceId: string, input: EvidenceDetails): Promise<void> {
  const authored = await authoredEvidence(actor, evidenceId, "details");
  if (authored.author === "assessor" && !(ASSESSOR_METHODS as readonly string[]).includes(input.method)) {
    throw new AppError("INVALID_INPUT", {
      method: ["An assessor records an observation, professional discussion, questioning or simulation."],
    });
  }
  if (authored.author === "assessor" && !input.place)
    throw new AppError("INVALID_INPUT", { place: ["Say where the assessment took place."] });
  await db().$transaction(async (tx) => {
    const before = await tx.evidence.findUnique({
      where: { id: evidenceId },
      select: { title: true, description: true, activityDate: true, method: true, place: true },
    });
    const changed = await tx.evidence.updateMany({
      where: { id: evidenceId, status: "DRAFT", ...authoredBy(actor) },
      data: {
        title: input.title,
        description: input.description,
        activityDate: storedDate(input.activityDate),
        method: input.method,
        place: input.place || null,
      },
    });
    if (changed.count === 0 || !before) throw new AppError("EVIDENCE_SUBMITTED");
    await recordAudit(tx, actor, {
      action: "evidence.update",
      subjectType: "Evidence",
      subjectId: evidenceId,
      detail: { before: { ...before, activityDate: isoDay(before.activityDate) }, after: input },
    });
  });
}

/**
 * Freezes the evidence for assessment: from now on its files never change. Under the evidence
 * row's lock, so no upload can finish into it and no file can be removed while it is checked;
 * refused while an upload to it is unfinished, so the audit event lists exactly what was submitted.
 * The author must make the declaration (their own work, or an accurate record), stored word for
 * word. Submitting a new version flags any unit sign-off that rested on the version it replaces.
 */
export async function submitEvidence(actor: Actor, evidenceId: string, input: { declared: boolean }): Promise<void> {
  const authored = await authoredEvidence(actor, evidenceId, "submit");
  const declaration = submissionDeclaration(authored);
  await db().$transaction(async (tx) => {
    const evidence = await lockEvidence(tx, evidenceId);
    if (!evidence || evidence.candidateId !== authored.candidateId) throw notFound();
    if (evidence.status !== "DRAFT") throw new AppError("EVIDENCE_SUBMITTED");
    // The version this one replaces, locked too: a judgement or sign-off on it either finishes
    // before (and is flagged below) or sees it replaced (and is refused).
    const previous = await tx.evidence.findUnique({ where: { id: evidenceId }, select: { previousVersionId: true } });
    if (previous?.previousVersionId) await lockEvidence(tx, previous.previousVersionId);
    const unfinished = await tx.evidenceUpload.count({ where: { evidenceId, state: "uploading" } });
    if (unfinished > 0) {
      throw new AppError("INVALID_INPUT", {
        evidence: [
          `${unfinished === 1 ? "A file is" : `${unfinished} files are`} still uploading. Let the upload finish, or cancel it, before submitting.`,
        ],
      });
    }
    await refuseWhileScanning(tx, evidenceId);
    const stored = await tx.evidenceFile.findMany({
      where: { evidenceId, deletedAt: null },
      select: { id: true, sha256: true },
      orderBy: { uploadedAt: "asc" },
    });
    // The candidate's evidence is its files; an assessor's record is its notes, files optional.
    if (stored.length === 0 && authored.authorId === null)
      throw new AppError("INVALID_INPUT", { evidence: ["Add at least one file before submitting the evidence."] });
    // Last, so what must change in the evidence itself is said first.
    if (!input.declared)
      throw new AppError("INVALID_INPUT", { declaration: ["Confirm the declaration to submit the evidence."] });
    await tx.evidence.update({
      where: { id: evidenceId },
      data: { status: "SUBMITTED", submittedAt: new Date(), declaration },
    });
    await recordAudit(tx, actor, {
      action: "evidence.submit",
      subjectType: "Evidence",
      subjectId: evidenceId,
      detail: { files: stored, declaration },
    });
    await notifyEvidenceToReview(tx, evidenceId);
    if (previous?.previousVersionId)
      await flagSignOffsOnSupersededEvidence(tx, actor, previous.previousVersionId, evidenceId);
  });
}

/**
 * A new draft with the same details and mapping, for a changed version of submitted evidence.
 * Only submitted evidence has versions (a draft is edited in place), and each has at most one
 * next version: a second request (a double click) gets the version the first one made.
 */
export async function newEvidenceVersion(actor: Actor, evidenceId: string): Promise<{ id: string }> {
  await ownEvidence(actor, evidenceId);
  const existing = () => db().evidence.findUnique({ where: { previousVersionId: evidenceId }, select: { id: true } });
  try {
    return await db().$transaction(async (tx) => {
      const locked = await lockEvidence(tx, evidenceId);
      if (!locked || locked.candidateId !== actor.userId) throw notFound();
      if (locked.status !== "SUBMITTED") {
        throw new AppError("INVALID_INPUT", {
          evidence: ["This evidence is still a draft: change it directly. New versions are for submitted evidence."],
        });
      }
      const next = await tx.evidence.findUnique({ where: { previousVersionId: evidenceId }, select: { id: true } });
      if (next) return next;
      const old = await tx.evidence.findUniqueOrThrow({ where: { id: evidenceId }, include: { criteria: true } });
      const created = await tx.evidence.create({
        data: {
          candidateId: actor.userId,
          title: old.title,
          description: old.description,
          activityDate: old.activityDate,
          method: old.method,
          place: old.place,
          previousVersionId: old.id,
          criteria: {
            create: old.criteria.map((c) => ({ specId: c.specId, unitRef: c.unitRef, criterion: c.criterion })),
          },
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "evidence.version",
        subjectType: "Evidence",
        subjectId: created.id,
        detail: { previous: old.id },
      });
      return created;
    });
  } catch (error) {
    // Two requests raced past the check: the unique next-version index let one through.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      const next = await existing();
      if (next) return next;
    }
    throw error;
  }
}

/** Removes a file from a draft (the stored object goes too); submitted files never change. */
export async function removeEvidenceFile(actor: Actor, fileId: string): Promise<void> {
  authorize(actor, "evidence.author");
  const file = await db().evidenceFile.findFirst({
    where: { id: fileId, deletedAt: null, evidence: authoredBy(actor) },
    select: { id: true, storageKey: true, evidenceId: true, sha256: true },
  });
  if (!file) throw notFound();
  await db().$transaction(async (tx) => {
    // The evidence row's lock: a submission cannot check the files while one is being removed.
    const evidence = await lockEvidence(tx, file.evidenceId);
    if (evidence?.status !== "DRAFT") throw new AppError("EVIDENCE_SUBMITTED");
    const changed = await tx.evidenceFile.updateMany({
      where: { id: fileId, deletedAt: null },
      data: { deletedAt: new Date() },
    });
    if (changed.count === 0) throw notFound();
    await recordAudit(tx, actor, {
      action: "evidence.file.remove",
      subjectType: "Evidence",
      subjectId: file.evidenceId,
      detail: { fileId, sha256: file.sha256 },
    });
  });
  await evidenceStorage().remove(file.storageKey);
}

/**
 * Replaces the evidence's criteria for one qualification; only criteria of units the candidate is
 * registered on. The author changes it (the candidate, or the assessor for a record they made).
 * A criterion that has been judged on this evidence stays mapped: the decision stands on it.
 */
export async function setEvidenceMapping(actor: Actor, input: MappingInput): Promise<void> {
  const evidence = await authoredEvidence(actor, input.evidenceId, "mapping");
  const registration = (await getRegistrations(actor, evidence.candidateId)).find((r) => r.spec.id === input.specId);
  if (!registration)
    throw new AppError("INVALID_INPUT", { criteria: ["The candidate is not registered on that qualification."] });
  const valid = new Set(
    registration.suite.units
      .filter((u) => registration.units.includes(u.ref) || registration.units.some((s) => s.startsWith(`${u.ref}@`)))
      .flatMap((u) => requirementsFor(u, registration.units).map((c) => `${u.ref}:${c.number}`)),
  );
  const unknown = input.criteria.filter((c) => !valid.has(c));
  if (unknown.length)
    throw new AppError("INVALID_INPUT", {
      criteria: [`Not criteria of the candidate's units: ${unknown.join(", ")}.`],
    });
  const wanted = [...new Set(input.criteria)];
  await db().$transaction(async (tx) => {
    // The evidence row's lock: a judgement cannot land between the check and the change.
    await lockEvidence(tx, input.evidenceId);
    const judged = await tx.criterionJudgement.findMany({
      where: { evidenceId: input.evidenceId, specId: input.specId },
      distinct: ["unitRef", "criterion"],
      select: { unitRef: true, criterion: true },
    });
    const dropped = judged.map((j) => `${j.unitRef}:${j.criterion}`).filter((c) => !wanted.includes(c));
    if (dropped.length) {
      throw new AppError("INVALID_INPUT", {
        criteria: [
          `These criteria have been judged on this evidence, so they stay mapped: ${dropped.join(", ")}. Add new evidence or a new version instead.`,
        ],
      });
    }
    await tx.evidenceCriterion.deleteMany({ where: { evidenceId: input.evidenceId, specId: input.specId } });
    await tx.evidenceCriterion.createMany({
      data: wanted.map((c) => {
        const [unitRef, criterion] = c.split(":") as [string, string];
        return { evidenceId: input.evidenceId, specId: input.specId, unitRef, criterion };
      }),
    });
    await recordAudit(tx, actor, {
      action: "evidence.map",
      subjectType: "Evidence",
      subjectId: input.evidenceId,
      detail: { specId: input.specId, criteria: wanted },
    });
  });
}
