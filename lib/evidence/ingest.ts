// The end of an upload: decide the type from the content, hash it, scan it, then move it into
// evidence storage under a generated key and record it. Rejected files are deleted; nothing is
// recorded for them except the reason on the upload.
import { createHash, randomUUID } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm, stat } from "node:fs/promises";
import type { PrismaClient } from "../generated/prisma/client";
import { evidenceStorage } from "../storage";
import { detectFile } from "./file-types";
import { scanFile } from "./scan";

export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

export type IngestResult = { ok: true; fileId: string; sha256: string } | { ok: false; reason: string };

export async function ingestUpload(prisma: PrismaClient, uploadId: string, path: string): Promise<IngestResult> {
  const upload = await prisma.evidenceUpload.findUnique({ where: { id: uploadId }, include: { evidence: { select: { status: true } } } });
  if (!upload) {
    await rm(path, { force: true });
    return { ok: false, reason: "That upload is not known." };
  }
  const reject = async (reason: string): Promise<IngestResult> => {
    await rm(path, { force: true });
    await prisma.evidenceUpload.update({ where: { id: uploadId }, data: { state: "rejected", reason } });
    return { ok: false, reason };
  };
  if (upload.evidence.status !== "DRAFT") return reject("This evidence has been submitted for assessment, so its files cannot change. Add a new version instead.");
  const { size } = await stat(path);
  if (size === 0) return reject("The file is empty.");
  if (BigInt(size) !== upload.size) return reject("The file did not arrive complete. Please upload it again.");
  const detected = await detectFile(path);
  if (!detected.ok) return reject(detected.reason);
  const sha256 = await sha256File(path);
  const scan = await scanFile(path);
  if (scan.status === "infected") return reject(`The file contains a virus (${scan.detail}), so it was deleted.`);

  const now = new Date();
  const storageKey = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, "0")}/${randomUUID()}`;
  const storage = evidenceStorage();
  await storage.putFile(storageKey, path, size);
  try {
    const file = await prisma.$transaction(async (tx) => {
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
      await tx.evidenceUpload.update({ where: { id: uploadId }, data: { state: "stored", fileId: created.id } });
      await tx.auditEvent.create({
        data: {
          actorId: upload.candidateId,
          action: "evidence.file.store",
          subjectType: "Evidence",
          subjectId: upload.evidenceId,
          detail: { fileId: created.id, sha256, size, contentType: detected.type.mime, scan: scan.status },
        },
      });
      return created;
    });
    return { ok: true, fileId: file.id, sha256 };
  } catch (error) {
    await storage.remove(storageKey).catch(() => {});
    throw error;
  }
}
