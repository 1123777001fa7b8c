import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { validateSelection } from "../../lib/domain/catalogue/combination";
import { projectSuite, suiteSchema } from "../../lib/domain/catalogue/spec";
import { expectAccessible } from "./support/axe";
import { storageStateOf } from "./support/personas";

const load = (file: string) => suiteSchema.parse(JSON.parse(readFileSync(`prisma/catalogue/${file}`, "utf8")));
const cg = load("cg-3412.json");
const ocr = load("ocr-cco.json");

/** The verdict panel's list of problems, as the engine words them. */
const problems = (page: Page) => page.getByRole("list", { name: "Problems with the selection" }).getByRole("listitem");
const expectedProblems = (verdict: ReturnType<typeof validateSelection>) =>
  verdict.reasons.map((r) => `${r.message} ${r.fix}`);

test.describe("browsing the catalogue", () => {
  test.use({ storageState: storageStateOf("candidate") });

  test("a candidate finds a qualification, reads its rules and searches its criteria", async ({ page }) => {
    await page.goto("/candidate");
    await page.getByRole("link", { name: "Qualifications" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Qualifications" })).toBeVisible();
    await expectAccessible(page);

    await page.getByLabel("Title, number or awarding body").fill("OCR");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("table", { name: /Qualifications/ }).getByRole("row")).toHaveCount(6);

    await page.getByLabel("Title, number or awarding body").fill("3412-03");
    await page.getByRole("button", { name: "Search" }).click();
    await page.getByRole("link", { name: "Level 2 NVQ Certificate in Contact Centre Operations" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Level 2 NVQ Certificate in Contact Centre Operations",
    );
    const rules = page.getByRole("region", { name: "Rules of combination" });
    await expect(rules.getByRole("listitem")).toContainText([
      "At least 28 credits in total.",
      "At least 15 credits at level 2.",
      "Every unit in Mandatory Group A.",
      "At least 12 credits from Optional Group B.",
    ]);
    await expect(rules).toContainText("Units 112 and 221 are barred: not both.");
    await expect(page.getByRole("region", { name: "Notes on the sources" })).toContainText("names unit 116");
    await expectAccessible(page);

    await page.getByLabel("Unit number, title or criterion text").fill("hazard and risk");
    await page.getByRole("button", { name: "Search units" }).click();
    await expect(page.getByRole("status").filter({ hasText: "units match" })).toHaveText(
      "1 of 39 units match “hazard and risk”.",
    );
    await expect(page.getByRole("region", { name: "Unit 101 learning outcome 3" })).toContainText(
      "3.7 State the difference between hazard and risk in the work area",
    );
    await expectAccessible(page);
  });

  test("the specification downloads as the JSON it was imported in", async ({ page }) => {
    await page.goto("/catalogue?q=03448");
    await page.getByRole("link", { name: "OCR Level 2 NVQ in Contact Centre Operations" }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download the specification (JSON)" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("03448-v2009.json");
    const body = JSON.parse(readFileSync(await download.path(), "utf8"));
    expect(body).toEqual(JSON.parse(JSON.stringify(projectSuite(ocr, "03448"))));
  });
});

test.describe("registering candidates", () => {
  test.use({ storageState: storageStateOf("admin") });

  async function openRegistration(page: Page, candidate: string, qualification: RegExp) {
    await page.goto(`/admin?q=${encodeURIComponent(candidate)}`);
    await page.getByRole("link", { name: candidate }).click();
    await page.getByRole("link", { name: "Register on a qualification" }).click();
    await expect(
      page.getByRole("heading", { level: 1, name: `Register ${candidate} on a qualification` }),
    ).toBeVisible();
    const select = page.getByLabel("Qualification", { exact: true });
    const value = await select.locator("option", { hasText: qualification }).getAttribute("value");
    await select.selectOption(value!);
    await page.getByRole("button", { name: "Choose units" }).click();
    await expect(page.getByRole("form", { name: "Registration" })).toBeVisible();
  }

  test("3412-04: live verdicts match the engine, 319/619 follow the date, and only a valid selection saves", async ({
    page,
  }) => {
    await openRegistration(page, "Emily Clarke", /^3412-04 /);
    const save = page.getByRole("button", { name: "Save registration" });
    await page.getByLabel("Registration date").fill("2018-09-01");
    await expect(page.getByRole("checkbox", { name: /^101 / })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: /^301 / })).toBeChecked();
    await expect(page.getByRole("checkbox", { name: /^319 / })).toHaveCount(0);
    await expect(problems(page)).toHaveText(
      expectedProblems(validateSelection(cg, "3412-04", ["101", "301"], { registeredOn: "2018-09-01" })),
    );
    await expect(save).toBeDisabled();
    await expectAccessible(page);

    const units = ["302", "303", "309", "310", "619", "311", "323"];
    for (const u of units) await page.getByRole("checkbox", { name: new RegExp(`^${u} `) }).check();
    await expect(page.getByText("Valid selection")).toBeVisible();
    await expect(page.locator("#verdict")).toContainText("44 credits chosen (level 1: 2; level 3: 42)");
    await expect(save).toBeEnabled();

    await test.step("a registration before 1 July 2017 takes unit 319 instead", async () => {
      await page.getByLabel("Registration date").fill("2017-06-30");
      await expect(page.getByRole("status").filter({ hasText: "changed" })).toHaveText(
        "Unit 619 changed to unit 319: the registration date decides which applies.",
      );
      await expect(page.getByRole("checkbox", { name: /^319 / })).toBeChecked();
      await expect(page.getByRole("checkbox", { name: /^619 / })).toHaveCount(0);
      await expect(page.getByText("Valid selection")).toBeVisible();
    });

    await test.step("barred units are explained and cannot be saved", async () => {
      await page.getByRole("checkbox", { name: /^212 / }).check();
      await page.getByRole("checkbox", { name: /^318 / }).check();
      const selection = ["101", "301", "302", "303", "309", "310", "319", "311", "323", "212", "318"];
      await expect(problems(page)).toHaveText(
        expectedProblems(validateSelection(cg, "3412-04", selection, { registeredOn: "2017-06-30" })),
      );
      await expect(problems(page)).toHaveText([
        "Units 212 and 318 are barred from being taken together. Keep only one of units 212 and 318.",
      ]);
      await expect(save).toBeDisabled();
      await page.getByRole("checkbox", { name: /^318 / }).uncheck();
    });

    await save.click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Registration saved.");
    await page.getByRole("link", { name: "Back to Emily Clarke" }).click();
    const section = page.getByRole("region", { name: "Qualifications" });
    await expect(section).toContainText("3412-04 Level 3 NVQ Diploma in Contact Centre Operations");
    await expect(section).toContainText("Units: 101, 301, 302, 303, 309, 310, 319, 311, 323, 212 (49 credits)");
    await expect(section).toContainText("Registered on 30 June 2017");
  });

  test("OCR 03448: unit values by area and level, the restricted list and suggestions", async ({ page }) => {
    await openRegistration(page, "Liam O'Connor", /^03448 /);
    await page.getByLabel("Registration date").fill("2025-09-01");
    await expect(page.getByLabel(/^AA /)).toHaveValue("2");
    await page.getByLabel(/^BB /).selectOption("1");
    for (const area of ["CC", "DD", "G", "I", "J"]) await page.getByLabel(new RegExp(`^${area} `)).selectOption("2");
    const selection = ["AA@2", "BB@1", "CC@2", "DD@2", "G@2", "I@2", "J@2"];
    await expect(problems(page)).toHaveText(
      expectedProblems(validateSelection(ocr, "03448", selection, { registeredOn: "2025-09-01" })),
    );
    await expect(problems(page)).toContainText([
      "No more than 2 units may come from the restricted option list; the selection has 3 (G@2, I@2 and J@2). Remove one of the restricted units.",
    ]);
    await page.getByLabel(/^J /).selectOption("");
    await page.getByLabel(/^I /).selectOption("");
    await expect(problems(page)).toHaveText(
      expectedProblems(
        validateSelection(ocr, "03448", ["AA@2", "BB@1", "CC@2", "DD@2", "G@2"], { registeredOn: "2025-09-01" }),
      ),
    );
    await page.getByRole("button", { name: "Suggest units to complete" }).click();
    await expect(page.getByText("Valid selection")).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Save registration" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Registration saved.");
  });
});

test.describe("importing a specification", () => {
  // The catalogue is shared by every centre: the awarding body publishes into it.
  test.use({ storageState: storageStateOf("ab-admin") });

  test("a bad file is refused with line numbers and imports nothing; a good one is added", async ({ page }) => {
    const code = `E2E-${Date.now() % 100000}`;
    const suite = projectSuite(cg, "3412-01")!;
    const good = JSON.stringify(
      {
        ...suite,
        suite: code,
        version: "1.0",
        qualifications: suite.qualifications.map((q) => ({ ...q, code, title: `Imported test qualification ${code}` })),
      },
      null,
      2,
    );
    const lines = good.split("\n");
    const brokenLine = lines.findIndex((l) => l.includes('"credits": 2'));
    lines[brokenLine] = lines[brokenLine]!.replace('"credits": 2', '"credits": "two"');

    await page.goto("/awarding");
    await page.getByRole("link", { name: "Import a specification" }).click();
    await expectAccessible(page);
    await page
      .getByLabel(/Specification file/)
      .setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from(lines.join("\n")) });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByText("Nothing was imported: broken.json has a problem.")).toBeVisible();
    await expect(page.getByRole("list", { name: "Problems in the file" })).toHaveText(
      `line ${brokenLine + 1}, column 7 (units.0.credits): Enter a number.`,
    );
    await expectAccessible(page);

    await page
      .getByLabel(/Specification file/)
      .setInputFiles({ name: "good.json", mimeType: "application/json", buffer: Buffer.from(good) });
    await page.getByRole("button", { name: "Import" }).click();
    await expect(page.getByRole("list", { name: "Qualifications imported" })).toHaveText(
      `${code} Imported test qualification ${code}, version 1.0: added`,
    );
    await page.getByRole("link", { name: "See the catalogue" }).click();
    await page.getByLabel("Title, number or awarding body").fill(code);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page.getByRole("link", { name: `Imported test qualification ${code}` })).toBeVisible();
  });
});
