"use client";
import { useActionState, useEffect, useRef, useState, useTransition } from "react";
import type { ActionState } from "@/lib/auth/action";
import { confirmPasswordAction } from "@/app/reauthentication-actions";
import { announce } from "./announcer";
import { PasswordConfirmFields } from "./reauth/password-fields";

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
  /** Set on the password confirmation itself, so it never asks for a confirmation of its own. */
  isConfirmation?: boolean;
}) {
  const form = useRef<HTMLFormElement>(null);
  // Before the script has loaded (or without it) the form posts natively to the server action
  // itself, and the page comes back with its result (useActionState's progressive enhancement);
  // once it has loaded, submitting calls the action here instead, so React keeps what was typed.
  const [posted, formAction, postedPending] = useActionState(props.action, { ok: false });
  const [called, setCalled] = useState<ActionState | null>(null);
  const [calling, startTransition] = useTransition();
  const state = called ?? posted;
  const pending = calling || postedPending;
  useEffect(() => {
    if (state.ok) form.current?.reset();
  }, [state]);
  const submit = async (data: FormData) => {
    const result = await props.action(state, data);
    // A form that its own success removes (the last item of a queue, a unit once countersigned)
    // cannot show the outcome: once the page has re-drawn, the page's announcer says it instead.
    const element = form.current;
    if (result.ok && result.message) {
      const message = result.message;
      setTimeout(() => {
        if (element && !element.isConnected) announce(message);
      }, 400);
    }
    setCalled(result);
  };
  const formElement = (
    <form
      ref={form}
      action={formAction}
      onSubmit={(event) => {
        // Called by hand rather than through the action prop, so React does not reset the fields.
        event.preventDefault();
        const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        startTransition(() => submit(data));
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
  if (!state.reauth || props.isConfirmation) return formElement;
  // A sensitive action refused for want of a recent password: confirm it here (a form of its own,
  // beside this one), then submit this form again. Nothing was changed meanwhile.
  return (
    <>
      {formElement}
      <ActionForm
        action={confirmPasswordAction}
        label="Confirm your password"
        isConfirmation
        className="mt-2 max-w-md rounded border border-amber-400 bg-amber-50 p-3"
      >
        <p className="text-sm">Then submit the form above again.</p>
        <PasswordConfirmFields />
      </ActionForm>
    </>
  );
}
