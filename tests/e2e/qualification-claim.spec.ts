// The whole of a qualification, end to end in Chromium: the centre adds a candidate, assigns an
// assessor and registers them on the C&G 3412-01 Award (units 101 and 201 mandatory, 102 and 103
// from group B: 12 credits); the candidate's evidence covers every criterion; the assessor accepts
// and signs off each unit; the candidate countersigns; the centre claims the whole qualification,
// which the rules of combination allow only once every unit counts; the EV authorises it.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../../prisma/demo-data";
import { expectAccessible } from "./support/axe";
import { newEvidence } from "./support/evidence";
import { pageAs, signIn } from "./support/personas";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const UNITS: [string, number][] = [["101", 14], ["201", 14], ["102", 15], ["103", 14]];
const CRITERIA = UNITS.reduce((sum, [, n]) => sum + n, 0);

async function tickChecks(page: Page) {
  const bulk = page.getByRole("form", { name: /Accept the criteria of 3412-01 awaiting judgement/ });
  for (const label of [/^Valid/, /^Authentic/, /^Reliable/, /^Current/, /^Sufficient/]) await bulk.getByLabel(label).check();
  return bulk;
}

test("the centre claims a whole qualification once its rules of combination are met, and the EV authorises it", async ({ browser }) => {
  test.setTimeout(420_000);
  const email = `sophie.turner.${Date.now()}@northgate.example`;
  const password = "sophie-password-2026";
  const admin = await pageAs(browser, "admin");
  const assessor = await pageAs(browser, "assessor");
  let candidateId = "";

  await test.step("the centre adds the candidate, assigns Amira Shah and registers them on 3412-01", async () => {
    await admin.goto("/admin/users/new");
    await admin.getByLabel("Full name").fill("Sophie Turner");
    await admin.getByLabel("Email address").fill(email);
    await admin.getByLabel("Initial password").fill(password);
    await admin.getByRole("checkbox", { name: "Candidate" }).check();
    await admin.getByLabel("Date of birth (candidates)").fill("2001-03-14");
    await admin.getByRole("button", { name: "Add user" }).click();
    await expect(admin.getByRole("heading", { level: 1, name: "Sophie Turner" })).toBeVisible();
    candidateId = admin.url().split("/").at(-1)!.split("?")[0]!;
    await admin.getByLabel("Assessor to assign").selectOption({ label: "Amira Shah" });
    await admin.getByRole("button", { name: "Assign" }).click();
    await expect(admin.getByRole("main").getByRole("status").filter({ hasText: "Assessor assigned." })).toBeVisible();
    await admin.getByRole("link", { name: "Register on a qualification" }).click();
    const select = admin.getByLabel("Qualification", { exact: true });
    await select.selectOption((await select.locator("option", { hasText: /^3412-01 / }).getAttribute("value"))!);
    await admin.getByRole("button", { name: "Choose units" }).click();
    await admin.getByLabel("Registration date").fill("2026-09-01");
    for (const [unit] of UNITS) {
      const box = admin.getByRole("checkbox", { name: new RegExp(`^${unit} `) });
      if (!(await box.isChecked())) await box.check();
    }
    await expect(admin.getByText("Valid selection")).toBeVisible();
    await admin.getByRole("button", { name: "Save registration" }).click();
    await expect(admin.getByRole("main").getByRole("alert")).toHaveText("Registration saved.");
  });

  const candidate = await (await browser.newContext()).newPage();
  await test.step("the candidate maps one piece of evidence to every criterion of the four units and submits it", async () => {
    await signIn(candidate, email, password);
    await expect(candidate).toHaveURL(/\/candidate/);
    await newEvidence(candidate, "Work diary, September to November");
    await candidate.getByLabel("Add files").setInputFiles({ name: "work-diary.pdf", mimeType: "application/pdf", buffer: PDF });
    await expect(candidate.getByRole("list", { name: "Uploads" }).getByRole("listitem").filter({ hasText: "work-diary.pdf" })).toContainText("Uploaded and checked.");
    const form = candidate.getByRole("form", { name: /Criteria of 3412-01/ });
    for (const [unit, count] of UNITS) {
      await form.locator("summary").filter({ hasText: new RegExp(`^Unit ${unit} `) }).click();
      const boxes = form.getByRole("checkbox", { name: new RegExp(`^Unit ${unit} criterion`) });
      await expect(boxes).toHaveCount(count);
      for (const box of await boxes.all()) await box.check();
    }
    await form.getByRole("button", { name: "Save criteria" }).click();
    await expect(form.getByRole("status")).toHaveText(`Mapping saved: ${CRITERIA} criteria.`);
    const submit = candidate.getByRole("form", { name: "Submit for assessment" });
    await submit.getByLabel(/^I declare that this evidence is my own work/).check();
    await submit.getByRole("button", { name: "Submit for assessment" }).click();
    await expect(candidate.getByText(/^Submitted for assessment on /)).toBeVisible();
  });

  await test.step("Amira accepts every criterion and signs off each unit; the candidate countersigns each", async () => {
    await assessor.goto(`/assessor/candidates/${candidateId}`);
    await assessor.getByRole("link", { name: "Work diary, September to November" }).first().click();
    const bulk = await tickChecks(assessor);
    await bulk.getByRole("button", { name: `Accept all ${CRITERIA} awaiting` }).click();
    await expect(bulk).toHaveCount(0);
    for (const [unit] of UNITS) {
      await assessor.goto(`/assessor/candidates/${candidateId}`);
      const form = assessor.getByRole("form", { name: `Sign off unit ${unit}` });
      await form.getByLabel(/^I confirm that the candidate has met every assessment criterion/).check();
      await form.getByLabel("Your password (to sign)").fill(DEMO_PASSWORD);
      await form.getByRole("button", { name: `Sign off unit ${unit}` }).click();
      await expect(form).toHaveCount(0);
    }
    // Signed off but not yet countersigned: the claim screen says why nothing can be claimed.
    await admin.goto(`/admin/users/${candidateId}/claims`);
    await expect(admin.getByRole("form", { name: "Claim units of 3412-01" })).toContainText("Unit 101 waits for the candidate's countersignature.");
    await expect(admin.getByText(/^The rules of combination are not met by the units that can be claimed/)).toBeVisible();
    for (const [unit] of UNITS) {
      await candidate.goto("/candidate/progress");
      await candidate.getByRole("link", { name: new RegExp(`^Unit ${unit} `) }).click();
      const form = candidate.getByRole("form", { name: `Countersign unit ${unit}` });
      await form.getByLabel(/^I confirm that the evidence listed for this unit is my own work/).check();
      await form.getByLabel("Your password").fill(password);
      await form.getByRole("button", { name: `Countersign unit ${unit}` }).click();
      await expect(form).toHaveCount(0);
    }
    await candidate.goto("/candidate/progress");
    await expect(candidate.getByText("Qualification achieved: the units signed off meet the rules of combination.")).toBeVisible();
  });

  await test.step("the centre claims the whole qualification; the EV authorises it; the candidate's record shows it", async () => {
    await admin.goto(`/admin/users/${candidateId}/claims`);
    await expect(admin.getByText(/^The rules of combination are not met/)).toHaveCount(0);
    await expectAccessible(admin);
    await admin.getByRole("form", { name: "Claim the whole of 3412-01" }).getByRole("button", { name: "Claim the whole qualification" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Claim raised." })).toBeVisible();
    await expect(admin.getByText(/^The whole qualification, raised by Priya Patel/)).toBeVisible();
    const units = admin.getByRole("region", { name: "Units claimed" });
    for (const [unit] of UNITS) await expect(units).toContainText(unit);
    await expect(units).toContainText("Not selected by the sampling plan"); // no IV plan selected these units

    const ev = await pageAs(browser, "ev");
    await ev.goto("/ev/claims");
    await ev.getByRole("row").filter({ hasText: "Waiting for you" }).filter({ hasText: "Sophie Turner" }).getByRole("link").click();
    const decide = ev.getByRole("form", { name: "Decide the claim" });
    await decide.getByLabel("Authorise", { exact: true }).check();
    await decide.getByRole("button", { name: "Record the decision" }).click();
    await expect(ev.getByText(/^Authorised on /)).toBeVisible();
    await candidate.goto("/candidate/progress");
    await expect(candidate.getByRole("region", { name: "Certificate claims" })).toContainText(/3412-01 .*: the whole qualification, claimed on \d{1,2} \w+ \d{4}\. Authorised on/);
  });
});
