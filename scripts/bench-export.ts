// `npm run bench:export`: exports a large portfolio as a ZIP and reports the server process's
// memory growth, to show the export streams (issue 12: a 5 GB portfolio must not need 5 GB of
// memory). It makes a throwaway candidate at the first centre with FILES files of FILE_MB each
// (default 5 × 200 MB) in the evidence store (EVIDENCE_STORAGE_DIR), against DATABASE_URL, exports
// it as the centre's administrator into a SHA-256 sink, and samples RSS every 50 ms.
// Example: DATABASE_URL=… EVIDENCE_STORAGE_DIR=.data/evidence FILES=10 FILE_MB=500 npm run bench:export
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { db } from "../lib/server/core/internal/db";
import { portfolioExport } from "../lib/server/personal-data";
import { loadActor } from "../lib/server/identity/internal/sessions";
import { evidenceStorage } from "../lib/storage";

const FILES = Number(process.env.FILES ?? 5);
const FILE_MB = Number(process.env.FILE_MB ?? 200);

async function makeFile(target: string, megabytes: number): Promise<string> {
  const hash = createHash("sha256");
  const out = createWriteStream(target);
  const block = randomBytes(1024 * 1024);
  for (let i = 0; i < megabytes; i++) {
    block[0] = i % 256; // not every megabyte the same
    hash.update(block);
    if (!out.write(block)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
  return hash.digest("hex");
}

const admin = await db().user.findFirstOrThrow({
  where: { roles: { some: { role: "CENTRE_ADMIN" } }, centreId: { not: null } },
  select: { id: true, centreId: true },
});
const candidate = await db().user.create({
  data: {
    centreId: admin.centreId,
    email: `bench-export-${Date.now()}@bench.example`,
    name: "Bench Export",
    passwordHash: "x",
    dateOfBirth: new Date("1990-01-01"),
    roles: { create: { role: "CANDIDATE" } },
  },
  select: { id: true },
});
const dir = await mkdtemp(path.join(tmpdir(), "bench-export-"));
const evidence = await db().evidence.create({
  data: {
    candidateId: candidate.id,
    title: "Large recordings",
    description: "",
    activityDate: new Date("2026-10-01"),
    method: "OBSERVATION",
    status: "SUBMITTED",
    submittedAt: new Date(),
    declaration: "bench",
  },
});
for (let i = 0; i < FILES; i++) {
  const source = path.join(dir, `f${i}`);
  const sha256 = await makeFile(source, FILE_MB);
  const key = `bench/${candidate.id}/${i}`;
  await evidenceStorage().putFile(key, source, FILE_MB * 1024 * 1024);
  await db().evidenceFile.create({
    data: {
      evidenceId: evidence.id,
      storageKey: key,
      displayName: `recording-${i}.mp4`,
      contentType: "video/mp4",
      size: BigInt(FILE_MB * 1024 * 1024),
      sha256,
      scanStatus: "not-scanned",
      scanDetail: "bench",
    },
  });
}
await rm(dir, { recursive: true, force: true });

const actor = (await loadActor(admin.id))!;
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
const start = performance.now();
const zip = await portfolioExport(actor, candidate.id);
const sink = createHash("sha256");
let bytes = 0;
for await (const chunk of zip.stream) {
  bytes += (chunk as Buffer).length;
  sink.update(chunk as Buffer);
}
clearInterval(sampler);
const seconds = (performance.now() - start) / 1000;
const growth = (peak - before) / 1024 / 1024;
console.log(
  `${FILES} files × ${FILE_MB} MB exported: ${(bytes / 1024 / 1024).toFixed(0)} MB of ZIP in ${seconds.toFixed(1)} s; RSS grew ${growth.toFixed(0)} MB (peak ${(peak / 1024 / 1024).toFixed(0)} MB).`,
);
console.log(
  `bench:export mb=${(bytes / 1024 / 1024).toFixed(0)} seconds=${seconds.toFixed(1)} rssGrowthMb=${growth.toFixed(0)}`,
);
await db().$disconnect();
