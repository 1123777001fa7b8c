import { expect, type Page } from "@playwright/test";

/** Creates a draft piece of evidence through the form; returns its id. */
export async function newEvidence(page: Page, title: string) {
  await page.goto("/candidate/evidence/new");
  await page.getByLabel("Title").fill(title);
  await page.getByLabel("Date of the activity").fill("2026-10-01");
  await page.getByLabel("Assessment method").selectOption({ label: "Product or work output" });
  await page.getByRole("button", { name: "Save and add files" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  return page.url().split("/").at(-1)!.split("?")[0]!;
}
