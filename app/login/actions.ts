"use server";
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import {
  DEVICE_COOKIE,
  DEVICE_COOKIE_MAX_AGE_SECONDS,
  DEVICE_COOKIE_PATH,
  readDevice,
  rememberAccount,
} from "@/lib/auth/device-cookie";
import { signInRequest, signInWithPassword } from "@/lib/auth/password-sign-in";
import { SESSION_COOKIE, sessionCookieFor } from "@/lib/auth/session-cookie";
import { safeRedirectPath } from "@/lib/domain/identity/redirect";
import { siteUrl } from "@/lib/http/site-url";

/** What a refused sign-in gives back: a code for the form to word, and the email typed (never the password). */
export interface SignInState {
  error?: string;
  email?: string;
}

// Only the shape here; the credentials themselves are checked by signInSchema (lib/auth/sign-in-schema.ts).
const formSchema = z.object({
  email: z.string().trim().catch(""),
  password: z.string().catch(""),
  callbackUrl: z.string().max(2000).catch(""),
});

/**
 * The sign-in form's action, posted by the browser as a plain form (POST, so the password is never
 * in an address) or by React once its script has loaded: one path either way. On success the
 * browser goes to the callbackUrl, only if it is a page of this site.
 */
export async function signInAction(_: SignInState, form: FormData): Promise<SignInState> {
  const input = formSchema.parse({
    email: form.get("email") ?? "",
    password: form.get("password") ?? "",
    callbackUrl: form.get("callbackUrl") ?? "",
  });
  if (!input.email || !input.password) return { error: "MISSING", email: input.email };
  const requestHeaders = await headers();
  const request = signInRequest(requestHeaders);
  const result = await signInWithPassword({ email: input.email, password: input.password }, request);
  if (!result.ok) return { error: result.code, email: input.email };

  const jar = await cookies();
  const session = await sessionCookieFor(result);
  jar.set(session.name, session.value, session.options);
  const device = rememberAccount(readDevice(request.cookieHeader), result.email);
  if (device)
    jar.set(DEVICE_COOKIE, device, {
      path: DEVICE_COOKIE_PATH,
      maxAge: DEVICE_COOKIE_MAX_AGE_SECONDS,
      httpOnly: true,
      sameSite: "lax",
      secure: SESSION_COOKIE.options.secure,
    });
  // Only a path of this site comes back (an absolute address is accepted only for this site's origin).
  redirect(safeRedirectPath(input.callbackUrl, siteUrl()));
}
