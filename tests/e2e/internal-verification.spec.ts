// Internal verification in Chromium against the real server and database: Gareth Evans (a
// qualified IV who also assesses) never verifies a unit he judged, by any route, and is told why;
// Nadia Rahman (working towards the verifier units) takes interim samples, and her agreement counts
// once Gareth countersigns it, except on his own candidate's unit; observations and a
// standardisation meeting are recorded and reach the assessor's record and the plan's risk.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/demo-data";
import { expectAccessible } from "./support/axe";
import { sql, userId } from "./support/db";
import { newEvidence } from "./support/evidence";
import { pageAs, signIn } from "./support/personas";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

const as = pageAs;

async function signedIn(browser: Browser, email: string) {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  await expect(page).not.toHaveURL(/\/login/);
  return page;
}

/** The assessor (on `page`) accepts every criterion awaiting judgement on a piece of evidence. */
async function acceptAll(page: Page, candidateId: string, evidenceId: string, count: number) {
  await page.goto(`/assessor/candidates/${candidateId}/evidence/${evidenceId}`);
  const bulk = page.getByRole("form", { name: /Accept the criteria of 3412-03 awaiting judgement/ });
  for (const label of [/^Valid/, /^Authentic/, /^Reliable/, /^Current/, /^Sufficient/])
    await bulk.getByLabel(label).check();
  await bulk.getByRole("button", { name: `Accept all ${count} awaiting` }).click();
  await expect(bulk).toHaveCount(0);
}

/** Nadia (on `page`) takes an interim sample of some criteria of a unit, and is taken to it. */
async function interimSample(page: Page, assessor: string, candidate: string, unit: string, criteria: string[]) {
  await page.goto("/iv/samples");
  await page
    .getByRole("form", { name: "Choose whose work to sample" })
    .getByLabel("Assessor")
    .selectOption({ label: assessor });
  await page.getByRole("button", { name: "Show their units" }).click();
  await expect(page.getByRole("heading", { name: new RegExp(`^Units ${assessor} is assessing`) })).toBeVisible();
  const form = page.getByRole("form", { name: `Interim sample of unit ${unit} of ${candidate}` });
  for (const c of criteria) await form.getByLabel(c, { exact: true }).check();
  await form.getByRole("button", { name: `Take an interim sample of unit ${unit} of ${candidate}` }).click();
  await expect(page.getByRole("heading", { level: 1, name: `${candidate}, unit ${unit}` })).toBeVisible();
  await expect(page.getByText(`Criteria sampled: ${criteria.join(", ")}.`)).toBeVisible();
  return page.url().split("/").at(-1)!;
}

/**
 * A 3412-03 plan for last year: the risk facts and the own-assessment warnings do not depend on
 * the period, and a plan that does not cover today selects nothing that other specs sign off.
 */
async function createPastPlan(page: Page) {
  await page.goto("/iv/plans");
  const newPlan = page.getByRole("form", { name: "New plan" });
  await newPlan
    .getByLabel("Qualification")
    .selectOption({ label: "3412-03 Level 2 NVQ Certificate in Contact Centre Operations (version 3.0)" });
  await newPlan.getByLabel("From").fill("2025-01-01");
  await newPlan.getByLabel("To").fill("2025-12-31");
  await newPlan.getByRole("button", { name: "Create the plan" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Sampling plan: 3412-03/ })).toBeVisible();
}

async function agree(page: Page, feedback: string) {
  const verdict = page.getByRole("form", { name: "Record a verdict" });
  await verdict.getByLabel("Agree", { exact: true }).check();
  await verdict.getByLabel("Feedback to the assessor").fill(feedback);
  await verdict.getByRole("button", { name: "Record the verdict" }).click();
  await expect(verdict.getByRole("status")).toHaveText(
    "Agreed. It counts once a qualified internal verifier countersigns it.",
  );
}

test.describe("internal verification", () => {
  test("own assessments go to another IV; a working-towards IV's agreement counts once countersigned; observations and standardisation", async ({
    browser,
  }) => {
    const gareth = await as(browser, "iv");
    const nadia = await signedIn(browser, "iv2@northgate.example");
    const mohammed = await userId("mohammed.hussain@northgate.example");
    const [log] = await sql<{ id: string }>(
      `SELECT id FROM "Evidence" WHERE "candidateId" = $1 AND title = 'Call handling log, week 41'`,
      [mohammed],
    );

    await test.step("Gareth, as Mohammed's assessor, accepts his call log against three criteria of unit 101", async () => {
      await acceptAll(gareth, mohammed, log!.id, 3);
    });

    let ownSample = "";
    await test.step("Nadia samples those judgements; Gareth cannot open the sample, and is told why", async () => {
      ownSample = await interimSample(nadia, "Gareth Evans", "Mohammed Hussain", "101", ["1.1", "1.2"]);
      await expect(
        nadia.getByText(/Your competence record shows you working towards the verifier units/),
      ).toBeVisible();
      await expectAccessible(nadia);
      await agree(nadia, "Clear log; escalations follow the procedure.");

      await gareth.goto("/iv/samples");
      const row = gareth.getByRole("row").filter({ hasText: "Mohammed Hussain, unit 101" });
      await expect(row).toContainText("Your own assessment: another internal verifier verifies it.");
      await expect(row.getByRole("link")).toHaveCount(0);
      await gareth.goto(`/iv/samples/${ownSample}`);
      await expect(
        gareth.getByRole("heading", { level: 1, name: "Another internal verifier must verify this" }),
      ).toBeVisible();
      await expect(gareth.getByRole("main").getByRole("alert")).toContainText(
        "nobody internally verifies their own assessments",
      );
      await expect(gareth.getByRole("form", { name: "Record a verdict" })).toHaveCount(0);
      await expectAccessible(gareth);
      // Nor can he countersign Nadia's verification of it.
      await gareth.goto("/iv/countersign");
      const others = gareth.getByRole("region", { name: /For another internal verifier/ });
      await expect(others).toContainText("Mohammed Hussain, unit 101, by Nadia Rahman");
      await expect(others).toContainText("You took part in assessing this unit.");
      await expect(gareth.getByRole("checkbox", { name: /Mohammed Hussain/ })).toHaveCount(0);
    });

    await test.step("the plan warns that nobody at the centre can verify Gareth's units", async () => {
      await gareth.goto("/iv/plans");
      await createPastPlan(gareth);
      await expect(gareth.getByRole("article", { name: "Risk for Gareth Evans" })).toContainText(
        "No internal verifier at the centre can verify your units",
      );
      await expect(gareth.getByRole("article", { name: "Risk for Amira Shah" })).not.toContainText(
        "No internal verifier at the centre can verify",
      );
    });

    await test.step("Nadia samples Chloe's unit 201, judged by Amira; Gareth countersigns, and it counts", async () => {
      const chloePage = await signedIn(browser, "chloe.williams@northgate.example");
      const chloe = await userId("chloe.williams@northgate.example");
      const evidenceId = await newEvidence(chloePage, "Chloe's complaint handling notes");
      await chloePage
        .getByLabel("Add files")
        .setInputFiles({ name: "complaint-notes.pdf", mimeType: "application/pdf", buffer: PDF });
      await expect(
        chloePage
          .getByRole("list", { name: "Uploads" })
          .getByRole("listitem")
          .filter({ hasText: "complaint-notes.pdf" }),
      ).toContainText("Uploaded and checked.");
      const mapping = chloePage.getByRole("form", { name: /Criteria of 3412-03/ });
      await mapping.getByText(/Unit 201 Improve personal effectiveness/).click();
      const boxes = mapping.getByRole("checkbox", { name: /^Unit 201 criterion (1\.1|1\.2|2\.1):/ });
      await expect(boxes).toHaveCount(3);
      for (const box of await boxes.all()) await box.check();
      await mapping.getByRole("button", { name: "Save criteria" }).click();
      await expect(mapping.getByRole("status")).toHaveText("Mapping saved: 3 criteria.");
      const submit = chloePage.getByRole("form", { name: "Submit for assessment" });
      await submit.getByLabel(/^I declare that this evidence is my own work/).check();
      await submit.getByRole("button", { name: "Submit for assessment" }).click();
      await expect(chloePage.getByText(/^Submitted for assessment on /)).toBeVisible();
      const amira = await as(browser, "assessor");
      await acceptAll(amira, chloe, evidenceId, 3);

      const sampleId = await interimSample(nadia, "Amira Shah", "Chloe Williams", "201", ["2.1"]);
      await agree(nadia, "Sound judgement on 2.1.");

      await gareth.goto("/iv/countersign");
      const form = gareth.getByRole("form", { name: "Countersign verifications" });
      await form.getByRole("checkbox", { name: /Chloe Williams, unit 201 \(criteria 2\.1\), by Nadia Rahman/ }).check();
      await form.getByLabel("Your password").fill(DEMO_PASSWORD);
      await form.getByRole("button", { name: "Countersign the verifications ticked" }).click();
      await expect(form.getByRole("status")).toContainText("Confirm the declaration to countersign.");
      await form.getByLabel(/^As a qualified internal verifier, I have checked this verification/).check();
      await form.getByLabel("Your password").fill(DEMO_PASSWORD);
      await form.getByRole("button", { name: "Countersign the verifications ticked" }).click();
      await expect(gareth.getByRole("heading", { name: "Waiting for you (0)" })).toBeVisible();
      await expectAccessible(gareth);
      await gareth.goto(`/iv/samples/${sampleId}`);
      await expect(gareth.getByText(/^Countersigned by Gareth Evans on /)).toBeVisible();
      await gareth.goto("/iv/samples");
      await expect(gareth.getByRole("row").filter({ hasText: "Chloe Williams, unit 201" })).toContainText(/Agreed$/);
    });

    await test.step("Gareth observes Tom and records a standardisation meeting; both reach Tom's record and risk", async () => {
      await gareth.goto("/iv/standardisation");
      await gareth.getByLabel("Assessor", { exact: true }).selectOption({ label: "Tom Okafor" });
      await gareth.getByRole("button", { name: "Choose" }).click();
      const obs = gareth.getByRole("form", { name: "Record an observation of Tom Okafor" });
      await obs.getByLabel("Candidate being assessed (optional)").selectOption({ label: "Chloe Williams" });
      await obs
        .getByLabel("What you saw")
        .fill("Tom questioned Chloe on escalation; he did not record the answers against the criteria.");
      await obs.getByLabel("Development needed").check();
      await obs.getByLabel("Feedback to the assessor (optional)").fill("Record answers against each criterion.");
      await obs.getByRole("button", { name: "Record the observation" }).click();
      await expect(obs.getByRole("status")).toContainText("Observation recorded.");

      const meeting = gareth.getByRole("form", { name: "Record a standardisation meeting" });
      await meeting.getByRole("button", { name: "Record the meeting" }).click();
      await expect(meeting.getByRole("status")).toContainText("Tick who attended.");
      await meeting.getByRole("group", { name: "Who attended" }).getByLabel("Tom Okafor").check();
      await meeting.getByRole("group", { name: "Who attended" }).getByLabel("Gareth Evans").check();
      await meeting.getByLabel("Units discussed (numbers, separated by commas)").fill("201, 202");
      await meeting
        .getByLabel("Qualification (optional)")
        .selectOption({ label: "3412-03 Level 2 NVQ Certificate in Contact Centre Operations" });
      await meeting.getByLabel("What was discussed").fill("Questioning records for unit 201.");
      await meeting.getByLabel("What was agreed").fill("Answers are written against each criterion at the time.");
      await meeting.getByRole("button", { name: "Record the meeting" }).click();
      await expect(meeting.getByRole("status")).toContainText("Standardisation meeting recorded");
      await expect(gareth.getByRole("article", { name: /^Observation of Tom Okafor on / })).toContainText(
        "development needed",
      );
      await expectAccessible(gareth);

      const admin = await as(browser, "admin");
      await admin.goto("/admin/assessors");
      await expect(admin.getByRole("row").filter({ hasText: "Nadia Rahman" })).toContainText(
        "Working towards (TAQA-IQA)",
      );
      await admin.getByRole("link", { name: "Tom Okafor" }).click();
      await expect(admin.getByRole("article", { name: /^Observation of Tom Okafor on / })).toContainText(
        "Record answers against each criterion.",
      );
      await expect(admin.getByRole("article", { name: /^Standardisation meeting on / }).first()).toContainText(
        "Attended: ",
      );

      await gareth.goto("/iv/plans");
      await createPastPlan(gareth);
      const tom = gareth.getByRole("article", { name: "Risk for Tom Okafor" });
      await expect(tom).toContainText("The latest IV observation found development needed: weight 2");
      await expect(tom).not.toContainText("No standardisation meeting attended");
    });
  });
});
