// PostgreSQL stops under a signed-in user: pages and actions answer with our own error page (what
// happened, what became of the last action, a reference that is in the server's log); once the
// database is back the app recovers without a restart, and nothing was half written.
import { expect, test } from "@playwright/test";
import { withPgClient } from "../../lib/db/pg-client";
import { verifyAllChains } from "../../lib/audit/chain";
import { withPrisma } from "../../lib/db/prisma-script";
import { DEMO_PASSWORD } from "../../prisma/demo-data";
import { expectAccessible } from "./support/axe";
import { waitingForHydration } from "./support/hydration";
import { ownInstance } from "./support/own-instance";
import { demoUser } from "./support/personas";

test.describe.configure({ mode: "serial", timeout: 180_000 });

test("with the database stopped, our error page says what happened; the app recovers when it is back", async ({
  browser,
}) => {
  const instance = await ownInstance("outage", 3210);
  try {
    await instance.startApp();
    const context = await browser.newContext({ baseURL: instance.baseURL });
    const page = waitingForHydration(await context.newPage());
    await page.goto("/login");
    await page.getByLabel("Email address").fill(demoUser("candidate").email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/candidate$/);
    await page.goto("/notifications");
    const form = page.getByRole("form", { name: "E-mail preference" });
    await form.getByLabel("A daily summary (07:00 UK time)").check();

    const auditBefore = await withPgClient(
      instance.dbUrl,
      async (c) => (await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM "AuditEvent"`)).rows[0]!.n,
    );
    await instance.stopDb();

    // The last action, made while the database is down: not saved, and the page says so.
    await form.getByRole("button", { name: "Save e-mail preference" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "The service is briefly unavailable" })).toBeVisible({
      timeout: 30_000,
    });
    await expect(page.getByRole("main").getByRole("alert")).toContainText("saved in full or not at all");

    // A page load: the same page, with a reference the server logged.
    await page.goto("/candidate/evidence");
    await expect(page.getByRole("heading", { level: 1, name: "The service is briefly unavailable" })).toBeVisible();
    await expect(page.getByText("This page couldn’t load")).toHaveCount(0);
    const reference = (await page.getByTestId("error-reference").textContent())!.replace(/^R-/, "");
    expect(reference).toMatch(/^\w+$/);
    expect(instance.logs.join("")).toContain(`[reference ${reference}]`);
    await expectAccessible(page);

    await instance.startDb();
    // No restart: the same server answers again, and the user is still signed in.
    await expect(async () => {
      await page.goto("/candidate/evidence");
      await expect(page.getByRole("heading", { level: 1, name: "Evidence" })).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });

    // Nothing half written: the preference is as it was, no event was added, and the chain is whole.
    await withPgClient(instance.dbUrl, async (client) => {
      const { rows } = await client.query(`SELECT "emailPreference" FROM "User" WHERE email = $1`, [
        demoUser("candidate").email,
      ]);
      expect(rows[0].emailPreference).toBe("IMMEDIATE");
      expect((await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM "AuditEvent"`)).rows[0]!.n).toBe(
        auditBefore,
      );
    });
    const chains = await withPrisma(instance.dbUrl, verifyAllChains);
    expect(chains.filter((c) => c.firstBreak !== null)).toEqual([]);
    await context.close();
  } finally {
    await instance.close();
  }
});
