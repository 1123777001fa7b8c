"use client";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { describeWait } from "@/lib/domain/login-throttle";
import { safeRedirectPath } from "@/lib/domain/redirect";

const MESSAGES: Record<string, string> = {
  INVALID_CREDENTIALS: "The email address or password is incorrect.",
  MISSING: "Enter your email address and password.",
};

/** "RATE_LIMITED:30" from the server: how long to wait before trying again. */
function messageFor(code: string): string {
  const limited = /^RATE_LIMITED:(\d+)$/.exec(code);
  if (limited) return `Too many failed sign-in attempts. Wait ${describeWait(Number(limited[1]))} and try again.`;
  return MESSAGES[code] ?? MESSAGES.INVALID_CREDENTIALS!;
}

export function SignInForm({ callbackUrl }: { callbackUrl?: string }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const email = String(form.get("email") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const fail = (code: string) => {
      setError(messageFor(code));
      setPending(false);
      requestAnimationFrame(() => errorRef.current?.focus());
    };
    if (!email || !password) return fail("MISSING");
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email, password, redirect: false });
    if (!result || result.error) return fail(result?.error ?? "INVALID_CREDENTIALS");
    // Only somewhere on this site, resolved as the browser will resolve it.
    router.replace(safeRedirectPath(callbackUrl, window.location.origin));
    router.refresh();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {error && (
        <div ref={errorRef} tabIndex={-1} role="alert" className="rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
          {error}
        </div>
      )}
      <div>
        <label htmlFor="email" className="block font-medium">Email address</label>
        <input id="email" name="email" type="email" autoComplete="username" required aria-invalid={error ? true : undefined}
          className="mt-1 w-full rounded border border-slate-500 px-3 py-2" />
      </div>
      <div>
        <label htmlFor="password" className="block font-medium">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required aria-invalid={error ? true : undefined}
          className="mt-1 w-full rounded border border-slate-500 px-3 py-2" />
      </div>
      <button type="submit" disabled={pending} className="rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-60">
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
