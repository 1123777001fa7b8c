"use client";
import { useActionState, useEffect, useRef, useState } from "react";
import type { SignInState } from "@/app/login/actions";
import { describeWait } from "@/lib/domain/identity/login-throttle";

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

/**
 * Posts to a server action: before its script has loaded (or without JavaScript) the browser sends
 * it as a plain POST and gets the page back with the outcome; afterwards React sends the same
 * action. Either way the password is in the request's body, never in an address.
 */
export function SignInForm({
  action,
  callbackUrl,
}: {
  action: (state: SignInState, form: FormData) => Promise<SignInState>;
  callbackUrl?: string;
}) {
  const [state, formAction, pending] = useActionState(action, {});
  // Empty fields are caught here once the script runs (nothing is sent); the server checks again.
  const [missing, setMissing] = useState(0);
  const errorRef = useRef<HTMLDivElement>(null);
  const code = missing ? "MISSING" : state.error;
  const error = code ? messageFor(code) : null;
  useEffect(() => {
    errorRef.current?.focus();
  }, [state, missing]);

  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        const form = new FormData(event.currentTarget);
        if (String(form.get("email") ?? "").trim() && form.get("password")) return setMissing(0);
        event.preventDefault();
        setMissing((n) => n + 1);
      }}
      noValidate
      className="space-y-4"
    >
      {error && (
        // autoFocus: on the page the server returns to a plain form post, the message has the focus.
        <div
          ref={errorRef}
          tabIndex={-1}
          autoFocus
          role="alert"
          className="rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900"
        >
          {error}
        </div>
      )}
      <input type="hidden" name="callbackUrl" value={callbackUrl ?? ""} />
      <div>
        <label htmlFor="email" className="block font-medium">
          Email address
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={state.email}
          aria-invalid={error ? true : undefined}
          className="mt-1 w-full rounded border border-slate-500 px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor="password" className="block font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={error ? true : undefined}
          className="mt-1 w-full rounded border border-slate-500 px-3 py-2"
        />
      </div>
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-800 px-4 py-2 font-semibold text-white hover:bg-blue-900 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
