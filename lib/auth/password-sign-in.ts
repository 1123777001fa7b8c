import "server-only";
// Signing in with an email and password, the one way it is done: the sign-in form's server action
// (app/login/actions.ts, with or without JavaScript) and next-auth's credentials endpoint (for
// scripts such as bench:pages) both call this, so throttling, the attempt log and the audited
// session start are the same whichever way the password arrives.
import { CLIENT_ADDRESS_HEADER, UNKNOWN_ADDRESS, clientAddressTrusted } from "./client-address";
import { knownDeviceFor, readDevice } from "./device-cookie";
import { signInSchema } from "./sign-in-schema";
import { authenticate } from "@/lib/server/identity/internal/authenticate";
import { startSession } from "@/lib/server/identity/internal/sessions";

export type PasswordSignIn =
  { ok: true; userId: string; sessionId: string; email: string } | { ok: false; code: string };

/**
 * Set by the app's server from the socket (lib/auth/client-address.ts); never X-Forwarded-For.
 * Without that server in front (`next dev`), a client could send the header itself: unknown then.
 */
export function clientIp(headerValue: unknown): string {
  if (!clientAddressTrusted()) return UNKNOWN_ADDRESS;
  return (typeof headerValue === "string" && headerValue.slice(0, 64)) || UNKNOWN_ADDRESS;
}

/** What the request says about where it comes from: its client address header and its cookies. */
export interface SignInRequest {
  clientAddress: unknown;
  cookieHeader: string | null | undefined;
}

/** Reads the request's headers, whether next-auth's plain object or a Fetch `Headers`. */
export function signInRequest(headers: Headers | Record<string, unknown> | undefined): SignInRequest {
  if (headers instanceof Headers)
    return { clientAddress: headers.get(CLIENT_ADDRESS_HEADER), cookieHeader: headers.get("cookie") };
  const cookie = headers?.cookie;
  return { clientAddress: headers?.[CLIENT_ADDRESS_HEADER], cookieHeader: typeof cookie === "string" ? cookie : null };
}

/**
 * Checks the credentials (throttled, each attempt recorded) and on success starts a server-side
 * session (audited as session.sign-in). A failure is a code the sign-in form words:
 * INVALID_CREDENTIALS, or RATE_LIMITED:<seconds to wait>.
 */
export async function signInWithPassword(credentials: unknown, request: SignInRequest): Promise<PasswordSignIn> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return { ok: false, code: "INVALID_CREDENTIALS" };
  const ip = clientIp(request.clientAddress);
  const device = knownDeviceFor(readDevice(request.cookieHeader), parsed.data.email);
  const result = await authenticate(parsed.data.email, parsed.data.password, ip, device);
  if (!result.ok)
    return {
      ok: false,
      code: result.reason === "RATE_LIMITED" ? `RATE_LIMITED:${result.retryAfterSeconds}` : result.reason,
    };
  const sessionId = await startSession(result.userId, ip === UNKNOWN_ADDRESS ? null : ip);
  return { ok: true, userId: result.userId, sessionId, email: parsed.data.email };
}
