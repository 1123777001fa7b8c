// The portfolio ZIP on real PostgreSQL and the real evidence store: every file is in it, the
// manifest's SHA-256 values match the stored bytes, the JSON holds the mappings and decisions, and
// the index page opens offline. Only those who may see the candidate can export it.
import { createHash } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { unzip } from "../e2e/support/zip";
import { db } from "@/lib/server/core/internal/db";
import { AppError } from "@/lib/server/core";
import { portfolioExport } from "@/lib/server/personal-data";
import { evidenceStorage } from "@/lib/storage";
import { actorFor, makeWorld, unique, type World } from "./fixtures";

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe("portfolio export", () => {
  let w: World;
  const stored: { name: string; bytes: Buffer }[] = [
    { name: "call-log.pdf", bytes: Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n") },
    { name: "../../etc/passwd notes.txt", bytes: Buffer.from("Notes from the team meeting.\n".repeat(1000)) },
  ];

  beforeAll(async () => {
    w = await makeWorld();
    const dir = await mkdtemp(path.join(tmpdir(), "export-"));
    const evidence = await db().evidence.create({
      data: {
        candidateId: w.users.candidate.id,
        title: "Call log <week 41>",
        description: "",
        activityDate: new Date("2026-10-01T00:00:00Z"),
        method: "PRODUCT",
        status: "SUBMITTED",
        submittedAt: new Date(),
        declaration: "x",
      },
    });
    for (const f of stored) {
      const key = `test/${unique("export")}`;
      const source = path.join(dir, unique("f"));
      await writeFile(source, f.bytes);
      await evidenceStorage().putFile(key, source, f.bytes.length);
      await db().evidenceFile.create({
        data: {
          evidenceId: evidence.id,
          storageKey: key,
          displayName: f.name,
          contentType: f.name.endsWith(".pdf") ? "application/pdf" : "text/plain",
          size: BigInt(f.bytes.length),
          sha256: createHash("sha256").update(f.bytes).digest("hex"),
          scanStatus: "not-scanned",
          scanDetail: "",
        },
      });
    }
    await db().evidenceCriterion.create({
      data: { evidenceId: evidence.id, specId: w.specId, unitRef: "101", criterion: "1.1" },
    });
  });

  it("holds every file, with manifest hashes that match the stored bytes, the JSON record and an offline index page", async () => {
    const admin = await actorFor(w.users.admin.id);
    const zip = await portfolioExport(admin, w.users.candidate.id);
    const entries = await unzip(await collect(zip.stream));
    const manifest = JSON.parse(entries.get("manifest.json")!.toString()) as {
      files: { path: string; sha256: string; name: string }[];
    };
    for (const f of stored) {
      const listed = manifest.files.find((m) => m.name === f.name)!;
      expect(listed.path).toMatch(/^files\/[0-9a-f-]{36}\/[0-9a-f]{8}-[^/]+$/); // no path escapes from the file name
      const bytes = entries.get(listed.path)!;
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(listed.sha256);
      expect(bytes.equals(f.bytes)).toBe(true);
    }
    const portfolio = JSON.parse(entries.get("portfolio.json")!.toString()) as {
      evidence: { title: string; criteria: { unitRef: string }[] }[];
    };
    expect(portfolio.evidence.find((e) => e.title === "Call log <week 41>")?.criteria).toEqual([
      expect.objectContaining({ unitRef: "101" }),
    ]);
    const index = entries.get("index.html")!.toString();
    expect(index).toContain("Call log &lt;week 41&gt;");
    expect(index).not.toContain("storageKey");
    expect(JSON.stringify(portfolio)).not.toContain("test/export");
  });

  it("is refused to anyone who may not see the candidate", async () => {
    for (const who of [w.users.bAdmin.id, w.users.witness.id, w.users.bEv.id, w.users.assessorWithout.id]) {
      const error = await portfolioExport(await actorFor(who), w.users.candidate.id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(["NOT_FOUND", "FORBIDDEN"]).toContain((error as AppError).code);
    }
  });
});
