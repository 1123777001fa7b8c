// What the security review got through, on the real database: parallel upload starts past the
// storage limit, space never released, files changing under a submission, double new versions.
import { existsSync } from "node:fs";
import { mkdtemp, utimes, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/policy";
import { cleanUpUploads } from "@/lib/evidence/cleanup";
import { ingestUpload } from "@/lib/evidence/ingest";
import { MAX_UNFINISHED_UPLOADS } from "@/lib/evidence/limits";
import { lockEvidence } from "@/lib/evidence/lock";
import { db } from "@/lib/server/core/internal/db";
import {
  createEvidence,
  listCandidateEvidence,
  newEvidenceVersion,
  removeEvidenceFile,
  submitEvidence,
  updateEvidence,
} from "@/lib/server/evidence";
import { cancelUpload, reserveUpload } from "@/lib/server/evidence";
import { actorFor, makeCentre, makeUser } from "./fixtures";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const details = { title: "Call log", description: "", activityDate: "2026-10-01", method: "PRODUCT" as const };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function withLimit<T>(bytes: number, work: () => Promise<T>): Promise<T> {
  process.env.EVIDENCE_MAX_CANDIDATE_BYTES = String(bytes);
  try {
    return await work();
  } finally {
    delete process.env.EVIDENCE_MAX_CANDIDATE_BYTES;
  }
}

/** A candidate of their own per test: limits and counts are per candidate. */
async function freshCandidate(): Promise<Actor> {
  return actorFor((await makeUser((await makeCentre()).id, ["CANDIDATE"])).id);
}

async function storedFile(actor: Actor, evidenceId: string, name = "report.pdf") {
  const dir = await mkdtemp(path.join(tmpdir(), "tus-"));
  const id = await reserveUpload(actor, { evidenceId, fileName: name, size: PDF.length });
  await writeFile(path.join(dir, id), PDF);
  return { id, dir, file: path.join(dir, id) };
}

describe("the storage limit under parallel upload starts", () => {
  it("reserves space atomically: of 16 parallel starts only what fits is accepted", async () => {
    const candidate = await freshCandidate();
    const { id: evidenceId } = await createEvidence(candidate, details);
    const results = await withLimit(3000, () =>
      Promise.allSettled(
        Array.from({ length: 16 }, (_, i) =>
          reserveUpload(candidate, { evidenceId, fileName: `part${i}.pdf`, size: 1000 }),
        ),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    const reserved = await db().evidenceUpload.aggregate({
      where: { candidateId: candidate.userId, state: "uploading" },
      _sum: { size: true },
    });
    expect(Number(reserved._sum.size)).toBe(3000);
  });

  it(`caps a candidate's unfinished uploads at ${MAX_UNFINISHED_UPLOADS}`, async () => {
    const candidate = await freshCandidate();
    const { id: evidenceId } = await createEvidence(candidate, details);
    for (let i = 0; i < MAX_UNFINISHED_UPLOADS; i++)
      await reserveUpload(candidate, { evidenceId, fileName: `f${i}.pdf`, size: 10 });
    await expect(reserveUpload(candidate, { evidenceId, fileName: "one-more.pdf", size: 10 })).rejects.toMatchObject({
      fieldErrors: { file: [expect.stringContaining("unfinished uploads")] },
    });
  });
});

describe("every ending other than success releases the reservation", () => {
  it("a cancelled upload (tus DELETE or the Cancel button) frees its space and its partial file", async () => {
    const candidate = await freshCandidate();
    const { id: evidenceId } = await createEvidence(candidate, details);
    await withLimit(1000, async () => {
      const id = await reserveUpload(candidate, { evidenceId, fileName: "big.pdf", size: 1000 });
      await expect(reserveUpload(candidate, { evidenceId, fileName: "next.pdf", size: 1000 })).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
      await cancelUpload(candidate, id);
      await cancelUpload(candidate, id); // twice is harmless
      expect(await db().evidenceUpload.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "cancelled" });
      await expect(reserveUpload(candidate, { evidenceId, fileName: "next.pdf", size: 1000 })).resolves.toBeTruthy();
    });
  });

  it("a refused file frees its space", async () => {
    const candidate = await freshCandidate();
    const { id: evidenceId } = await createEvidence(candidate, details);
    await withLimit(100, async () => {
      const dir = await mkdtemp(path.join(tmpdir(), "tus-"));
      const bytes = Buffer.from("<html><script>alert(1)</script></html>");
      const id = await reserveUpload(candidate, { evidenceId, fileName: "page.txt", size: bytes.length });
      await writeFile(path.join(dir, id), bytes);
      expect((await ingestUpload(db(), id, path.join(dir, id))).ok).toBe(false);
      await expect(reserveUpload(candidate, { evidenceId, fileName: "notes.txt", size: 100 })).resolves.toBeTruthy();
    });
  });

  it("stale unfinished uploads expire: marked, partial files removed, space released; a second run changes nothing", async () => {
    const candidate = await freshCandidate();
    const { id: evidenceId } = await createEvidence(candidate, details);
    const dir = await mkdtemp(path.join(tmpdir(), "uploads-"));
    const stale = await reserveUpload(candidate, { evidenceId, fileName: "stale.pdf", size: 1000 });
    const fresh = await reserveUpload(candidate, { evidenceId, fileName: "fresh.pdf", size: 1000 });
    for (const id of [stale, fresh]) {
      await writeFile(path.join(dir, id), "partial");
      await writeFile(path.join(dir, `${id}.json`), "{}");
    }
    const orphan = "f".repeat(32);
    await writeFile(path.join(dir, orphan), "left behind by a crash");
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    await utimes(path.join(dir, orphan), dayAgo, dayAgo);
    await db().evidenceUpload.update({ where: { id: stale }, data: { lastActivityAt: dayAgo } });

    const first = await cleanUpUploads(db(), dir);
    expect(first.expired).toBeGreaterThanOrEqual(1);
    expect(await db().evidenceUpload.findUniqueOrThrow({ where: { id: stale } })).toMatchObject({ state: "expired" });
    expect(await db().evidenceUpload.findUniqueOrThrow({ where: { id: fresh } })).toMatchObject({ state: "uploading" });
    expect(existsSync(path.join(dir, stale))).toBe(false);
    expect(existsSync(path.join(dir, `${stale}.json`))).toBe(false);
    expect(existsSync(path.join(dir, orphan))).toBe(false);
    expect(existsSync(path.join(dir, fresh))).toBe(true);
    const second = await cleanUpUploads(db(), dir);
    expect(second).toEqual({ expired: 0, orphansRemoved: 0 });
  });
});

describe("frozen evidence cannot change", () => {
  it("refuses to submit while an upload to the evidence is unfinished", async () => {
    const candidate = await freshCandidate();
    const { id: evidenceId } = await createEvidence(candidate, details);
    const { file, id } = await storedFile(candidate, evidenceId);
    expect((await ingestUpload(db(), id, file)).ok).toBe(true);
    const pending = await reserveUpload(candidate, { evidenceId, fileName: "second.pdf", size: 10 });
    await expect(submitEvidence(candidate, evidenceId, { declared: true })).rejects.toMatchObject({
      fieldErrors: { evidence: [expect.stringContaining("still uploading")] },
    });
    await cancelUpload(candidate, pending);
    await submitEvidence(candidate, evidenceId, { declared: true });
  });

  it("an upload that finishes just after a submission does not add a file to it", async () => {
    const candidate = await freshCandidate();
    const { id: evidenceId } = await createEvidence(candidate, details);
    const { file, id } = await storedFile(candidate, evidenceId);
    // A submission holds the evidence row while the upload finishes, and commits first.
    let finishing: ReturnType<typeof ingestUpload> | undefined;
    await db().$transaction(async (tx) => {
      await lockEvidence(tx, evidenceId);
      finishing = ingestUpload(db(), id, file);
      await sleep(500);
      await tx.evidence.update({ where: { id: evidenceId }, data: { status: "SUBMITTED", submittedAt: new Date() } });
    });
    expect(await finishing).toMatchObject({ ok: false, reason: expect.stringContaining("submitted") });
    expect(await db().evidenceFile.count({ where: { evidenceId } })).toBe(0);
    expect(await db().evidenceUpload.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "rejected" });
  });

  it("removing the last file while a submission is checking it waits, then is refused", async () => {
    const candidate = await freshCandidate();
    const { id: evidenceId } = await createEvidence(candidate, details);
    const { file, id } = await storedFile(candidate, evidenceId);
    await ingestUpload(db(), id, file);
    const stored = await db().evidenceFile.findFirstOrThrow({ where: { evidenceId } });
    let removing: Promise<unknown> | undefined;
    await db().$transaction(async (tx) => {
      await lockEvidence(tx, evidenceId);
      removing = removeEvidenceFile(candidate, stored.id).then(
        () => "removed",
        (e) => e.code,
      );
      await sleep(500);
      await tx.evidence.update({ where: { id: evidenceId }, data: { status: "SUBMITTED", submittedAt: new Date() } });
    });
    expect(await removing).toBe("EVIDENCE_SUBMITTED");
    expect(await db().evidenceFile.count({ where: { evidenceId, deletedAt: null } })).toBe(1);
  });
});

describe("versions, edits and lists", () => {
  it("a draft has no new version; a double click on submitted evidence makes one", async () => {
    const candidate = await freshCandidate();
    const { id: evidenceId } = await createEvidence(candidate, details);
    await expect(newEvidenceVersion(candidate, evidenceId)).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const { file, id } = await storedFile(candidate, evidenceId);
    await ingestUpload(db(), id, file);
    await submitEvidence(candidate, evidenceId, { declared: true });
    const [a, b] = await Promise.all([
      newEvidenceVersion(candidate, evidenceId),
      newEvidenceVersion(candidate, evidenceId),
    ]);
    expect(a.id).toBe(b.id);
    expect(await db().evidence.count({ where: { previousVersionId: evidenceId } })).toBe(1);
  });

  it("editing a draft's details is audited with before and after; a stored file's audit event names the centre", async () => {
    const candidate = await freshCandidate();
    const { id: evidenceId } = await createEvidence(candidate, details);
    await updateEvidence(candidate, evidenceId, { ...details, title: "Call log, corrected" });
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "evidence.update", subjectId: evidenceId },
    });
    expect(audit).toMatchObject({ actorId: candidate.userId, centreId: candidate.centreId });
    expect(audit.detail).toMatchObject({ before: { title: "Call log" }, after: { title: "Call log, corrected" } });
    const { file, id } = await storedFile(candidate, evidenceId);
    await ingestUpload(db(), id, file);
    const stored = await db().auditEvent.findFirstOrThrow({
      where: { action: "evidence.file.store", subjectId: evidenceId },
    });
    expect(stored.centreId).toBe(candidate.centreId);
  });

  it("a candidate's evidence list is paginated, not cut off at 100", async () => {
    const candidate = await freshCandidate();
    await db().evidence.createMany({
      data: Array.from({ length: 103 }, (_, i) => ({
        candidateId: candidate.userId,
        title: `E${i}`,
        description: "",
        activityDate: new Date("2026-01-01"),
        method: "PRODUCT" as const,
      })),
    });
    const first = await listCandidateEvidence(candidate, candidate.userId, { page: 1 });
    expect(first.total).toBe(103);
    const last = await listCandidateEvidence(candidate, candidate.userId, { page: first.pageCount });
    expect(first.items.length * (first.pageCount - 1) + last.items.length).toBe(103);
  });
});
