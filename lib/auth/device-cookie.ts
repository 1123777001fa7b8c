// A "known device" cookie (OWASP's device-cookie defence against lock-outs): after a successful
// sign-in, the browser gets a signed cookie naming the accounts that have signed in on it. An
// attempt for one of those accounts from that browser is throttled on its own (by device), so an
// attacker failing against the account elsewhere cannot keep its owner waiting.
import { AsyncLocalStorage } from "node:async_hooks";
import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";

export const DEVICE_COOKIE = "eportfolio-device";
const MAX_ACCOUNTS = 10;
export const DEVICE_COOKIE_MAX_AGE_SECONDS = 180 * 24 * 3600;
// Sent only to the sign-in page, where its form's server action signs in (app/login/actions.ts).
export const DEVICE_COOKIE_PATH = "/login";

export type Device = { id: string; accounts: string[] };

/** The key next-auth signs sessions with; without one there are no device cookies at all. */
const secret = () => config().NEXTAUTH_SECRET || config().AUTH_SECRET || "";
// Keyed, so the next person at a shared computer cannot test which emails have signed in on it.
const accountKey = (email: string) =>
  createHmac("sha256", secret()).update(`account:${email.trim().toLowerCase()}`).digest("base64url").slice(0, 22);
const sign = (payload: string) => createHmac("sha256", secret()).update(`device:${payload}`).digest("base64url");

/**
 * Who the sign-in request just signed in, as next-auth's authorize() decided it: the route that
 * sets the cookie must not read the email from the request body itself, because its parser and
 * next-auth's could disagree (repeated fields, JSON dressed as a form).
 */
export const signInOutcome = new AsyncLocalStorage<{ email?: string }>();

export function readDevice(cookieHeader: string | null | undefined): Device | null {
  const raw = /(?:^|;\s*)eportfolio-device=([^;]+)/.exec(cookieHeader ?? "")?.[1];
  if (!raw || !secret()) return null;
  const [payload, signature] = raw.split(".");
  if (!payload || !signature) return null;
  const expected = Buffer.from(sign(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const device = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Device;
    return typeof device.id === "string" && Array.isArray(device.accounts) ? device : null;
  } catch {
    return null;
  }
}

/** The device's id if this email has signed in on it before, else null. */
export function knownDeviceFor(device: Device | null, email: string): string | null {
  return device && device.accounts.includes(accountKey(email)) ? device.id : null;
}

/** The cookie value after a successful sign-in of `email` on this device; null without a secret. */
export function rememberAccount(device: Device | null, email: string): string | null {
  if (!secret()) return null;
  const key = accountKey(email);
  const accounts = [key, ...(device?.accounts ?? []).filter((a) => a !== key)].slice(0, MAX_ACCOUNTS);
  const payload = Buffer.from(JSON.stringify({ id: device?.id ?? randomUUID(), accounts })).toString("base64url");
  return `${payload}.${sign(payload)}`;
}
