// The IV's and EV's audit views by person, in Chromium: one candidate's part of the trail, and
// what one assessor did; and a chain whose newest events were removed, found against its checkpoint.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/axe";
import { centreId, sql } from "./support/db";
import { E2E_DATABASE_URL_FILE } from "./support/env";
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

test("removing the newest events of a centre's audit chain is reported by the administrator's check and by npm run audit -- verify", async ({
  browser,
}) => {
  test.setTimeout(120_000);
  // Riverside's chain: no other browser test checks it, so it can be tampered with here.
  const riverside = await centreId("C20002");
  for (const i of [1, 2]) {
    await sql(
      `INSERT INTO "AuditEvent" ("centreId", action, "subjectType", "subjectId") VALUES ($1, 'test.tail', 'Test', $2)`,
      [riverside, String(i)],
    );
  }
  // The EV opening the centre records its head outside the centre's trail.
  const ev = await pageAs(browser, "ev");
  await ev.goto(`/ev/centres/${riverside}`);
  const [checkpoint] = await sql<{ eventId: string }>(
    `SELECT "eventId"::text AS "eventId" FROM "AuditCheckpoint" WHERE "centreId" = $1 ORDER BY "recordedAt" DESC LIMIT 1`,
    [riverside],
  );
  expect(checkpoint).toBeDefined();
  const admin = await pageAs(browser, "r-admin");
  await admin.goto("/admin/audit");
  await admin.getByRole("link", { name: "Check the whole chain now" }).click();
  await expect(admin.getByText(/^Chain checked just now: all \d+ events are intact/)).toBeVisible();

  // The database's owner switches the guard off and removes the chain's newest events: every link
  // that is left still holds, so only the checkpoint shows it.
  await sql(`
    DO $$ BEGIN
      ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only";
      DELETE FROM "AuditEvent" WHERE "centreId" = '${riverside}' AND id >= ${checkpoint!.eventId};
      ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only";
    END $$`);
  await admin.goto("/admin/audit?check=1");
  await expect(admin.getByRole("alert").filter({ hasText: "tampered" })).toContainText(
    new RegExp(
      `The audit trail has been tampered with: the chain breaks at event ${checkpoint!.eventId} .*no longer in the chain .*events were removed from it`,
    ),
  );
  await expectAccessible(admin);

  const verify = spawnSync(path.resolve("node_modules/.bin/tsx"), [path.resolve("scripts/audit.ts"), "verify"], {
    env: { ...process.env, DATABASE_URL: readFileSync(E2E_DATABASE_URL_FILE, "utf8") },
    encoding: "utf8",
  });
  expect(verify.status).toBe(1);
  expect(verify.stdout).toMatch(
    new RegExp(`Riverside.*\\(C20002\\): BROKEN at event ${checkpoint!.eventId} .*events were removed`),
  );
});
