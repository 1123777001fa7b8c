"use client";
import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Outcome } from "@/components/witnesses/form-parts";
import { PasswordInForm } from "@/components/reauth/password-fields";

/**
 * Creates a time-limited sample-pack link for a named EV and shows it once: only its hash is
 * stored, so it cannot be shown again. A sensitive action: with `askPassword` (the password was
 * typed 10 minutes ago or more) or when the server says so, the form carries the user's password.
 */
export function SamplePackForm({
  action,
  maxCandidates,
  maxDays,
  askPassword = false,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  maxCandidates: number;
  maxDays: number;
  askPassword?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const id = useId();
  const link = state.ok ? (state.created?.url ?? null) : null;
  const value = (name: string) => (state.ok ? undefined : (state.values?.[name] as string | undefined));
  return (
    <form action={formAction} aria-label="Create a sample-pack link" className="mt-2 max-w-2xl">
      <label htmlFor={`${id}-ev`} className="block font-medium">
        External verifier&apos;s email address
      </label>
      <input
        id={`${id}-ev`}
        name="evEmail"
        type="email"
        defaultValue={value("evEmail")}
        className="mt-1 w-full rounded border border-slate-500 px-2 py-1"
      />
      <label htmlFor={`${id}-candidates`} className="mt-2 block font-medium">
        Candidates in the pack (email addresses, one per line, at most {maxCandidates})
      </label>
      <textarea
        id={`${id}-candidates`}
        name="candidateEmails"
        rows={4}
        defaultValue={value("candidateEmails")}
        className="mt-1 w-full rounded border border-slate-500 px-2 py-1"
      />
      <label htmlFor={`${id}-days`} className="mt-2 block font-medium">
        Days the link works (1 to {maxDays})
      </label>
      <input
        id={`${id}-days`}
        name="days"
        type="number"
        min={1}
        max={maxDays}
        defaultValue={value("days") ?? "7"}
        className="mt-1 w-24 rounded border border-slate-500 px-2 py-1"
      />
      <label htmlFor={`${id}-note`} className="mt-2 block font-medium">
        Note for the external verifier (optional)
      </label>
      <textarea
        id={`${id}-note`}
        name="note"
        rows={2}
        defaultValue={value("note")}
        className="mt-1 w-full rounded border border-slate-500 px-2 py-1"
      />
      {(state.reauth ?? askPassword) && (
        <div className="mt-2">
          <PasswordInForm id={`${id}-password`} error={state.fieldErrors?.currentPassword} />
        </div>
      )}
      <button
        type="submit"
        disabled={pending}
        className="mt-2 rounded bg-blue-800 px-3 py-1 text-white disabled:opacity-60"
      >
        Create the link
      </button>
      <Outcome state={state} />
      {link && (
        <div className="mt-2 rounded border border-slate-400 bg-white p-3">
          <label htmlFor={`${id}-link`} className="block font-medium">
            Sample-pack link for {state.created?.name}
          </label>
          <p id={`${id}-link-hint`} className="text-sm text-slate-700">
            Copy it now and send it to the external verifier: it is shown only this once. It opens only for them, signed
            in, until {state.created?.expires}.
          </p>
          <input
            id={`${id}-link`}
            readOnly
            value={link}
            aria-describedby={`${id}-link-hint`}
            className="mt-1 w-full rounded border border-slate-500 px-2 py-1 font-mono text-sm"
            onFocus={(e) => e.currentTarget.select()}
          />
        </div>
      )}
    </form>
  );
}
