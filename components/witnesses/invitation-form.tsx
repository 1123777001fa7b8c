"use client";
import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Outcome } from "./form-parts";

/**
 * Creates an invitation link for a witness and shows it once: only its hash is stored, so it
 * cannot be shown again (a new link replaces it).
 */
export function InvitationForm({
  action,
  witnesses,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  witnesses: { id: string; name: string; organisation: string }[];
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const id = useId();
  const link = state.ok && state.created?.path ? `${window.location.origin}${state.created.path}` : null;
  return (
    <form action={formAction} aria-label="Create an invitation link">
      <label htmlFor={`${id}-witness`} className="block font-medium">
        Witness
      </label>
      <select id={`${id}-witness`} name="witnessId" required className="mt-1 rounded border border-slate-500 px-3 py-1">
        {witnesses.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}, {w.organisation}
          </option>
        ))}
      </select>
      <button
        type="submit"
        disabled={pending}
        className="ml-2 rounded bg-blue-800 px-3 py-1 text-white disabled:opacity-60"
      >
        Create an invitation link
      </button>
      <Outcome state={state} />
      {link && (
        <div className="mt-2 max-w-2xl rounded border border-slate-400 bg-white p-3">
          <label htmlFor={`${id}-link`} className="block font-medium">
            Invitation link for {state.created?.name}
          </label>
          <p id={`${id}-link-hint`} className="text-sm text-slate-700">
            Copy it now and send it to the witness: it is shown only this once. It works once, until{" "}
            {state.created?.expires}.
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
