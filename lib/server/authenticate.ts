import "server-only";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { isThrottled, THROTTLE_WINDOW_MINUTES, UNKNOWN_IP } from "@/lib/domain/login-throttle";
import { db } from "./db";

export type AuthenticationResult =
  | { ok: true; userId: string; sessionVersion: number }
  | { ok: false; reason: "INVALID_CREDENTIALS" | "RATE_LIMITED" };

/** Checks an email and password. The caller learns only "signed in", "wrong details" or "wait". */
export async function authenticate(emailInput: string, password: string, ip: string): Promise<AuthenticationResult> {
  const email = emailInput.trim().toLowerCase();
  const since = new Date(Date.now() - THROTTLE_WINDOW_MINUTES * 60_000);
  const [byEmail, byIp] = await Promise.all([
    db().loginAttempt.count({ where: { email, succeeded: false, at: { gte: since } } }),
    // Without a known address every client would share one bucket, and anyone could lock out everyone.
    ip === UNKNOWN_IP ? 0 : db().loginAttempt.count({ where: { ip, succeeded: false, at: { gte: since } } }),
  ]);
  if (isThrottled({ byEmail, byIp })) return { ok: false, reason: "RATE_LIMITED" };

  const user = await db().user.findUnique({ where: { email } });
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  const succeeded = Boolean(user && valid && user.active);
  await db().loginAttempt.create({ data: { email, ip, succeeded } });
  if (!succeeded || !user) return { ok: false, reason: "INVALID_CREDENTIALS" };
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}
