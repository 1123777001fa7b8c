// For specs on an instance of their own (own-instance.ts): signing in with a browser context of
// that instance, raw tus requests (node:http, so a test decides when a body stops), and queries
// on the instance's database.
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import { expect, type Browser, type BrowserContext } from "@playwright/test";
import { withPgClient } from "../../../lib/db/pg-client";
import { DEMO_PASSWORD } from "../../../prisma/demo-data";
import { waitingForHydration } from "./hydration";
import { demoUser } from "./personas";

/** A browser context of `baseURL`, signed in as the demo persona through the sign-in form. */
export async function signedInAt(
  browser: Browser,
  baseURL: string,
  persona: "candidate" | "assessor",
): Promise<BrowserContext> {
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

/** The context's cookies as one Cookie header, for raw requests as that signed-in person. */
export async function cookieHeader(context: BrowserContext): Promise<string> {
  return (await context.cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
}

/** An MP4 of about `megabytes` (a real ftyp header, then random bytes), with its SHA-256. */
export function mp4(megabytes: number): { file: Buffer; sha256: string } {
  const header = Buffer.from("00000018667479706973366f0000020069736f6d69736f32", "hex");
  const file = Buffer.concat([header, randomBytes(megabytes * 1024 * 1024)]);
  return { file, sha256: createHash("sha256").update(file).digest("hex") };
}

/** Starts a tus upload of `length` bytes named `fileName` to the evidence; returns its absolute URL. */
export async function startUpload(
  baseURL: string,
  cookie: string,
  evidenceId: string,
  fileName: string,
  length: number,
): Promise<string> {
  const meta = `evidenceId ${Buffer.from(evidenceId).toString("base64")},filename ${Buffer.from(fileName).toString("base64")}`;
  const created = await response(
    tusRequest("POST", `${baseURL}/api/uploads`, {
      Cookie: cookie,
      "Upload-Length": String(length),
      "Upload-Metadata": meta,
    }).end(),
  );
  expect(created.statusCode).toBe(201);
  return new URL(created.headers.location!, baseURL).toString();
}
