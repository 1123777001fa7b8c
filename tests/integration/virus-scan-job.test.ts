// Large files are virus-checked by the job queue after they are stored (a stand-in clamd here):
// until then nobody else can open them and their evidence cannot be submitted; a clean file is
// then usable, an infected one removed (row kept, bytes gone, audited) and its candidate told.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/policy";
import { ingestUpload } from "@/lib/evidence/ingest";
import { requeueStalledScans, scanStoredFile } from "@/lib/evidence/scan-job";
import { QUEUES } from "@/lib/jobs/queue";
import { db } from "@/lib/server/core/internal/db";
import { createEvidence, getEvidenceFile, submitEvidence } from "@/lib/server/evidence";
import { reserveUpload } from "@/lib/server/evidence";
import { subjectAccessExport } from "@/lib/server/personal-data";
import { unzip } from "../e2e/support/zip";
import { evidenceStorage } from "@/lib/storage";
import { EICAR, startFakeClamd } from "../support/fake-clamd";
import { actorFor, makeWorld, type World } from "./fixtures";

const PDF = (filler: string) => Buffer.from(`%PDF-1.4\n1 0 obj<<>>endobj\n% ${filler}\ntrailer<<>>\n%%EOF\n`);

describe("virus checks of large files by the job queue", () => {
  let w: World;
  let candidate: Actor;
  let assessor: Actor;
  let admin: Actor;
  let clamd: Awaited<ReturnType<typeof startFakeClamd>>;

  async function storedLarge(bytes: Buffer) {
    const { id: evidenceId } = await createEvidence(candidate, {
      title: "Large file",
      description: "",
      activityDate: "2026-10-01",
      method: "PRODUCT",
    });
    const dir = await mkdtemp(path.join(tmpdir(), "tus-"));
    const uploadId = await reserveUpload(candidate, { evidenceId, fileName: "large.pdf", size: bytes.length });
    await writeFile(path.join(dir, uploadId), bytes);
    const result = await ingestUpload(db(), uploadId, path.join(dir, uploadId));
    if (!result.ok) throw new Error(result.reason);
    return { evidenceId, fileId: result.fileId };
  }

  beforeAll(async () => {
    w = await makeWorld();
    candidate = await actorFor(w.users.candidate.id);
    assessor = await actorFor(w.users.assessor.id);
    admin = await actorFor(w.users.admin.id);
    clamd = await startFakeClamd();
    process.env.CLAMD_HOST = "127.0.0.1";
    process.env.CLAMD_PORT = String(clamd.port);
    process.env.EVIDENCE_SCAN_INLINE_MAX_BYTES = "100"; // every test file here counts as large
  });
  afterAll(async () => {
    delete process.env.CLAMD_HOST;
    delete process.env.CLAMD_PORT;
    delete process.env.EVIDENCE_SCAN_INLINE_MAX_BYTES;
    await clamd.close();
  });

  it("a clean large file waits for its check, then can be opened and submitted", async () => {
    const { evidenceId, fileId } = await storedLarge(PDF("clean ".repeat(100)));
    const row = await db().evidenceFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(row.scanStatus).toBe("pending");
    const [job] = await db().$queryRaw<
      { n: bigint }[]
    >`SELECT count(*) AS n FROM pgboss.job WHERE name = ${QUEUES.virusScan} AND data->>'fileId' = ${fileId}`;
    expect(job!.n).toBe(1n);
    // Pending: the assessor cannot open it, the candidate cannot submit it.
    await expect(getEvidenceFile(assessor, fileId)).rejects.toMatchObject({ code: "SCAN_PENDING" });
    await expect(submitEvidence(candidate, evidenceId, { declared: true })).rejects.toMatchObject({
      fieldErrors: { evidence: [expect.stringContaining("still being checked for viruses")] },
    });
    expect(await scanStoredFile(db(), evidenceStorage(), fileId)).toBe("clean");
    expect((await db().evidenceFile.findUniqueOrThrow({ where: { id: fileId } })).scanStatus).toBe("clean");
    await submitEvidence(candidate, evidenceId, { declared: true });
    // Run again (a retried job): nothing more happens.
    expect(await scanStoredFile(db(), evidenceStorage(), fileId)).toBe("nothing to do");
  });

  it("an infected large file is removed, audited, and its candidate told", async () => {
    const { evidenceId, fileId } = await storedLarge(PDF(EICAR));
    const key = (await db().evidenceFile.findUniqueOrThrow({ where: { id: fileId } })).storageKey;
    expect(await evidenceStorage().exists(key)).toBe(true);
    expect(await scanStoredFile(db(), evidenceStorage(), fileId)).toBe("infected");
    const row = await db().evidenceFile.findUniqueOrThrow({ where: { id: fileId } });
    expect(row.scanStatus).toBe("infected");
    expect(row.deletedAt).not.toBeNull();
    expect(await evidenceStorage().exists(key)).toBe(false);
    expect(await db().auditEvent.count({ where: { action: "evidence.file.infected", subjectId: evidenceId } })).toBe(1);
    const told = await db().notification.findFirstOrThrow({
      where: { userId: candidate.userId, dedupeKey: `file.removed:infected:${fileId}` },
    });
    expect(told.title).toContain("contains a virus");
    await expect(getEvidenceFile(candidate, fileId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a worker with no scanner leaves the file waiting (and fails, to be tried again), never 'not scanned'", async () => {
    const { fileId } = await storedLarge(PDF("no scanner ".repeat(100)));
    delete process.env.CLAMD_HOST;
    try {
      await expect(scanStoredFile(db(), evidenceStorage(), fileId)).rejects.toThrow(/no virus scanner configured/);
    } finally {
      process.env.CLAMD_HOST = "127.0.0.1";
    }
    expect((await db().evidenceFile.findUniqueOrThrow({ where: { id: fileId } })).scanStatus).toBe("pending");
  });

  it("past clamd's size limit the file is recorded as not scanned, with the reason, instead of waiting for ever", async () => {
    const limited = await startFakeClamd({ streamMaxLength: 1000 });
    process.env.CLAMD_PORT = String(limited.port);
    try {
      // Several of the store's read chunks: clamd answers and closes while more is being sent.
      const { evidenceId, fileId } = await storedLarge(PDF("x".repeat(3 * 1024 * 1024)));
      expect(await scanStoredFile(db(), evidenceStorage(), fileId)).toBe("not-scanned");
      const row = await db().evidenceFile.findUniqueOrThrow({ where: { id: fileId } });
      expect(row.scanStatus).toBe("not-scanned");
      expect(row.scanDetail).toMatch(
        /^Larger than the virus scanner accepts: clamd said “INSTREAM size limit exceeded/,
      );
      await submitEvidence(candidate, evidenceId, { declared: true });
    } finally {
      process.env.CLAMD_PORT = String(clamd.port);
      await limited.close();
    }
  });

  it("a check whose job is gone (retries used up, a restored backup) is queued again by the hourly clean-up, once", async () => {
    const { fileId } = await storedLarge(PDF("stalled ".repeat(100)));
    // Jobs still to run (another test file's worker may be holding or retrying one meanwhile).
    const jobs = async () =>
      Number(
        (
          await db().$queryRaw<
            { n: bigint }[]
          >`SELECT count(*) AS n FROM pgboss.job WHERE name = ${QUEUES.virusScan} AND data->>'fileId' = ${fileId} AND state IN ('created', 'retry', 'active')`
        )[0]!.n,
      );
    // Its job still waiting: nothing added, however late.
    const later = new Date(Date.now() + 2 * 3600_000);
    await requeueStalledScans(db(), later);
    expect(await jobs()).toBe(1);
    // Its job failed for good: within the hour nothing yet, after it a new job, and only one.
    await db()
      .$executeRaw`UPDATE pgboss.job SET state = 'failed' WHERE name = ${QUEUES.virusScan} AND data->>'fileId' = ${fileId}`;
    await requeueStalledScans(db(), new Date());
    expect(await jobs()).toBe(0);
    expect(await requeueStalledScans(db(), later)).toBeGreaterThanOrEqual(1);
    await requeueStalledScans(db(), later);
    expect(await jobs()).toBe(1);
    expect(await scanStoredFile(db(), evidenceStorage(), fileId)).toBe("clean");
  });

  it("an administrator's subject access export lists a waiting file but leaves its bytes out; the candidate's has them", async () => {
    const bytes = PDF("waiting for the check ".repeat(50));
    const { fileId } = await storedLarge(bytes);
    const collect = async (stream: NodeJS.ReadableStream) => {
      const chunks: Buffer[] = [];
      for await (const c of stream) chunks.push(c as Buffer);
      return unzip(Buffer.concat(chunks));
    };
    const fileIn = (data: { evidence: { files: { id: string; inThisExport: string | null }[] }[] }) =>
      data.evidence.flatMap((e) => e.files).find((f) => f.id === fileId);
    const byAdmin = await collect((await subjectAccessExport(admin, candidate.userId)).stream);
    const adminData = JSON.parse(byAdmin.get("personal-data.json")!.toString());
    expect(fileIn(adminData)).toMatchObject({ scanStatus: "pending", inThisExport: null });
    expect(adminData.withheld.join(" ")).toMatch(/waiting for a virus check/);
    expect([...byAdmin.values()].some((b) => b.equals(bytes))).toBe(false);
    const own = await collect((await subjectAccessExport(candidate, candidate.userId)).stream);
    const path = fileIn(JSON.parse(own.get("personal-data.json")!.toString()))!.inThisExport!;
    expect(own.get(path)!.equals(bytes)).toBe(true);
  });
});
