"use client";
import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Outcome, TextField } from "./form-parts";

/**
 * The witness's statement against each requested criterion (at least one), and the declaration
 * they sign, word for word. What they typed comes back if the server refuses it.
 */
export function SignTestimonyForm(props: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  requestId: string;
  criteria: { key: string; unitRef: string; number: string; text: string }[];
  declaration: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, { ok: false });
  const id = useId();
  return (
    <form action={formAction} key={JSON.stringify(state.values ?? {})} aria-label="Sign the testimony" noValidate>
      <input type="hidden" name="requestId" value={props.requestId} />
      <p className="max-w-prose text-slate-700">
        Describe what you saw the candidate do, in your own words, against each criterion you can speak to. Leave a
        criterion blank if you did not see it.
      </p>
      {props.criteria.map((c) => (
        <TextField
          key={c.key}
          name={`statement:${c.key}`}
          label={`Unit ${c.unitRef} criterion ${c.number}: ${c.text}`}
          multiline
          state={state}
        />
      ))}
      <div className="mt-4 flex max-w-prose items-start gap-2">
        <input type="checkbox" id={`${id}-declared`} name="declared" value="yes" required className="mt-1" />
        <label htmlFor={`${id}-declared`}>{props.declaration}</label>
      </div>
      <button
        type="submit"
        disabled={pending}
        className="mt-3 rounded bg-green-800 px-3 py-1 text-white disabled:opacity-60"
      >
        {pending ? "Signing…" : "Sign the testimony"}
      </button>
      <Outcome state={state} />
    </form>
  );
}
