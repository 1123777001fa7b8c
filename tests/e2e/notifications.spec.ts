// Notifications in Chromium: a candidate submits evidence; their assessor sees the count in the
// header, finds it on the notifications page and opens the evidence from it; the e-mail for it
// arrives at the test SMTP server (started by tests/e2e/server.ts). Preferences save.
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { E2E_MAIL_DIR } from "./support/env";
import { newEvidence } from "./support/evidence";
import { demoUser, pageAs } from "./support/personas";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

type Mail = { to: string[]; subject: string; text: string };
const mails = (): Mail[] => {
  try {
    return readdirSync(E2E_MAIL_DIR).map((f) => JSON.parse(readFileSync(path.join(E2E_MAIL_DIR, f), "utf8")) as Mail);
  } catch {
    return [];
  }
};

test("an assessor is notified of newly submitted evidence, in the app and by e-mail", async ({ browser }) => {
  const title = `Stock rotation record ${randomBytes(3).toString("hex")}`;
  const candidate = await pageAs(browser, "candidate");
  const evidenceId = await newEvidence(candidate, title);
  await candidate
    .getByLabel("Add files")
    .setInputFiles({ name: "stock-rotation.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect(
    candidate.getByRole("list", { name: "Uploads" }).getByRole("listitem").filter({ hasText: "stock-rotation.pdf" }),
  ).toContainText("Uploaded and checked.");
  const mapping = candidate.getByRole("form", { name: /Criteria of 3412-03/ });
  await mapping.getByText(/Unit 202 Use systems and technology/).click();
  await mapping
    .getByRole("checkbox", { name: /^Unit 202 criterion/ })
    .first()
    .check();
  await mapping.getByRole("button", { name: "Save criteria" }).click();
  await expect(mapping.getByRole("status")).toHaveText("Mapping saved: 1 criterion.");
  const submit = candidate.getByRole("form", { name: "Submit for assessment" });
  await submit.getByLabel(/^I declare that this evidence is my own work/).check();
  await submit.getByRole("button", { name: "Submit for assessment" }).click();
  await expect(candidate.getByText(/^Submitted for assessment on /)).toBeVisible();

  const assessor = await pageAs(browser, "assessor");
  await assessor.goto("/assessor");
  await expect(assessor.getByRole("link", { name: /^Notifications, \d+ unread$/ })).toBeVisible();
  await assessor.getByRole("link", { name: /^Notifications/ }).click();
  await expect(assessor.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  const item = assessor.getByRole("list", { name: "Notifications" }).getByRole("listitem").filter({ hasText: title });
  await expect(item).toContainText("Evidence to review");
  await expect(item).toContainText("Jordan Reid submitted evidence to review");
  await expect(item).toContainText("New");
  await expectAccessible(assessor);
  await item.getByRole("button", { name: new RegExp(title) }).click();
  await expect(assessor).toHaveURL(new RegExp(`/assessor/candidates/[0-9a-f-]+/evidence/${evidenceId}$`));
  await expect(assessor.getByRole("heading", { level: 1, name: title })).toBeVisible();
  // Opened, so read.
  await assessor.goto("/notifications?unread=1");
  await expect(
    assessor.getByRole("list", { name: "Notifications" }).getByRole("listitem").filter({ hasText: title }),
  ).toHaveCount(0);

  // The worker's e-mail, at the SMTP server.
  await expect.poll(() => mails().find((m) => m.subject.includes(title)), { timeout: 30_000 }).toBeTruthy();
  const mail = mails().find((m) => m.subject.includes(title))!;
  expect(mail.to).toEqual([demoUser("assessor").email]);
  expect(mail.text).toContain(`/evidence/${evidenceId}`);
});

test("a user chooses how notifications reach them by e-mail", async ({ browser }) => {
  const page = await pageAs(browser, "witness");
  await page.goto("/notifications");
  const form = page.getByRole("form", { name: "E-mail preference" });
  await expect(form.getByLabel("Immediately, one e-mail each")).toBeChecked();
  await form.getByLabel("A daily summary (07:00 UK time)").check();
  await form.getByRole("button", { name: "Save e-mail preference" }).click();
  await expect(form.getByRole("status")).toHaveText("E-mail preference saved.");
  await page.reload();
  await expect(
    page.getByRole("form", { name: "E-mail preference" }).getByLabel("A daily summary (07:00 UK time)"),
  ).toBeChecked();
  await page.getByRole("form", { name: "E-mail preference" }).getByLabel("Immediately, one e-mail each").check();
  await page
    .getByRole("form", { name: "E-mail preference" })
    .getByRole("button", { name: "Save e-mail preference" })
    .click();
  await expect(page.getByRole("form", { name: "E-mail preference" }).getByRole("status")).toHaveText(
    "E-mail preference saved.",
  );
  await expectAccessible(page);
});
