import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signInOutcome } from "@/lib/auth/device-cookie";
import { signInRequest, signInWithPassword } from "@/lib/auth/password-sign-in";
import { SESSION_COOKIE, USE_SECURE_COOKIES, sessionCookieMaxAgeSeconds } from "@/lib/auth/session-cookie";
import { safeRedirectPath } from "@/lib/domain/identity/redirect";
import { endSession } from "@/lib/server/identity/internal/sessions";

/** What the signed cookie holds: only the id of a server-side session (lib/server/identity/internal/sessions.ts). */
export interface SessionUser {
  sessionId: string;
}

export const authOptions: NextAuthOptions = {
  // The cookie may outlive nothing: the session row's absolute expiry and idle timeout decide.
  session: { strategy: "jwt", maxAge: sessionCookieMaxAgeSeconds() },
  // The same cookie the sign-in form's server action makes (lib/auth/session-cookie.ts).
  useSecureCookies: USE_SECURE_COOKIES,
  cookies: { sessionToken: SESSION_COOKIE },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      // For scripts (bench:pages); people sign in through the form's server action (app/login/actions.ts).
      // Both go through signInWithPassword: the same throttling, attempt log and audited session start.
      async authorize(credentials, req) {
        const result = await signInWithPassword(credentials, signInRequest(req?.headers));
        // next-auth passes the thrown message to the client as the `error` code.
        if (!result.ok) throw new Error(result.code);
        const outcome = signInOutcome.getStore();
        if (outcome) outcome.email = result.email;
        return { id: result.userId, sessionId: result.sessionId };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.sessionId = (user as unknown as SessionUser).sessionId;
      return token;
    },
    session({ session, token }) {
      // Only the session id: who it is and what they may do is read fresh (lib/server/identity/internal/sessions.ts).
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
