// The job "virus-scan": a large file stored with its check "pending" (lib/evidence/ingest.ts) is
// read back from storage and scanned. Clean, it can be opened and submitted; infected, it is
// removed (its row kept, marked infected and deleted, with an audit event) and the candidate is
// told. Safe to run twice: each outcome is written only while the file is still pending.
import type { PrismaClient } from "../generated/prisma/client";
import { notify } from "../notifications/record";
import type { EvidenceStorage } from "../storage/types";
import { addJob, prismaSqlRunner, QUEUES } from "../jobs/queue";
import { scannerConfigured, scanStream } from "./scan";

export async function scanStoredFile(prisma: PrismaClient, storage: EvidenceStorage, fileId: string): Promise<string> {
  const file = await prisma.evidenceFile.findUnique({
    where: { id: fileId },
    select: {
      id: true,
      storageKey: true,
      displayName: true,
      scanStatus: true,
      deletedAt: true,
      evidence: { select: { id: true, title: true, candidateId: true, candidate: { select: { centreId: true } } } },
    },
  });
  if (!file || file.scanStatus !== "pending" || file.deletedAt) return "nothing to do";
  // The web server deferred the check because it has a scanner: a worker without one must not
  // record "not scanned" and so let the file through. It fails (and is tried again) until fixed.
  if (!scannerConfigured())
    throw new Error(
      "This worker has no virus scanner configured (CLAMD_SOCKET or CLAMD_HOST), so the file stays waiting for its check.",
    );
  // A scanner that fails throws: pg-boss tries again later, and the file stays pending meanwhile.
  const result = await scanStream(() => storage.read(file.storageKey));
  if (result.status !== "infected") {
    await prisma.evidenceFile.updateMany({
      where: { id: file.id, scanStatus: "pending" },
      data: { scanStatus: result.status, scanDetail: result.detail },
    });
    return result.status;
  }
  const removed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.evidenceFile.updateMany({
      where: { id: file.id, scanStatus: "pending" },
      data: { scanStatus: "infected", scanDetail: result.detail, deletedAt: new Date() },
    });
    if (count === 0) return false;
    await tx.auditEvent.create({
      data: {
        centreId: file.evidence.candidate.centreId,
        actorId: null,
        action: "evidence.file.infected",
        subjectType: "Evidence",
        subjectId: file.evidence.id,
        detail: { fileId: file.id, name: file.displayName, scan: result.detail },
      },
    });
    await notify(tx, {
      userIds: [file.evidence.candidateId],
      kind: "file.removed",
      title: `“${file.displayName}” was removed from “${file.evidence.title}”: it contains a virus`,
      href: `/candidate/evidence/${file.evidence.id}`,
      key: `infected:${file.id}`,
    });
    return true;
  });
  if (removed) await storage.remove(file.storageKey);
  return "infected";
}

/** A check not done within this long whose job is gone (retries used up, a restored backup) is queued again. */
const STALLED_AFTER_MS = 60 * 60 * 1000;

/**
 * Part of the hourly clean-up: a file still waiting for its check an hour after its upload, with no
 * job left to check it (pg-boss gave up after its retries while clamd was down, or the database was
 * restored from a backup, which holds no queued jobs), gets a new job, so no file waits for ever.
 */
export async function requeueStalledScans(prisma: PrismaClient, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - STALLED_AFTER_MS);
  let requeued = 0;
  for (;;) {
    const stalled = await prisma.$queryRaw<{ id: string }[]>`
      SELECT f.id::text AS id FROM "EvidenceFile" f
      WHERE f."scanStatus" = 'pending' AND f."deletedAt" IS NULL AND f."uploadedAt" < ${cutoff}
        AND NOT EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = ${QUEUES.virusScan} AND j.state IN ('created', 'retry', 'active') AND j.data->>'fileId' = f.id::text)
      ORDER BY f."uploadedAt" LIMIT 500`;
    // Added in a transaction of their own: two clean-ups at once may both add one, and the second
    // job then finds the file checked ("nothing to do").
    for (const { id } of stalled)
      await prisma.$transaction((tx) => addJob(prismaSqlRunner(tx), QUEUES.virusScan, { fileId: id }));
    requeued += stalled.length;
    if (stalled.length < 500) return requeued;
  }
}
