"use client";
import { useActionState, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/auth/action";
import { PasswordInForm } from "@/components/reauth/password-fields";
import { RoleCheckboxes } from "./role-checkboxes";

function Field(props: {
  name: string;
  label: string;
  type?: string;
  hint?: string;
  state: ActionState;
  autoComplete?: string;
}) {
  const error = props.state.fieldErrors?.[props.name];
  const value = props.type === "password" ? undefined : (props.state.values?.[props.name] as string | undefined);
  const describedBy =
    [props.hint && `${props.name}-hint`, error && `${props.name}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <div>
      <label htmlFor={props.name} className="block font-medium">
        {props.label}
      </label>
      {props.hint && (
        <p id={`${props.name}-hint`} className="text-sm text-slate-600">
          {props.hint}
        </p>
      )}
      {error && (
        <p id={`${props.name}-error`} className="text-sm text-red-800">
          {error.join(" ")}
        </p>
      )}
      <input
        id={props.name}
        name={props.name}
        type={props.type ?? "text"}
        defaultValue={value}
        autoComplete={props.autoComplete}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        className="mt-1 w-full max-w-md rounded border border-slate-500 px-3 py-2"
      />
    </div>
  );
}

/**
 * A new account: name, email, initial password and, for centre users, roles. Giving an account is
 * a sensitive action: with `askPassword` (the password was typed 10 minutes ago or more) or when
 * the server says so, the form carries the user's own password too.
 */
export function CreateUserForm({
  action,
  withRoles = true,
  submitLabel = "Add user",
  askPassword = false,
}: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  withRoles?: boolean;
  submitLabel?: string;
  askPassword?: boolean;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.message && !state.ok) summary.current?.focus();
  }, [state]);
  return (
    // key: remount after each failed attempt so the returned values refill the fields
    <form action={formAction} key={JSON.stringify(state.values ?? {})} className="space-y-4" noValidate>
      {state.message && !state.ok && (
        <div
          ref={summary}
          tabIndex={-1}
          role="alert"
          className="rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900"
        >
          {state.message}
        </div>
      )}
      <Field name="name" label="Full name" state={state} autoComplete="off" />
      <Field
        name="email"
        label="Email address"
        type="email"
        hint="They sign in with this."
        state={state}
        autoComplete="off"
      />
      <Field
        name="password"
        label="Initial password"
        type="password"
        hint="At least 10 characters. Give it to them securely."
        state={state}
        autoComplete="new-password"
      />
      {withRoles && (
        <RoleCheckboxes
          checked={(state.values?.roles as string[] | undefined) ?? []}
          error={state.fieldErrors?.roles}
        />
      )}
      {withRoles && (
        <Field
          name="dateOfBirth"
          label="Date of birth (candidates)"
          type="date"
          hint="Needed for a candidate: some qualifications have a minimum age."
          state={state}
          autoComplete="off"
        />
      )}
      {(state.reauth ?? askPassword) && (
        <PasswordInForm id="currentPassword" error={state.fieldErrors?.currentPassword} />
      )}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-800 px-4 py-2 font-semibold text-white disabled:opacity-60"
      >
        {pending ? "Adding…" : submitLabel}
      </button>
    </form>
  );
}
