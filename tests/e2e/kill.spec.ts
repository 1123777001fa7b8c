// Kill tests: the app's server is killed (SIGKILL, no clean-up at all) in the middle of an upload
// and in the middle of a unit sign-off, then started again. The upload resumes to a file with the
// right SHA-256; the sign-off happened completely or not at all (here: not at all, then completely).
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { expect, test, type BrowserContext } from "@playwright/test";
import { verifyAllChains } from "../../lib/audit/chain";
import { withPgClient } from "../../lib/db/pg-client";
import { withPrisma } from "../../lib/db/prisma-script";
import { DEMO_PASSWORD } from "../../prisma/demo-data";
import { newEvidence } from "./support/evidence";
import { waitingForHydration } from "./support/hydration";
import { cookieHeader, mp4, queryAt, response, signedInAt, startUpload, tusRequest } from "./support/instance-requests";
import { ownInstance } from "./support/own-instance";
import { demoUser } from "./support/personas";

test.describe.configure({ mode: "serial", timeout: 240_000 });

type Instance = Awaited<ReturnType<typeof ownInstance>>;
let instance: Instance;

test.beforeAll(async () => {
  instance = await ownInstance("kill", 3220);
  await instance.startApp();
});
test.afterAll(async () => {
  await instance?.close();
});

const signedIn = (
  browser: import("@playwright/test").Browser,
  persona: "candidate" | "assessor",
): Promise<BrowserContext> => signedInAt(browser, instance.baseURL, persona);
const q = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
  queryAt<T>(instance.dbUrl, text, params);

test("an upload cut off by killing the server resumes after the restart, to a file with the right SHA-256", async ({
  browser,
}) => {
  const context = await signedIn(browser, "candidate");
  const page = waitingForHydration(await context.newPage());
  const evidenceId = await newEvidence(page, "Observation video, killed and resumed");
  const cookie = await cookieHeader(context);
  const { file, sha256 } = mp4(40);
  const location = await startUpload(instance.baseURL, cookie, evidenceId, "killed.mp4", file.length);

  // Half the file goes out, and while the request is still open the server is killed.
  const patch = tusRequest("PATCH", location, {
    Cookie: cookie,
    "Upload-Offset": "0",
    "Content-Type": "application/offset+octet-stream",
    "Content-Length": String(file.length),
  });
  patch.on("error", () => {}); // the connection dies with the server
  const half = file.length / 2;
  for (let sent = 0; sent < half; sent += 1024 * 1024) {
    if (!patch.write(file.subarray(sent, Math.min(sent + 1024 * 1024, half))))
      await new Promise((r) => patch.once("drain", r));
  }
  const uploadId = location.split("/").at(-1)!;
  await expect
    .poll(
      async () =>
        (await q<{ state: string }>(`SELECT state FROM "EvidenceUpload" WHERE id = $1`, [uploadId]))[0]?.state,
    )
    .toBe("uploading");
  await new Promise((r) => setTimeout(r, 1000)); // the server writes what it has received
  await instance.stopApp("SIGKILL");
  patch.destroy();

  await instance.startApp();
  // The upload is still there, at the offset of what reached the disk.
  const head = await response(tusRequest("HEAD", location, { Cookie: cookie }).end());
  expect(head.statusCode).toBe(200);
  const offset = Number(head.headers["upload-offset"]);
  expect(offset).toBeGreaterThan(0);
  expect(offset).toBeLessThanOrEqual(half);
  const rest = tusRequest("PATCH", location, {
    Cookie: cookie,
    "Upload-Offset": String(offset),
    "Content-Type": "application/offset+octet-stream",
    "Content-Length": String(file.length - offset),
  });
  const done = response(rest);
  rest.end(file.subarray(offset));
  expect((await done).statusCode).toBe(204);

  // One stored file, with the SHA-256 of the whole file, and those very bytes in the store.
  const [stored] = await q<{ sha256: string; storageKey: string; size: string }>(
    `SELECT sha256, "storageKey", size::text FROM "EvidenceFile" WHERE "evidenceId" = $1 AND "deletedAt" IS NULL`,
    [evidenceId],
  );
  expect(stored).toMatchObject({ sha256, size: String(file.length) });
  const bytes = await readFile(path.join(instance.storageDir, stored!.storageKey));
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(sha256);
  expect((await q<{ state: string }>(`SELECT state FROM "EvidenceUpload" WHERE id = $1`, [uploadId]))[0]!.state).toBe(
    "stored",
  );
  await context.close();
});

test("a sign-off cut off by killing the server happened not at all; signed again, it happens completely", async ({
  browser,
}) => {
  const [jordan] = await q<{ id: string; centreId: string }>(`SELECT id, "centreId" FROM "User" WHERE email = $1`, [
    demoUser("candidate").email,
  ]);
  const [amira] = await q<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [demoUser("assessor").email]);
  const [registration] = await q<{ specId: string }>(
    `SELECT "specId" FROM "CandidateRegistration" WHERE "candidateId" = $1 ORDER BY "createdAt" DESC LIMIT 1`,
    [jordan!.id],
  );
  const unit = "101";
  const criteria = (
    await q<{ number: string }>(
      `SELECT c->>'number' AS number FROM "QualificationSpec" s, jsonb_array_elements(s.spec->'units') u, jsonb_array_elements(u->'outcomes') o, jsonb_array_elements(o->'criteria') c
       WHERE s.id = $1 AND u->>'ref' = $2`,
      [registration!.specId, unit],
    )
  ).map((r) => r.number);
  expect(criteria.length).toBeGreaterThan(0);
  // Set up in this instance's own database: evidence accepted against every criterion of the unit,
  // and a sampling plan covering today, whose row the sign-off locks after writing its record.
  await withPgClient(instance.dbUrl, async (c) => {
    const { rows } = await c.query<{ id: string }>(
      `INSERT INTO "Evidence" (id, "candidateId", title, description, "activityDate", method, status, "submittedAt", declaration, "updatedAt")
       VALUES (gen_random_uuid(), $1, 'Customer records audit', '', '2026-10-01', 'PRODUCT', 'SUBMITTED', now(), 'My own work.', now()) RETURNING id`,
      [jordan!.id],
    );
    const evidenceId = rows[0]!.id;
    await c.query(
      `INSERT INTO "EvidenceFile" (id, "evidenceId", "storageKey", "displayName", "contentType", size, sha256, "scanStatus", "scanDetail") VALUES (gen_random_uuid(), $1, $2, 'audit.pdf', 'application/pdf', 10, $3, 'not-scanned', '')`,
      [evidenceId, `kill/${evidenceId}`, "c".repeat(64)],
    );
    for (const criterion of criteria) {
      await c.query(
        `INSERT INTO "EvidenceCriterion" ("evidenceId", "specId", "unitRef", criterion) VALUES ($1, $2, $3, $4)`,
        [evidenceId, registration!.specId, unit, criterion],
      );
      await c.query(
        `INSERT INTO "CriterionJudgement" (id, "evidenceId", "specId", "unitRef", criterion, outcome, feedback, valid, authentic, reliable, current, sufficient, "checksNote", "assessorId", "needsCountersignature")
         VALUES (gen_random_uuid(), $1, $2, $3, $4, 'ACCEPTED', '', true, true, true, true, true, '', $5, false)`,
        [evidenceId, registration!.specId, unit, criterion, amira!.id],
      );
    }
    await c.query(
      `INSERT INTO "SamplingPlan" (id, "centreId", "specId", "periodFrom", "periodTo", "createdById", assessors) VALUES (gen_random_uuid(), $1, $2, current_date - 30, current_date + 30, $3, '[]')`,
      [jordan!.centreId, registration!.specId, amira!.id],
    );
  });
  const signOffs = () =>
    q<{ n: string }>(`SELECT count(*)::text AS n FROM "UnitSignOff" WHERE "candidateId" = $1 AND "unitRef" = $2`, [
      jordan!.id,
      unit,
    ]).then((r) => Number(r[0]!.n));
  const signEvents = () =>
    q<{ n: string }>(
      `SELECT count(*)::text AS n FROM "AuditEvent" WHERE action = 'signoff.sign' AND detail->>'candidateId' = $1`,
      [jordan!.id],
    ).then((r) => Number(r[0]!.n));
  expect(await signOffs()).toBe(0);

  const context = await signedIn(browser, "assessor");
  const page = waitingForHydration(await context.newPage());
  const signOff = async () => {
    await page.goto(`/assessor/candidates/${jordan!.id}`);
    const form = page.getByRole("form", { name: `Sign off unit ${unit}` });
    await form.getByLabel(/^I confirm that the candidate has met every assessment criterion/).check();
    await form.getByLabel("Your password (to sign)").fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: `Sign off unit ${unit}` }).click();
  };

  // Hold the plan's row: the sign-off writes its record and audit event, then waits here.
  await withPgClient(instance.dbUrl, async (holder) => {
    await holder.query("BEGIN");
    await holder.query(`SELECT id FROM "SamplingPlan" WHERE "specId" = $1 FOR UPDATE`, [registration!.specId]);
    await signOff();
    await expect
      .poll(
        async () =>
          (
            await q<{ n: string }>(
              `SELECT count(*)::text AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%SamplingPlan%' AND pid <> pg_backend_pid()`,
            )
          )[0]!.n,
        { timeout: 30_000 },
      )
      .toBe("1");
    await instance.stopApp("SIGKILL");
    await holder.query("ROLLBACK");
  });
  // Not at all: no sign-off, no audit event, and the chain is whole.
  expect(await signOffs()).toBe(0);
  expect(await signEvents()).toBe(0);

  await instance.startApp();
  await signOff();
  await expect(page.getByText(/Signed off by .* on \d/).first()).toBeVisible({ timeout: 30_000 });
  // Completely: one sign-off, its audit event, its place in the IV's sample.
  expect(await signOffs()).toBe(1);
  expect(await signEvents()).toBe(1);
  const chains = await withPrisma(instance.dbUrl, verifyAllChains);
  expect(chains.filter((c) => c.firstBreak !== null)).toEqual([]);
  await context.close();
});
