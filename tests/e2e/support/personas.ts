import path from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";
import { DEMO_PASSWORD, DEMO_USERS } from "../../../prisma/demo-data";
import { waitingForHydration } from "./hydration";

/** Demo users the tests sign in as, by their key in prisma/demo-data.ts. */
export const PERSONAS = [
  "candidate",
  "assessor",
  "assessor2",
  "witness",
  "iv",
  "ev",
  "admin",
  "r-admin",
  "r-assessor",
  "ab-admin",
] as const;
export type Persona = (typeof PERSONAS)[number];

export const demoUser = (key: string) => {
  const user = DEMO_USERS.find((u) => u.key === key);
  if (!user) throw new Error(`no demo user ${key}`);
  return user;
};

export const storageStateOf = (persona: Persona) => path.resolve(`.data/e2e-auth/${persona}.json`);

/** Signs in through the real form. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  waitingForHydration(page);
  await page.goto("/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function signInAs(page: Page, persona: string) {
  await signIn(page, demoUser(persona).email);
  await expect(page).not.toHaveURL(/\/login/);
}

/** A new page signed in as a demo persona, whose navigations wait for hydration. */
export async function pageAs(browser: Browser, persona: Persona) {
  const context = await browser.newContext({ storageState: storageStateOf(persona) });
  return waitingForHydration(await context.newPage());
}
