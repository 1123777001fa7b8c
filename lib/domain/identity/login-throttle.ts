// Sign-in throttling by progressive delays, not lock-outs: after a few failures each further
// attempt must wait longer (2 s, 4 s, 8 s … up to a cap). Three buckets, so that guessing is slow
// but nobody can lock someone else out on purpose:
//  - one account from one address: the guesser's own bucket, capped at 15 minutes;
//  - one account from anywhere: stops guessing from many addresses, capped at 1 minute, so an
//    attacker elsewhere can delay the real user by a minute at most, never lock them out;
//  - one address for any account: stops spraying many accounts, capped at 1 minute, so a
//    college's shared address stays usable.
// An attacker who keeps failing can still keep those shared buckets waiting. So a browser on which
// the account has signed in before (a signed device cookie, lib/auth/device-cookie.ts) is
// throttled by its own bucket instead, which only its own failures fill (OWASP's device cookies).
export const THROTTLE_WINDOW_MINUTES = 15;

export type Bucket = "accountFromAddress" | "account" | "address" | "knownDevice";
export const THROTTLE_RULES: Record<Bucket, { threshold: number; maxDelaySeconds: number }> = {
  accountFromAddress: { threshold: 5, maxDelaySeconds: 15 * 60 },
  account: { threshold: 10, maxDelaySeconds: 60 },
  address: { threshold: 30, maxDelaySeconds: 60 },
  knownDevice: { threshold: 5, maxDelaySeconds: 15 * 60 },
};

/** Failed (or still unchecked) attempts in the window, and when the latest was made; buckets left out do not apply. */
export type RecentFailures = Partial<Record<Bucket, { count: number; lastAt: Date | null }>>;

/** The wait after `count` failures: none below the threshold, then doubling up to the cap. */
export function delaySeconds(count: number, rule: { threshold: number; maxDelaySeconds: number }): number {
  if (count < rule.threshold) return 0;
  return Math.min(2 ** Math.min(count - rule.threshold + 1, 30), rule.maxDelaySeconds);
}

/** Seconds the caller must still wait before this attempt is checked; 0 means go ahead. */
export function retryAfterSeconds(failures: RecentFailures, now: Date): number {
  let wait = 0;
  for (const bucket of Object.keys(failures) as Bucket[]) {
    const { count, lastAt } = failures[bucket]!;
    const delay = delaySeconds(count, THROTTLE_RULES[bucket]);
    if (!delay || !lastAt) continue;
    wait = Math.max(wait, delay - (now.getTime() - lastAt.getTime()) / 1000);
  }
  return Math.max(0, Math.ceil(wait));
}

/** "30 seconds", "2 minutes": for the sign-in form's message. */
export function describeWait(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, seconds)} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
