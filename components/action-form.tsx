"use client";
import { useActionState, useEffect, useRef, useTransition } from "react";
import type { ActionState } from "@/lib/auth/action";
import { announce } from "./announcer";

/**
 * A form posting to a server action, announcing its outcome to screen readers. A refused form
 * keeps what was typed (React would clear it after any submission); a form that succeeded is
 * cleared, so the next entry starts fresh.
 */
export function ActionForm(props: {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  label: string;
  children: React.ReactNode;
  className?: string;
}) {
  const [state, formAction, pending] = useActionState(props.action, { ok: false });
  const [, startTransition] = useTransition();
  const form = useRef<HTMLFormElement>(null);
  const succeeded = useRef<{ message: string; at: number; path: string } | null>(null);
  useEffect(() => {
    succeeded.current = state.ok && state.message ? { message: state.message, at: Date.now(), path: window.location.pathname } : null;
    if (state.ok) form.current?.reset();
  }, [state]);
  // Removed by its own success (the re-drawn page no longer has it), not by leaving the page: the
  // page's announcer says the outcome instead.
  useEffect(
    () => () => {
      const done = succeeded.current;
      if (done && Date.now() - done.at < 5000 && window.location.pathname === done.path) announce(done.message);
    },
    [],
  );
  return (
    <form
      ref={form}
      action={formAction}
      onSubmit={(event) => {
        // Called by hand rather than through the action prop, so React does not reset the fields.
        event.preventDefault();
        const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        startTransition(() => formAction(data));
      }}
      aria-label={props.label}
      aria-busy={pending}
      className={props.className}
    >
      {props.children}
      <p role="status" className={`mt-2 text-sm ${state.ok ? "text-green-800" : "text-red-800"}`}>
        {state.message}
        {state.fieldErrors && !state.ok ? ` ${Object.values(state.fieldErrors).flat().join(" ")}` : ""}
      </p>
    </form>
  );
}
