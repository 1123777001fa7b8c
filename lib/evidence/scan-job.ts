// The job "virus-scan": a large file stored with its check "pending" (lib/evidence/ingest.ts) is
// read back from storage and scanned. Clean, it can be opened and submitted; infected, it is
// removed (its row kept, marked infected and deleted, with an audit event) and the candidate is
// told. Safe to run twice: each outcome is written only while the file is still pending.
import type { PrismaClient } from "../generated/prisma/client";
import { notify } from "../notifications/record";
import type { EvidenceStorage } from "../storage/types";
import { scanStream } from "./scan";

export async function scanStoredFile(prisma: PrismaClient, storage: EvidenceStorage, fileId: string): Promise<string> {
  const file = await prisma.evidenceFile.findUnique({
    where: { id: fileId },
    select: { id: true, storageKey: true, displayName: true, scanStatus: true, deletedAt: true, evidence: { select: { id: true, title: true, candidateId: true, candidate: { select: { centreId: true } } } } },
  });
  if (!file || file.scanStatus !== "pending" || file.deletedAt) return "nothing to do";
  // A scanner that fails throws: pg-boss tries again later, and the file stays pending meanwhile.
  const result = await scanStream(() => storage.read(file.storageKey));
  if (result.status !== "infected") {
    await prisma.evidenceFile.updateMany({ where: { id: file.id, scanStatus: "pending" }, data: { scanStatus: result.status, scanDetail: result.detail } });
    return result.status;
  }
  const removed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.evidenceFile.updateMany({ where: { id: file.id, scanStatus: "pending" }, data: { scanStatus: "infected", scanDetail: result.detail, deletedAt: new Date() } });
    if (count === 0) return false;
    await tx.auditEvent.create({
      data: { centreId: file.evidence.candidate.centreId, actorId: null, action: "evidence.file.infected", subjectType: "Evidence", subjectId: file.evidence.id, detail: { fileId: file.id, name: file.displayName, scan: result.detail } },
    });
    await notify(tx, {
      userIds: [file.evidence.candidateId],
      kind: "feedback.received",
      title: `“${file.displayName}” was removed from “${file.evidence.title}”: it contains a virus`,
      href: `/candidate/evidence/${file.evidence.id}`,
      key: `infected:${file.id}`,
    });
    return true;
  });
  if (removed) await storage.remove(file.storageKey);
  return "infected";
}
