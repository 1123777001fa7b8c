// Every unit assessable (issue 23), end to end in Chromium. The awarding-body administrator
// publishes fictional content ("TEST …", never text presented as a real OCR unit) for OCR area AA at
// level 2 in the editor and for BB at level 1 from an XLSX file; a new candidate on OCR 03448 maps
// evidence to performance criteria, range, knowledge and evidence requirements; Amira judges and
// signs off; Gareth's sampling plan samples and agrees; the centre claims the units by unit value;
// Helen authorises. Then C&G unit 208, listed by title only in the handbook, gets criteria, and
// Jordan's 3412-03 has nothing left that cannot be assessed.
import ExcelJS from "exceljs";
import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { newEvidence } from "./support/evidence";
import { pageAs, signIn } from "./support/personas";
import { DEMO_PASSWORD } from "../../prisma/demo-data";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");
const HEADER = ["Qualification", "Unit", "Level", "Shape", "Type", "Number", "Text"];

async function xlsx(rows: (string | number | { formula: string; result: string })[][]) {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet("Units");
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function upload(page: Page, name: string, buffer: Buffer, mode: "Check (dry run)" | "Publish") {
  await page.goto("/awarding/units/import");
  await page
    .getByLabel("Spreadsheet (.xlsx or .csv)")
    .setInputFiles({ name, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer });
  await page.getByRole("button", { name: mode }).click();
}

test("the awarding body publishes unit content, and an OCR unit goes from mapping to an authorised claim", async ({
  browser,
}) => {
  test.setTimeout(420_000);
  const ab = await pageAs(browser, "ab-admin");

  await test.step("the list puts units in use without content first; AA at level 2 is written in the editor", async () => {
    await ab.goto("/awarding");
    await ab.getByRole("link", { name: "Unit content" }).click();
    await expect(ab.getByRole("heading", { level: 1, name: "Unit content" })).toBeVisible();
    await expectAccessible(ab);
    await ab.getByLabel("Unit, title, qualification or awarding body").fill("03448");
    await ab.getByRole("button", { name: "Find" }).click();
    const first = ab.getByRole("table", { name: /Units/ }).getByRole("row").nth(1);
    // Riverside's OCR candidate is registered on AA, BB, CC, DD, EE and FF: those come first.
    await expect(first).toContainText(/not yet assessable \(\d+ waiting\)/);
    await ab.getByRole("link", { name: "AA Develop personal and organisational effectiveness" }).click();
    await ab.getByRole("navigation", { name: "Levels of this unit" }).getByRole("link", { name: "Level 2" }).click();
    await expect(ab.getByRole("region", { name: "Published at level 2" })).toContainText(
      "Not yet assessable: the awarding body has not published its criteria.",
    );
    await ab.getByLabel(/^NVQ unit \(national occupational standards\)/).check();
    await ab.getByRole("button", { name: "Start a draft" }).click();
    const draft = ab.getByRole("form", { name: "Draft of unit AA", exact: true });
    const field = (name: string) => draft.getByRole("textbox", { name, exact: true });
    await field("Element 1").fill("TEST element 1: fictional content for testing");
    await field("Performance criterion 1.1").fill("TEST performance criterion 1.1");
    await draft.getByRole("button", { name: "Add a criterion to element 1" }).click();
    await field("Performance criterion 1.2").fill("TEST performance criterion 1.2");
    await draft.getByRole("button", { name: "Add a range statement to element 1" }).click();
    await field("Range R1.1").fill("TEST range 1.1");
    await draft.getByRole("button", { name: "Add a knowledge item" }).click();
    await field("Knowledge K1").fill("TEST knowledge 1");
    await draft.getByRole("button", { name: "Add an evidence requirement" }).click();
    await field("Evidence requirement E1").fill("TEST evidence requirement 1");
    // Moving renumbers: 1.2 becomes 1.1 and back.
    await draft.getByRole("button", { name: "Move performance criterion 1.2 up" }).click();
    await expect(field("Performance criterion 1.1")).toHaveValue("TEST performance criterion 1.2");
    await draft.getByRole("button", { name: "Move performance criterion 1.2 up" }).click();
    await expect(field("Performance criterion 1.1")).toHaveValue("TEST performance criterion 1.1");
    await draft.getByRole("button", { name: "Save draft" }).click();
    await expect(draft.getByRole("status")).toHaveText("Draft saved.");
    const preview = ab.getByRole("region", { name: "Preview: the unit as a candidate will see it" });
    await expect(preview).toContainText("Unit AA knowledge K1: TEST knowledge 1");
    await expect(preview).toContainText("Unit AA range R1.1: TEST range 1.1");
    await expect(ab.getByRole("region", { name: "Publish", exact: true })).toContainText(
      /Publishing fills the current version of .*03448/,
    );
    await expectAccessible(ab);
    await ab.getByRole("button", { name: "Publish unit AA at level 2" }).click();
    await expect(ab.getByRole("region", { name: "Published at level 2" })).toContainText(
      "TEST performance criterion 1.2",
    );
    await expect(ab.getByRole("region", { name: "Published at level 2" })).toContainText("Knowledge and understanding");
  });

  await test.step("BB at level 1 comes from a workbook: a formula cell is refused, a dry run changes nothing, then it is published", async () => {
    const good: (string | number)[][] = [
      ["03448", "BB", 1, "NOS", "element", "1", "TEST element 1"],
      ["03448", "BB", 1, "NOS", "performance criterion", "1.1", "TEST performance criterion 1.1"],
      ["03448", "BB", 1, "NOS", "knowledge", "K1", "TEST knowledge 1"],
    ];
    await upload(
      ab,
      "bad.xlsx",
      await xlsx([...good, ["03448", "BB", 1, "NOS", "knowledge", "K2", { formula: 'UPPER("x")', result: "X" }]]),
      "Publish",
    );
    await expect(ab.getByRole("list", { name: "Problems in the file" })).toContainText(
      "Row 5, column Text: The cell holds a formula: type the value itself.",
    );
    await expect(ab.getByText(/^Nothing was published: bad\.xlsx has a problem\./)).toBeVisible();
    await upload(ab, "bb.xlsx", await xlsx(good), "Check (dry run)");
    await expect(ab.getByText(/^Dry run of bb\.xlsx: every row is good/)).toBeVisible();
    await expect(ab.getByRole("table", { name: "What publishing would do" })).toContainText(
      "Would fill the current version (no content yet)",
    );
    await upload(ab, "bb.xlsx", await xlsx(good), "Publish");
    await expect(ab.getByText(/^Published bb\.xlsx\./)).toBeVisible();
    await expectAccessible(ab);
  });

  const admin = await pageAs(browser, "admin");
  const email = `omar.reid.${Date.now()}@northgate.example`;
  const password = "omar-password-2026";
  let candidateId = "";
  await test.step("the centre registers a candidate on 03448, warned which units cannot be assessed yet", async () => {
    await admin.goto("/admin/users/new");
    await admin.getByLabel("Full name").fill("Omar Reid");
    await admin.getByLabel("Email address").fill(email);
    await admin.getByLabel("Initial password").fill(password);
    await admin.getByRole("checkbox", { name: "Candidate" }).check();
    await admin.getByLabel("Date of birth (candidates)").fill("2000-05-02");
    await admin.getByRole("button", { name: "Add user" }).click();
    await expect(admin.getByRole("heading", { level: 1, name: "Omar Reid" })).toBeVisible();
    candidateId = admin.url().split("/").at(-1)!.split("?")[0]!;
    await admin.getByLabel("Assessor to assign").selectOption({ label: "Amira Shah" });
    await admin.getByRole("button", { name: "Assign" }).click();
    await expect(admin.getByRole("main").getByRole("status").filter({ hasText: "Assessor assigned." })).toBeVisible();
    await admin.getByRole("link", { name: "Register on a qualification" }).click();
    const select = admin.getByLabel("Qualification", { exact: true });
    await select.selectOption((await select.locator("option", { hasText: /^03448 / }).getAttribute("value"))!);
    await admin.getByRole("button", { name: "Choose units" }).click();
    await admin.getByLabel("Registration date").fill("2026-09-01");
    for (const [area, level] of [
      ["AA", "2"],
      ["BB", "1"],
      ["CC", "2"],
      ["DD", "2"],
      ["EE", "2"],
      ["FF", "2"],
    ])
      await admin.getByLabel(new RegExp(`^${area} `)).selectOption(level!);
    await expect(admin.getByText("Valid selection")).toBeVisible();
    await expect(admin.getByText(/^Warning: .*unit CC@2.* are not yet assessable/)).toBeVisible();
    await admin.getByRole("button", { name: "Save registration" }).click();
    await expect(admin.getByRole("main").getByRole("alert")).toHaveText("Registration saved.");
  });

  const candidate = await (await browser.newContext()).newPage();
  await test.step("the candidate maps one piece of evidence to every requirement of AA and BB", async () => {
    await signIn(candidate, email, password);
    await expect(candidate).toHaveURL(/\/candidate/);
    await newEvidence(candidate, "Team meeting notes and customer log");
    await candidate
      .getByLabel("Add files")
      .setInputFiles({ name: "notes.pdf", mimeType: "application/pdf", buffer: PDF });
    await expect(
      candidate.getByRole("list", { name: "Uploads" }).getByRole("listitem").filter({ hasText: "notes.pdf" }),
    ).toContainText("Uploaded and checked.");
    const form = candidate.getByRole("form", { name: /Criteria of 03448/ });
    await expect(form).toContainText("Unit CC, Unit DD, Unit EE, Unit FF: Not yet assessable");
    for (const [unit, names] of [
      ["AA", ["criterion 1.1", "criterion 1.2", "range R1.1", "knowledge K1", "evidence requirement E1"]],
      ["BB", ["criterion 1.1", "knowledge K1"]],
    ] as const) {
      await form
        .locator("summary")
        .filter({ hasText: new RegExp(`^Unit ${unit} `) })
        .click();
      for (const name of names)
        await form.getByRole("checkbox", { name: new RegExp(`^Unit ${unit} ${name}:`) }).check();
    }
    await form.getByRole("button", { name: "Save criteria" }).click();
    await expect(form.getByRole("status")).toHaveText("Mapping saved: 7 criteria.");
    const submit = candidate.getByRole("form", { name: "Submit for assessment" });
    await submit.getByLabel(/^I declare that this evidence is my own work/).check();
    await submit.getByRole("button", { name: "Submit for assessment" }).click();
    await expect(candidate.getByText(/^Submitted for assessment on /)).toBeVisible();
  });

  const assessor = await pageAs(browser, "assessor");
  await test.step("Amira accepts every requirement and signs off AA and BB; the candidate countersigns", async () => {
    await assessor.goto(`/assessor/candidates/${candidateId}`);
    await expect(
      assessor.getByText(/Not yet assessable: the awarding body has not published its criteria/).first(),
    ).toBeVisible();
    await assessor.getByRole("link", { name: "Team meeting notes and customer log" }).first().click();
    const bulk = assessor.getByRole("form", { name: /Accept the criteria of 03448 awaiting judgement/ });
    for (const label of [/^Valid/, /^Authentic/, /^Reliable/, /^Current/, /^Sufficient/])
      await bulk.getByLabel(label).check();
    await bulk.getByRole("button", { name: "Accept all 7 awaiting" }).click();
    await expect(bulk).toHaveCount(0);
    for (const unit of ["AA", "BB"]) {
      await assessor.goto(`/assessor/candidates/${candidateId}`);
      const form = assessor.getByRole("form", { name: `Sign off unit ${unit}` });
      await form.getByLabel(/^I confirm that the candidate has met every assessment criterion/).check();
      await form.getByLabel("Your password (to sign)").fill(DEMO_PASSWORD);
      await form.getByRole("button", { name: `Sign off unit ${unit}` }).click();
      await expect(form).toHaveCount(0);
    }
    for (const unit of ["AA", "BB"]) {
      await candidate.goto("/candidate/progress");
      await candidate.getByRole("link", { name: new RegExp(`^Unit ${unit} `) }).click();
      await expect(candidate.getByText(/^The requirements as signed off \(\d+\)$/).first()).toBeVisible();
      const form = candidate.getByRole("form", { name: `Countersign unit ${unit}` });
      await form.getByLabel(/^I confirm that the evidence listed for this unit is my own work/).check();
      await form.getByLabel("Your password").fill(password);
      await form.getByRole("button", { name: `Countersign unit ${unit}` }).click();
      await expect(form).toHaveCount(0);
    }
  });

  await test.step("Gareth's sampling plan for 03448 samples the signed-off units and agrees", async () => {
    const iv = await pageAs(browser, "iv");
    await iv.goto("/iv/plans");
    const newPlan = iv.getByRole("form", { name: "New plan" });
    const option = newPlan.getByLabel("Qualification").locator("option", { hasText: /^03448 / });
    await newPlan.getByLabel("Qualification").selectOption((await option.getAttribute("value"))!);
    await newPlan.getByRole("button", { name: "Create the plan" }).click();
    await expect(iv.getByRole("heading", { level: 1, name: /^Sampling plan: 03448/ })).toBeVisible();
    await iv.goto("/iv");
    const waiting = iv.getByRole("region", { name: "Waiting for you" });
    const links = waiting.getByRole("link", { name: /^Omar Reid, unit / });
    await expect(links.first()).toBeVisible();
    while ((await links.count()) > 0) {
      await links.first().click();
      await expect(iv.getByRole("region", { name: "The assessor's decisions" })).toContainText("TEST");
      const verdict = iv.getByRole("form", { name: "Record a verdict" });
      await verdict.getByLabel("Agree", { exact: true }).check();
      await verdict.getByRole("button", { name: "Record the verdict" }).click();
      await expect(verdict.getByRole("status")).toHaveText("Agreed. The unit counts.");
      await iv.goto("/iv");
    }
  });

  await test.step("the centre claims AA and BB by unit value; Helen authorises", async () => {
    await admin.goto(`/admin/users/${candidateId}/claims`);
    const claim = admin.getByRole("form", { name: "Claim units of 03448" });
    await expect(claim).toContainText(
      "Unit CC@2: not yet assessable: the awarding body has not published its criteria.",
    );
    await claim.getByRole("checkbox", { name: /^Unit AA@2: can be claimed/ }).check();
    await claim.getByRole("checkbox", { name: /^Unit BB@1: can be claimed/ }).check();
    await claim.getByRole("button", { name: "Claim the units ticked" }).click();
    await expect(admin.getByRole("status").filter({ hasText: "Claim raised." })).toBeVisible();
    const ev = await pageAs(browser, "ev");
    await ev.goto("/ev/claims");
    await ev
      .getByRole("row")
      .filter({ hasText: "Waiting for you" })
      .filter({ hasText: "Omar Reid" })
      .getByRole("link")
      .click();
    const decide = ev.getByRole("form", { name: "Decide the claim" });
    await decide.getByLabel("Authorise", { exact: true }).check();
    await decide.getByRole("button", { name: "Record the decision" }).click();
    await expect(ev.getByText(/^Authorised on /)).toBeVisible();
  });

  await test.step("C&G unit 208 gets criteria from a workbook; Jordan's 3412-03 has nothing left that cannot be assessed", async () => {
    const jordan = await pageAs(browser, "candidate");
    await jordan.goto("/candidate/progress");
    await expect(jordan.getByRole("link", { name: /^Unit 208 / }).locator("..")).toContainText("Not yet assessable");
    await upload(
      ab,
      "208.xlsx",
      await xlsx([
        ["3412-03", "208", 2, "QCF", "outcome", "1", "TEST outcome 1"],
        ["3412-03", "208", 2, "QCF", "criterion", "1.1", "TEST criterion 1.1"],
        ["3412-03", "208", 2, "QCF", "criterion", "1.2", "TEST criterion 1.2"],
      ]),
      "Publish",
    );
    await expect(ab.getByText(/^Published 208\.xlsx\./)).toBeVisible();
    await jordan.goto("/candidate/progress");
    await expect(jordan.getByText(/Not yet assessable/)).toHaveCount(0);
    await jordan.getByRole("link", { name: /^Unit 208 / }).click();
    await expect(jordan.getByText("TEST criterion 1.2")).toBeVisible();
  });
});
