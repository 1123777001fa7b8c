"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { Outcome, TextField } from "./form-parts";

/** Puts a witness on the register: who they are and the evidence of their occupational competence. */
export function AddWitnessForm({ action }: { action: (s: ActionState, f: FormData) => Promise<ActionState> }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  return (
    // key: remount after a refusal so the returned values refill the fields
    <form action={formAction} key={JSON.stringify(state.values ?? {})} aria-label="Add a witness" noValidate>
      <TextField name="name" label="Full name" state={state} autoComplete="off" />
      <TextField
        name="email"
        label="Email address"
        type="email"
        hint="They sign in with this, after setting a password from an invitation link."
        state={state}
        autoComplete="off"
      />
      <TextField name="organisation" label="Organisation" state={state} />
      <TextField name="jobRole" label="Job role" state={state} />
      <TextField
        name="occupationalCompetence"
        label="Evidence of occupational competence"
        hint="What shows they are competent in the work they will describe: experience, qualifications, and how you checked them."
        multiline
        state={state}
      />
      <button
        type="submit"
        disabled={pending}
        className="mt-3 rounded bg-blue-800 px-3 py-1 text-white disabled:opacity-60"
      >
        {pending ? "Adding…" : "Add to the register"}
      </button>
      <Outcome state={state} />
    </form>
  );
}
