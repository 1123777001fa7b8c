// npm run bench:pages [-- --connections 10 --seconds 10 --only /assessor] [--keep]
// Drives the production build (the app's own server, scripts/server.ts, started here on PORT_BENCH
// or 3300) with autocannon, signed in as the right person for each page, and reports p50/p95/p99
// latency (from every response's time) and throughput per page beside the sign-in page's, measured
// just before it in the same run, as the floor (the /login line gives the median of those runs). Against DATABASE_URL, or the embedded server of `npm start` (.data/postgres).
// Build first (`npm run build`), and grow the data first to see how cost follows it:
//   npm run generate -- --candidates 1000 ; npm run bench:pages
//   npm run generate -- --candidates 10000 ; npm run bench:pages   (a fresh EMBEDDED_PG_DIR each)
// Each page prints a one-line summary ("bench:pages page=… p95=…") to compare between runs.
// --keep: sign in, print each page's URL and cookie for curl or a profiler, and keep the server up
// until interrupted (SERVER_NODE_ARGS, e.g. "--cpu-prof", go to the server's Node only).
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { resolveDatabase } from "../lib/db/database-url";
import { deployMigrations } from "../lib/db/migrations";
import { withPgClient } from "../lib/db/pg-client";
import { prepareJobQueue } from "../lib/jobs/queue";
import { seedDemo } from "../prisma/seed";
import { DEMO_PASSWORD } from "../prisma/demo-data";

const { values } = parseArgs({
  options: {
    connections: { type: "string", default: "10" },
    seconds: { type: "string", default: "10" },
    only: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const connections = Number(values.connections);
const seconds = Number(values.seconds);
const port = Number(process.env.PORT_BENCH ?? 3300);
const base = `http://127.0.0.1:${port}`;

type Result = { page: string; p50: number; p95: number; p99: number; rps: number; errors: number };

/** Signs in through next-auth's credentials endpoint, as the form does; returns the session cookie. */
async function signIn(email: string): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
    },
    body: new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, callbackUrl: `${base}/`, json: "true" }),
  });
  keep(response);
  if (![...jar.keys()].some((k) => k.includes("session-token")))
    throw new Error(`Could not sign in as ${email} (${response.status}: ${await response.text()}).`);
  return [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
}

/** The p-th percentile of sorted samples (nearest rank). */
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

function run(options: autocannon.Options, onResponse?: (ms: number) => void): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    if (onResponse)
      instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => onResponse(ms));
  });
}

async function measure(page: string, cookie: string | null): Promise<Result> {
  const headers = cookie ? { cookie } : {};
  // A short warm-up, so the first render of each route is not counted.
  await run({ url: `${base}${page}`, connections: 2, amount: 20, headers });
  const times: number[] = [];
  const result = await run({ url: `${base}${page}`, connections, duration: seconds, headers }, (ms) => times.push(ms));
  times.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return {
    page,
    p50: round(percentile(times, 50)),
    p95: round(percentile(times, 95)),
    p99: round(percentile(times, 99)),
    rps: result.requests.average,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

async function main() {
  if (!existsSync(path.resolve(".next/BUILD_ID"))) throw new Error("No production build: run `npm run build` first.");
  const database = await resolveDatabase({ quiet: true });
  // As `npm start` prepares it: migrations, the job queue's schema, the demo centre when empty.
  await deployMigrations(database.url);
  await prepareJobQueue(database.url);
  await seedDemo(database.url);
  const q = async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
    withPgClient(database.url, async (c) => (await c.query<T>(text, params)).rows);
  const [size] = await q<{ candidates: string; mappings: string }>(
    `SELECT (SELECT count(*) FROM "UserRole" WHERE role = 'CANDIDATE')::text AS candidates, (SELECT count(*) FROM "EvidenceCriterion")::text AS mappings`,
  );
  // Ids for the pages that name a record: the demo assessor's newest submitted evidence, the
  // newest sampling plan of the demo IV's centre, the EV's first centre.
  const [evidence] = await q<{ id: string; candidateId: string }>(
    `SELECT e.id, e."candidateId" FROM "Evidence" e JOIN "AssessorAssignment" a ON a."candidateId" = e."candidateId" JOIN "User" u ON u.id = a."assessorId"
     WHERE u.email = 'assessor@northgate.example' AND e.status = 'SUBMITTED' ORDER BY e."submittedAt" DESC NULLS LAST LIMIT 1`,
  );
  const [plan] = await q<{ id: string }>(
    `SELECT p.id FROM "SamplingPlan" p JOIN "Centre" c ON c.id = p."centreId" WHERE c.code = 'C10001' ORDER BY p."createdAt" DESC LIMIT 1`,
  );
  const [centre] = await q<{ id: string }>(`SELECT id FROM "Centre" WHERE code = 'C10001'`);

  const server = spawn(
    process.execPath,
    [
      ...(process.env.SERVER_NODE_ARGS ?? "").split(" ").filter(Boolean),
      "--import",
      "tsx",
      path.resolve("scripts/server.ts"),
    ],
    {
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: database.url,
        PORT: String(port),
        NEXTAUTH_URL: base,
        NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? "bench-pages-secret-bench-pages-secret",
        WORKER: "off",
        SMTP_URL: "",
      },
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (i > 300) throw new Error("The server did not start.");
      await new Promise((r) => setTimeout(r, 200));
    }
    const as: Record<string, string> = {};
    // The largest credit qualification and the OCR level 2: the catalogue's longest pages.
    const catalogue = await q<{ id: string }>(
      `SELECT id FROM (SELECT DISTINCT ON (code) id, code FROM "QualificationSpec" WHERE code IN ('3412-03', '03448') ORDER BY code DESC, "importedAt" DESC) x ORDER BY code DESC`,
    );
    // A generated candidate (about 10 pieces of evidence, on Amira Shah's caseload) when there is one.
    const [generated] = await q<{ email: string }>(
      `SELECT email FROM "User" WHERE email LIKE 'candidate.1@s%.northgate.example' ORDER BY email LIMIT 1`,
    );
    for (const [who, email] of Object.entries({
      candidate: generated?.email ?? "candidate@northgate.example",
      assessor: "assessor@northgate.example",
      iv: "iv@northgate.example",
      ev: "ev@awarding.example",
      admin: "admin@northgate.example",
      ab: "admin@awarding.example",
    }))
      as[who] = await signIn(email);

    const pages: [string, string | null][] = [
      ["/login", null],
      ["/candidate", as.candidate!],
      ["/candidate/progress", as.candidate!],
      ["/candidate/evidence", as.candidate!],
      ["/assessor", as.assessor!],
      ...(evidence
        ? ([[`/assessor/candidates/${evidence.candidateId}/evidence/${evidence.id}`, as.assessor!]] as [
            string,
            string,
          ][])
        : []),
      ["/iv", as.iv!],
      [plan ? `/iv/plans/${plan.id}` : "/iv/plans", as.iv!],
      ["/ev", as.ev!],
      ...(centre ? ([[`/ev/centres/${centre.id}`, as.ev!]] as [string, string][]) : []),
      ["/ev/claims", as.ev!],
      ["/admin", as.admin!],
      // The catalogue (every unit's content, when filled: npm run bench:fill-units) and the
      // awarding body's unit list and editor.
      ["/catalogue", as.candidate!],
      ...catalogue.map((c) => [`/catalogue/${c.id}`, as.candidate!] as [string, string]),
      ["/awarding/units", as.ab!],
      ...catalogue.slice(1).map((c) => [`/awarding/units/${c.id}/AA?level=2`, as.ab!] as [string, string]),
    ];
    if (values.keep) {
      for (const [page, cookie] of pages)
        console.log(
          `curl -s -o /dev/null -w '%{size_download} B %{time_total} s\\n' -H 'cookie: ${cookie ?? ""}' ${base}${page}`,
        );
      console.log("The server stays up until this script is interrupted.");
      await new Promise<void>((resolve) => process.once("SIGINT", () => resolve()));
      return;
    }
    console.log(
      `${size!.candidates} candidates, ${size!.mappings} mappings; ${connections} connections, ${seconds} s a page.`,
    );
    // The sign-in page is measured again just before each page, and each page is compared with
    // that run: this machine's speed drifts within a run by as much as a quarter, and one sign-in
    // figure from the start would judge the last pages against a different machine.
    const results: (Result & { floor: Result })[] = [];
    for (const [page, cookie] of pages) {
      if (page === "/login" || (values.only && !page.startsWith(values.only))) continue;
      const floor = await measure("/login", null);
      results.push({ ...(await measure(page, cookie)), floor });
    }
    if (results.length === 0)
      results.push({ ...(await measure("/login", null)), floor: await measure("/login", null) }); // --only /login
    const floors = results.map((r) => r.floor).sort((a, b) => a.p95 - b.p95);
    const median = {
      ...floors[Math.floor((floors.length - 1) / 2)]!,
      floor: floors[Math.floor((floors.length - 1) / 2)]!,
    }; // the median run
    results.unshift(median);
    console.log(
      `${"page".padEnd(58)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"p99".padStart(7)} ${"req/s".padStart(7)}  x sign-in p95 (sign-in p95 just before)`,
    );
    for (const r of results) {
      console.log(
        `${r.page.padEnd(58)} ${`${r.p50}`.padStart(7)} ${`${r.p95}`.padStart(7)} ${`${r.p99}`.padStart(7)} ${r.rps.toFixed(0).padStart(7)}  ${(r.p95 / r.floor.p95).toFixed(1)} (${r.floor.p95})${r.errors ? `  (${r.errors} errors)` : ""}`,
      );
    }
    for (const r of results) {
      const name = r.page.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, ":id");
      console.log(
        `bench:pages candidates=${size!.candidates} page=${name} p50=${r.p50}ms p95=${r.p95}ms p99=${r.p99}ms rps=${r.rps.toFixed(0)} signin_p95=${r.floor.p95}ms vs_signin_p95=${(r.p95 / r.floor.p95).toFixed(2)} errors=${r.errors}`,
      );
    }
    if (results.some((r) => r.errors > 0)) process.exitCode = 1;
  } finally {
    server.kill("SIGTERM");
    await database.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
