import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { UNKNOWN_IP } from "@/lib/domain/login-throttle";
import { signInSchema } from "@/lib/auth/sign-in-schema";
import { authenticate } from "@/lib/server/authenticate";

export interface SessionUser {
  userId: string;
  sessionVersion: number;
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60; // a working day

function clientIp(headers: Record<string, unknown> | undefined): string {
  // Only meaningful behind a proxy that sets it; the per-email limit holds regardless.
  const forwarded = headers?.["x-forwarded-for"];
  return (typeof forwarded === "string" && forwarded.split(",")[0]?.trim().slice(0, 64)) || UNKNOWN_IP;
}

export const authOptions: NextAuthOptions = {
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new Error("INVALID_CREDENTIALS");
        const result = await authenticate(parsed.data.email, parsed.data.password, clientIp(req?.headers));
        // next-auth passes the thrown message to the client as the `error` code.
        if (!result.ok) throw new Error(result.reason);
        return { id: result.userId, sessionVersion: result.sessionVersion };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) {
        token.userId = user.id;
        token.sessionVersion = (user as unknown as SessionUser).sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      // Only the identifiers: roles and names are read fresh from the database (lib/server/actor.ts).
      const user: SessionUser = { userId: token.userId as string, sessionVersion: token.sessionVersion as number };
      return { expires: session.expires, user } as unknown as typeof session;
    },
  },
};
