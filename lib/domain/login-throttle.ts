// How many failed sign-ins are tolerated before we make the caller wait. Counted per email (stops
// guessing one account's password) and per client address (stops spraying many accounts).
export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 30;
export const UNKNOWN_IP = "unknown";

export interface RecentFailures {
  byEmail: number;
  byIp: number;
}

export function isThrottled(failures: RecentFailures): boolean {
  return failures.byEmail >= MAX_FAILURES_PER_EMAIL || failures.byIp >= MAX_FAILURES_PER_IP;
}
