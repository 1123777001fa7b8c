import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { DEVICE_COOKIE, DEVICE_COOKIE_MAX_AGE_SECONDS, readDevice, rememberAccount } from "@/lib/auth/device-cookie";

const handler = NextAuth(authOptions);
type Context = { params: Promise<{ nextauth: string[] }> };

/** After a successful sign-in, the browser also gets the known-device cookie (lib/auth/device-cookie.ts). */
async function POST(request: Request, context: Context): Promise<Response> {
  const signingIn = new URL(request.url).pathname.endsWith("/callback/credentials");
  const form = signingIn ? await request.clone().formData().catch(() => null) : null;
  const response: Response = await handler(request, context);
  const email = form?.get("email");
  const signedIn = response.headers.getSetCookie().some((c) => /^(__Secure-)?next-auth\.session-token=[^;]+/.test(c));
  if (signingIn && signedIn && typeof email === "string") {
    const value = rememberAccount(readDevice(request.headers.get("cookie")), email);
    const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
    response.headers.append("Set-Cookie", `${DEVICE_COOKIE}=${value}; Path=/api/auth; Max-Age=${DEVICE_COOKIE_MAX_AGE_SECONDS}; HttpOnly; SameSite=Lax${secure}`);
  }
  return response;
}

export { handler as GET, POST };
