import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { CLIENT_ADDRESS_HEADER, UNKNOWN_ADDRESS, clientAddressTrusted } from "@/lib/auth/client-address";
import { knownDeviceFor, readDevice, signInOutcome } from "@/lib/auth/device-cookie";
import { signInSchema } from "@/lib/auth/sign-in-schema";
import { safeRedirectPath } from "@/lib/domain/redirect";
import { sessionMaxMinutes } from "@/lib/domain/session-lifetime";
import { authenticate } from "@/lib/server/authenticate";
import { endSession, startSession } from "@/lib/server/sessions";

/** What the signed cookie holds: only the id of a server-side session (lib/server/sessions.ts). */
export interface SessionUser {
  sessionId: string;
}

/**
 * Set by the app's server from the socket (lib/auth/client-address.ts); never X-Forwarded-For.
 * Without that server in front (`next dev`), a client could send the header itself: unknown then.
 */
function clientIp(headers: Record<string, unknown> | undefined): string {
  if (!clientAddressTrusted()) return UNKNOWN_ADDRESS;
  const value = headers?.[CLIENT_ADDRESS_HEADER];
  return (typeof value === "string" && value.slice(0, 64)) || UNKNOWN_ADDRESS;
}

export const authOptions: NextAuthOptions = {
  // The cookie may outlive nothing: the session row's absolute expiry and idle timeout decide.
  session: { strategy: "jwt", maxAge: sessionMaxMinutes() * 60 },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new Error("INVALID_CREDENTIALS");
        const ip = clientIp(req?.headers);
        const device = knownDeviceFor(readDevice(req?.headers?.cookie as string | undefined), parsed.data.email);
        const result = await authenticate(parsed.data.email, parsed.data.password, ip, device);
        // next-auth passes the thrown message to the client as the `error` code.
        if (!result.ok) throw new Error(result.reason === "RATE_LIMITED" ? `RATE_LIMITED:${result.retryAfterSeconds}` : result.reason);
        const sessionId = await startSession(result.userId, ip === UNKNOWN_ADDRESS ? null : ip);
        const outcome = signInOutcome.getStore();
        if (outcome) outcome.email = parsed.data.email;
        return { id: result.userId, sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sessionId = (user as unknown as SessionUser).sessionId;
      return token;
    },
    session({ session, token }) {
      // Only the session id: who it is and what they may do is read fresh (lib/server/sessions.ts).
      const user: SessionUser = { sessionId: token.sessionId as string };
      return { expires: session.expires, user } as unknown as typeof session;
    },
    redirect({ url, baseUrl }) {
      return new URL(safeRedirectPath(url, baseUrl), baseUrl).toString();
    },
  },
  events: {
    // Signing out ends the session on the server: a copied cookie stops working at once.
    async signOut({ token }) {
      if (typeof token?.sessionId === "string") await endSession(token.sessionId, "sign-out");
    },
  },
};
