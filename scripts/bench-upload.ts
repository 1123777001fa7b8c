// npm run bench:upload [-- --size-mb 1024] [--s3]   (BENCH_PROFILE=1: CPU profile of the server in /tmp/prof)
// Uploads a generated file through the resumable upload pipeline (tus, 16 MB chunks, then type
// check, SHA-256 and the move into evidence storage) and prints the throughput and the upload
// server's peak memory beside this machine's raw disk write speed for the same amount of data.
import { spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, open, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import S3rver from "s3rver";
import * as tus from "tus-js-client";
import { resolveDatabase } from "../lib/db/database-url";
import { deployMigrations } from "../lib/db/migrations";
import { withPrisma } from "../lib/db/prisma-script";
import { withPgClient } from "../lib/db/pg-client";
import { prepareJobQueue } from "../lib/jobs/queue";

const { values } = parseArgs({
  options: { "size-mb": { type: "string", default: "1024" }, s3: { type: "boolean", default: false } },
});
const sizeMb = Number(values["size-mb"]);
/** The browser's part size (components/evidence uses 16 MB); CHUNK_MB to try others. */
const chunkMb = Number(process.env.CHUNK_MB ?? 16);
const MB = 1024 * 1024;
const work = path.resolve(".data/bench");

/** Writes the test file (an MP4 header, then data) and returns how fast the disk took it, in MB/s. */
async function writeFileTimed(file: string): Promise<{ mbPerSecond: number; sha256: string }> {
  const block = randomBytes(MB);
  const hash = createHash("sha256");
  const handle = await open(file, "w");
  const header = Buffer.from("00000018667479706973366f0000020069736f6d69736f32", "hex");
  const started = process.hrtime.bigint();
  await handle.write(header);
  hash.update(header);
  for (let i = 0; i < sizeMb; i++) {
    block.writeUInt32LE(i, 0); // every megabyte differs
    await handle.write(block);
    hash.update(block);
  }
  await handle.sync();
  await handle.close();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { mbPerSecond: sizeMb / seconds, sha256: hash.digest("hex") };
}

/** The bare server's throughput for the same file (scripts/bench-upload-ceiling.ts), server and client each a process. */
async function ceiling(mode: "serve-discard" | "serve-hashwrite", file: string): Promise<number> {
  const script = path.resolve("scripts/bench-upload-ceiling.ts");
  const server = spawn(process.execPath, ["--import", "tsx", script, mode, file, work], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      server.stdout!.on(
        "data",
        (d) => /ready (\d+)/.test(String(d)) && resolve(Number(/ready (\d+)/.exec(String(d))![1])),
      );
      server.once("exit", () => reject(new Error(`The ${mode} server stopped before it was ready.`)));
    });
    const client = spawn(process.execPath, ["--import", "tsx", script, "client", file, String(port), String(chunkMb)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    client.stdout!.on("data", (d) => (output += String(d)));
    await new Promise((resolve) => client.once("exit", resolve));
    return Number(/mbps ([\d.]+)/.exec(output)?.[1] ?? NaN);
  } finally {
    if (server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
  }
}

async function rssKb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function main() {
  await mkdir(work, { recursive: true });
  const file = path.join(work, "upload.mp4");
  console.log(`Writing a ${sizeMb} MB test file…`);
  const disk = await writeFileTimed(file);

  // A database of its own, dropped afterwards (the audit trail keeps whatever a bench writes).
  const database = await resolveDatabase({ quiet: true });
  const benchUrl = new URL(database.url);
  benchUrl.pathname = `/bench_upload_${randomBytes(4).toString("hex")}`;
  await withPgClient(database.url, (c) => c.query(`CREATE DATABASE "${benchUrl.pathname.slice(1)}"`));
  await deployMigrations(benchUrl.toString());
  await prepareJobQueue(benchUrl.toString());
  const ids = await withPrisma(benchUrl.toString(), async (prisma) => {
    const suffix = randomBytes(4).toString("hex");
    const centre = await prisma.centre.create({ data: { code: `BENCH-${suffix}`, name: `Benchmark ${suffix}` } });
    const user = await prisma.user.create({
      data: {
        centreId: centre.id,
        email: `bench-${suffix}@bench.invalid`,
        name: "Benchmark",
        passwordHash: "-",
        roles: { create: [{ role: "CANDIDATE" }] },
      },
    });
    const evidence = await prisma.evidence.create({
      data: { candidateId: user.id, title: "Benchmark", description: "", activityDate: new Date(), method: "OTHER" },
    });
    return { centreId: centre.id, userId: user.id, evidenceId: evidence.id };
  });

  // --s3: the finished file goes to S3-compatible storage (s3rver, a local S3 server, on this machine).
  let s3: S3rver | undefined;
  let s3Env: Record<string, string> = {};
  if (values.s3) {
    s3 = new S3rver({
      port: 0,
      address: "127.0.0.1",
      silent: true,
      directory: path.join(work, "s3"),
      configureBuckets: [{ name: "evidence", configs: [] }],
    });
    const { port: s3Port } = (await s3.run()) as unknown as { port: number };
    s3Env = {
      EVIDENCE_STORAGE: "s3",
      S3_BUCKET: "evidence",
      S3_ENDPOINT: `http://127.0.0.1:${s3Port}`,
      S3_ACCESS_KEY_ID: "S3RVER",
      S3_SECRET_ACCESS_KEY: "S3RVER",
      S3_FORCE_PATH_STYLE: "true",
    };
  }
  const env = {
    ...process.env,
    ...s3Env,
    DATABASE_URL: benchUrl.toString(),
    EVIDENCE_UPLOAD_DIR: path.join(work, "uploads"),
    EVIDENCE_STORAGE_DIR: path.join(work, "evidence"),
  };
  // node itself (not the tsx wrapper), so the pid sampled is the server's.
  const child = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_PROFILE ? ["--cpu-prof", "--cpu-prof-dir=/tmp/prof"] : []),
      "--import",
      "tsx",
      "scripts/bench-upload-server.ts",
    ],
    { env, stdio: ["ignore", "pipe", "inherit"] },
  );
  const port = await new Promise<number>((resolve) =>
    child.stdout!.on(
      "data",
      (d) => /ready (\d+)/.test(String(d)) && resolve(Number(/ready (\d+)/.exec(String(d))![1])),
    ),
  );
  const idleKb = await rssKb(child.pid!);
  let peakKb = idleKb;
  const sampler = setInterval(async () => (peakKb = Math.max(peakKb, await rssKb(child.pid!))), 100);

  const { size } = await stat(file);
  const started = process.hrtime.bigint();
  const serverHash = await new Promise<string>((resolve, reject) => {
    const upload = new tus.Upload(createReadStream(file), {
      endpoint: `http://127.0.0.1:${port}/files`,
      uploadSize: size,
      chunkSize: chunkMb * MB,
      metadata: { filename: "upload.mp4", evidenceId: ids.evidenceId, candidateId: ids.userId },
      onError: reject,
      onAfterResponse: (_req, res) => {
        const sha = res.getHeader("Evidence-File-Sha256");
        if (sha) resolve(sha);
      },
    });
    upload.start();
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  child.kill("SIGTERM");

  await new Promise((resolve) => child.once("exit", resolve));
  await s3?.close();
  // What this machine allows at all, on the same file in the same run (local disk only).
  const bare = values.s3
    ? null
    : { discard: await ceiling("serve-discard", file), hashwrite: await ceiling("serve-hashwrite", file) };
  await withPgClient(database.url, (c) => c.query(`DROP DATABASE "${benchUrl.pathname.slice(1)}" WITH (FORCE)`));
  await database.stop();
  await rm(work, { recursive: true, force: true });

  const rows = [
    ["File", `${sizeMb} MB`],
    ["Evidence storage", values.s3 ? "S3-compatible (s3rver on this machine)" : "local disk"],
    ["Upload, type check, SHA-256 and store", `${seconds.toFixed(1)} s, ${(sizeMb / seconds).toFixed(0)} MB/s`],
    ["Raw disk write of the same data (fsync)", `${disk.mbPerSecond.toFixed(0)} MB/s`],
    ...(bare
      ? [
          [
            "Ceiling: bare Node server, write and SHA-256",
            `${bare.hashwrite.toFixed(0)} MB/s (${(bare.hashwrite / disk.mbPerSecond).toFixed(2)} of raw)`,
          ],
          [
            "Ceiling: bare Node server, bytes discarded",
            `${bare.discard.toFixed(0)} MB/s (${(bare.discard / disk.mbPerSecond).toFixed(2)} of raw)`,
          ],
        ]
      : []),
    ["Upload server memory (RSS)", `${(idleKb / 1024).toFixed(0)} MB idle, ${(peakKb / 1024).toFixed(0)} MB peak`],
    ["SHA-256 matches the original", serverHash === disk.sha256 ? "yes" : `NO (${serverHash})`],
  ];
  for (const [k, v] of rows) console.log(`${k!.padEnd(42)} ${v}`);
  // One line to compare between runs.
  const throughput = sizeMb / seconds;
  console.log(
    `bench:upload storage=${values.s3 ? "s3" : "local"} size=${sizeMb}MB chunk=${chunkMb}MB upload=${throughput.toFixed(0)}MB/s disk=${disk.mbPerSecond.toFixed(0)}MB/s ratio=${(throughput / disk.mbPerSecond).toFixed(2)} rss_growth=${((peakKb - idleKb) / 1024).toFixed(0)}MB${bare ? ` ceiling_hashwrite=${bare.hashwrite.toFixed(0)}MB/s ceiling_discard=${bare.discard.toFixed(0)}MB/s` : ""} sha256=${serverHash === disk.sha256 ? "ok" : "MISMATCH"}`,
  );
  if (serverHash !== disk.sha256) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
