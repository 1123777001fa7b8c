import "server-only";
import { burnPasswordCheck, verifyPassword } from "@/lib/auth/password";
import { UNKNOWN_ADDRESS } from "@/lib/auth/client-address";
import { retryAfterSeconds, THROTTLE_WINDOW_MINUTES, type RecentFailures } from "@/lib/domain/identity/login-throttle";
import { db } from "@/lib/server/core/internal/db";

export type AuthenticationResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "INVALID_CREDENTIALS" }
  | { ok: false; reason: "RATE_LIMITED"; retryAfterSeconds: number };

type FailureRow = {
  pair_n: bigint;
  pair_last: Date | null;
  email_n: bigint;
  email_last: Date | null;
  ip_n: bigint;
  ip_last: Date | null;
};

/** Every other failed or unchecked attempt in the window, by bucket (lib/domain/identity/login-throttle.ts). */
async function recentFailures(email: string, ip: string, self: bigint, device: string | null): Promise<RecentFailures> {
  const since = new Date(Date.now() - THROTTLE_WINDOW_MINUTES * 60_000);
  if (device) {
    // A browser the account has signed in on before: only this browser's failures for this account
    // count (on a shared computer, one person's typos must not slow the others down).
    const [row] = await db().$queryRaw<{ n: bigint; last: Date | null }[]>`
      SELECT count(*) AS n, max(at) AS last FROM "LoginAttempt"
       WHERE device = ${device} AND email = ${email} AND at >= ${since} AND id <> ${self} AND outcome IN ('pending', 'failed')`;
    return { knownDevice: { count: Number(row?.n ?? 0), lastAt: row?.last ?? null } };
  }
  // Without a known address every client would share one bucket: count by email alone then.
  const byIp = ip !== UNKNOWN_ADDRESS;
  const [row] = await db().$queryRaw<FailureRow[]>`
    SELECT count(*) FILTER (WHERE email = ${email} AND ip = ${ip}) AS pair_n,
           max(at)  FILTER (WHERE email = ${email} AND ip = ${ip}) AS pair_last,
           count(*) FILTER (WHERE email = ${email}) AS email_n,
           max(at)  FILTER (WHERE email = ${email}) AS email_last,
           count(*) FILTER (WHERE ip = ${ip} AND ${byIp}) AS ip_n,
           max(at)  FILTER (WHERE ip = ${ip} AND ${byIp}) AS ip_last
      FROM "LoginAttempt"
     WHERE (email = ${email} OR ip = ${ip}) AND at >= ${since} AND id <> ${self} AND outcome IN ('pending', 'failed')`;
  return {
    accountFromAddress: { count: Number(row?.pair_n ?? 0), lastAt: row?.pair_last ?? null },
    account: { count: Number(row?.email_n ?? 0), lastAt: row?.email_last ?? null },
    address: { count: Number(row?.ip_n ?? 0), lastAt: row?.ip_last ?? null },
  };
}

/**
 * Checks an email and password. The caller learns only "signed in", "wrong details" or "wait".
 * The attempt is recorded (as pending, so it counts) before anything is counted or checked:
 * of many parallel guesses, each sees all the ones recorded before it, so only as many as the
 * threshold reach the password check.
 */
export async function authenticate(
  emailInput: string,
  password: string,
  ip: string,
  knownDevice: string | null = null,
): Promise<AuthenticationResult> {
  const email = emailInput.trim().toLowerCase();
  // Stamped with this server's clock, the one the delays are measured with.
  const attempt = await db().loginAttempt.create({
    data: { email, ip, device: knownDevice, outcome: "pending", at: new Date() },
    select: { id: true },
  });
  const settle = (outcome: "failed" | "succeeded" | "delayed") =>
    db().loginAttempt.update({ where: { id: attempt.id }, data: { outcome } });

  const wait = retryAfterSeconds(await recentFailures(email, ip, attempt.id, knownDevice), new Date());
  if (wait > 0) {
    // Refused unchecked, so it is not a guess and does not lengthen the delay.
    await settle("delayed");
    return { ok: false, reason: "RATE_LIMITED", retryAfterSeconds: wait };
  }
  const user = await db().user.findUnique({ where: { email }, select: { id: true, passwordHash: true, active: true } });
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  const succeeded = Boolean(user && valid && user.active);
  await settle(succeeded ? "succeeded" : "failed");
  if (!succeeded || !user) return { ok: false, reason: "INVALID_CREDENTIALS" };
  return { ok: true, userId: user.id };
}
