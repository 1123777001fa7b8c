"use client";
// Pieces of the witness forms that keep what was typed when the server refuses it (a long
// statement must not be lost to a missing tick), and say what happened: an alert that takes focus
// on failure, a status line on success.
import { useEffect, useRef } from "react";
import type { ActionState } from "@/lib/auth/action";

const valueOf = (state: ActionState, name: string) => {
  const v = state.values?.[name];
  return typeof v === "string" ? v : undefined;
};

export function Outcome({ state }: { state: ActionState }) {
  const alert = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.message && !state.ok) alert.current?.focus();
  }, [state]);
  const details = state.fieldErrors && !state.ok ? Object.values(state.fieldErrors).flat() : [];
  return (
    <>
      {state.message && !state.ok && (
        <div
          ref={alert}
          tabIndex={-1}
          role="alert"
          className="mt-2 rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900"
        >
          <p>{state.message}</p>
          {details.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p role="status" className="mt-2 text-sm text-green-800">
        {state.ok ? state.message : ""}
      </p>
    </>
  );
}

export function TextField(props: {
  name: string;
  label: string;
  state: ActionState;
  hint?: string;
  type?: string;
  autoComplete?: string;
  multiline?: boolean;
  required?: boolean;
  defaultValue?: string;
  /** For pages with several forms of the same kind, so ids stay unique. */
  idPrefix?: string;
}) {
  const id = `${props.idPrefix ?? "field"}-${props.name.replace(/[^A-Za-z0-9_-]/g, "-")}`;
  const error = props.state.fieldErrors?.[props.name];
  const describedBy = [props.hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const common = {
    id,
    name: props.name,
    defaultValue: props.type === "password" ? undefined : (valueOf(props.state, props.name) ?? props.defaultValue),
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy,
    required: props.required,
    className: "mt-1 w-full max-w-xl rounded border border-slate-500 px-3 py-2",
  };
  return (
    <div className="mt-3">
      <label htmlFor={id} className="block font-medium">
        {props.label}
      </label>
      {props.hint && (
        <p id={`${id}-hint`} className="max-w-prose text-sm text-slate-700">
          {props.hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-800">
          {error.join(" ")}
        </p>
      )}
      {props.multiline ? (
        <textarea rows={4} {...common} />
      ) : (
        <input type={props.type ?? "text"} autoComplete={props.autoComplete} {...common} />
      )}
    </div>
  );
}
