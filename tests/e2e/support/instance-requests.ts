// For specs on an instance of their own (own-instance.ts): signing in with a browser context of
// that instance, raw tus requests (node:http, so a test decides when a body stops), and queries
// on the instance's database.
import http from "node:http";
import { expect, type Browser, type BrowserContext } from "@playwright/test";
import { withPgClient } from "../../../lib/db/pg-client";
import { DEMO_PASSWORD } from "../../../prisma/demo-data";
import { waitingForHydration } from "./hydration";
import { demoUser } from "./personas";

/** A browser context of `baseURL`, signed in as the demo persona through the sign-in form. */
export async function signedInAt(browser: Browser, baseURL: string, persona: "candidate" | "assessor"): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL });
  const page = waitingForHydration(await context.newPage());
  await page.goto("/login");
  await page.getByLabel("Email address").fill(demoUser(persona).email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.close();
  return context;
}

/** Rows of a query on the database at `url`. */
export const queryAt = <T extends Record<string, unknown>>(url: string, text: string, params: unknown[] = []) =>
  withPgClient(url, async (c) => (await c.query<T>(text, params)).rows);

/** A raw tus request; end it (or write to it) to send. */
export function tusRequest(method: string, url: string, headers: Record<string, string>) {
  return http.request(url, { method, headers: { "Tus-Resumable": "1.0.0", ...headers } });
}

export const response = (req: http.ClientRequest) =>
  new Promise<http.IncomingMessage>((resolve, reject) => {
    req.once("response", resolve);
    req.once("error", reject);
  });
