// UK GDPR and re-authentication in Chromium: a candidate downloads everything held about them; an
// administrator whose password was typed more than 10 minutes ago is asked for it before exporting
// a candidate's data or changing roles, and can then go ahead.
import { readFile } from "node:fs/promises";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { decode } from "next-auth/jwt";
import { DEMO_PASSWORD } from "../../prisma/demo-data";
import { expectAccessible } from "./support/axe";
import { sql, userId } from "./support/db";
import { E2E_AUTH_SECRET } from "./support/env";
import { waitingForHydration } from "./support/hydration";
import { demoUser, pageAs, signInAs } from "./support/personas";
import { unzip } from "./support/zip";

async function downloadFrom(page: Page, link: ReturnType<Page["getByRole"]>) {
  const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
  return { name: download.suggestedFilename(), entries: await unzip(await readFile((await download.path())!)) };
}

test("a candidate downloads their subject access export", async ({ browser }) => {
  const page = await pageAs(browser, "candidate");
  await page.goto("/candidate");
  await expect(page.getByRole("heading", { name: "My personal data" })).toBeVisible();
  await expectAccessible(page);
  const { name, entries } = await downloadFrom(
    page,
    page.getByRole("link", { name: "Download my personal data (ZIP)" }),
  );
  expect(name).toBe("personal-data-Jordan-Reid.zip");
  const data = JSON.parse(entries.get("personal-data.json")!.toString()) as {
    account: { email: string; name: string };
    evidence: { title: string; files: { sha256: string; inThisExport: string | null }[] }[];
    sessions: unknown[];
  };
  expect(data.account).toMatchObject({ email: demoUser("candidate").email, name: "Jordan Reid" });
  expect(data.sessions.length).toBeGreaterThan(0);
  // Jordan's demo evidence, with its file and the hash the store holds.
  const withFile = data.evidence.flatMap((e) => e.files).find((f) => f.inThisExport)!;
  const { createHash } = await import("node:crypto");
  expect(createHash("sha256").update(entries.get(withFile.inThisExport!)!).digest("hex")).toBe(withFile.sha256);
  expect(entries.get("README.txt")!.toString()).toContain("Personal data held about Jordan Reid");
});

test("an administrator confirms their password before exporting a candidate's data or changing roles", async ({
  browser,
}) => {
  // A session of its own, made to look 20 minutes old since the password was typed.
  const context = await browser.newContext();
  const page = waitingForHydration(await context.newPage());
  await signInAs(page, "admin");
  const adminId = await userId(demoUser("admin").email);
  // This page's session alone (the newest): the shared admin persona's session stays as it is.
  const [session] = await sql<{ id: string }>(
    `SELECT id FROM "UserSession" WHERE "userId" = $1 AND "endedAt" IS NULL ORDER BY "createdAt" DESC LIMIT 1`,
    [adminId],
  );
  const passwordTypedLongAgo = () =>
    sql(`UPDATE "UserSession" SET "passwordAt" = now() - interval '20 minutes' WHERE id = $1`, [session!.id]);
  await passwordTypedLongAgo();
  const jordan = await userId(demoUser("candidate").email);

  await page.goto(`/admin/users/${jordan}`);
  await page.getByRole("link", { name: /^Download everything held about Jordan Reid/ }).click();
  await expect(page).toHaveURL(/\/confirm-password\?next=/);
  await expect(page.getByRole("heading", { level: 1, name: "Confirm your password" })).toBeVisible();
  await expectAccessible(page);
  const confirm = page.getByRole("form", { name: "Confirm your password" });
  await confirm.getByLabel("Your password").fill("not-the-password");
  await confirm.getByRole("button", { name: "Confirm password" }).click();
  await expect(confirm.getByRole("status")).toContainText("That password is not right");
  await confirm.getByLabel("Your password").fill(DEMO_PASSWORD);
  await confirm.getByRole("button", { name: "Confirm password" }).click();
  const { name, entries } = await downloadFrom(page, page.getByRole("link", { name: "Continue" }));
  expect(name).toBe("personal-data-Jordan-Reid.zip");
  expect(JSON.parse(entries.get("personal-data.json")!.toString()).exportedBy).toBe("Priya Patel");

  // Stale again: saving roles asks for the password beside the form, then goes through.
  await passwordTypedLongAgo();
  await page.goto(`/admin/users/${jordan}`);
  const roles = page.getByRole("form", { name: "Roles" });
  await roles.getByRole("button", { name: "Save roles" }).click();
  await expect(roles.getByRole("status")).toContainText("confirm your password");
  const inline = page.getByRole("form", { name: "Confirm your password" });
  await inline.getByLabel("Your password").fill(DEMO_PASSWORD);
  await inline.getByRole("button", { name: "Confirm password" }).click();
  await expect(inline.getByRole("status")).toContainText("Password confirmed");
  await roles.getByRole("button", { name: "Save roles" }).click();
  await expect(roles.getByRole("status")).toHaveText("Roles saved.");
  await expect(inline).toHaveCount(0);
  await context.close();
});

test("an administrator records a candidate's withdrawal, which starts the retention period, and cancels it", async ({
  browser,
}) => {
  const page = await pageAs(browser, "admin");
  const emily = await userId("emily.clarke@northgate.example");
  await page.goto(`/admin/users/${emily}`);
  const section = page.getByRole("region", { name: "Withdrawal and retention" });
  await expect(section).toContainText("36 months after a candidate is certified");
  const record = page.getByRole("form", { name: "Record a withdrawal" });
  await record.getByRole("button", { name: "Record the withdrawal" }).click();
  await expect(record.getByRole("status")).toContainText("Give the reason for the withdrawal");
  await record.getByLabel("Reason for the withdrawal").fill("Moved to another employer out of the area");
  await record.getByRole("button", { name: "Record the withdrawal" }).click();
  await expect(section).toContainText("Withdrew on");
  await expect(section).toContainText("Moved to another employer out of the area");
  await expectAccessible(page);
  await page.getByRole("form", { name: "Cancel the withdrawal" }).getByRole("button").click();
  await expect(page.getByRole("form", { name: "Record a withdrawal" })).toBeVisible();
});

/** This context's own session (from its cookie), made to look as if the password was typed 20 minutes ago. */
async function passwordTypedLongAgo(context: BrowserContext) {
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  const token = await decode({ token: cookie?.value, secret: E2E_AUTH_SECRET });
  expect(typeof token?.sessionId).toBe("string");
  await sql(`UPDATE "UserSession" SET "passwordAt" = now() - interval '20 minutes' WHERE id = $1`, [token!.sessionId]);
}

test("adding a user when the password was typed over 10 minutes ago asks for it in the form and keeps what was typed", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = waitingForHydration(await context.newPage());
  await signInAs(page, "admin");
  const email = `ravi.sharma.${Date.now()}@northgate.example`;

  // Opened in time, then left for a while: the server asks for the password when the form is sent.
  await page.goto("/admin/users/new");
  await expect(page.getByLabel("Your password")).toHaveCount(0);
  await page.getByLabel("Full name").fill("Ravi Sharma");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Initial password").fill("ravi-password-2026");
  await page.getByRole("checkbox", { name: "Assessor" }).check();
  await passwordTypedLongAgo(context);
  await page.getByRole("button", { name: "Add user" }).click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("confirm your password");
  await expect(page.getByLabel("Your password")).toBeVisible();
  await expect(page.getByLabel("Full name")).toHaveValue("Ravi Sharma");
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await expect(page.getByRole("checkbox", { name: "Assessor" })).toBeChecked();
  await expectAccessible(page);

  // A wrong password changes nothing and keeps the form as typed.
  await page.getByLabel("Your password").fill("not-the-password");
  await page.getByLabel("Initial password").fill("ravi-password-2026");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(alert).toContainText("That password is not right");
  await expect(page.getByLabel("Full name")).toHaveValue("Ravi Sharma");
  await expect(page.getByRole("checkbox", { name: "Assessor" })).toBeChecked();
  expect(await sql(`SELECT id FROM "User" WHERE email = $1`, [email])).toEqual([]);

  await page.getByLabel("Your password").fill(DEMO_PASSWORD);
  await page.getByLabel("Initial password").fill("ravi-password-2026");
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Ravi Sharma" })).toBeVisible();
  await expect(page.getByRole("status").filter({ hasText: "User added." })).toHaveText("User added.");
  await context.close();
});

test("adding an external verifier, without JavaScript, when the password was typed over 10 minutes ago: the form asks for it from the start", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email address").fill(demoUser("ab-admin").email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/awarding$/);
  await passwordTypedLongAgo(context);
  const email = `tomasz.nowak.${Date.now()}@awarding.example`;

  await page.goto("/awarding/verifiers/new");
  await expect(page.getByLabel("Your password")).toBeVisible(); // (axe needs scripts: the box is checked with them above)
  await page.getByLabel("Full name").fill("Tomasz Nowak");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Initial password").fill("tomasz-password-2026");
  await page.getByRole("button", { name: "Add external verifier" }).click();
  // Sent without the password: refused, with the form as typed and the password box still there.
  await expect(page.getByRole("main").getByRole("alert")).toContainText("confirm your password");
  await expect(page.getByLabel("Full name")).toHaveValue("Tomasz Nowak");
  await expect(page.getByLabel("Email address")).toHaveValue(email);
  await page.getByLabel("Your password").fill(DEMO_PASSWORD);
  await page.getByLabel("Initial password").fill("tomasz-password-2026");
  await page.getByRole("button", { name: "Add external verifier" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Tomasz Nowak" })).toBeVisible();
  await context.close();
});
