import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { DEVICE_COOKIE, knownDeviceFor, readDevice } from "../../lib/auth/device-cookie";
import { DEMO_PASSWORD } from "../../prisma/demo-data";
import { E2E_AUTH_SECRET } from "./support/env";
import { demoUser, signIn, signInAs } from "./support/personas";

// Each role signs in through the form, lands on its own home with its own data, and is refused
// another role's pages.
const HOMES = [
  {
    persona: "candidate",
    home: "/candidate",
    heading: "My portfolio",
    sees: ["Amira Shah", "Sarah Collins"],
    refused: "/assessor",
  },
  {
    persona: "assessor",
    home: "/assessor",
    heading: "My candidates",
    sees: ["Jordan Reid", "Aisha Begum", "Liam O'Connor"],
    refused: "/admin",
  },
  {
    persona: "witness",
    home: "/witness",
    heading: "Requests for your testimony",
    sees: ["Jordan Reid", "Aisha Begum"],
    refused: "/iv",
  },
  { persona: "iv", home: "/assessor", heading: "My candidates", sees: ["Mohammed Hussain"], refused: "/ev" },
  {
    persona: "ev",
    home: "/ev",
    heading: "Centres you verify",
    sees: ["Northgate College", "Riverside Training Ltd (centre C20002): 1 candidate"],
    refused: "/admin",
  },
  { persona: "admin", home: "/admin", heading: "Users", sees: ["Jordan Reid", "Amira Shah"], refused: "/awarding" },
  {
    persona: "ab-admin",
    home: "/awarding",
    heading: "External verifiers",
    sees: ["Helen McAllister", "Northgate College (C10001)"],
    refused: "/admin",
  },
];

for (const h of HOMES) {
  test(`${h.persona} signs in, lands on their home with their data, and cannot open ${h.refused}`, async ({ page }) => {
    await signInAs(page, h.persona);
    await expect(page).toHaveURL(h.home);
    await expect(page.getByRole("heading", { level: 1, name: h.heading })).toBeVisible();
    for (const text of h.sees)
      await expect(page.getByRole("main").getByText(text, { exact: false }).first()).toBeVisible();
    await expect(page.getByText(`Signed in as ${demoUser(h.persona).name}`)).toBeVisible();
    // The browser is now known for this account (sign-in throttling: decision 0006).
    const device = (await page.context().cookies()).find((c) => c.name === "eportfolio-device");
    expect(device).toMatchObject({ path: "/login", httpOnly: true, sameSite: "Lax" });
    await expectAccessible(page);

    const response = await page.goto(h.refused);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You do not have access to this page" })).toBeVisible();
  });
}

test("the assessor does not see candidates of other assessors or centres", async ({ page }) => {
  await signInAs(page, "assessor");
  const main = page.getByRole("main");
  await expect(main.getByText("Jordan Reid")).toBeVisible();
  await expect(main.getByText("Mohammed Hussain")).toHaveCount(0); // Gareth Evans's candidate
  await expect(main.getByText("Kieran Walsh")).toHaveCount(0); // Riverside's candidate
});

test("a user with two roles switches between their areas", async ({ page }) => {
  await signInAs(page, "iv");
  const switcher = page.getByRole("navigation", { name: "Switch role" });
  await expect(switcher.getByRole("link", { name: "Assessor" })).toHaveAttribute("aria-current", "page");
  await switcher.getByRole("link", { name: "Internal verifier" }).click();
  await expect(page).toHaveURL("/iv");
  await expect(page.getByRole("heading", { level: 1, name: "Internal verification" })).toBeVisible();
  await expect(
    page.getByRole("table", { name: "Assessors and their caseloads" }).getByText("Amira Shah"),
  ).toBeVisible();
  await expect(page.getByText("Gareth Evans (you)")).toBeVisible();
  await expectAccessible(page);
});

test("a wrong password gets a clear message and keeps the email typed", async ({ page }) => {
  await page.goto("/login");
  await expectAccessible(page);
  await signIn(page, "assessor@northgate.example", "not-the-password");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("The email address or password is incorrect.");
  await expect(page.getByLabel("Email address")).toHaveValue("assessor@northgate.example");
  await expect(page).toHaveURL(/\/login/);
  await expectAccessible(page);
});

test.describe("without JavaScript (or before the script has loaded)", () => {
  test.use({ javaScriptEnabled: false });

  test("the form posts: a wrong password is refused on the page returned, the right one signs in, and the password is never in an address", async ({
    page,
    baseURL,
  }) => {
    const addresses: string[] = [];
    page.on("request", (request) => addresses.push(request.url()));
    const email = demoUser("candidate").email;
    await page.goto(`/login?callbackUrl=${encodeURIComponent("/candidate/progress")}`);
    await page.getByLabel("Email address").fill(email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("main").getByRole("alert");
    await expect(alert).toHaveText("The email address or password is incorrect.");
    await expect(alert).toBeFocused();
    await expect(page.getByLabel("Email address")).toHaveValue(email);
    await expect(page.getByLabel("Password")).toHaveValue("");
    // (axe needs scripts; the same form and message are checked with JavaScript above.)

    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}/candidate/progress`);
    await expect(page.getByText(`Signed in as ${demoUser("candidate").name}`)).toBeVisible();
    const device = (await page.context().cookies()).find((c) => c.name === "eportfolio-device");
    expect(device).toMatchObject({ path: "/login", httpOnly: true, sameSite: "Lax" });

    expect(addresses.length).toBeGreaterThan(2);
    expect(
      addresses.filter(
        (a) =>
          /password|not-the-password/i.test(decodeURIComponent(a)) || a.includes(encodeURIComponent(DEMO_PASSWORD)),
      ),
    ).toEqual([]);
  });

  test("empty fields are refused by the server, and a callbackUrl to another site is not followed", async ({
    page,
    baseURL,
  }) => {
    await page.goto(`/login?callbackUrl=${encodeURIComponent("https://evil.example/candidate")}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Enter your email address and password.");
    await page.getByLabel("Email address").fill(demoUser("witness").email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}/witness`);
  });
});

test("empty fields are caught before anything is sent", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Enter your email address and password.");
});

test("repeated failures are slowed down, with a message saying how long to wait", async ({ page }) => {
  const email = "rate-limit-probe@northgate.example";
  const alert = page.getByRole("main").getByRole("alert");
  for (let i = 0; i < 5; i++) {
    await signIn(page, email, `wrong-${i}`);
    await expect(alert).toHaveText("The email address or password is incorrect.");
  }
  // From the sixth failure each attempt must wait longer (2 s, 4 s, 8 s …): keep guessing quickly.
  let delayed = false;
  for (let i = 0; i < 5 && !delayed; i++) {
    await signIn(page, email, "wrong-again");
    await expect(alert).toBeVisible();
    delayed = /Too many failed sign-in attempts\. Wait \d+ seconds? and try again\./.test(
      (await alert.textContent()) ?? "",
    );
  }
  expect(delayed).toBe(true);
});

test("signing out ends the session on the server: a copy of the cookie stops working", async ({
  page,
  browser,
  baseURL,
}) => {
  await signInAs(page, "witness");
  const copied = await page.context().storageState();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/witness");
  await expect(page).toHaveURL(/\/login/);

  // Someone who copied the cookie before the sign-out gets nothing with it.
  const thief = await browser.newContext({ baseURL, storageState: copied });
  const response = await thief.request.get("/witness", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers()["location"]).toMatch(/\/login$/);
  const session = await thief.request.get("/api/evidence/files/00000000-0000-4000-8000-000000000000");
  expect(session.status()).toBe(401);
  await thief.close();
});

for (const [label, callbackUrl] of [
  ["a backslash", "%2F%5Cevil.example"],
  ["a tab", "%2F%09%2Fevil.example"],
  ["another origin", "https%3A%2F%2Fevil.example%2Fcandidate"],
]) {
  test(`after signing in, a callbackUrl with ${label} cannot send the browser to another site`, async ({
    page,
    baseURL,
  }) => {
    await page.goto(`/login?callbackUrl=${callbackUrl}`);
    await page.getByLabel("Email address").fill(demoUser("candidate").email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${baseURL}/candidate`);
    expect(new URL(page.url()).host).toBe(new URL(baseURL!).host);
  });
}

test("a callbackUrl on this site is honoured after signing in", async ({ page, baseURL }) => {
  await page.goto(`/login?callbackUrl=${encodeURIComponent("/candidate/progress")}`);
  await page.getByLabel("Email address").fill(demoUser("candidate").email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(`${baseURL}/candidate/progress`);
});

test("the known-device cookie names only the account that signed in, whatever else the request says", async ({
  playwright,
  baseURL,
}) => {
  const context = await playwright.request.newContext({ baseURL });
  const { csrfToken } = (await (await context.get("/api/auth/csrf")).json()) as { csrfToken: string };
  // Two email fields: next-auth signs in with the last; a second parser might read the first.
  const body = new URLSearchParams([
    ["email", demoUser("admin").email],
    ["email", demoUser("witness").email],
    ["password", DEMO_PASSWORD],
    ["csrfToken", csrfToken],
    ["json", "true"],
  ]);
  const response = await context.post("/api/auth/callback/credentials", {
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    data: body.toString(),
  });
  expect(response.status()).toBe(200);
  const cookie = (await context.storageState()).cookies.find((c) => c.name === DEVICE_COOKIE);
  expect(cookie).toBeDefined();
  process.env.NEXTAUTH_SECRET = E2E_AUTH_SECRET; // to read the cookie the way the server does
  const device = readDevice(`${DEVICE_COOKIE}=${cookie!.value}`);
  expect(knownDeviceFor(device, demoUser("witness").email)).toBe(device!.id);
  expect(knownDeviceFor(device, demoUser("admin").email)).toBeNull();
  delete process.env.NEXTAUTH_SECRET;
  await context.dispose();
});

test("pages carry the security headers", async ({ request }) => {
  const response = await request.get("/login");
  const headers = response.headers();
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("the health endpoint reports the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toEqual({ status: "ok", database: "ok" });
});

test("on a phone, pages fit the screen and wide tables scroll within themselves", async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 390, height: 800 },
    storageState: { cookies: [], origins: [] },
  });
  const page = await context.newPage();
  await signInAs(page, "admin");
  await expect(page.getByRole("region", { name: "Users of your centre" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page);
  await context.close();
});
