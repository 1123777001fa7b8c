// Evidence on the real database and real storage: uploads checked by content, hashed, stored
// atomically under generated keys (local disk and an S3-compatible server), frozen on submission.
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import S3rver from "s3rver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ingestUpload } from "@/lib/evidence/ingest";
import type { Actor } from "@/lib/domain/policy";
import { db } from "@/lib/server/core/internal/db";
import { getPortfolioProgress } from "@/lib/server/assessment";
import {
  createEvidence,
  getEvidence,
  removeEvidenceFile,
  setEvidenceMapping,
  submitEvidence,
} from "@/lib/server/evidence";
import { reserveUpload } from "@/lib/server/evidence";
import { evidenceStorage } from "@/lib/storage";
import { LocalStorage } from "@/lib/storage/local";
import { S3Storage } from "@/lib/storage/s3";
import type { EvidenceStorage } from "@/lib/storage/types";
import { actorFor, makeWorld, type World } from "./fixtures";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");
const details = { title: "Call log", description: "", activityDate: "2026-10-01", method: "PRODUCT" as const };

async function text(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Writes bytes where the tus store would have, registers the upload, and finishes it. */
async function upload(actor: Actor, evidenceId: string, name: string, bytes: Buffer) {
  const dir = await mkdtemp(path.join(tmpdir(), "tus-"));
  const id = await reserveUpload(actor, { evidenceId, fileName: name, size: bytes.length });
  const file = path.join(dir, id);
  await writeFile(file, bytes);
  return { id, result: await ingestUpload(db(), id, file), dir };
}

describe("evidence files", () => {
  let world: World;
  let candidate: Actor;
  beforeAll(async () => {
    world = await makeWorld();
    candidate = await actorFor(world.users.candidate.id);
  });

  it("stores an accepted file under a generated key with its SHA-256, and the bytes read back the same", async () => {
    const { id: evidenceId } = await createEvidence(candidate, details);
    const { id, result, dir } = await upload(candidate, evidenceId, "report.pdf", PDF);
    expect(result).toMatchObject({ ok: true, sha256: sha(PDF) });
    const stored = await db().evidenceFile.findFirstOrThrow({ where: { evidenceId } });
    expect(stored).toMatchObject({
      displayName: "report.pdf",
      contentType: "application/pdf",
      sha256: sha(PDF),
      scanStatus: "not-scanned",
    });
    expect(stored.storageKey).toMatch(/^\d{4}\/\d{2}\/[0-9a-f-]{36}$/);
    expect(await text(await evidenceStorage().read(stored.storageKey))).toEqual(PDF);
    expect(await readdir(dir)).toEqual([]); // moved, not copied
    expect((await db().evidenceUpload.findUniqueOrThrow({ where: { id } })).state).toBe("stored");
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "evidence.file.store", subjectId: evidenceId },
    });
    expect(audit.detail).toMatchObject({ sha256: sha(PDF) });
  });

  it.each([
    [
      "an HTML page renamed to .pdf",
      "invoice.pdf",
      Buffer.from("<!DOCTYPE html><html><script>alert(1)</script></html>"),
      "web page or script markup",
    ],
    [
      "an SVG image named .png",
      "logo.png",
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'),
      "web page or script markup",
    ],
    [
      "a Windows program renamed to .pdf",
      "setup.pdf",
      Buffer.concat([Buffer.from("MZ"), randomBytes(2000)]),
      "cannot be used as evidence",
    ],
    ["a zip archive", "files.docx", Buffer.from("504b0304140000000000", "hex"), "cannot be used as evidence"],
  ])("refuses %s and stores nothing", async (_, name, bytes, reason) => {
    const { id: evidenceId } = await createEvidence(candidate, details);
    const { id, result, dir } = await upload(candidate, evidenceId, name, bytes);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
    expect(await db().evidenceFile.count({ where: { evidenceId } })).toBe(0);
    expect(await readdir(dir)).toEqual([]);
    expect(await db().evidenceUpload.findUniqueOrThrow({ where: { id } })).toMatchObject({ state: "rejected" });
  });

  it("accepts plain text, a PNG and an MP4 by their content", async () => {
    const { id: evidenceId } = await createEvidence(candidate, details);
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    const mp4 = Buffer.concat([
      Buffer.from("00000018667479706973366f0000020069736f6d69736f32", "hex"),
      randomBytes(4096),
    ]);
    for (const [name, bytes] of [
      ["notes.txt", Buffer.from("Called the customer back about their bill.\n")],
      ["photo.png", png],
      ["clip.mp4", mp4],
    ] as const) {
      expect((await upload(candidate, evidenceId, name, bytes)).result.ok, name).toBe(true);
    }
    const types = (await db().evidenceFile.findMany({ where: { evidenceId }, orderBy: { uploadedAt: "asc" } })).map(
      (f) => f.contentType,
    );
    expect(types).toEqual(["text/plain", "image/png", "video/mp4"]);
  });

  it("checks names, sizes and the owner before an upload starts", async () => {
    const { id: evidenceId } = await createEvidence(candidate, details);
    const check = (fileName: string, size: number, actor = candidate, id = evidenceId) =>
      reserveUpload(actor, { evidenceId: id, fileName, size });
    await expect(check("report.pdf", 1000)).resolves.toMatch(/^[0-9a-f]{32}$/);
    await expect(check("../../etc/passwd", 1000)).rejects.toMatchObject({
      fieldErrors: { file: [expect.stringContaining("folder parts")] },
    });
    await expect(check("..\\report.pdf", 1000)).rejects.toMatchObject({
      fieldErrors: { file: [expect.stringContaining("folder parts")] },
    });
    await expect(check("report.pdf", 0)).rejects.toMatchObject({ fieldErrors: { file: ["The file is empty."] } });
    await expect(check("film.mp4", 6 * 1024 ** 3)).rejects.toMatchObject({
      fieldErrors: { file: ["The file is 6 GB; files can be at most 5 GB."] },
    });
    const other = await actorFor(world.users.otherCandidate.id);
    await expect(check("report.pdf", 1000, other)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("keeps each candidate within their storage limit, counting uploads in progress", async () => {
    const { id: evidenceId } = await createEvidence(candidate, details);
    const other = await actorFor(world.users.otherCandidate.id);
    const { id: otherEvidence } = await createEvidence(other, details);
    process.env.EVIDENCE_MAX_CANDIDATE_BYTES = "1000";
    try {
      await reserveUpload(other, { evidenceId: otherEvidence, fileName: "a.pdf", size: 600 });
      await expect(
        reserveUpload(other, { evidenceId: otherEvidence, fileName: "b.pdf", size: 500 }),
      ).rejects.toMatchObject({
        fieldErrors: { file: [expect.stringContaining("past its 1000 bytes limit (600 bytes used")] },
      });
      await expect(
        reserveUpload(other, { evidenceId: otherEvidence, fileName: "b.pdf", size: 400 }),
      ).resolves.toBeTruthy();
      expect(evidenceId).toBeTruthy();
    } finally {
      delete process.env.EVIDENCE_MAX_CANDIDATE_BYTES;
    }
  });

  it("freezes submitted evidence: its files cannot be removed and new files are refused", async () => {
    const { id: evidenceId } = await createEvidence(candidate, details);
    await expect(submitEvidence(candidate, evidenceId, { declared: true })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await upload(candidate, evidenceId, "report.pdf", PDF);
    const file = await db().evidenceFile.findFirstOrThrow({ where: { evidenceId } });
    await submitEvidence(candidate, evidenceId, { declared: true });
    await expect(removeEvidenceFile(candidate, file.id)).rejects.toMatchObject({ code: "EVIDENCE_SUBMITTED" });
    await expect(reserveUpload(candidate, { evidenceId, fileName: "more.pdf", size: 10 })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    expect(await text(await evidenceStorage().read(file.storageKey))).toEqual(PDF);
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { action: "evidence.submit", subjectId: evidenceId },
    });
    expect(audit.detail).toMatchObject({ files: [{ id: file.id, sha256: sha(PDF) }] });
  });

  it("maps evidence to criteria of the candidate's units and shows the coverage", async () => {
    const { id: evidenceId } = await createEvidence(candidate, details);
    await setEvidenceMapping(candidate, {
      evidenceId,
      specId: world.specId,
      criteria: ["101:1.1", "101:1.2", "102:2.1"],
    });
    await expect(
      setEvidenceMapping(candidate, { evidenceId, specId: world.specId, criteria: ["104:1.1"] }),
    ).rejects.toMatchObject({
      fieldErrors: { criteria: ["Not criteria of the candidate's units: 104:1.1."] },
    });
    const [progress] = await getPortfolioProgress(candidate, world.users.candidate.id);
    const unit101 = progress!.units.find((u) => u.ref === "101")!;
    expect(unit101.total).toBe(14);
    expect(unit101.withEvidence).toBeGreaterThanOrEqual(2);
    expect(unit101.outcomes[0]!.criteria[0]!.state).toBe("no-evidence"); // a draft counts for nothing yet
    expect(unit101.outcomes[0]!.criteria[0]!.evidence.map((e) => e.id)).toContain(evidenceId);
    expect((await getEvidence(candidate, evidenceId)).criteria).toHaveLength(3);
  });
});

/** The same contract for both stores. */
function storageContract(name: string, make: () => Promise<EvidenceStorage>) {
  describe(`${name} storage`, () => {
    let storage: EvidenceStorage;
    beforeAll(async () => {
      storage = await make();
    });
    it("puts a file atomically, reads it whole and by range, and removes it", async () => {
      const bytes = randomBytes(3 * 1024 * 1024 + 17);
      const dir = await mkdtemp(path.join(tmpdir(), "store-"));
      const source = path.join(dir, "upload");
      await writeFile(source, bytes);
      const key = `2026/11/${crypto.randomUUID()}`;
      expect(await storage.exists(key)).toBe(false);
      await storage.putFile(key, source, bytes.length);
      expect(await storage.exists(key)).toBe(true);
      expect(sha(await text(await storage.read(key)))).toBe(sha(bytes));
      expect(await text(await storage.read(key, { start: 100, end: 199 }))).toEqual(bytes.subarray(100, 200));
      expect(await readdir(dir)).toEqual([]);
      await storage.remove(key);
      expect(await storage.exists(key)).toBe(false);
    });
  });
}

storageContract("local", async () => new LocalStorage(await mkdtemp(path.join(tmpdir(), "evidence-"))));

let s3: S3rver | undefined;
storageContract("S3-compatible", async () => {
  const directory = await mkdtemp(path.join(tmpdir(), "s3rver-"));
  s3 = new S3rver({
    port: 0,
    address: "127.0.0.1",
    silent: true,
    directory,
    configureBuckets: [{ name: "evidence", configs: [] }],
  });
  const { port } = (await s3.run()) as unknown as { port: number };
  return new S3Storage({
    bucket: "evidence",
    endpoint: `http://127.0.0.1:${port}`,
    region: "eu-west-2",
    accessKeyId: "S3RVER",
    secretAccessKey: "S3RVER",
    forcePathStyle: true,
  });
});
afterAll(async () => {
  await s3?.close();
});

it("reads back what the local store wrote, byte for byte", async () => {
  const dir = await mkdtemp(path.join(tmpdir(), "evidence-"));
  const store = new LocalStorage(dir);
  const src = path.join(dir, "src");
  await writeFile(src, PDF);
  await store.putFile("2026/11/abc", src, PDF.length);
  expect(await readFile(path.join(dir, "2026/11/abc"))).toEqual(PDF);
  await expect(store.read("../etc/passwd")).rejects.toThrow("Bad storage key");
});
