"use client";
import Link from "next/link";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Outcome, TextField } from "./form-parts";

/** Sets the witness's password from their invitation link, once. */
export function AcceptInvitationForm({
  action,
  token,
  email,
  minLength,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  token: string;
  email: string;
  minLength: number;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  if (state.ok) {
    return (
      <div className="mt-4">
        <p role="status" className="rounded bg-green-50 p-3 text-green-900">
          {state.message}
        </p>
        <p className="mt-4">
          <Link href="/login" className="text-blue-800 underline">
            Sign in
          </Link>
        </p>
      </div>
    );
  }
  return (
    <form action={formAction} aria-label="Set your password" className="mt-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {/* Shows whose password this is, and lets password managers save it under that account. */}
      <label htmlFor="invite-email" className="block font-medium">
        Email address (you sign in with this)
      </label>
      <input
        id="invite-email"
        type="email"
        readOnly
        value={email}
        autoComplete="username"
        className="mt-1 w-full max-w-xl rounded border border-slate-300 bg-slate-100 px-3 py-2"
      />
      <TextField
        name="password"
        type="password"
        label="New password"
        hint={`At least ${minLength} characters. A few unrelated words make a strong one.`}
        autoComplete="new-password"
        state={state}
      />
      <TextField
        name="confirm"
        type="password"
        label="The same password again"
        autoComplete="new-password"
        state={state}
      />
      <button
        type="submit"
        disabled={pending}
        className="mt-4 rounded bg-blue-800 px-4 py-2 font-semibold text-white disabled:opacity-60"
      >
        {pending ? "Saving…" : "Set my password"}
      </button>
      <Outcome state={state} />
    </form>
  );
}
