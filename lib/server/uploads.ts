import "server-only";
import type { Actor } from "@/lib/domain/policy";
import { formatBytes, maxCandidateBytes, maxFileBytes } from "@/lib/evidence/limits";
import { fileNameProblem } from "@/lib/evidence/names";
import { authorize } from "./authorize";
import { db } from "./db";
import { AppError, notFound } from "./errors";

export type UploadRequest = { evidenceId: string; fileName: string; size: number };

/**
 * Before a resumable upload starts: the candidate owns the evidence, it is still a draft, and
 * the name, size and the candidate's total are within the limits. Throws with the reason.
 */
export async function checkUploadRequest(actor: Actor, request: UploadRequest): Promise<void> {
  authorize(actor, "portfolio.own");
  const evidence = await db().evidence.findFirst({ where: { id: request.evidenceId, candidateId: actor.userId }, select: { status: true } });
  if (!evidence) throw notFound();
  const reject = (message: string) => new AppError("INVALID_INPUT", { file: [message] });
  if (evidence.status !== "DRAFT") throw reject("This evidence has been submitted for assessment, so files cannot be added. Add a new version instead.");
  const nameProblem = fileNameProblem(request.fileName);
  if (nameProblem) throw reject(nameProblem);
  if (!Number.isSafeInteger(request.size) || request.size <= 0) throw reject("The file is empty.");
  if (request.size > maxFileBytes()) {
    throw reject(`The file is ${formatBytes(request.size)}; files can be at most ${formatBytes(maxFileBytes())}.`);
  }
  const [stored, pending] = await Promise.all([
    db().evidenceFile.aggregate({ where: { evidence: { candidateId: actor.userId }, deletedAt: null }, _sum: { size: true } }),
    db().evidenceUpload.aggregate({ where: { candidateId: actor.userId, state: "uploading" }, _sum: { size: true } }),
  ]);
  const used = Number(stored._sum.size ?? 0n) + Number(pending._sum.size ?? 0n);
  if (used + request.size > maxCandidateBytes()) {
    throw reject(
      `This file would take your portfolio past its ${formatBytes(maxCandidateBytes())} limit (${formatBytes(used)} used). Remove draft files you no longer need.`,
    );
  }
}

/** After the tus server accepted a checked request: remember whose upload it is. */
export async function recordUploadStarted(actor: Actor, uploadId: string, request: UploadRequest): Promise<void> {
  authorize(actor, "portfolio.own");
  await db().evidenceUpload.create({
    data: { id: uploadId, evidenceId: request.evidenceId, candidateId: actor.userId, displayName: request.fileName, size: BigInt(request.size) },
  });
}

/** An upload in progress belongs to the candidate who started it; anyone else gets 404. */
export async function authorizeUpload(actor: Actor, uploadId: string): Promise<{ state: string; reason: string | null }> {
  authorize(actor, "portfolio.own");
  const upload = await db().evidenceUpload.findUnique({ where: { id: uploadId }, select: { candidateId: true, state: true, reason: true } });
  if (!upload || upload.candidateId !== actor.userId) throw notFound();
  return { state: upload.state, reason: upload.reason };
}
