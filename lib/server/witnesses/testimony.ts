// Testimony, from the witness's side: they see only the requests made to them (testimony-requests.ts
// makes them), write what they saw against each criterion, may attach files, and sign. The signed
// testimony is submitted evidence (method WITNESS_TESTIMONY) mapped to those criteria, so the
// assessor judges it like any other evidence; OCR leaves that judgement to the assessor, who "may
// question the witness".
import "server-only";
import { requirementsFor } from "@/lib/domain/catalogue/content";
import { selectionOn } from "@/lib/server/catalogue/internal/suites";
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import { WITNESS_DECLARATION } from "@/lib/domain/declarations";
import type { Actor } from "@/lib/domain/policy";
import { londonToday, storedDate } from "@/lib/domain/today";
import { vettingProblem } from "@/lib/domain/witnesses/vetting";
import { lockEvidence } from "@/lib/evidence/lock";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SignTestimonyInput } from "@/lib/validation/witness";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { refuseWhileScanning } from "@/lib/server/assessment/internal/assessment-state";
import { notifyEvidenceToReview } from "@/lib/server/notifications/internal/notify-events";
import { authorize } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { userNames } from "@/lib/server/core/internal/user-names";
import { AppError } from "@/lib/server/core/errors";
import { latestVetting } from "./witness-register";
import { ownRequest } from "./internal/guards";

/** Every "unit:criterion" of the candidate's units, with the words the witness reads. */
function criterionTexts(suite: Suite, selection: readonly string[]) {
  const texts = new Map<string, { unitRef: string; unitTitle: string; number: string; text: string }>();
  for (const u of suite.units)
    for (const c of requirementsFor(u, selection))
      texts.set(`${u.ref}:${c.number}`, { unitRef: u.ref, unitTitle: u.title, number: c.number, text: c.text });
  return texts;
}

const splitKey = (key: string) => {
  const [unitRef, criterion] = key.split(":") as [string, string];
  return { unitRef, criterion };
};

/** The signed-in witness's requests: the open ones to answer, and the testimony they have signed. */
export async function listWitnessRequests(actor: Actor) {
  authorize(actor, "testimony.give");
  const rows = await db().testimonyRequest.findMany({
    where: { witnessId: actor.userId },
    select: {
      id: true,
      candidateId: true,
      requestedById: true,
      criteria: true,
      createdAt: true,
      testimony: { select: { signedAt: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: 200,
  });
  const names = await userNames(rows.flatMap((r) => [r.candidateId, r.requestedById]));
  const present = (r: (typeof rows)[number]) => ({
    id: r.id,
    candidate: names.get(r.candidateId) ?? "Unknown",
    requestedBy: names.get(r.requestedById) ?? "Unknown",
    criteria: r.criteria.length,
    createdAt: r.createdAt,
    signedAt: r.testimony?.signedAt ?? null,
  });
  return { open: rows.filter((r) => !r.testimony).map(present), signed: rows.filter((r) => r.testimony).map(present) };
}

const liveFiles = {
  where: { deletedAt: null },
  orderBy: { uploadedAt: "asc" },
  select: {
    id: true,
    displayName: true,
    contentType: true,
    size: true,
    sha256: true,
    scanStatus: true,
    scanDetail: true,
    uploadedAt: true,
  },
} satisfies Prisma.Evidence$filesArgs;

const withNumberSizes = <F extends { size: bigint }>(files: F[]) => files.map((f) => ({ ...f, size: Number(f.size) }));

/**
 * One request, as the witness sees it: the candidate's name, the criteria's words, the message, the
 * attached evidence's files while the request is open, their own draft's files, and once signed,
 * what they signed. Nothing else of the candidate's portfolio.
 */
export async function getWitnessRequest(actor: Actor, requestId: string) {
  const request = await ownRequest(actor, requestId);
  const [spec, names, testimony] = await Promise.all([
    db().qualificationSpec.findUniqueOrThrow({
      where: { id: request.specId },
      select: { code: true, title: true, spec: true },
    }),
    userNames([request.candidateId, request.requestedById]),
    db().testimony.findUnique({
      where: { requestId: request.id },
      select: {
        signedAt: true,
        statements: true,
        declaration: true,
        evidence: { select: { id: true, files: liveFiles } },
      },
    }),
  ]);
  const texts = criterionTexts(
    suiteShape.parse(spec.spec) as Suite,
    await selectionOn(request.candidateId, request.specId),
  );
  const attachment =
    request.attachmentId && !testimony
      ? await db().evidence.findUnique({
          where: { id: request.attachmentId },
          select: { id: true, title: true, description: true, files: liveFiles },
        })
      : null;
  const draft =
    request.draftEvidenceId && !testimony
      ? await db().evidence.findUnique({
          where: { id: request.draftEvidenceId },
          select: { id: true, files: liveFiles },
        })
      : null;
  return {
    id: request.id,
    candidate: names.get(request.candidateId) ?? "Unknown",
    requestedBy: names.get(request.requestedById) ?? "Unknown",
    createdAt: request.createdAt,
    qualification: { code: spec.code, title: spec.title },
    message: request.message,
    criteria: request.criteria.map((key) => ({
      key,
      ...(texts.get(key) ?? { ...splitKey(key), unitTitle: "", text: "", number: splitKey(key).criterion }),
    })),
    attachment: attachment ? { ...attachment, files: withNumberSizes(attachment.files) } : null,
    draft: draft ? { id: draft.id, files: withNumberSizes(draft.files) } : null,
    testimony: testimony
      ? {
          signedAt: testimony.signedAt,
          declaration: testimony.declaration,
          statements: testimony.statements as Record<string, string>,
          evidenceId: testimony.evidence.id,
          files: withNumberSizes(testimony.evidence.files),
        }
      : null,
  };
}

const lockRequest = (tx: Prisma.TransactionClient, requestId: string) =>
  tx.$queryRaw`SELECT id FROM "TestimonyRequest" WHERE id = ${requestId}::uuid FOR UPDATE`;

const testimonyTitle = (actor: Actor) => `Expert witness testimony from ${actor.name}`;

/**
 * The witness's draft evidence for a request, to attach files to before signing (the uploads
 * pipeline lets the author of a draft upload to it; the space counts against the candidate).
 * One per request: under the request's row lock, a second call returns the first one's draft.
 */
export async function startTestimonyDraft(actor: Actor, requestId: string): Promise<{ evidenceId: string }> {
  const request = await ownRequest(actor, requestId);
  return db().$transaction(async (tx) => {
    await lockRequest(tx, request.id);
    const current = await tx.testimonyRequest.findUniqueOrThrow({
      where: { id: request.id },
      select: { draftEvidenceId: true, testimony: { select: { id: true } } },
    });
    if (current.testimony) throw new AppError("TESTIMONY_SIGNED");
    if (current.draftEvidenceId) return { evidenceId: current.draftEvidenceId };
    const evidence = await tx.evidence.create({
      data: {
        candidateId: request.candidateId,
        authorId: actor.userId,
        title: testimonyTitle(actor),
        description: "",
        activityDate: storedDate(londonToday()),
        method: "WITNESS_TESTIMONY",
      },
      select: { id: true },
    });
    await tx.testimonyRequest.update({ where: { id: request.id }, data: { draftEvidenceId: evidence.id } });
    await recordAudit(tx, actor, {
      action: "testimony.draft",
      subjectType: "TestimonyRequest",
      subjectId: request.id,
      detail: { evidenceId: evidence.id },
    });
    return { evidenceId: evidence.id };
  });
}

/**
 * Signs the testimony: the statements (one criterion at least) and the declaration, word for word,
 * become a Testimony row, and the witness's evidence (their draft with its files, or a new record)
 * is submitted and mapped to the criteria that have a statement, so it joins the assessor's queue.
 * Under the request's row lock, and the unique requestId besides: of two signatures at once,
 * exactly one is kept; the other is told it has already been signed.
 */
export async function signTestimony(actor: Actor, input: SignTestimonyInput): Promise<{ evidenceId: string }> {
  const request = await ownRequest(actor, input.requestId);
  const extra = Object.keys(input.statements).filter(
    (key) => !request.criteria.includes(key) && input.statements[key]!.trim(),
  );
  if (extra.length)
    throw new AppError("INVALID_INPUT", {
      statements: [`These criteria were not part of the request: ${extra.join(", ")}.`],
    });
  const statements: Record<string, string> = {};
  for (const key of request.criteria) {
    const text = input.statements[key]?.trim();
    if (text) statements[key] = text;
  }
  const keys = Object.keys(statements);
  if (keys.length === 0)
    throw new AppError("INVALID_INPUT", { statements: ["Write what you saw for at least one of the criteria."] });
  if (!input.declared)
    throw new AppError("INVALID_INPUT", { declaration: ["Confirm the declaration to sign the testimony."] });
  const [latest] = await db().witnessVetting.findMany({
    where: { witnessId: actor.userId },
    ...latestVetting,
    select: { approved: true },
  });
  const problem = vettingProblem(latest);
  if (problem) throw new AppError("WITNESS_NOT_APPROVED", { witness: [problem] });

  const declaration = WITNESS_DECLARATION;
  const spec = await db().qualificationSpec.findUniqueOrThrow({
    where: { id: request.specId },
    select: { spec: true },
  });
  const texts = criterionTexts(
    suiteShape.parse(spec.spec) as Suite,
    await selectionOn(request.candidateId, request.specId),
  );
  // The statements, readable wherever evidence is listed; the Testimony row keeps them per criterion.
  const description = keys
    .map(
      (key) =>
        `Unit ${splitKey(key).unitRef} criterion ${splitKey(key).criterion}${texts.get(key) ? ` (${texts.get(key)!.text})` : ""}: ${statements[key]}`,
    )
    .join("\n\n");
  try {
    return await db().$transaction(async (tx) => {
      await lockRequest(tx, request.id);
      const current = await tx.testimonyRequest.findUniqueOrThrow({
        where: { id: request.id },
        select: { draftEvidenceId: true, testimony: { select: { id: true } } },
      });
      if (current.testimony) throw new AppError("TESTIMONY_SIGNED");
      const now = new Date();
      const submitted = {
        status: "SUBMITTED" as const,
        submittedAt: now,
        declaration,
        description,
        title: testimonyTitle(actor),
      };
      let evidenceId: string;
      if (current.draftEvidenceId) {
        evidenceId = current.draftEvidenceId;
        // The evidence row's lock: no upload can finish into it, nor a file be removed, meanwhile.
        const evidence = await lockEvidence(tx, evidenceId);
        if (evidence?.status !== "DRAFT") throw new AppError("TESTIMONY_SIGNED");
        const unfinished = await tx.evidenceUpload.count({ where: { evidenceId, state: "uploading" } });
        if (unfinished > 0) {
          throw new AppError("INVALID_INPUT", {
            evidence: [
              `${unfinished === 1 ? "A file is" : `${unfinished} files are`} still uploading. Let the upload finish, or cancel it, before signing.`,
            ],
          });
        }
        await refuseWhileScanning(tx, evidenceId);
        // Whatever the draft was given meanwhile, signed testimony is testimony, dated when signed.
        await tx.evidence.update({
          where: { id: evidenceId },
          data: { ...submitted, method: "WITNESS_TESTIMONY", place: null, activityDate: storedDate(londonToday()) },
        });
        await tx.evidenceCriterion.deleteMany({ where: { evidenceId } });
      } else {
        evidenceId = (
          await tx.evidence.create({
            data: {
              ...submitted,
              candidateId: request.candidateId,
              authorId: actor.userId,
              activityDate: storedDate(londonToday()),
              method: "WITNESS_TESTIMONY",
            },
            select: { id: true },
          })
        ).id;
      }
      await tx.evidenceCriterion.createMany({
        data: keys.map((key) => ({ evidenceId, specId: request.specId, ...splitKey(key) })),
      });
      await tx.testimony.create({
        data: { requestId: request.id, evidenceId, statements, declaration, signedAt: now },
      });
      const files = await tx.evidenceFile.findMany({
        where: { evidenceId, deletedAt: null },
        select: { id: true, sha256: true },
        orderBy: { uploadedAt: "asc" },
      });
      await recordAudit(tx, actor, {
        action: "testimony.sign",
        subjectType: "Evidence",
        subjectId: evidenceId,
        detail: { requestId: request.id, candidateId: request.candidateId, criteria: keys, files, declaration },
      });
      await notifyEvidenceToReview(tx, evidenceId);
      return { evidenceId };
    });
  } catch (error) {
    // Past the lock only if the lock was somehow bypassed: the unique requestId still keeps one.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError("TESTIMONY_SIGNED");
    throw error;
  }
}
