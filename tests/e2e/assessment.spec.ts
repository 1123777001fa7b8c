// The assessment journeys in Chromium against the real server and database: judging with a
// referral and a new version, an observation, unit sign-off with password re-entry and the
// candidate's countersignature, credits moving on both sides; and the same with an assessor
// working towards the assessor units, whose decisions a qualified assessor countersigns.
import { createHash } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/demo-data";
import { expectAccessible } from "./support/axe";
import { centreId, sql, userId } from "./support/db";
import { newEvidence } from "./support/evidence";
import { unzip } from "./support/zip";
import { pageAs, signIn, storageStateOf } from "./support/personas";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const UNIT = "202";
const UNIT_TITLE = /Unit 202 Use systems and technology/;

const as = pageAs;

/** The candidate (on `page`) makes evidence with a file, mapped to every criterion of unit 202, and submits it. */
async function submitUnitEvidence(page: Page, title: string) {
  const evidenceId = await newEvidence(page, title);
  await page.getByLabel("Add files").setInputFiles({ name: "call-log.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(
    page.getByRole("list", { name: "Uploads" }).getByRole("listitem").filter({ hasText: "call-log.pdf" }),
  ).toContainText("Uploaded and checked.");
  const form = page.getByRole("form", { name: /Criteria of 3412-03/ });
  await form.getByText(UNIT_TITLE).click();
  // `all()` takes what is on screen at that instant: wait until the opened unit shows its 12 criteria.
  const boxes = form.getByRole("checkbox", { name: /^Unit 202 criterion/ });
  await expect(boxes).toHaveCount(12);
  for (const box of await boxes.all()) await box.check();
  await form.getByRole("button", { name: "Save criteria" }).click();
  await expect(form.getByRole("status")).toHaveText("Mapping saved: 12 criteria.");
  await submit(page);
  return evidenceId;
}

async function submit(page: Page) {
  const form = page.getByRole("form", { name: "Submit for assessment" });
  await form.getByRole("button", { name: "Submit for assessment" }).click();
  await expect(form.getByRole("status")).toContainText("Confirm the declaration");
  await form.getByLabel(/^I declare that this evidence is my own work/).check();
  await form.getByRole("button", { name: "Submit for assessment" }).click();
  await expect(page.getByText(/^Submitted for assessment on /)).toBeVisible();
}

async function tickChecks(scope: ReturnType<Page["getByRole"]>) {
  for (const label of [/^Valid/, /^Authentic/, /^Reliable/, /^Current/, /^Sufficient/])
    await scope.getByLabel(label).check();
}

async function acceptAllAwaiting(page: Page, count: number) {
  const bulk = page.getByRole("form", { name: /Accept the criteria of 3412-03 awaiting judgement/ });
  await tickChecks(bulk);
  await bulk.getByRole("button", { name: `Accept all ${count} awaiting` }).click();
  // The form goes once nothing awaits judgement.
  await expect(page.getByText(/Awaiting the assessor's judgement/)).toHaveCount(0);
  await expect(bulk).toHaveCount(0);
}

async function signOff(page: Page, candidateId: string) {
  await page.goto(`/assessor/candidates/${candidateId}`);
  const form = page.getByRole("form", { name: `Sign off unit ${UNIT}` });
  await form.getByLabel(/^I confirm that the candidate has met every assessment criterion/).check();
  await form.getByLabel("Your password (to sign)").fill("not-my-password");
  await form.getByRole("button", { name: `Sign off unit ${UNIT}` }).click();
  await expect(form.getByRole("status")).toContainText("That password is not right");
  await form.getByLabel("Your password (to sign)").fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: `Sign off unit ${UNIT}` }).click();
  await expect(page.getByText(/Signed off by .* on \d/).first()).toBeVisible();
}

async function candidateCountersigns(page: Page) {
  // The progress page says a countersignature is due; the form is on the unit's page, beside the
  // evidence and feedback its declaration is about.
  await page.goto("/candidate/progress");
  await expect(page.getByRole("form", { name: `Countersign unit ${UNIT}` })).toHaveCount(0);
  await page.getByRole("link", { name: UNIT_TITLE }).click();
  await expect(page.getByRole("heading", { level: 1, name: UNIT_TITLE })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /^Outcome 1:/ })).toBeVisible(); // the criteria, listed
  const form = page.getByRole("form", { name: `Countersign unit ${UNIT}` });
  await form.getByLabel(/^I confirm that the evidence listed for this unit is my own work/).check();
  await form.getByLabel("Your password").fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: `Countersign unit ${UNIT}` }).click();
  // The form goes with its success; the page's announcer says so.
  await expect(page.getByRole("status", { name: "Latest outcome" })).toHaveText("Unit countersigned.");
  await expect(form).toHaveCount(0);
  await page.getByRole("link", { name: "My progress" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My progress" })).toBeVisible();
}

test.describe("assessment", () => {
  test.setTimeout(180_000);

  test("refer back, new version, accept; an observation; sign-off with password; the candidate countersigns; credits move", async ({
    browser,
  }) => {
    // The whole life of a unit, from evidence to an authorised claim and the EV's checks and sample: long on 2 cores.
    test.setTimeout(600_000);
    // Grace Thompson, Amira Shah's candidate: his own data, so other specs' use of Jordan is untouched.
    const candidate = await (await browser.newContext()).newPage();
    await signIn(candidate, "grace.thompson@northgate.example");
    await expect(candidate).toHaveURL(/\/candidate/);
    const assessor = await as(browser, "assessor");
    const grace = await userId("grace.thompson@northgate.example");
    let v1 = "";
    let planId = ""; // the IV's plan, which the EV reads later (other specs add plans of their own)

    await test.step("the candidate submits evidence for unit 202 with the declaration", async () => {
      v1 = await submitUnitEvidence(candidate, "Call log for unit 202");
      const [row] = await sql<{ declaration: string }>(`SELECT declaration FROM "Evidence" WHERE id = $1`, [v1]);
      expect(row!.declaration).toMatch(/^I declare that this evidence is my own work/);
    });

    await test.step("the assessor's work queue shows it awaiting review", async () => {
      await assessor.goto("/assessor?filter=awaiting-review&sort=oldest");
      const row = assessor.getByRole("row").filter({ hasText: "Grace Thompson" });
      await expect(row).toContainText("3412-03");
      await expect(row.getByRole("cell").nth(4)).toContainText(/^1 \(oldest/);
      await expectAccessible(assessor);
    });

    await test.step("the assessor refers 1.1 back with feedback and accepts the rest", async () => {
      // Followed as a link (no script: before hydration, or a bookmark), it asks the server for the page with that form drawn.
      const plain = await (
        await browser.newContext({ storageState: storageStateOf("assessor"), javaScriptEnabled: false })
      ).newPage();
      await plain.goto(`/assessor/candidates/${grace}/evidence/${v1}`);
      await expect(plain.getByRole("form", { name: `Judge unit ${UNIT} criterion 1.1` })).toHaveCount(0);
      await plain.getByRole("link", { name: `Judge unit ${UNIT} criterion 1.1` }).click();
      await expect(plain).toHaveURL(/judge=/);
      await expect(
        plain.getByRole("form", { name: `Judge unit ${UNIT} criterion 1.1` }).getByLabel("Refer back"),
      ).toBeVisible();
      await plain.context().close();
      await assessor.goto(`/assessor/candidates/${grace}/evidence/${v1}`);
      await expect(assessor.getByText(/SHA-256: [0-9a-f]{64}/)).toBeVisible();
      const disclosure = assessor.getByRole("link", { name: `Judge unit ${UNIT} criterion 1.1` });
      await expect(disclosure).toHaveAttribute("aria-expanded", "false");
      await disclosure.click();
      await expect(disclosure).toHaveAttribute("aria-expanded", "true");
      const one = assessor.getByRole("form", { name: `Judge unit ${UNIT} criterion 1.1` });
      await one.getByLabel("Refer back").check();
      await one.getByLabel("Feedback to the candidate").fill("Add the date and time of each call.");
      await one.getByRole("button", { name: /Record the decision/ }).click();
      await expect(one.getByRole("status")).toContainText("Say which check is in doubt");
      await tickChecks(one);
      await one.getByRole("button", { name: /Record the decision/ }).click();
      await expect(assessor.getByText("Feedback: Add the date and time of each call.")).toBeVisible();
      await acceptAllAwaiting(assessor, 11);
      await expectAccessible(assessor);
    });

    await test.step("the candidate sees the referral and answers with a new version", async () => {
      // The progress page says what is left on each unit; the unit's page has the criteria and feedback.
      await candidate.goto("/candidate/progress");
      const unitSummary = candidate
        .getByRole("listitem")
        .filter({ has: candidate.getByRole("link", { name: UNIT_TITLE }) });
      await expect(unitSummary).toContainText("1 referred back");
      await expect(candidate.getByText("Feedback: Add the date and time of each call.")).toHaveCount(0);
      await expectAccessible(candidate);
      await unitSummary.getByRole("link", { name: UNIT_TITLE }).click();
      await expect(candidate.getByRole("heading", { level: 1, name: UNIT_TITLE })).toBeVisible();
      await expect(candidate.getByText("Feedback: Add the date and time of each call.")).toBeVisible();
      await expect(candidate.getByText("— Referred back")).toBeVisible();
      await expectAccessible(candidate);
      await candidate.goto(`/candidate/evidence/${v1}`);
      await expect(candidate.getByText(/Referred back.* by Amira Shah/)).toBeVisible();
      // Judged criteria stay mapped.
      await expect(
        candidate.getByRole("form", { name: /Criteria of 3412-03/ }).getByLabel(/^Unit 202 criterion 1\.1:/),
      ).toBeDisabled();
      await candidate.getByRole("button", { name: "Start a new version" }).click();
      await expect(candidate).toHaveURL(/created=1/);
      await candidate
        .getByLabel("Add files")
        .setInputFiles({ name: "call-log-dated.pdf", mimeType: "application/pdf", buffer: PDF });
      await expect(candidate.getByRole("list", { name: "Uploads" }).getByRole("listitem")).toContainText(
        "Uploaded and checked.",
      );
      await submit(candidate);
    });

    await test.step("the assessor accepts the new version, and the unit can be signed off", async () => {
      const [next] = await sql<{ id: string }>(`SELECT id FROM "Evidence" WHERE "previousVersionId" = $1`, [v1]);
      await assessor.goto(`/assessor/candidates/${grace}/evidence/${v1}`);
      await expect(assessor.getByText("A newer version has been submitted.")).toBeVisible();
      await assessor.getByRole("link", { name: "Judge the newer version" }).click();
      await expect(assessor).toHaveURL(new RegExp(next!.id));
      await acceptAllAwaiting(assessor, 12);
    });

    await test.step("the assessor records an observation the candidate then sees", async () => {
      await assessor.goto(`/assessor/candidates/${grace}`);
      await assessor.getByRole("link", { name: "Record an observation, discussion or questioning" }).click();
      await assessor.getByLabel("Title").fill("Observed inbound calls");
      await assessor.getByLabel("What it shows").fill("Handled three billing calls using the CRM.");
      await assessor.getByLabel("Date of the activity").fill("2026-11-20");
      await assessor.getByLabel("Assessment method").selectOption({ label: "Observation" });
      await assessor.getByLabel("Where it took place").fill("Northgate contact centre, floor 2");
      await assessor.getByRole("button", { name: "Save and add files" }).click();
      await expect(assessor.getByRole("heading", { level: 1, name: "Observed inbound calls" })).toBeVisible();
      await expectAccessible(assessor);
      const map = assessor.getByRole("form", { name: /Criteria of 3412-03/ });
      await map.getByText(/Unit 101 Comply with health and safety/).click();
      await map.getByLabel(/^Unit 101 criterion 1\.1:/).check();
      await map.getByRole("button", { name: "Save criteria" }).click();
      await expect(map.getByRole("status")).toHaveText("Mapping saved: 1 criterion.");
      const submitForm = assessor.getByRole("form", { name: "Submit the record" });
      await submitForm.getByLabel(/^I declare that this is an accurate record/).check();
      await submitForm.getByRole("button", { name: "Submit the record" }).click();
      await expect(assessor.getByRole("heading", { name: "Decisions by criterion" })).toBeVisible();
      await candidate.goto("/candidate/evidence");
      await candidate.getByRole("link", { name: "Observed inbound calls" }).click();
      await expect(candidate.getByText(/Recorded by Amira Shah at Northgate contact centre, floor 2/)).toBeVisible();
      await expectAccessible(candidate);
    });

    await test.step("the assessor signs the unit off with password re-entry", async () => {
      await signOff(assessor, grace);
      const [record] = await sql<{ evidence: unknown; declaration: string }>(
        `SELECT evidence, declaration FROM "UnitSignOff" WHERE "candidateId" = $1 AND "unitRef" = $2`,
        [grace, UNIT],
      );
      expect(JSON.stringify(record!.evidence)).toMatch(/"sha256":"[0-9a-f]{64}"/);
      await expect(assessor.getByText(/Achieved 0 of \d+ credits/).first()).toBeVisible();
      await expectAccessible(assessor);
    });

    await test.step("the candidate countersigns, and the credits move on both sides", async () => {
      await candidateCountersigns(candidate);
      await expect(candidate.getByText(/Achieved 4 of \d+ credits; units achieved: 1 of/)).toBeVisible();
      await expectAccessible(candidate);
      await candidate.goto("/candidate");
      await expect(candidate.getByText(/Achieved 4 of \d+ credits/)).toBeVisible();
      await assessor.goto(`/assessor/candidates/${grace}`);
      await expect(assessor.getByText(/Achieved 4 of \d+ credits/).first()).toBeVisible();
      await expect(assessor.locator("summary").filter({ hasText: UNIT_TITLE })).toContainText(
        "achieved: signed off and countersigned",
      );
      await assessor.goto("/assessor");
      await expect(assessor.getByRole("row").filter({ hasText: "Grace Thompson" }).getByRole("cell").nth(3)).toHaveText(
        /^1 of 7$/,
      );
    });

    await test.step("the IV samples the unit, disagrees, and it goes on hold until the assessor responds and the IV agrees", async () => {
      const iv = await as(browser, "iv");
      await iv.goto("/iv/plans");
      const newPlan = iv.getByRole("form", { name: "New plan" });
      await newPlan
        .getByLabel("Qualification")
        .selectOption({ label: "3412-03 Level 2 NVQ Certificate in Contact Centre Operations (version 3.0)" });
      await newPlan.getByRole("button", { name: "Create the plan" }).click();
      const amiraRisk = iv.getByRole("article", { name: "Risk for Amira Shah" });
      await expect(amiraRisk).toContainText("New to this qualification (no earlier sign-offs): weight 1");
      // Made after unit 202 was signed off in its period: the plan's rule takes it at once (Amira's
      // only unit in the period), so no unit of hers goes unseen because the plan came late.
      await expect(amiraRisk).toContainText(/Proposed sample: 1\. Agreed: 1\. Sampled so far: 1/);
      await expect(iv.getByRole("table").getByRole("row").filter({ hasText: "Amira Shah" })).toContainText(
        "1 of 1 sampled",
      );
      await expect(iv.getByText(/^Unit sign-off records .*: 1 of 1 reached by the sample/)).toBeVisible();
      await expectAccessible(iv);
      const planUrl = iv.url();
      planId = planUrl.split("/").at(-1)!;
      // Selected today, it is waiting for the IV on the dashboard (not only once 14 days old).
      await iv.goto("/iv");
      await iv
        .getByRole("region", { name: "Waiting for you" })
        .getByRole("link", { name: "Grace Thompson, unit 202" })
        .click();
      await expect(iv.getByRole("heading", { level: 1, name: "Grace Thompson, unit 202" })).toBeVisible();
      await expect(iv.getByText(/SHA-256: [0-9a-f]{64}/).first()).toBeVisible();
      // The records the plan's Records coverage counts: the sign-off's declaration, the candidate's on her evidence.
      const records = iv.getByRole("region", { name: "Assessment records" });
      await expect(records).toContainText(
        /Signed off on .* with the declaration: “I confirm that the candidate has met every assessment criterion/,
      );
      await expect(records).toContainText("Call log for unit 202: “I declare that this evidence is my own work");
      await expectAccessible(iv);
      const verdict = iv.getByRole("form", { name: "Record a verdict" });
      await verdict.getByLabel("Disagree").check();
      await verdict
        .getByLabel("Feedback to the assessor")
        .fill("1.2 needs evidence from live calls, not a screenshot.");
      await verdict.getByLabel("Action point 1").fill("Observe Grace taking live calls");
      await verdict.getByLabel("Target date").first().fill("2099-03-31");
      await verdict.getByRole("button", { name: "Record the verdict" }).click();
      await expect(
        iv.getByText("On hold: the unit does not count until the assessor responds and an internal verifier agrees."),
      ).toBeVisible();

      await candidate.goto("/candidate/progress");
      await expect(candidate.getByText(/Achieved 0 of \d+ credits/)).toBeVisible();
      // The assessor is told at once, and the held unit heads their work queue until they respond.
      await assessor.goto("/notifications");
      await expect(
        assessor.getByText("Gareth Evans disagreed with unit 202 of Grace Thompson: it is on hold until you respond"),
      ).toBeVisible();
      await assessor.goto("/assessor");
      const holds = assessor.getByRole("region", { name: /^Units on hold by the internal verifier/ });
      await expect(holds).toContainText("waiting for your response");
      await holds.getByRole("link", { name: "Grace Thompson, unit 202" }).click();
      await expect(assessor).toHaveURL(new RegExp(`/assessor/candidates/${grace}#iv-heading$`));
      const held = assessor.getByRole("article", { name: "Internal verification of unit 202" });
      await expect(held).toContainText("1.2 needs evidence from live calls");
      await expect(held).toContainText("Action for you: Observe Grace taking live calls (by 31 March 2099)");
      await held.getByLabel(/What you have done/).fill("Observed Grace on live calls today; observation added.");
      await held.getByRole("button", { name: "Send the response" }).click();
      await expect(held).toContainText("Response from Amira Shah");
      await expectAccessible(assessor);

      await iv.goto(planUrl);
      await expect(iv.getByRole("table").getByRole("row").filter({ hasText: "Amira Shah" })).toContainText(
        "1 of 1 sampled",
      );
      await iv.goBack();
      await iv.reload();
      await iv.getByRole("form", { name: "Record a verdict" }).getByLabel("Agree", { exact: true }).check();
      await iv.getByRole("button", { name: "Record the verdict" }).click();
      await expect(iv.getByText(/^Agreed by Gareth Evans on/)).toBeVisible();
      await candidate.goto("/candidate/progress");
      await expect(candidate.getByText(/Achieved 4 of \d+ credits/)).toBeVisible();

      // The dashboard: the plan's progress, and Amira's agreement rate as a chart and a table.
      await iv.goto("/iv");
      await expect(iv.getByRole("link", { name: /^3412-03, / }).first()).toBeVisible();
      await expect(iv.getByRole("img", { name: /Agreement rate by assessor and month/ })).toBeVisible();
      const chart = iv.getByRole("img", { name: /Agreement rate by assessor and month/ });
      await expect(chart.locator(".recharts-legend-item").filter({ hasText: "Amira Shah" })).toBeVisible();
      await expect(chart).toContainText(/\d{4}-\d{2}/); // the month on the axis
      await expect(chart.locator(".recharts-line-dot")).not.toHaveCount(0); // Amira's point
      // One disagreement (this one) among Amira's verdicts; the IV spec, running beside this one,
      // may have added agreements on her decisions this month.
      const amiraRate = iv
        .getByRole("table", { name: /Agreement rate by assessor and month/ })
        .getByRole("row")
        .filter({ hasText: "Amira Shah" });
      await expect(amiraRate).toContainText(/\d+% \(\d+ of \d+\)/);
      const [, agreed, of] = (await amiraRate.textContent())!.match(/\((\d+) of (\d+)\)/)!.map(Number);
      expect(of).toBeGreaterThanOrEqual(2);
      expect(agreed).toBe(of! - 1);
      await expectAccessible(iv);
    });

    await test.step("the centre claims the unit; the EV refuses it with a reason; the corrected claim is authorised", async () => {
      const admin = await as(browser, "admin");
      await admin.goto(`/admin/users/${grace}/claims`);
      const claimForm = admin.getByRole("form", { name: "Claim units of 3412-03" });
      await expect(claimForm).toContainText("Unit 101 is not signed off.");
      await expect(
        admin.getByText(/^The rules of combination are not met by the units that can be claimed/),
      ).toBeVisible();
      await expectAccessible(admin);
      await claimForm.getByLabel("Unit 202: can be claimed").check();
      await claimForm.getByRole("button", { name: "Claim the units ticked" }).click();
      await expect(admin.getByRole("status").filter({ hasText: "Claim raised." })).toBeVisible();
      await expect(admin.getByText("(the stored pack matches it)")).toBeVisible();
      const units = admin.getByRole("table", { name: /Units claimed/ });
      await expect(units).toContainText("Agreed by Gareth Evans");
      await expect(units).toContainText(/[0-9a-f]{64}/);
      await expectAccessible(admin);

      const ev = await as(browser, "ev");
      await ev.goto("/ev/claims");
      await ev
        .getByRole("row")
        .filter({ hasText: "Waiting for you" })
        .filter({ hasText: "Grace Thompson" })
        .getByRole("link")
        .click();
      const decide = ev.getByRole("form", { name: "Decide the claim" });
      await decide.getByLabel("Refuse", { exact: true }).check();
      await decide.getByRole("button", { name: "Record the decision" }).click();
      await expect(decide.getByRole("status")).toContainText("Give the reasons for refusing the claim.");
      await decide.getByLabel("Refuse", { exact: true }).check();
      await decide.getByLabel("Reasons (needed to refuse)").fill("The observation record for 202 is not dated.");
      await decide.getByRole("button", { name: "Record the decision" }).click();
      await expect(ev.getByText(/^Refused on /)).toBeVisible();
      await expectAccessible(ev);

      await admin.reload();
      await expect(admin.getByText("Reasons: The observation record for 202 is not dated.")).toBeVisible();
      // The refused claim's page still says "Claim raised." from its first visit: wait for the new
      // claim's page instead (a click before the reloaded page hydrates does nothing, so retry it).
      const refusedUrl = admin.url();
      await expect(async () => {
        await admin.getByRole("button", { name: "Raise a corrected claim" }).click({ timeout: 5_000 });
        await expect(admin).not.toHaveURL(refusedUrl, { timeout: 5_000 });
      }).toPass({ timeout: 60_000 });
      await expect(admin.getByRole("status").filter({ hasText: "Claim raised." })).toBeVisible();
      await ev.goto("/ev/claims");
      await ev
        .getByRole("row")
        .filter({ hasText: "Waiting for you" })
        .filter({ hasText: "Grace Thompson" })
        .getByRole("link")
        .click();
      await expect(ev.getByText("This claim corrects an earlier refused claim.")).toBeVisible();
      const again = ev.getByRole("form", { name: "Decide the claim" });
      await again.getByLabel("Authorise", { exact: true }).check();
      await again.getByRole("button", { name: "Record the decision" }).click();
      await expect(ev.getByText(/^Authorised on /)).toBeVisible();

      // The CSV for the awarding body and the printable summary hold what the claim pack holds.
      const packHash = (await ev.getByText(/^SHA-256 of the pack:/).textContent())!.match(/[0-9a-f]{64}/)![0];
      const pdf = await ev.request.get(`/api/claims/${ev.url().split("/").at(-1)}/summary`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
      await admin.goto("/admin/claims");
      const csv = await admin.request.get("/api/claims/export");
      expect(csv.headers()["content-type"]).toContain("text/csv");
      const row = (await csv.text()).split("\r\n").find((l) => l.includes("Grace Thompson"))!;
      expect(row).toContain(",202,");
      expect(row).toContain(packHash);
      await expect(admin.getByRole("row").filter({ hasText: "Grace Thompson" }).first()).toContainText(
        "Authorised and released",
      );
      // The EV reads the centre's records: staff competence and the audit trail, which shows the decision.
      const northgate = await centreId("C10001");
      await ev.goto(`/ev/centres/${northgate}/competence`);
      await expect(ev.getByRole("row").filter({ hasText: "Gareth Evans" })).toContainText(
        "Internal verifier: qualified, D34",
      );
      await expectAccessible(ev);
      // ... and the IVs' observations of assessors and the standardisation meetings (OCR: the EV checks
      // the internal verification processes), linked from the centre's page.
      await ev.goto(`/ev/centres/${northgate}`);
      await ev.getByRole("link", { name: "IV observations and standardisation meetings" }).click();
      await expect(ev.getByRole("article", { name: /^Observation of Amira Shah on / }).first()).toContainText(
        "observed by Gareth Evans",
      );
      await expect(ev.getByRole("article", { name: /^Standardisation meeting on / }).first()).toBeVisible();
      await expect(ev.getByRole("form")).toHaveCount(0); // read-only
      await expectAccessible(ev);
      await ev.goto(`/ev/centres/${northgate}/audit`);
      await expect(ev.getByRole("row").filter({ hasText: "claim.authorise" }).first()).toContainText(
        "Helen McAllister",
      );
      // The trail is hash-chained: the EV checks the whole chain of the centre.
      await ev.getByRole("link", { name: "Check the whole chain now" }).click();
      await expect(ev.getByText(/^Chain checked just now: all \d+ events are intact/)).toBeVisible();
      await expectAccessible(ev);
      // The EV downloads Grace's portfolio: the manifest's hashes are those of the stored files.
      await ev.goto(`/ev/candidates/${grace}`);
      const zipResponse = await ev.request.get(`/api/candidates/${grace}/portfolio`);
      expect(zipResponse.headers()["content-type"]).toBe("application/zip");
      const entries = await unzip(await zipResponse.body());
      const manifest = JSON.parse(entries.get("manifest.json")!.toString()) as {
        files: { path: string; sha256: string }[];
      };
      const storedHashes = await sql<{ sha256: string }>(
        `SELECT f.sha256 FROM "EvidenceFile" f JOIN "Evidence" e ON e.id = f."evidenceId" WHERE e."candidateId" = $1 AND e.status = 'SUBMITTED' AND f."deletedAt" IS NULL`,
        [grace],
      );
      expect(manifest.files.map((f) => f.sha256).sort()).toEqual(storedHashes.map((r) => r.sha256).sort());
      for (const f of manifest.files)
        expect(createHash("sha256").update(entries.get(f.path)!).digest("hex")).toBe(f.sha256);
      expect(entries.get("index.html")!.toString()).toContain("Portfolio of Grace Thompson");
      // Grace's record shows the certificate claimed, and when.
      await candidate.goto("/candidate/progress");
      await expect(candidate.getByRole("region", { name: "Certificate claims" })).toContainText(
        /units 202, claimed on \d{1,2} \w+ \d{4}\. Authorised on \d{1,2} \w+ \d{4}: the certificate is claimed\./,
      );
      await expectAccessible(candidate);
    });

    await test.step("the EV reads the centre's records, draws their own sample by assessor, unit and method, records findings and an action the centre answers", async () => {
      const ev = await as(browser, "ev");
      const admin = await as(browser, "admin");
      // Grace's portfolio as the EV reads it: the judgements and sign-off, and the IV's verdicts.
      await ev.goto(`/ev/candidates/${grace}`);
      await expect(ev.locator("summary").filter({ hasText: UNIT_TITLE })).toContainText(
        "achieved: signed off and countersigned",
      );
      await expect(ev.getByRole("article", { name: "Internal verification of unit 202" })).toContainText(
        "Agreed by Gareth Evans",
      );
      await expect(ev.getByRole("form")).toHaveCount(0); // read-only
      await expectAccessible(ev);
      await ev.goto("/ev");
      await ev.getByRole("link", { name: "Northgate College" }).click();
      await ev.getByRole("link", { name: "Sampling plans" }).click();
      await ev.locator(`a[href$="/plans/${planId}"]`).click();
      await expect(ev.getByRole("heading", { level: 1, name: /^Sampling plan: 3412-03/ })).toBeVisible();
      await expect(
        ev.getByRole("table", { name: "Units sampled of those signed off, by assessor and unit" }),
      ).toContainText("1 of 1 sampled");
      await expect(ev.getByRole("button", { name: "Save the change" })).toHaveCount(0);
      await expectAccessible(ev);

      await ev.goBack();
      await ev.goBack();
      const start = ev.getByRole("form", { name: "Start a visit or remote sample" });
      await start.getByLabel("Remote sample").check();
      await start.getByRole("button", { name: "Start and draw the sample" }).click();
      await expect(ev.getByRole("heading", { level: 1, name: /^Remote sample: Northgate College/ })).toBeVisible();
      const filter = ev.getByRole("form", { name: "Filter the units to sample" });
      await filter.getByLabel("Assessor").selectOption({ label: "Amira Shah" });
      await filter.getByLabel("Unit").fill("202");
      await filter.getByLabel("Method").selectOption({ label: "Product or work output" });
      await filter.getByRole("button", { name: "Show units" }).click();
      const add = ev.getByRole("form", { name: "Add units to the sample" });
      await add.getByLabel("Sample Grace Thompson, 3412-03 unit 202").check();
      await add.getByRole("button", { name: "Add the units ticked to the sample" }).click();
      await expect(add.getByRole("status")).toHaveText("1 unit added to the sample.");
      const item = ev.getByRole("article", { name: "Sampled: Grace Thompson, unit 202" });
      await expect(item).toContainText(
        /Assessor Amira Shah; internal verification: agreed by Gareth Evans on \d{1,2} \w+ \d{4}\./,
      );
      await item.getByText("Record a finding on this unit").click();
      const finding = item.getByRole("form", { name: "Finding on Grace Thompson, unit 202" });
      await finding.getByRole("button", { name: "Record the finding" }).click();
      await expect(finding.getByRole("status")).toContainText(
        "Say whether you agree with the assessor's decision on this unit.",
      );
      // The assessment and its internal verification are judged each on its own (OCR: the EV checks both).
      await finding
        .getByRole("group", { name: "Do you agree with the assessor's decision?" })
        .getByLabel("Agree", { exact: true })
        .check();
      await finding.getByLabel("Finding").fill("Observation record is dated and names each criterion seen.");
      await finding.getByRole("button", { name: "Record the finding" }).click();
      await expect(finding.getByRole("status")).toContainText(
        "Say whether you agree with the internal verifier's verdict on this unit.",
      );
      await finding
        .getByRole("group", { name: "Do you agree with the internal verifier's verdict?" })
        .getByLabel("Agree", { exact: true })
        .check();
      await finding.getByRole("button", { name: "Record the finding" }).click();
      await expect(item).toContainText(
        "Agrees with the assessor's decision; agrees with the internal verifier's verdict.",
      );
      const centreFinding = ev.getByRole("form", { name: "Record a finding about the centre" });
      await centreFinding.getByLabel("Finding").fill("Standardisation minutes are kept and dated.");
      await centreFinding.getByRole("button", { name: "Record the finding" }).click();
      await expect(centreFinding.getByRole("status")).toHaveText("Finding recorded.");
      const action = ev.getByRole("form", { name: "Set an action point" });
      await action.getByLabel("Action point").fill("Record the site on every observation.");
      await action.getByLabel("Target date").fill("2027-01-29");
      await action.getByRole("button", { name: "Set the action point" }).click();
      await expect(action.getByRole("status")).toHaveText(
        "Action point set. The centre's administrator sees it and responds.",
      );
      await expectAccessible(ev);
      const visitUrl = ev.url();

      await admin.goto("/admin/external-verification");
      await admin
        .getByRole("link", { name: /^Remote sample on / })
        .first()
        .click();
      const respond = admin.getByRole("form", { name: "Respond to: Record the site on every observation." });
      await respond
        .getByLabel("What the centre has done or will do")
        .fill("The observation template now asks for the site.");
      await respond.getByRole("button", { name: "Send the response" }).click();
      await expect(admin.getByRole("article", { name: "Action: Record the site on every observation." })).toContainText(
        "Response from Priya Patel",
      );
      await expect(admin.getByRole("form", { name: /^Finding on/ })).toHaveCount(0); // the centre reads the findings, never writes them
      await expectAccessible(admin);
      const report = await admin.request.get(`/api/ev-visits/${visitUrl.split("/").at(-1)!.split("?")[0]}/report`);
      expect(report.status()).toBe(200);
      expect(report.headers()["content-type"]).toBe("application/pdf");
      expect((await report.body()).subarray(0, 5).toString()).toBe("%PDF-");
      await ev.goto(visitUrl);
      await expect(ev.getByText("Response from Priya Patel")).toBeVisible();
    });

    await test.step("a sample-pack link opens only for its EV, every use is logged for the centre, and a withdrawn link gives nothing", async () => {
      const admin = await as(browser, "admin");
      const ev = await as(browser, "ev");
      await admin.goto("/admin/external-verification");
      const pack = admin.getByRole("form", { name: "Create a sample-pack link" });
      await pack.getByLabel("External verifier's email address").fill("ev@awarding.example");
      await pack
        .getByLabel(/^Candidates in the pack/)
        .fill("grace.thompson@northgate.example\nnobody@northgate.example");
      await pack.getByRole("button", { name: "Create the link" }).click();
      await expect(pack.getByRole("alert")).toContainText("Not a candidate of this centre: nobody@northgate.example.");
      await expect(pack.getByLabel(/^Candidates in the pack/)).toHaveValue(/grace\.thompson@northgate\.example/); // nothing typed is lost
      await pack.getByLabel(/^Candidates in the pack/).fill("grace.thompson@northgate.example");
      await pack.getByLabel(/^Days the link works/).fill("3");
      await pack.getByRole("button", { name: "Create the link" }).click();
      const link = await pack.getByLabel("Sample-pack link for ev@awarding.example").inputValue();
      expect(link).toMatch(/\/sample-packs\/[A-Za-z0-9_-]{43}$/);
      await expectAccessible(admin);

      // The pack's page is plain HTML without a script (its route answers refusals with their status),
      // so it is opened in a page that does not wait for React to hydrate.
      const evPack = await ev.context().newPage();
      expect((await evPack.goto(link))?.status()).toBe(200);
      await expect(evPack.getByRole("heading", { level: 1, name: "Sample pack" })).toBeVisible();
      const download = evPack.getByRole("link", { name: /^Grace Thompson: portfolio/ });
      const zip = await ev.request.get((await download.getAttribute("href"))!);
      expect(zip.headers()["content-type"]).toBe("application/zip");
      expect((await unzip(await zip.body())).get("index.html")!.toString()).toContain("Portfolio of Grace Thompson");
      await expectAccessible(evPack);
      // Forwarded to someone else, it opens nothing.
      expect((await admin.goto(link))?.status()).toBe(404);
      await expect(admin.getByRole("main").getByRole("alert")).toContainText("for another account");

      await admin.goto("/admin/external-verification");
      const entry = admin.getByRole("article", { name: /^Sample-pack link for Helen McAllister/ }).first();
      await expect(entry).toContainText("Helen McAllister opened the pack");
      await expect(entry).toContainText("Helen McAllister downloaded Grace Thompson's portfolio");
      await expect(entry).toContainText("Priya Patel was refused (signed in as someone other than the EV it is for)");
      await entry.getByRole("button", { name: "Withdraw the link" }).click();
      await expect(entry).toContainText(/Withdrawn \d/);
      // Every step above is on the centre's audit trail, whose chain the administrator checks.
      await admin.goto("/admin/audit");
      await expect(admin.getByRole("row").filter({ hasText: "samplepack.revoke" }).first()).toContainText(
        "Priya Patel",
      );
      await admin.getByRole("link", { name: "Check the whole chain now" }).click();
      await expect(admin.getByText(/^Chain checked just now: all \d+ events are intact/)).toBeVisible();
      await expectAccessible(admin);
      expect((await evPack.goto(link))?.status()).toBe(410);
      await expect(evPack.getByRole("main").getByRole("alert")).toContainText(
        "This sample-pack link has expired or the centre has withdrawn it",
      );
      const api = `${new URL(link).pathname.replace("/sample-packs/", "/api/sample-packs/")}/candidates/${grace}`;
      expect((await ev.request.get(api)).status()).toBe(410);
    });
  });

  test("an assessor working towards the units: a qualified assessor countersigns before the unit counts", async ({
    browser,
  }) => {
    const chloePage = await (await browser.newContext()).newPage();
    await signIn(chloePage, "chloe.williams@northgate.example");
    await expect(chloePage).toHaveURL(/\/candidate/);
    const trainee = await as(browser, "assessor2");
    const qualified = await as(browser, "assessor");
    const chloe = await userId("chloe.williams@northgate.example");
    const evidenceId = await submitUnitEvidence(chloePage, "Chloe's CRM screenshots");

    await test.step("Tom Okafor, working towards the assessor units, accepts everything", async () => {
      await trainee.goto(`/assessor/candidates/${chloe}/evidence/${evidenceId}`);
      await acceptAllAwaiting(trainee, 12);
      await trainee.goto(`/assessor/candidates/${chloe}`);
      await expect(
        trainee.getByText("— Accepted, awaiting a qualified assessor's countersignature").first(),
      ).toBeVisible();
      await expect(trainee.getByRole("form", { name: `Sign off unit ${UNIT}` })).toHaveCount(0);
      await trainee.goto("/assessor/countersign");
      await expect(trainee.getByText(/does not show you as a qualified assessor/)).toBeVisible();
    });

    await test.step("Amira Shah, qualified, countersigns his judgements", async () => {
      await qualified.goto("/assessor/countersign");
      const form = qualified.getByRole("form", { name: "Countersign judgements" });
      const boxes = form.getByRole("checkbox", { name: /for Chloe Williams, by Tom Okafor/ });
      await expect(boxes).toHaveCount(12);
      for (const box of await boxes.all()) await box.check();
      await form.getByLabel(/^As a qualified assessor, I have checked this decision/).check();
      await form.getByLabel("Your password").fill(DEMO_PASSWORD);
      await form.getByRole("button", { name: "Countersign the judgements ticked" }).click();
      await expect(qualified.getByText("Judgements (0)")).toBeVisible();
      await expectAccessible(qualified);
    });

    await test.step("Tom signs off, Chloe countersigns, and the unit waits for the qualified assessor", async () => {
      await signOff(trainee, chloe);
      await candidateCountersigns(chloePage);
      await expect(
        chloePage.getByText("Signed off; waiting for a qualified assessor's countersignature."),
      ).toBeVisible();
      await expect(chloePage.getByText(/Achieved 0 of \d+ credits/)).toBeVisible();
    });

    await test.step("Amira countersigns the sign-off, and the unit counts", async () => {
      await qualified.goto("/assessor/countersign");
      const form = qualified.getByRole("form", { name: "Countersign unit sign-offs" });
      await form.getByRole("checkbox", { name: /Unit 202 for Chloe Williams/ }).check();
      await form.getByLabel(/^As a qualified assessor/).check();
      await form.getByLabel("Your password").fill(DEMO_PASSWORD);
      await form.getByRole("button", { name: "Countersign the sign-offs ticked" }).click();
      await expect(qualified.getByText("Unit sign-offs (0)")).toBeVisible();
      await chloePage.goto("/candidate/progress");
      await expect(chloePage.getByText(/Achieved 4 of \d+ credits; units achieved: 1 of/)).toBeVisible();
    });
  });
});

test.describe("reviews and staff records", () => {
  test("a review with an action point the candidate marks done; competence records and CPD", async ({ browser }) => {
    const assessor = await as(browser, "assessor");
    const admin = await as(browser, "admin");
    const liam = await userId("liam.oconnor@northgate.example");

    await test.step("the assessor records a review with an action point and the next visit", async () => {
      await assessor.goto(`/assessor/candidates/${liam}`);
      await assessor.getByText("Record a review or visit").click();
      const form = assessor.getByRole("form", { name: "Record a review or visit" });
      await form.getByLabel("Notes").fill("Talked through unit 101 and how to collect call logs.");
      await form.getByLabel("Action point 1").fill("Collect three call logs");
      await form.getByRole("button", { name: "Record the review" }).click();
      await expect(form.getByRole("status")).toContainText("Give action point 1 a target date.");
      await expect(form.getByLabel("Notes")).toHaveValue("Talked through unit 101 and how to collect call logs."); // nothing typed is lost
      await form.getByLabel("Target date").first().fill("2099-01-31");
      await form.getByLabel("Next planned visit (optional)").fill("2099-02-14");
      await form.getByRole("button", { name: "Record the review" }).click();
      await expect(assessor.getByRole("article", { name: /^Review on / })).toContainText(
        "Collect three call logs (by 31 January 2099) open",
      );
      await expectAccessible(assessor);
      await assessor.goto("/assessor?sort=next-visit");
      await expect(assessor.getByRole("row").filter({ hasText: "Liam O'Connor" })).toContainText("14 February 2099");
    });

    await test.step("the candidate sees the action point on their home page and marks it done", async () => {
      const liamPage = await (await browser.newContext()).newPage();
      await signIn(liamPage, "liam.oconnor@northgate.example");
      await expect(liamPage.getByRole("heading", { name: "My action points" })).toBeVisible();
      await expect(liamPage.getByText("Collect three call logs")).toBeVisible();
      await expectAccessible(liamPage);
      await liamPage.getByRole("button", { name: "Mark as done" }).click();
      await expect(liamPage.getByRole("status", { name: "Latest outcome" })).toHaveText(
        "Marked as done. Your assessor can see it.",
      );
      await expect(liamPage.getByText("No open action points.")).toBeVisible();
      await assessor.goto(`/assessor/candidates/${liam}`);
      await expect(assessor.getByRole("article", { name: /^Review on / })).toContainText(
        /Collect three call logs \(by 31 January 2099\) done/,
      );
    });

    await test.step("the administrator keeps assessors' competence records; an assessor adds CPD", async () => {
      await admin.goto("/admin/assessors");
      await expect(admin.getByRole("row").filter({ hasText: "Tom Okafor" })).toContainText("Working towards");
      await expectAccessible(admin);
      await admin.getByRole("link", { name: "Gareth Evans" }).click();
      const form = admin.getByRole("form", { name: "Record a change of status as an assessor" });
      await form.getByLabel("Qualified", { exact: true }).check();
      await form.getByLabel("Assessor award").selectOption("TAQA-CAVA");
      await form.getByRole("button", { name: "Save the record as an assessor" }).click();
      await expect(form.getByRole("status")).toContainText("Enter the date the award was achieved.");
      await form.getByLabel("Date achieved (qualified only)").fill("2018-05-01");
      await form.getByLabel("Certificate number (qualified only)").fill("CAVA/2018/1234");
      await form.getByRole("button", { name: "Save the record as an assessor" }).click();
      await expect(
        admin
          .getByRole("definition")
          .filter({ hasText: "TAQA Level 3 Certificate in Assessing Vocational Achievement (CAVA)" }),
      ).toBeVisible();
      await expect(admin.getByText("Earlier records (1)")).toBeVisible();
      // Gareth is also an internal verifier: that record is kept beside the assessor one.
      await expect(admin.getByRole("region", { name: "As an internal verifier" })).toContainText(
        "Qualified internal verifier",
      );
      await expectAccessible(admin);
      await assessor.goto("/assessor/competence");
      await expect(
        assessor.getByRole("definition").filter({ hasText: "D32 Assess candidate performance" }),
      ).toBeVisible();
      const cpd = assessor.getByRole("form", { name: "Add a CPD entry" });
      await cpd.getByLabel("Date").fill("2026-11-02");
      await cpd.getByLabel("Activity").fill("Standardisation meeting on unit 202");
      await cpd.getByLabel("Hours").fill("3");
      await cpd.getByRole("button", { name: "Add CPD" }).click();
      await expect(
        assessor.getByText(/Standardisation meeting on unit 202 \(3 h; recorded by Amira Shah\)/),
      ).toBeVisible();
      await expectAccessible(assessor);
    });
  });
});
