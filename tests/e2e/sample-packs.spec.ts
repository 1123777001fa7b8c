// Sample-pack links answer with the status they mean, not 200 with a refusal on the page: the pack
// for its EV (200), sign in first (307), an unknown link or another account's (404), a link that
// has expired or been withdrawn (410 Gone). Each use is on the link's access log.
import { createHash, randomBytes } from "node:crypto";
import { expect, test, type BrowserContext } from "@playwright/test";
import { decode } from "next-auth/jwt";
import { DEMO_PASSWORD } from "../../prisma/demo-data";
import { expectAccessible } from "./support/axe";
import { centreId, sql, userId } from "./support/db";
import { E2E_AUTH_SECRET } from "./support/env";
import { demoUser, signInAs, storageStateOf } from "./support/personas";

/**
 * A link made straight in the database: the centre's form cannot make one that has already expired,
 * and a withdrawn one is withdrawn as the server does it (revokedAt, the only change the table allows).
 */
async function makeLink(state: "open" | "expired" | "withdrawn"): Promise<{ id: string; token: string }> {
  const token = randomBytes(32).toString("base64url");
  const [link] = await sql<{ id: string }>(
    `INSERT INTO "SamplePackLink" (id, "centreId", "createdById", "evId", "tokenSha256", "candidateIds", note, "expiresAt")
     VALUES (gen_random_uuid(), $1, $2, $3, $4, ARRAY[$5]::uuid[], 'Remote sample for the status test', now() + ($6 || ' minutes')::interval) RETURNING id`,
    [
      await centreId("C10001"),
      await userId(demoUser("admin").email),
      await userId(demoUser("ev").email),
      createHash("sha256").update(token).digest("hex"),
      await userId(demoUser("candidate").email),
      state === "expired" ? "-1" : "1440",
    ],
  );
  if (state === "withdrawn") await sql(`UPDATE "SamplePackLink" SET "revokedAt" = now() WHERE id = $1`, [link!.id]);
  return { id: link!.id, token };
}

const refusals = async (linkId: string) =>
  (
    await sql<{ refusal: string | null }>(`SELECT refusal FROM "SamplePackAccess" WHERE "linkId" = $1 ORDER BY id`, [
      linkId,
    ])
  ).map((r) => r.refusal);

test("each refusal of a sample-pack link answers with its own status, keeps its explanation, and is logged", async ({
  browser,
}) => {
  const open = await makeLink("open");
  const expired = await makeLink("expired");
  const withdrawn = await makeLink("withdrawn");

  // The EV it was made for, signed in just now (downloads need a password typed in the last 10 minutes).
  const evContext: BrowserContext = await browser.newContext();
  await signInAs(await evContext.newPage(), "ev");
  // A page of its own: the pack's page is plain HTML with no script, so nothing waits for hydration.
  const ev = await evContext.newPage();

  const allowed = await ev.goto(`/sample-packs/${open.token}`);
  expect(allowed?.status()).toBe(200);
  await expect(ev.getByRole("heading", { level: 1, name: "Sample pack" })).toBeVisible();
  await expect(ev.getByText("From Northgate College (centre C10001).")).toBeVisible();
  await expect(ev.getByText("Note from the centre: Remote sample for the status test")).toBeVisible();
  await expect(ev.getByRole("link", { name: /^Jordan Reid: portfolio \(ZIP/ })).toBeVisible();
  await expectAccessible(ev);

  for (const link of [expired, withdrawn]) {
    const response = await ev.goto(`/sample-packs/${link.token}`);
    expect(response?.status()).toBe(410);
    await expect(ev.getByRole("alert")).toHaveText(
      "This sample-pack link has expired or the centre has withdrawn it, so it gives nothing. Ask the centre for a new link.",
    );
    const download = await evContext.request.get(
      `/api/sample-packs/${link.token}/candidates/${await userId(demoUser("candidate").email)}`,
      { maxRedirects: 0 },
    );
    expect(download.status()).toBe(410);
  }
  await expectAccessible(ev);

  const unknown = await ev.goto(`/sample-packs/${randomBytes(32).toString("base64url")}`);
  expect(unknown?.status()).toBe(404);
  await expect(ev.getByRole("alert")).toHaveText(
    "This sample-pack link is not recognised, or it is for another account. Sign in as the external verifier it was sent to.",
  );
  expect((await evContext.request.get(`/sample-packs/not-a-link`, { maxRedirects: 0 })).status()).toBe(404);

  // Signed in as someone else: the same 404 as an unknown link, whether the link is open or not.
  const adminContext = await browser.newContext({ storageState: storageStateOf("admin") });
  for (const link of [open, withdrawn]) {
    const response = await adminContext.request.get(`/sample-packs/${link.token}`, { maxRedirects: 0 });
    expect(response.status()).toBe(404);
    expect(await response.text()).toContain("This sample-pack link is not recognised, or it is for another account.");
  }
  await adminContext.close();

  // Signed out: to sign in, then back to the link.
  const anonymous = await browser.newContext();
  const signedOut = await anonymous.request.get(`/sample-packs/${open.token}`, { maxRedirects: 0 });
  expect(signedOut.status()).toBe(307);
  expect(signedOut.headers()["location"]).toBe(
    `/login?callbackUrl=${encodeURIComponent(`/sample-packs/${open.token}`)}`,
  );
  await anonymous.close();

  // Every use is on the link's log, allowed or refused, for the centre to see.
  const otherAccount = "signed in as someone other than the EV it is for";
  expect(await refusals(open.id)).toEqual([null, otherAccount, "not signed in"]);
  expect(await refusals(expired.id)).toEqual(["the link had expired", "the link had expired"]); // the page, then the download
  expect(await refusals(withdrawn.id)).toEqual([
    "the centre had withdrawn the link",
    "the centre had withdrawn the link",
    otherAccount,
  ]);
  await evContext.close();
});

test("without JavaScript, and with the password typed over 10 minutes ago, the centre makes a link in one form and it is shown once", async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email address").fill(demoUser("admin").email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin$/);
  const cookie = (await context.cookies()).find((c) => c.name.endsWith("next-auth.session-token"));
  const token = await decode({ token: cookie?.value, secret: E2E_AUTH_SECRET });
  await sql(`UPDATE "UserSession" SET "passwordAt" = now() - interval '20 minutes' WHERE id = $1`, [token!.sessionId]);

  await page.goto("/admin/external-verification");
  const form = page.getByRole("form", { name: "Create a sample-pack link" });
  await expect(form.getByLabel("Your password")).toBeVisible();
  await form.getByLabel("External verifier's email address").fill(demoUser("ev").email);
  await form.getByLabel(/^Candidates in the pack/).fill(demoUser("candidate").email);
  await form.getByLabel("Your password").fill(DEMO_PASSWORD);
  await form.getByRole("button", { name: "Create the link" }).click();
  const link = await form.getByLabel(`Sample-pack link for ${demoUser("ev").email}`).inputValue();
  expect(link).toMatch(new RegExp(`^${baseURL}/sample-packs/[A-Za-z0-9_-]{43}$`));
  await context.close();

  const evContext = await browser.newContext({ storageState: storageStateOf("ev") });
  expect((await evContext.request.get(link, { maxRedirects: 0 })).status()).toBe(200);
  await evContext.close();
});
