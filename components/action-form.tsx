"use client";
import { useActionState } from "react";
import type { ActionState } from "@/lib/auth/action";

/** A form posting to a server action, announcing its outcome to screen readers. */
export function ActionForm(props: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  label: string;
  children: React.ReactNode;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, { ok: false });
  return (
    <form action={formAction} aria-label={props.label} aria-busy={pending} className={props.className}>
      {props.children}
      <p role="status" className={`mt-2 text-sm ${state.ok ? "text-green-800" : "text-red-800"}`}>
        {state.message}
        {state.fieldErrors && !state.ok ? ` ${Object.values(state.fieldErrors).flat().join(" ")}` : ""}
      </p>
    </form>
  );
}
