// Clean-up of unfinished uploads, on a schedule (the job queue, hourly: lib/jobs/queue.ts) and on demand
// (`npm run uploads:clean-up`). An upload with no new bytes for EVIDENCE_UPLOAD_EXPIRY_HOURS is
// marked "expired", which releases its reserved space, and its partial file is removed; files in
// the upload folder that no unfinished upload owns are removed too. Every step is conditional or
// idempotent, so two runs at once (two servers) or one after a crash do no harm.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { PrismaClient } from "../generated/prisma/client";
import { endUpload } from "./ingest";
import { uploadExpiryHours } from "./size-limits";
import { removeUploadFiles } from "./tus";

export type CleanUpReport = { expired: number; orphansRemoved: number };

export async function cleanUpUploads(
  prisma: PrismaClient,
  directory: string,
  now = new Date(),
): Promise<CleanUpReport> {
  const cutoff = new Date(now.getTime() - uploadExpiryHours() * 3_600_000);
  let expired = 0;
  for (;;) {
    const stale = await prisma.evidenceUpload.findMany({
      where: { state: "uploading", lastActivityAt: { lt: cutoff } },
      select: { id: true },
      take: 500,
    });
    for (const { id } of stale) {
      // Conditional on still being unfinished: an upload that finished meanwhile is left alone.
      if (await endUpload(prisma, id, "expired", `No new data for ${uploadExpiryHours()} hours.`)) expired++;
      await removeUploadFiles(directory, id);
    }
    if (stale.length < 500) break;
  }
  return { expired, orphansRemoved: await removeOrphans(prisma, directory, cutoff) };
}

/** Partial files (and tus records) whose upload is over or unknown, untouched since the cutoff. */
async function removeOrphans(prisma: PrismaClient, directory: string, cutoff: Date): Promise<number> {
  let names: string[];
  try {
    names = await readdir(directory);
  } catch {
    return 0; // no upload folder yet
  }
  const ids = [...new Set(names.map((n) => n.replace(/\.json$/, "")).filter((id) => /^[0-9a-f]{32}$/.test(id)))];
  let removed = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const batch = ids.slice(i, i + 500);
    const live = new Set(
      (
        await prisma.evidenceUpload.findMany({ where: { id: { in: batch }, state: "uploading" }, select: { id: true } })
      ).map((u) => u.id),
    );
    for (const id of batch) {
      if (live.has(id)) continue;
      const modified = await stat(path.join(directory, id)).then(
        (s) => s.mtime,
        () => null,
      );
      if (modified && modified > cutoff) continue; // may be an upload being recorded right now
      await removeUploadFiles(directory, id);
      removed++;
    }
  }
  return removed;
}
