// Two app servers (separate processes) on one database, one evidence store and one upload folder,
// as behind a load balancer: a candidate signed in on one is signed in on the other (sessions live
// in PostgreSQL); an upload started on one finishes on the other with the right SHA-256; while one
// server still holds an upload's lock, a request for it on the other asks it to let go (the lock is
// PostgreSQL's), and the upload goes on from what was stored.
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { newEvidence } from "./support/evidence";
import { waitingForHydration } from "./support/hydration";
import { cookieHeader, mp4, queryAt, response, signedInAt, startUpload, tusRequest } from "./support/instance-requests";
import { ownInstance } from "./support/own-instance";

test.describe.configure({ mode: "serial", timeout: 240_000 });

type Instance = Awaited<ReturnType<typeof ownInstance>>;
let instance: Instance;
let other: Awaited<ReturnType<Instance["anotherServer"]>>;

test.beforeAll(async () => {
  instance = await ownInstance("two-servers", 3230);
  await instance.startApp();
  other = await instance.anotherServer(3231);
});
test.afterAll(async () => {
  await other?.stop();
  await instance?.close();
});

const q = <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
  queryAt<T>(instance.dbUrl, text, params);

test("an upload started on one server finishes on the other, and the lock on it holds across both", async ({
  browser,
}) => {
  const context = await signedInAt(browser, instance.baseURL, "candidate");
  const page = waitingForHydration(await context.newPage());
  const evidenceId = await newEvidence(page, "Video made on two servers");
  const cookie = await cookieHeader(context);
  const on = (server: string, location: string) => new URL(new URL(location).pathname, server).toString();

  const { file, sha256 } = mp4(24);
  const location = await startUpload(instance.baseURL, cookie, evidenceId, "two-servers.mp4", file.length);
  const uploadId = location.split("/").at(-1)!;

  // The first server takes a part and keeps its request open (a slow phone, say).
  const stalled = tusRequest("PATCH", location, {
    Cookie: cookie,
    "Upload-Offset": "0",
    "Content-Type": "application/offset+octet-stream",
    "Content-Length": String(file.length),
  });
  stalled.on("error", () => {});
  const firstAnswer = response(stalled).catch(() => null);
  const part = 8 * 1024 * 1024;
  for (let sent = 0; sent < part; sent += 1024 * 1024) {
    if (!stalled.write(file.subarray(sent, sent + 1024 * 1024))) await new Promise((r) => stalled.once("drain", r));
  }
  await expect
    .poll(
      async () =>
        (
          await q<{ n: string }>(
            `SELECT count(*)::text AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 29813`,
          )
        )[0]!.n,
    )
    .toBe("1");

  // The client reconnects to the other server (the balancer sent it there). That server asks the
  // first to let go through PostgreSQL, gets the lock in well under tus's 30 s, and says where the
  // stored bytes end.
  const started = Date.now();
  const head = await response(tusRequest("HEAD", on(other.baseURL, location), { Cookie: cookie }).end());
  expect(head.statusCode).toBe(200);
  expect(Date.now() - started).toBeLessThan(15_000);
  const offset = Number(head.headers["upload-offset"]);
  expect(offset).toBeGreaterThan(0);
  expect(offset).toBeLessThanOrEqual(part);
  stalled.destroy();
  await firstAnswer;

  // The rest goes to the second server, which hashes what the first stored, then the rest.
  const rest = tusRequest("PATCH", on(other.baseURL, location), {
    Cookie: cookie,
    "Upload-Offset": String(offset),
    "Content-Type": "application/offset+octet-stream",
    "Content-Length": String(file.length - offset),
  });
  const done = response(rest);
  rest.end(file.subarray(offset));
  const finished = await done;
  expect(finished.statusCode).toBe(204);
  expect(finished.headers["evidence-file-sha256"]).toBe(sha256);

  const [stored] = await q<{ sha256: string; storageKey: string }>(
    `SELECT sha256, "storageKey" FROM "EvidenceFile" WHERE "evidenceId" = $1 AND "deletedAt" IS NULL`,
    [evidenceId],
  );
  expect(stored!.sha256).toBe(sha256);
  const bytes = await readFile(path.join(instance.storageDir, stored!.storageKey));
  expect(createHash("sha256").update(bytes).digest("hex")).toBe(sha256);
  expect((await q<{ state: string }>(`SELECT state FROM "EvidenceUpload" WHERE id = $1`, [uploadId]))[0]!.state).toBe(
    "stored",
  );
  expect(
    (
      await q<{ n: string }>(
        `SELECT count(*)::text AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 29813`,
      )
    )[0]!.n,
  ).toBe("0");

  // The same session on the other server: the candidate sees the file there, with its hash.
  const there = waitingForHydration(await context.newPage());
  await there.goto(`${other.baseURL}/candidate/evidence/${evidenceId}`);
  await expect(there.getByRole("heading", { level: 1, name: "Video made on two servers" })).toBeVisible();
  await expect(there.getByRole("listitem", { name: "two-servers.mp4" }).getByTestId("sha256")).toHaveText(sha256);
  expect((await new AxeBuilder({ page: there }).analyze()).violations).toEqual([]);
  await context.close();
});
