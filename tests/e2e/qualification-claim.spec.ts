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
const UNITS: [string, number][] = [
  ["101", 14],
  ["201", 14],
  ["102", 15],
  ["103", 14],
];
const CRITERIA = UNITS.reduce((sum, [, n]) => sum + n, 0);

async function tickChecks(page: Page) {
  const bulk = page.getByRole("form", { name: /Accept the criteria of 3412-01 awaiting judgement/ });
  for (const label of [/^Valid/, /^Authentic/, /^Reliable/, /^Current/, /^Sufficient/])
    await bulk.getByLabel(label).check();
  return bulk;
}

test("the centre claims a whole qualification once its rules of combination are met, and the EV authorises it", async ({
  browser,
}) => {
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
    await candidate
      .getByLabel("Add files")
      .setInputFiles({ name: "work-diary.pdf", mimeType: "application/pdf", buffer: PDF });
    await expect(
      candidate.getByRole("list", { name: "Uploads" }).getByRole("listitem").filter({ hasText: "work-diary.pdf" }),
    ).toContainText("Uploaded and checked.");
    const form = candidate.getByRole("form", { name: /Criteria of 3412-01/ });
    for (const [unit, count] of UNITS) {
      await form
        .locator("summary")
        .filter({ hasText: new RegExp(`^Unit ${unit} `) })
        .click();
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
    await expect(admin.getByRole("form", { name: "Claim units of 3412-01" })).toContainText(
      "Unit 101 waits for the candidate's countersignature.",
    );
    await expect(
      admin.getByText(/^The rules of combination are not met by the units that can be claimed/),
    ).toBeVisible();
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
    await expect(
      candidate.getByText("Qualification achieved: the units signed off meet the rules of combination."),
    ).toBeVisible();
  });

  await test.step("Amira corrects the sign-off of unit 103; the candidate countersigns again; both records show", async () => {
    await assessor.goto(`/assessor/candidates/${candidateId}`);
    // An achieved unit is folded: open it, then its correction.
    await assessor
      .locator("summary")
      .filter({ hasText: /^Unit 103 / })
      .click();
    await assessor.locator("summary").filter({ hasText: "Correct the sign-off of unit 103" }).click();
    const form = assessor.getByRole("form", { name: "Correct the sign-off of unit 103" });
    await form.getByLabel("Sign off again on the evidence as it stands now").check();
    await form.getByLabel("Reason").fill("The first declaration was made before the last call log was added.");
    await form.getByLabel(/^I confirm that the candidate has met every assessment criterion/).check();
    await form.getByLabel("Your password (to sign)").fill(DEMO_PASSWORD);
    await form.getByRole("button", { name: "Record the correction" }).click();
    // The original record (its time, the candidate's countersignature) stays in sight beside the correction.
    const earlier = assessor.getByRole("listitem", { name: /^Earlier sign-off record of / });
    await expect(earlier).toHaveCount(1);
    await expect(earlier).toContainText(
      /^Signed off by Amira Shah on .*\. Countersigned by the candidate on .*\. Superseded on /,
    );
    await expect(
      assessor.getByText(
        "Reason for the correction: The first declaration was made before the last call log was added.",
      ),
    ).toBeAttached();
    await candidate.goto("/candidate/progress");
    await candidate.getByRole("link", { name: /^Unit 103 / }).click();
    await expect(candidate.getByRole("listitem", { name: /^Earlier sign-off record of / })).toContainText(
      "Countersigned by the candidate on",
    );
    const again = candidate.getByRole("form", { name: "Countersign unit 103" });
    await again.getByLabel(/^I confirm that the evidence listed for this unit is my own work/).check();
    await again.getByLabel("Your password").fill(password);
    await again.getByRole("button", { name: "Countersign unit 103" }).click();
    await expect(again).toHaveCount(0);
  });

  await test.step("no sampling plan covers 3412-01, so nothing can be claimed until internal verification has; the IV's plan selects from the units and agrees", async () => {
    await admin.goto("/admin");
    await expect(admin.getByRole("region", { name: /^No sampling plan for / })).toContainText(
      "3412-01 Level 1 NVQ Award in Contact Centre Operations",
    );
    await admin.goto(`/admin/users/${candidateId}/claims`);
    const claimForm = admin.getByRole("form", { name: "Claim units of 3412-01" });
    await expect(claimForm).toContainText(
      /Unit 101 has no internal verification of its sign-off: no sampling plan for the qualification covers its sign-off on \d{1,2} \w+ \d{4}, and no internal verifier has sampled the signed-off unit\./,
    );
    await expect(claimForm.getByRole("checkbox")).toHaveCount(0);
    await expect(admin.getByRole("form", { name: "Claim the whole of 3412-01" })).toHaveCount(0);

    const iv = await pageAs(browser, "iv");
    await iv.goto("/iv/plans");
    const newPlan = iv.getByRole("form", { name: "New plan" });
    await newPlan
      .getByLabel("Qualification")
      .selectOption({ label: "3412-01 Level 1 NVQ Award in Contact Centre Operations (version 3.0)" });
    await newPlan.getByRole("button", { name: "Create the plan" }).click();
    await expect(iv.getByRole("heading", { level: 1, name: /^Sampling plan: 3412-01/ })).toBeVisible();
    // Four units of Amira's in the period: the plan samples two (at least two per assessor), in step with her sign-offs.
    await expect(iv.getByRole("article", { name: "Risk for Amira Shah" })).toContainText(
      /Agreed: 2\. Sampled so far: 2\./,
    );
    await iv.goto("/iv");
    const waiting = iv.getByRole("region", { name: "Waiting for you" });
    for (const unit of ["101", "102"]) {
      await waiting.getByRole("link", { name: `Sophie Turner, unit ${unit}` }).click();
      const verdict = iv.getByRole("form", { name: "Record a verdict" });
      await verdict.getByLabel("Agree", { exact: true }).check();
      await verdict.getByRole("button", { name: "Record the verdict" }).click();
      await expect(verdict.getByRole("status")).toHaveText("Agreed. The unit counts.");
      await iv.goto("/iv");
    }
    await expect(waiting.getByRole("link", { name: /^Sophie Turner/ })).toHaveCount(0);
    await admin.goto("/admin");
    await expect(admin.getByRole("region", { name: /^No sampling plan for / }).getByText(/^3412-01 /)).toHaveCount(0);
  });

  await test.step("the centre claims the whole qualification; the EV authorises it; the candidate's record shows it", async () => {
    await admin.goto(`/admin/users/${candidateId}/claims`);
    await expect(admin.getByText(/^The rules of combination are not met/)).toHaveCount(0);
    await expectAccessible(admin);
    await admin
      .getByRole("form", { name: "Claim the whole of 3412-01" })
      .getByRole("button", { name: "Claim the whole qualification" })
      .click();
    await expect(admin.getByRole("status").filter({ hasText: "Claim raised." })).toBeVisible();
    await expect(admin.getByText(/^The whole qualification, raised by Priya Patel/)).toBeVisible();
    const units = admin.getByRole("region", { name: "Units claimed" });
    for (const [unit] of UNITS) await expect(units).toContainText(unit);
    // The pack says what internal verification did with each unit, and keeps unit 103's earlier record.
    await expect(units.getByRole("row").filter({ hasText: /^101 / })).toContainText("Agreed by Gareth Evans");
    await expect(units.getByRole("row").filter({ hasText: /^102 / })).toContainText("Agreed by Gareth Evans");
    await expect(units.getByRole("row").filter({ hasText: /^201 / })).toContainText(
      /Not selected by the sampling plan for 1 January \d{4} to \d{1,2} \w+ \d{4} \(made by Gareth Evans\)/,
    );
    await expect(units.getByRole("row").filter({ hasText: /^103 / })).toContainText(
      "a correction: The first declaration was made before the last call log was added.",
    );
    await expect(units.getByRole("row").filter({ hasText: /^103 / })).toContainText(
      /Earlier record: signed off by Amira Shah, .*, candidate signed /,
    );

    const ev = await pageAs(browser, "ev");
    await ev.goto("/ev/claims");
    await ev
      .getByRole("row")
      .filter({ hasText: "Waiting for you" })
      .filter({ hasText: "Sophie Turner" })
      .getByRole("link")
      .click();
    const decide = ev.getByRole("form", { name: "Decide the claim" });
    await decide.getByLabel("Authorise", { exact: true }).check();
    await decide.getByRole("button", { name: "Record the decision" }).click();
    await expect(ev.getByText(/^Authorised on /)).toBeVisible();
    await candidate.goto("/candidate/progress");
    await expect(candidate.getByRole("region", { name: "Certificate claims" })).toContainText(
      /3412-01 .*: the whole qualification, claimed on \d{1,2} \w+ \d{4}\. Authorised on/,
    );
  });
});
