import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import {
  DEVICE_COOKIE,
  DEVICE_COOKIE_MAX_AGE_SECONDS,
  DEVICE_COOKIE_PATH,
  readDevice,
  rememberAccount,
  signInOutcome,
} from "@/lib/auth/device-cookie";

const handler = NextAuth(authOptions);
type Context = { params: Promise<{ nextauth: string[] }> };

/**
 * After a successful sign-in, the browser also gets the known-device cookie (lib/auth/device-cookie.ts)
 * for the account that authorize() signed in, and only for that one. (This endpoint is for scripts:
 * the sign-in form signs in through its server action, which sets the same cookie.)
 */
async function POST(request: Request, context: Context): Promise<Response> {
  const outcome: { email?: string } = {};
  const response: Response = await signInOutcome.run(outcome, () => handler(request, context));
  const session = response.headers.getSetCookie().find((c) => /^(__Secure-)?next-auth\.session-token=[^;]+/.test(c));
  if (outcome.email && session) {
    const value = rememberAccount(readDevice(request.headers.get("cookie")), outcome.email);
    // Secure exactly when next-auth made the session cookie secure (it knows the site's address).
    const secure = session.startsWith("__Secure-") ? "; Secure" : "";
    if (value)
      response.headers.append(
        "Set-Cookie",
        `${DEVICE_COOKIE}=${value}; Path=${DEVICE_COOKIE_PATH}; Max-Age=${DEVICE_COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`,
      );
  }
  return response;
}

export { handler as GET, POST };
