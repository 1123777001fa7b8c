// The IV's and EV's audit views by person, in Chromium: one candidate's part of the trail, and
// what one assessor did.
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { centreId } from "./support/db";
import { pageAs } from "./support/personas";

test("an IV reads a candidate's and an assessor's part of the audit trail", async ({ browser }) => {
  const page = await pageAs(browser, "iv");
  await page.goto("/iv");
  await page.getByRole("link", { name: "Audit trail" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail by person" })).toBeVisible();
  const find = page.getByRole("form", { name: "Find a candidate" });
  await find.getByLabel("Candidate’s name").fill("jordan");
  await find.getByRole("button", { name: "Find" }).click();
  await page.getByRole("list", { name: "Candidates found" }).getByRole("link", { name: "Jordan Reid" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail: Jordan Reid" })).toBeVisible();
  await expect(page.getByRole("table")).toBeVisible();
  await expectAccessible(page);

  const byAssessor = page.getByRole("form", { name: "An assessor's audit trail" });
  await byAssessor.getByLabel("Assessor or internal verifier").selectOption({ label: "Amira Shah" });
  await byAssessor.getByRole("button", { name: "Show what they did" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Audit trail: Amira Shah" })).toBeVisible();
});

test("an EV reads one assessor's part of a centre's audit trail", async ({ browser }) => {
  const page = await pageAs(browser, "ev");
  await page.goto(`/ev/centres/${await centreId("C10001")}/audit`);
  const byAssessor = page.getByRole("form", { name: "An assessor's audit trail" });
  await byAssessor.getByLabel("Assessor or internal verifier").selectOption({ label: "Amira Shah" });
  await byAssessor.getByRole("button", { name: "Show what they did" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /^Audit trail: Amira Shah, / })).toBeVisible();
  await expect(page.getByRole("link", { name: "The whole trail" })).toBeVisible();
  await expectAccessible(page);
});
