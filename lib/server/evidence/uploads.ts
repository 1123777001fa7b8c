import "server-only";
// Who may upload what, and the space an upload holds. Starting an upload reserves its full size
// against the candidate's limit in the same transaction that records it, under a lock on the
// candidate's row, so parallel starts are counted one after another. The reservation lasts while
// the upload is "uploading": storing, refusing, cancelling, failing and expiring all release it.
import { randomBytes } from "node:crypto";
import { mayAuthorEvidence, type Actor } from "@/lib/domain/policy";
import { endUpload } from "@/lib/evidence/ingest";
import { formatBytes, MAX_UNFINISHED_UPLOADS } from "@/lib/evidence/limits";
import { maxCandidateBytes, maxFileBytes } from "@/lib/evidence/size-limits";
import { lockEvidence } from "@/lib/evidence/lock";
import { extensionProblem } from "@/lib/evidence/file-types";
import { fileNameProblem } from "@/lib/evidence/names";
import { removeUploadFiles } from "@/lib/evidence/tus";
import { uploadDir } from "@/lib/storage";
import { assertAuthorMayChange, authoredBy } from "./internal/guards";
import { authorize } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";

export type UploadRequest = { evidenceId: string; fileName: string; size: number };

const reject = (message: string) => new AppError("INVALID_INPUT", { file: [message] });

/** The checks that need no database: name, type by name, size. */
function checkRequestShape(request: UploadRequest) {
  const problem = fileNameProblem(request.fileName) ?? extensionProblem(request.fileName);
  if (problem) throw reject(problem);
  if (!Number.isSafeInteger(request.size) || request.size <= 0) throw reject("The file is empty.");
  if (request.size > maxFileBytes()) {
    throw reject(`The file is ${formatBytes(request.size)}; files can be at most ${formatBytes(maxFileBytes())}.`);
  }
}

/**
 * Starts an upload: the actor authors the evidence, it is still a draft, and the name, size,
 * number of unfinished uploads and the candidate's total are within the limits. Files count
 * against the candidate's portfolio whoever uploads them. Returns the id the upload is stored
 * under; throws with the reason.
 */
export async function reserveUpload(actor: Actor, request: UploadRequest): Promise<string> {
  authorize(actor, "evidence.author");
  checkRequestShape(request);
  const uploadId = randomBytes(16).toString("hex");
  const target = await db().evidence.findUnique({
    where: { id: request.evidenceId },
    select: { id: true, candidateId: true, authorId: true },
  });
  if (!target || !mayAuthorEvidence(actor, target)) throw notFound();
  await assertAuthorMayChange(actor, target, "files");
  const candidateId = target.candidateId;
  await db().$transaction(async (tx) => {
    // Serialises this candidate's upload starts: each sees the reservations made before it.
    // NO KEY UPDATE: it still serialises upload starts, but does not block the foreign-key checks
    // (KEY SHARE) of inserts that point at this user, such as a new version of their evidence.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${candidateId}::uuid FOR NO KEY UPDATE`;
    const evidence = await lockEvidence(tx, request.evidenceId);
    if (!evidence || evidence.candidateId !== candidateId) throw notFound();
    if (evidence.status !== "DRAFT")
      throw reject(
        "This evidence has been submitted for assessment, so files cannot be added. Add a new version instead.",
      );
    // One statement, so one snapshot: an upload finishing meanwhile (file stored, upload no longer
    // "uploading", in one commit) is counted exactly once, never in neither total.
    const [usage] = await tx.$queryRaw<{ stored: bigint; pending: bigint; unfinished: bigint }[]>`
      SELECT (SELECT coalesce(sum(f.size), 0) FROM "EvidenceFile" f JOIN "Evidence" e ON e.id = f."evidenceId"
               WHERE e."candidateId" = ${candidateId}::uuid AND f."deletedAt" IS NULL)::bigint AS stored,
             (SELECT coalesce(sum(size), 0) FROM "EvidenceUpload" WHERE "candidateId" = ${candidateId}::uuid AND state = 'uploading')::bigint AS pending,
             (SELECT count(*) FROM "EvidenceUpload" WHERE "candidateId" = ${candidateId}::uuid AND state = 'uploading')::bigint AS unfinished`;
    const unfinished = Number(usage?.unfinished ?? 0);
    const used = Number(usage?.stored ?? 0n) + Number(usage?.pending ?? 0n);
    if (used + request.size > maxCandidateBytes()) {
      throw reject(
        `This file would take the portfolio past its ${formatBytes(maxCandidateBytes())} limit (${formatBytes(used)} used, counting unfinished uploads). Remove draft files or cancel uploads you no longer need.`,
      );
    }
    if (unfinished >= MAX_UNFINISHED_UPLOADS) {
      throw reject(
        `This portfolio already has ${unfinished} unfinished uploads, the most at one time. Let them finish, or cancel the ones you no longer need.`,
      );
    }
    await tx.evidenceUpload.create({
      data: {
        id: uploadId,
        evidenceId: request.evidenceId,
        candidateId,
        uploaderId: actor.userId,
        displayName: request.fileName,
        size: BigInt(request.size),
      },
    });
  });
  return uploadId;
}

/** The tus server did not create the upload after all: give the space back. */
export async function abandonReservation(actor: Actor, uploadId: string): Promise<void> {
  await authorizeUpload(actor, uploadId);
  // The tus server may have made the file before refusing (a body longer than Upload-Length).
  if (await endUpload(db(), uploadId, "failed", "The upload could not be started."))
    await removeUploadFiles(uploadDir(), uploadId);
}

/** An upload belongs to the author of its evidence; anyone else gets 404. */
export async function authorizeUpload(
  actor: Actor,
  uploadId: string,
): Promise<{ state: string; reason: string | null }> {
  authorize(actor, "evidence.author");
  const upload = await db().evidenceUpload.findUnique({
    where: { id: uploadId },
    select: { state: true, reason: true, evidence: { select: { candidateId: true, authorId: true } } },
  });
  if (!upload || !mayAuthorEvidence(actor, upload.evidence)) throw notFound();
  return { state: upload.state, reason: upload.reason };
}

/** Bytes arrived: the clean-up measures staleness from here. */
export async function recordUploadActivity(actor: Actor, uploadId: string): Promise<void> {
  authorize(actor, "evidence.author");
  await db().evidenceUpload.updateMany({
    where: { id: uploadId, state: "uploading", evidence: authoredBy(actor) },
    data: { lastActivityAt: new Date() },
  });
}

/** The candidate ends an unfinished upload (tus DELETE, or the Cancel button): space and partial file go. */
export async function cancelUpload(actor: Actor, uploadId: string): Promise<void> {
  await authorizeUpload(actor, uploadId);
  if (await endUpload(db(), uploadId, "cancelled", "Cancelled by the candidate."))
    await removeUploadFiles(uploadDir(), uploadId);
}

/** The author's unfinished uploads to one piece of evidence, to resume or cancel. */
export async function listUnfinishedUploads(actor: Actor, evidenceId: string) {
  authorize(actor, "evidence.author");
  const uploads = await db().evidenceUpload.findMany({
    where: { evidenceId, state: "uploading", evidence: authoredBy(actor) },
    select: { id: true, displayName: true, size: true, createdAt: true, lastActivityAt: true },
    orderBy: { createdAt: "asc" },
  });
  return uploads.map((u) => ({ ...u, size: Number(u.size) }));
}
