"use client";
import { useActionState, useEffect, useRef } from "react";
import type { ActionState } from "@/lib/auth/action";
import { MAX_DESCRIPTION_LENGTH, MAX_PLACE_LENGTH, MAX_TITLE_LENGTH } from "@/lib/evidence/limits";
import { METHOD_LABEL, METHODS, type Method } from "@/lib/validation/evidence";

/** The fields this form shows errors beside; any other field's errors go in the summary. */
const FIELDS = ["title", "description", "activityDate", "method", "place"];

type Values = { title: string; description: string; activityDate: string; method: string; place: string };

/** Title, description, date and method of a piece of evidence; a rejected form keeps what was typed. */
export function EvidenceForm(props: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  initial?: Values & { evidenceId: string };
  submitLabel: string;
  today: string;
  /** The methods offered (all of them unless given). */
  methods?: readonly Method[];
  /** Extra fields the action needs, such as the candidate an assessor records evidence for. */
  hidden?: Record<string, string>;
  /** More fields, after the standard ones. */
  children?: React.ReactNode;
}) {
  const [state, formAction, pending] = useActionState(props.action, { ok: false });
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.message && !state.ok) summary.current?.focus();
  }, [state]);
  const values = (state.values as Values | undefined) ?? props.initial;
  const error = (name: string) => state.fieldErrors?.[name];
  const described = (name: string, hint?: boolean) =>
    [hint && `${name}-hint`, error(name) && `${name}-error`].filter(Boolean).join(" ") || undefined;
  return (
    <form
      action={formAction}
      key={JSON.stringify(state.values ?? {})}
      className="mt-4 space-y-4"
      noValidate
      aria-label="Evidence details"
    >
      {props.initial && <input type="hidden" name="evidenceId" value={props.initial.evidenceId} />}
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state.message && !state.ok && (
        <div
          ref={summary}
          tabIndex={-1}
          role="alert"
          className="rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900"
        >
          {state.message}
          {Object.entries(state.fieldErrors ?? {})
            .filter(([field]) => !FIELDS.includes(field))
            .flatMap(([, messages]) => messages)
            .map((m) => ` ${m}`)}
        </div>
      )}
      {state.ok && state.message && (
        <p role="status" className="text-green-800">
          {state.message}
        </p>
      )}
      <div>
        <label htmlFor="title" className="block font-medium">
          Title
        </label>
        {error("title") && (
          <p id="title-error" className="text-sm text-red-800">
            {error("title")!.join(" ")}
          </p>
        )}
        <input
          id="title"
          name="title"
          defaultValue={values?.title}
          maxLength={MAX_TITLE_LENGTH + 50}
          aria-invalid={error("title") ? true : undefined}
          aria-describedby={described("title")}
          className="mt-1 w-full max-w-xl rounded border border-slate-500 px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor="description" className="block font-medium">
          What it shows
        </label>
        <p id="description-hint" className="text-sm text-slate-600">
          Optional. Up to {MAX_DESCRIPTION_LENGTH} characters.
        </p>
        {error("description") && (
          <p id="description-error" className="text-sm text-red-800">
            {error("description")!.join(" ")}
          </p>
        )}
        <textarea
          id="description"
          name="description"
          rows={4}
          defaultValue={values?.description}
          aria-invalid={error("description") ? true : undefined}
          aria-describedby={described("description", true)}
          className="mt-1 w-full max-w-xl rounded border border-slate-500 px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor="activityDate" className="block font-medium">
          Date of the activity
        </label>
        {error("activityDate") && (
          <p id="activityDate-error" className="text-sm text-red-800">
            {error("activityDate")!.join(" ")}
          </p>
        )}
        <input
          id="activityDate"
          name="activityDate"
          type="date"
          max={props.today}
          defaultValue={values?.activityDate}
          aria-invalid={error("activityDate") ? true : undefined}
          aria-describedby={described("activityDate")}
          className="mt-1 rounded border border-slate-500 px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor="method" className="block font-medium">
          Assessment method
        </label>
        {error("method") && (
          <p id="method-error" className="text-sm text-red-800">
            {error("method")!.join(" ")}
          </p>
        )}
        <select
          id="method"
          name="method"
          defaultValue={values?.method ?? ""}
          aria-invalid={error("method") ? true : undefined}
          aria-describedby={described("method")}
          className="mt-1 max-w-full rounded border border-slate-500 px-3 py-2"
        >
          <option value="" disabled>
            Choose a method
          </option>
          {(props.methods ?? METHODS).map((m) => (
            <option key={m} value={m}>
              {METHOD_LABEL[m]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="place" className="block font-medium">
          Where it took place
        </label>
        <p id="place-hint" className="text-sm text-slate-600">
          Workplace or site. Required for simulation: say which realistic working environment it was.
        </p>
        {error("place") && (
          <p id="place-error" className="text-sm text-red-800">
            {error("place")!.join(" ")}
          </p>
        )}
        <input
          id="place"
          name="place"
          defaultValue={values?.place}
          maxLength={MAX_PLACE_LENGTH + 50}
          aria-invalid={error("place") ? true : undefined}
          aria-describedby={described("place", true)}
          className="mt-1 w-full max-w-xl rounded border border-slate-500 px-3 py-2"
        />
      </div>
      {props.children}
      <button
        type="submit"
        disabled={pending}
        className="rounded bg-blue-800 px-4 py-2 font-semibold text-white disabled:opacity-60"
      >
        {pending ? "Saving…" : props.submitLabel}
      </button>
    </form>
  );
}
