// Large files are virus-checked by the job queue after they are stored (a stand-in clamd here):
// until then nobody else can open them and their evidence cannot be submitted; a clean file is
// then usable, an infected one removed (row kept, bytes gone, audited) and its candidate told.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/policy";
import { ingestUpload } from "@/lib/evidence/ingest";
import { scanStoredFile } from "@/lib/evidence/scan-job";
import { QUEUES } from "@/lib/jobs/queue";
import { db } from "@/lib/server/db";
import { createEvidence, getEvidenceFile, submitEvidence } from "@/lib/server/evidence";
import { reserveUpload } from "@/lib/server/uploads";
import { evidenceStorage } from "@/lib/storage";
import { EICAR, startFakeClamd } from "../support/fake-clamd";
import { actorFor, makeWorld, type World } from "./fixtures";

const PDF = (filler: string) => Buffer.from(`%PDF-1.4\n1 0 obj<<>>endobj\n% ${filler}\ntrailer<<>>\n%%EOF\n`);

describe("virus checks of large files by the job queue", () => {
  let w: World;
  let candidate: Actor;
  let assessor: Actor;
  let clamd: Awaited<ReturnType<typeof startFakeClamd>>;

  async function storedLarge(bytes: Buffer) {
    const { id: evidenceId } = await createEvidence(candidate, { title: "Large file", description: "", activityDate: "2026-10-01", method: "PRODUCT" });
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
    const [job] = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM pgboss.job WHERE name = ${QUEUES.virusScan} AND data->>'fileId' = ${fileId}`;
    expect(job!.n).toBe(1n);
    // Pending: the assessor cannot open it, the candidate cannot submit it.
    await expect(getEvidenceFile(assessor, fileId)).rejects.toMatchObject({ code: "SCAN_PENDING" });
    await expect(submitEvidence(candidate, evidenceId, { declared: true })).rejects.toMatchObject({ fieldErrors: { evidence: [expect.stringContaining("still being checked for viruses")] } });
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
    const told = await db().notification.findFirstOrThrow({ where: { userId: candidate.userId, dedupeKey: `feedback.received:infected:${fileId}` } });
    expect(told.title).toContain("contains a virus");
    await expect(getEvidenceFile(candidate, fileId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
