// The end of an upload: decide the type from the content (and that the name fits it), hash it,
// scan it, then move it into evidence storage under a generated key and record it. Rejected files
// are deleted; nothing is recorded for them except the reason on the upload. The record is made
// under the evidence row's lock, after checking again that the evidence is still a draft: a
// submission that won the race keeps exactly the files its audit event lists.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import type { PrismaClient } from "../generated/prisma/client";
import { evidenceStorage } from "../storage";
import { detectFile } from "./file-types";
import { lockEvidence } from "./lock";
import { addJob, prismaSqlRunner, QUEUES } from "../jobs/queue";
import { scanInlineMaxBytes } from "./size-limits";
import { scanFile, scannerConfigured, type ScanStatus } from "./scan";

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export type IngestResult = { ok: true; fileId: string; sha256: string } | { ok: false; reason: string };

const FROZEN =
  "This evidence has been submitted for assessment, so its files cannot change. Add a new version instead.";
const ENDED = "This upload was ended before it finished. Please upload the file again.";

class Refused extends Error {}

/** Ends an upload that did not become a file: its reserved space is released at once. */
export async function endUpload(
  prisma: PrismaClient,
  uploadId: string,
  state: "rejected" | "cancelled" | "failed" | "expired",
  reason?: string,
) {
  const { count } = await prisma.evidenceUpload.updateMany({
    where: { id: uploadId, state: "uploading" },
    data: { state, reason: reason ?? null, endedAt: new Date() },
  });
  return count === 1;
}

/** `known.sha256`: the hash taken as the bytes arrived (lib/evidence/hashing-store.ts), if whole. */
export async function ingestUpload(
  prisma: PrismaClient,
  uploadId: string,
  path: string,
  known: { sha256?: string | null } = {},
): Promise<IngestResult> {
  const upload = await prisma.evidenceUpload.findUnique({
    where: { id: uploadId },
    select: {
      evidenceId: true,
      candidateId: true,
      uploaderId: true,
      displayName: true,
      size: true,
      state: true,
      evidence: { select: { status: true, candidate: { select: { centreId: true } } } },
    },
  });
  const reject = async (reason: string): Promise<IngestResult> => {
    await rm(path, { force: true });
    await endUpload(prisma, uploadId, "rejected", reason);
    return { ok: false, reason };
  };
  if (!upload) {
    await rm(path, { force: true });
    return { ok: false, reason: "That upload is not known." };
  }
  if (upload.state !== "uploading") return reject(ENDED);
  if (upload.evidence.status !== "DRAFT") return reject(FROZEN);
  const { size } = await stat(path);
  if (size === 0) return reject("The file is empty.");
  if (BigInt(size) !== upload.size) return reject("The file did not arrive complete. Please upload it again.");
  const detected = await detectFile(path, upload.displayName);
  if (!detected.ok) return reject(detected.reason);
  const sha256 = known.sha256 ?? (await sha256File(path));
  // A large file's scan would hold the upload's last request open for minutes: the job queue
  // scans it once stored, and until then it cannot be opened by anyone else or submitted.
  const deferred = scannerConfigured() && size > scanInlineMaxBytes();
  const scan: { status: ScanStatus; detail: string } = deferred
    ? { status: "pending", detail: "Waiting for its virus check." }
    : await scanFile(path);
  if (scan.status === "infected") return reject(`The file contains a virus (${scan.detail}), so it was deleted.`);

  const now = new Date();
  const storageKey = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}/${randomUUID()}`;
  const storage = evidenceStorage();
  await storage.putFile(storageKey, path, size);
  try {
    const file = await prisma.$transaction(async (tx) => {
      const evidence = await lockEvidence(tx, upload.evidenceId);
      if (evidence?.status !== "DRAFT") throw new Refused(FROZEN);
      const created = await tx.evidenceFile.create({
        data: {
          evidenceId: upload.evidenceId,
          storageKey,
          displayName: upload.displayName,
          contentType: detected.type.mime,
          size: BigInt(size),
          sha256,
          scanStatus: scan.status,
          scanDetail: scan.detail,
        },
      });
      // Conditional: an upload cancelled meanwhile does not become a file.
      const claimed = await tx.evidenceUpload.updateMany({
        where: { id: uploadId, state: "uploading" },
        data: { state: "stored", fileId: created.id, endedAt: now },
      });
      if (claimed.count === 0) throw new Refused(ENDED);
      await tx.auditEvent.create({
        data: {
          centreId: upload.evidence.candidate.centreId,
          actorId: upload.uploaderId ?? upload.candidateId,
          action: "evidence.file.store",
          subjectType: "Evidence",
          subjectId: upload.evidenceId,
          detail: {
            fileId: created.id,
            name: upload.displayName,
            sha256,
            size,
            contentType: detected.type.mime,
            scan: scan.status,
          },
        },
      });
      if (deferred) await addJob(prismaSqlRunner(tx), QUEUES.virusScan, { fileId: created.id });
      return created;
    });
    return { ok: true, fileId: file.id, sha256 };
  } catch (error) {
    await storage.remove(storageKey).catch(() => {});
    if (error instanceof Refused) return reject(error.message);
    throw error;
  }
}
