import "server-only";
// The signed session cookie (it holds only the id of a server-side session: decision 0006). next-auth
// is configured with this definition (lib/auth/auth-options.ts), and the sign-in form's server
// action makes the same cookie, so next-auth reads either the same way.
import { encode } from "next-auth/jwt";
import { config, variable } from "@/lib/config";

// next-auth's own rule (secure cookies when the site's address is https), fixed here so both makers
// of the cookie name it alike; NEXTAUTH_URL is always set by scripts/start.ts and the deployment.
const secure = (variable("NEXTAUTH_URL") ?? "").startsWith("https://");

export const SESSION_COOKIE = {
  name: `${secure ? "__Secure-" : ""}next-auth.session-token`,
  options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure },
};
export const USE_SECURE_COOKIES = secure;

/** The cookie's lifetime: the session row's absolute expiry and idle timeout decide within it. */
export const sessionCookieMaxAgeSeconds = () => config().SESSION_MAX_MINUTES * 60;

/**
 * The cookie for a session just started, as next-auth's credentials callback makes it: a JWT of
 * the user (`sub`) and the session id, with next-auth's encoder, secret and lifetime.
 */
export async function sessionCookieFor(signedIn: { userId: string; sessionId: string }) {
  const secret = config().NEXTAUTH_SECRET ?? config().AUTH_SECRET;
  if (!secret) throw new Error("NEXTAUTH_SECRET is not set, so sessions cannot be signed.");
  const maxAge = sessionCookieMaxAgeSeconds();
  const value = await encode({ token: { sub: signedIn.userId, sessionId: signedIn.sessionId }, secret, maxAge });
  return {
    name: SESSION_COOKIE.name,
    value,
    options: { ...SESSION_COOKIE.options, expires: new Date(Date.now() + maxAge * 1000) },
  };
}
