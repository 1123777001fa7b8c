// Sensitive actions (verdicts, authorisations, role changes, exports of someone else's data) need
// the password typed in the last REAUTH_MINUTES of the session: a session left open on a shared
// computer, or a stolen cookie, is not enough to make them. Signing in counts as typing it.
import type { Actor } from "../policy";

export const REAUTH_MINUTES = 10;

/** The field in which a sensitive form carries the user's own password, when it asks for it (lib/auth/action.ts). */
export const PASSWORD_CONFIRMATION_FIELD = "currentPassword";

export function passwordIsRecent(actor: Pick<Actor, "passwordAt">, now = new Date()): boolean {
  return (
    actor.passwordAt instanceof Date &&
    now.getTime() - actor.passwordAt.getTime() < REAUTH_MINUTES * 60_000 &&
    actor.passwordAt.getTime() <= now.getTime() + 60_000
  );
}
