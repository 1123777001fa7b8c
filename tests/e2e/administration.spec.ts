import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { sql, userId } from "./support/db";
import { signIn, storageStateOf } from "./support/personas";

test.use({ storageState: storageStateOf("admin") });

test("an administrator adds an assessor, assigns a candidate, and deactivating them ends their session", async ({
  page,
  browser,
}) => {
  const email = `nia.jones.${Date.now()}@northgate.example`;

  await test.step("a rejected form says what is wrong and keeps what was typed", async () => {
    await page.goto("/admin/users/new");
    await expectAccessible(page);
    await page.getByLabel("Full name").fill("Nia Jones");
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Initial password").fill("short");
    await page.getByRole("checkbox", { name: "Assessor" }).check();
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Some of the details are not valid");
    await expect(page.getByText("Passwords are at least 10 characters.")).toBeVisible();
    await expect(page.getByLabel("Full name")).toHaveValue("Nia Jones");
    await expect(page.getByLabel("Email address")).toHaveValue(email);
    await expect(page.getByRole("checkbox", { name: "Assessor" })).toBeChecked();
    await expect(page.getByLabel("Initial password")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
  });

  await test.step("a valid form creates the user", async () => {
    await page.getByLabel("Initial password").fill("nia-password-2026");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByRole("status").filter({ hasText: "User added." })).toHaveText("User added.");
    await expect(page.getByRole("heading", { level: 1, name: "Nia Jones" })).toBeVisible();
  });

  await test.step("the same email cannot be used twice", async () => {
    await page.goto("/admin/users/new");
    await page.getByLabel("Full name").fill("Another Nia");
    await page.getByLabel("Email address").fill(email.toUpperCase());
    await page.getByLabel("Initial password").fill("another-password");
    await page.getByRole("checkbox", { name: "Candidate" }).check();
    await page.getByRole("button", { name: "Add user" }).click();
    // A candidate needs a date of birth (C&G 3412-04 and -05 have minimum ages).
    await expect(
      page.getByText("Enter the candidate's date of birth: some qualifications have a minimum age."),
    ).toBeVisible();
    await page.getByLabel("Initial password").fill("another-password");
    await page.getByLabel("Date of birth (candidates)").fill("2001-05-17");
    await page.getByRole("button", { name: "Add user" }).click();
    await expect(page.getByText("A user with that email address already exists.").first()).toBeVisible();
  });

  await test.step("the unassigned candidate is assigned to the new assessor", async () => {
    await page.goto("/admin?q=Emily");
    await page.getByRole("link", { name: "Emily Clarke" }).click();
    await expect(page.getByText("No assessor assigned yet.")).toBeVisible();
    await page.getByLabel("Assessor to assign").selectOption({ label: "Nia Jones" });
    await page.getByRole("button", { name: "Assign" }).click();
    await expect(page.getByRole("main").getByRole("status").filter({ hasText: "Assessor assigned." })).toBeVisible();
    await expect(page.getByRole("main").getByRole("listitem").filter({ hasText: "Nia Jones" })).toBeVisible();
    await expectAccessible(page);
  });

  const niaContext = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const nia = await niaContext.newPage();
  await test.step("the new assessor signs in and sees the candidate", async () => {
    await signIn(nia, email, "nia-password-2026");
    await expect(nia).toHaveURL("/assessor");
    await expect(nia.getByRole("link", { name: "Emily Clarke" })).toBeVisible();
  });

  await test.step("deactivating the assessor ends their session at their next request", async () => {
    await page.goto("/admin?q=Nia");
    await page.getByRole("link", { name: "Nia Jones" }).click();
    await page.getByRole("button", { name: "Deactivate account" }).click();
    await expect(page.getByText("Account deactivated.")).toBeVisible();
    await nia.goto("/assessor");
    await expect(nia).toHaveURL(/\/login/);
    await signIn(nia, email, "nia-password-2026");
    await expect(nia.getByRole("main").getByRole("alert")).toHaveText("The email address or password is incorrect.");
  });
  await niaContext.close();
});

test("an administrator cannot remove their own administrator role", async ({ page }) => {
  await page.goto("/admin?q=Priya");
  await page.getByRole("link", { name: "Priya Patel" }).click();
  const roles = page.getByRole("form", { name: "Roles" });
  await roles.getByRole("checkbox", { name: "Centre administrator" }).uncheck();
  await roles.getByRole("button", { name: "Save roles" }).click();
  await expect(roles.getByRole("status")).toHaveText(
    "Some of the details are not valid. Check the highlighted fields. Choose at least one role.",
  );
  await roles.getByRole("checkbox", { name: "Centre administrator" }).uncheck();
  await roles.getByRole("checkbox", { name: "Assessor" }).check();
  await roles.getByRole("button", { name: "Save roles" }).click();
  await expect(page.getByText("You cannot remove your own administrator role")).toBeVisible();
  await expect(page.getByRole("button", { name: "Deactivate account" })).toHaveCount(0);
});

test("on a 390 px phone without JavaScript, the administrator records a registration's enrolment number and ULN and a staff start date", async ({
  browser,
}) => {
  const context = await browser.newContext({
    storageState: storageStateOf("admin"),
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();
  const aisha = await userId("aisha.begum@northgate.example");
  await page.goto(`/admin/users/${aisha}`);
  const numbers = page.getByRole("form", { name: /^Numbers for / }).first();
  await numbers.getByLabel(/^Unique Learner Number/).fill("1000000042");
  await numbers.getByLabel(/^Enrolment number/).fill("ng 4410");
  await numbers.getByRole("button", { name: /^Save the numbers for / }).click();
  // Posted natively: the returned page says what is wrong, at the form, and nothing was saved.
  await expect(
    page
      .getByRole("form", { name: /^Numbers for / })
      .first()
      .getByRole("status"),
  ).toContainText("its last digit does not match the check digit");
  expect(
    (await sql<{ uln: string | null }>(`SELECT uln FROM "CandidateRegistration" WHERE "candidateId" = $1`, [aisha]))[0]!
      .uln,
  ).toBeNull();
  const again = page.getByRole("form", { name: /^Numbers for / }).first();
  await again.getByLabel(/^Unique Learner Number/).fill("1000000043");
  await again.getByLabel(/^Enrolment number/).fill("ng 4410");
  await again.getByRole("button", { name: /^Save the numbers for / }).click();
  await expect(
    page
      .getByRole("form", { name: /^Numbers for / })
      .first()
      .getByRole("status"),
  ).toHaveText("Enrolment number and ULN saved.");
  expect(
    (
      await sql<{ uln: string; enrolmentNumber: string }>(
        `SELECT uln, "enrolmentNumber" FROM "CandidateRegistration" WHERE "candidateId" = $1`,
        [aisha],
      )
    )[0],
  ).toEqual({ uln: "1000000043", enrolmentNumber: "NG4410" });
  // Nothing is wider than the phone's screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  const tom = await userId("assessor2@northgate.example");
  await page.goto(`/admin/users/${tom}`);
  const started = page.getByRole("form", { name: "Start at the centre" });
  await started.getByLabel(/start date/).fill("2026-09-01");
  await started.getByRole("button", { name: "Save the start date" }).click();
  await expect(page.getByRole("form", { name: "Start at the centre" }).getByRole("status")).toHaveText(
    "Start date at the centre saved.",
  );
  await expect(page.getByText("Started at the centre on 1 September 2026.")).toBeVisible();
  await context.close();
});
