// How long a signed-in session lives (decision 0006, OWASP ASVS 5.0 V7.3). Two clocks, both kept on
// the server: an absolute lifetime from sign-in that no activity extends, and an idle timeout.
// The minutes are configuration (SESSION_MAX_MINUTES, SESSION_IDLE_MINUTES in lib/config), passed in.

/** Without a request for this long the session ends (NIST SP 800-63B AAL2: 30 minutes); lib/config's default. */
export const DEFAULT_SESSION_IDLE_MINUTES = 30;
/** lastSeenAt is written at most this often, so reading pages does not write on every request. */
export const SESSION_TOUCH_SECONDS = 60;

export type SessionVerdict = "live" | "ended" | "expired" | "idle";

export function sessionVerdict(
  session: { expiresAt: Date; lastSeenAt: Date; endedAt: Date | null },
  now: Date,
  idleMinutes = DEFAULT_SESSION_IDLE_MINUTES,
): SessionVerdict {
  if (session.endedAt) return "ended";
  if (now >= session.expiresAt) return "expired";
  if (now.getTime() - session.lastSeenAt.getTime() >= idleMinutes * 60_000) return "idle";
  return "live";
}
