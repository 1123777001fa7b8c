import { createHash, randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { newEvidence } from "./support/evidence";
import { sql } from "./support/db";
import { signInAs, storageStateOf } from "./support/personas";

const DIR = path.resolve(".data/e2e-files");
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");

/** A 200 MB MP4 (a real ftyp header, then random bytes), written in chunks; returns its SHA-256. */
function bigVideo(file: string, megabytes = 200): string {
  const hash = createHash("sha256");
  const fd = openSync(file, "w");
  const header = Buffer.from("00000018667479706973366f0000020069736f6d69736f32", "hex");
  writeSync(fd, header);
  hash.update(header);
  for (let i = 0; i < megabytes; i++) {
    const chunk = randomBytes(1024 * 1024);
    writeSync(fd, chunk);
    hash.update(chunk);
  }
  closeSync(fd);
  return hash.digest("hex");
}

const upload = (page: Page, name: string) =>
  page.getByRole("list", { name: "Uploads" }).getByRole("listitem").filter({ hasText: name });
const stored = (page: Page) => page.getByRole("list", { name: "Stored files" }).getByRole("listitem");

test.describe("a candidate's portfolio", () => {
  test.use({ storageState: storageStateOf("candidate") });
  test.setTimeout(240_000);

  test("uploads a PDF, a photo and a 200 MB video that resumes after a reload, maps it to two units and sees progress", async ({
    page,
    browser,
    baseURL,
  }) => {
    mkdirSync(DIR, { recursive: true });
    const videoPath = path.join(DIR, "observation-video.mp4");
    const videoHash = bigVideo(videoPath);
    const evidenceId = await newEvidence(page, "Handling a billing complaint");
    await expectAccessible(page);

    await test.step("a PDF and a phone photo", async () => {
      await page.getByLabel("Add files").setInputFiles([
        { name: "call-notes.pdf", mimeType: "application/pdf", buffer: PDF },
        { name: "IMG_0042.png", mimeType: "image/png", buffer: PNG },
      ]);
      await expect(upload(page, "call-notes.pdf")).toContainText("Uploaded and checked.");
      await expect(upload(page, "IMG_0042.png")).toContainText("Uploaded and checked.");
      await expect(stored(page).filter({ hasText: "call-notes.pdf" })).toContainText(`SHA-256: ${sha256(PDF)}`);
      await expect(page.getByRole("img", { name: "Preview of IMG_0042.png" })).toBeVisible();
    });

    await test.step("a big video, interrupted by a reload and resumed", async () => {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: 25 * 1024 * 1024,
      });
      await page.getByLabel("Add files").setInputFiles(videoPath);
      await expect(upload(page, "observation-video.mp4")).toContainText(/([2-9]\d)% uploaded/, { timeout: 60_000 });
      await page.reload();
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      await expect(page.getByText(/Unfinished uploads: observation-video\.mp4/)).toBeVisible();
      await page.getByLabel("Add files").setInputFiles(videoPath);
      await expect(upload(page, "observation-video.mp4")).toContainText(
        /Resuming where the last attempt stopped|% uploaded/,
      );
      await expect(upload(page, "observation-video.mp4")).toContainText("Uploaded and checked.", { timeout: 120_000 });
      await expect(stored(page).filter({ hasText: "observation-video.mp4" })).toContainText(`SHA-256: ${videoHash}`);
      // Resumed, not restarted: the server saw one upload of the video, and stored it once.
      const rows = await sql<{ state: string }>(
        `SELECT state FROM "EvidenceUpload" WHERE "evidenceId" = $1 AND "displayName" = $2`,
        [evidenceId, "observation-video.mp4"],
      );
      expect(rows).toEqual([{ state: "stored" }]);
    });

    await test.step("the stored files match the originals byte for byte", async () => {
      const files = await sql<{ displayName: string; sha256: string; size: string }>(
        `SELECT "displayName", sha256, size::text FROM "EvidenceFile" WHERE "evidenceId" = $1 ORDER BY "uploadedAt"`,
        [evidenceId],
      );
      expect(files).toHaveLength(3);
      expect(files).toEqual(
        expect.arrayContaining([
          { displayName: "call-notes.pdf", sha256: sha256(PDF), size: String(PDF.length) },
          { displayName: "IMG_0042.png", sha256: sha256(PNG), size: String(PNG.length) },
          { displayName: "observation-video.mp4", sha256: videoHash, size: String(200 * 1024 * 1024 + 24) },
        ]),
      );
      const response = await page.request.get(
        `/api/evidence/files/${(await sql<{ id: string }>(`SELECT id FROM "EvidenceFile" WHERE "evidenceId" = $1 AND "displayName" = 'call-notes.pdf'`, [evidenceId]))[0]!.id}`,
      );
      expect(sha256(await response.body())).toBe(sha256(PDF));
    });

    await test.step("progress before mapping", async () => {
      await page.getByRole("link", { name: "Progress" }).click();
      // The demo data already maps Jordan's induction notes to 101 1.1 and 2.1, submitted, not yet judged.
      await expect(page.getByText(/Criteria accepted: 0 of \d+ \(0%\) · with evidence: 2$/)).toBeVisible();
    });

    await test.step("maps the evidence to criteria in units 101 and 201", async () => {
      await page.goto(`/candidate/evidence/${evidenceId}`);
      const form = page.getByRole("form", { name: /Criteria of 3412-03/ });
      await form.getByText(/Unit 101 Comply with health and safety/).click();
      await form
        .getByLabel(
          "Unit 101 criterion 1.2: Follow organisational health and safety procedures and techniques at all times",
        )
        .check();
      await form.getByLabel(/^Unit 101 criterion 2\.2:/).check();
      await form.getByText(/Unit 201 Improve personal effectiveness/).click();
      await form.getByLabel(/^Unit 201 criterion 1\.1:/).check();
      await form.getByRole("button", { name: "Save criteria" }).click();
      await expect(form.getByRole("status")).toHaveText("Mapping saved: 3 criteria.");
      // Candidates' own recordings have no captions when uploaded; transcripts are on the roadmap.
      await expectAccessible(page, { disable: ["video-caption"] });
    });

    await test.step("progress after mapping", async () => {
      await page.getByRole("link", { name: "Progress" }).click();
      await expect(page.getByText(/Criteria accepted: 0 of \d+ \(0%\) · with evidence: 5$/)).toBeVisible();
      // Each unit at a glance, with what is left on it; its criteria on its own page.
      const unit101 = page
        .getByRole("list", { name: "Units of 3412-03" })
        .getByRole("listitem")
        .filter({
          has: page.getByRole("link", {
            name: "Unit 101 Comply with health and safety procedures in a contact centre",
          }),
        });
      await expect(unit101).toContainText("(0 of 14 criteria accepted; not signed off)");
      await expect(unit101).toContainText(/Criteria: .*\d+ with no submitted evidence yet/);
      await expectAccessible(page);
      await unit101.getByRole("link", { name: /^Unit 101 / }).click();
      await expect(
        page.getByRole("heading", {
          level: 1,
          name: "Unit 101 Comply with health and safety procedures in a contact centre",
        }),
      ).toBeVisible();
      const criterion = page
        .getByRole("listitem")
        .filter({ hasText: /^1\.2 Follow organisational health and safety procedures and techniques at all times/ });
      await expect(criterion).toContainText("— No submitted evidence yet"); // the new evidence is still a draft
      await expect(criterion.getByRole("link", { name: "Handling a billing complaint" })).toBeVisible();
      await expect(criterion).toContainText("(draft, not yet submitted)");
      await expectAccessible(page);
    });

    await test.step("only those who may see Jordan's portfolio can download the files", async () => {
      const [file] = await sql<{ id: string }>(
        `SELECT f.id FROM "EvidenceFile" f JOIN "Evidence" e ON e.id = f."evidenceId" JOIN "User" u ON u.id = e."candidateId"
         WHERE u.email = 'candidate@northgate.example' AND f."deletedAt" IS NULL AND f."displayName" = 'call-notes.pdf' AND f."evidenceId" = $1`,
        [evidenceId],
      );
      const url = `/api/evidence/files/${file!.id}`;
      const as = async (state?: string) => {
        const context = await playwrightRequest.newContext({ baseURL, storageState: state });
        const response = await context.get(url, { maxRedirects: 0 });
        const result = { status: response.status(), headers: response.headers() };
        await context.dispose();
        return result;
      };
      expect((await as()).status).toBe(401);
      expect((await as(storageStateOf("assessor2"))).status).toBe(404); // an assessor without Jordan
      expect((await as(storageStateOf("r-assessor"))).status).toBe(404); // another centre
      const otherContext = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
      const otherCandidate = await otherContext.newPage();
      await signInAs(otherCandidate, "c2"); // Aisha, another candidate of the same centre
      expect((await otherCandidate.request.get(url)).status()).toBe(404);
      await otherContext.close();
      const assessor = await as(storageStateOf("assessor"));
      expect(assessor.status).toBe(200);
      expect(assessor.headers).toMatchObject({
        "content-type": "application/pdf",
        "x-content-type-options": "nosniff",
        "content-disposition": expect.stringMatching(/^inline; filename="call-notes\.pdf"/),
      });
      expect(assessor.headers["content-security-policy"]).toContain("default-src 'none'");
    });

    await test.step("his assessor sees the evidence with each file's SHA-256", async () => {
      const context = await browser.newContext({ baseURL, storageState: storageStateOf("assessor") });
      const assessorPage = await context.newPage();
      const [jordan] = await sql<{ id: string }>(`SELECT id FROM "User" WHERE email = 'candidate@northgate.example'`);
      await assessorPage.goto(`/assessor/candidates/${jordan!.id}`);
      const article = assessorPage.getByRole("article", { name: "Handling a billing complaint" });
      await expect(article).toContainText(`SHA-256: ${sha256(PDF)}`);
      await expect(article).toContainText("Criteria: 101 1.2, 101 2.2, 201 1.1");
      await expectAccessible(assessorPage, { disable: ["video-caption"] });
      await context.close();
    });

    await test.step("the external verifier sees the same hashes, read-only", async () => {
      const context = await browser.newContext({ baseURL, storageState: storageStateOf("ev") });
      const evPage = await context.newPage();
      await evPage.goto("/ev");
      await evPage.getByRole("link", { name: "Northgate College" }).click();
      await evPage.getByRole("link", { name: "Jordan Reid" }).click();
      await expect(evPage.getByRole("article", { name: "Handling a billing complaint" })).toContainText(
        `SHA-256: ${videoHash}`,
      );
      await expect(evPage.getByRole("button", { name: /^Remove / })).toHaveCount(0);
      await context.close();
    });

    await test.step("submitting freezes the files", async () => {
      await page.goto(`/candidate/evidence/${evidenceId}`);
      await page.getByLabel(/^I declare that this evidence is my own work/).check();
      await page.getByRole("button", { name: "Submit for assessment" }).click();
      await expect(
        page.getByText(/^Submitted for assessment on \d{1,2} \w{3} 2026, \d{2}:\d{2}\. Its files are frozen\.$/),
      ).toBeVisible();
      await expect(page.getByRole("button", { name: /^Remove / })).toHaveCount(0);
      await expect(page.getByLabel("Add files")).toHaveCount(0);
      await expect(page.getByRole("button", { name: "Start a new version" })).toBeVisible();
    });
  });

  test("bad files get a clear reason and nothing is stored for them", async ({ page }) => {
    mkdirSync(DIR, { recursive: true });
    const huge = path.join(DIR, "huge.mp4");
    writeFileSync(huge, "");
    const { truncateSync } = await import("node:fs");
    truncateSync(huge, 6 * 1024 ** 3); // sparse: takes no disk space
    const evidenceId = await newEvidence(page, "Files that should be refused");
    await page.getByLabel("Title").fill("Typed but not saved");
    await page.getByLabel("Add files").setInputFiles([
      {
        name: "invoice.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.concat([Buffer.from("MZ"), randomBytes(4000)]),
      },
      {
        name: "page.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("<!DOCTYPE html><html><body>hello</body></html>"),
      },
      { name: "empty.pdf", mimeType: "application/pdf", buffer: Buffer.alloc(0) },
    ]);
    await expect(upload(page, "invoice.pdf")).toContainText("cannot be used as evidence");
    await expect(upload(page, "page.pdf")).toContainText("web page or script markup");
    await expect(upload(page, "empty.pdf")).toContainText("The file is empty.");
    await page
      .getByLabel("Add files")
      .setInputFiles({ name: "..\\..\\report.pdf", mimeType: "application/pdf", buffer: PDF });
    await expect(upload(page, "report.pdf")).toContainText("File names cannot contain folder parts");
    await page.getByLabel("Add files").setInputFiles(huge);
    await expect(upload(page, "huge.mp4")).toContainText("The file is 6 GB; files can be at most 5 GB.");
    await expect(page.getByLabel("Title")).toHaveValue("Typed but not saved");
    await expect(page.getByText("No files yet.")).toBeVisible();
    expect(await sql(`SELECT id FROM "EvidenceFile" WHERE "evidenceId" = $1`, [evidenceId])).toEqual([]);
    await expectAccessible(page);

    await test.step("the upload API gives the same reasons", async () => {
      const post = (headers: Record<string, string>) =>
        page.request.post("/api/uploads", { headers: { "Tus-Resumable": "1.0.0", ...headers } });
      const meta = (name: string) =>
        `filename ${Buffer.from(name).toString("base64")},evidenceId ${Buffer.from(evidenceId).toString("base64")}`;
      const pathLike = await post({ "Upload-Length": "100", "Upload-Metadata": meta("../../etc/passwd") });
      expect(pathLike.status()).toBe(400);
      expect(await pathLike.text()).toContain("File names cannot contain folder parts");
      const empty = await post({ "Upload-Length": "0", "Upload-Metadata": meta("empty.pdf") });
      expect([empty.status(), await empty.text()]).toEqual([400, "The file is empty."]);
      const big = await post({ "Upload-Length": String(6 * 1024 ** 3), "Upload-Metadata": meta("big.mp4") });
      expect([big.status(), await big.text()]).toEqual([400, "The file is 6 GB; files can be at most 5 GB."]);
    });
  });
});

test("on a phone, the portfolio pages fit the screen and a photo uploads", async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 800 },
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  await signInAs(page, "candidate");
  for (const url of [
    "/candidate",
    "/candidate/evidence",
    "/candidate/evidence/new",
    "/candidate/progress",
    "/catalogue",
  ]) {
    await page.goto(url);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), url).toBeLessThanOrEqual(390);
  }
  await newEvidence(page, "Photo of my workstation set-up");
  await page.getByLabel("Add files").setInputFiles({ name: "IMG_0099.png", mimeType: "image/png", buffer: PNG });
  await expect(upload(page, "IMG_0099.png")).toContainText("Uploaded and checked.");
  await expect(page.getByRole("img", { name: "Preview of IMG_0099.png" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);
  await context.close();
});
