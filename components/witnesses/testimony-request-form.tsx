"use client";
import { useActionState, useId } from "react";
import type { ActionState } from "@/lib/auth/action";
import { requirementName } from "@/lib/domain/catalogue/content";
import { Outcome, TextField } from "./form-parts";

export type RequestWitness = {
  id: string;
  name: string;
  organisation: string;
  jobRole: string;
  relationship: string | null;
  problem: string | null;
};
export type RequestQualification = {
  spec: { id: string; code: string; title: string };
  units: {
    ref: string;
    title: string;
    groups: { key: string; label: string; text: string; criteria: { key: string; number: string; text: string }[] }[];
  }[];
};

/**
 * Asks a linked expert witness for testimony about chosen criteria of one qualification. Witnesses
 * who are not approved are listed with their state, and the server says why it refuses them.
 */
export function TestimonyRequestForm(props: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  candidateId: string;
  witnesses: RequestWitness[];
  qualification: RequestQualification;
  evidence: { id: string; label: string }[];
}) {
  const [state, formAction, pending] = useActionState(props.action, { ok: false });
  const id = useId();
  const chosen = new Set((state.values?.criteria as string[] | undefined) ?? []);
  const value = (name: string) =>
    typeof state.values?.[name] === "string" ? (state.values[name] as string) : undefined;
  return (
    <form
      action={formAction}
      key={JSON.stringify(state.values ?? {})}
      aria-label={`Ask for testimony on ${props.qualification.spec.code}`}
      className="mt-2"
      noValidate
    >
      <input type="hidden" name="candidateId" value={props.candidateId} />
      <input type="hidden" name="specId" value={props.qualification.spec.id} />
      <label htmlFor={`${id}-witness`} className="block font-medium">
        Expert witness
      </label>
      <select
        id={`${id}-witness`}
        name="witnessId"
        defaultValue={value("witnessId")}
        className="mt-1 max-w-full rounded border border-slate-500 px-3 py-1"
      >
        {props.witnesses.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name}, {w.jobRole} at {w.organisation}
            {w.relationship ? ` (${w.relationship})` : ""}
            {w.problem ? ": not approved to give testimony" : ""}
          </option>
        ))}
      </select>

      <fieldset className="mt-4">
        <legend className="font-medium">
          Criteria the witness can speak to ({props.qualification.spec.code} {props.qualification.spec.title})
        </legend>
        {props.qualification.units.length === 0 && (
          <p className="text-sm">The units of this registration have no criteria in the catalogue.</p>
        )}
        {props.qualification.units.map((u) => (
          <details
            key={u.ref}
            className="mt-1 rounded border border-slate-300 p-2"
            open={u.groups.some((o) => o.criteria.some((c) => chosen.has(c.key)))}
          >
            <summary className="cursor-pointer">
              Unit {u.ref} {u.title}
            </summary>
            {u.groups.map((o) => (
              <fieldset key={o.key} className="mt-2">
                <legend className="font-medium">
                  {o.label}
                  {o.text && `: ${o.text}`}
                </legend>
                {o.criteria.map((c) => (
                  <div key={c.key} className="flex items-start gap-2">
                    <input
                      type="checkbox"
                      id={`${id}-${c.key}`}
                      name="criteria"
                      value={c.key}
                      defaultChecked={chosen.has(c.key)}
                      className="mt-1"
                    />
                    <label htmlFor={`${id}-${c.key}`}>
                      Unit {u.ref} {requirementName(c)}: {c.text}
                    </label>
                  </div>
                ))}
              </fieldset>
            ))}
          </details>
        ))}
      </fieldset>

      <TextField
        idPrefix={id}
        name="message"
        label="Message to the witness"
        hint="What you would like them to describe: the occasion, when it was, what they saw."
        multiline
        state={state}
      />

      <label htmlFor={`${id}-attachment`} className="mt-3 block font-medium">
        Evidence to show the witness (optional)
      </label>
      <p id={`${id}-attachment-hint`} className="max-w-prose text-sm text-slate-700">
        The witness sees this one piece of submitted evidence with the request, and nothing else of the portfolio.
      </p>
      <select
        id={`${id}-attachment`}
        name="attachmentId"
        defaultValue={value("attachmentId") ?? ""}
        aria-describedby={`${id}-attachment-hint`}
        className="mt-1 max-w-full rounded border border-slate-500 px-3 py-1"
      >
        <option value="">None</option>
        {props.evidence.map((e) => (
          <option key={e.id} value={e.id}>
            {e.label}
          </option>
        ))}
      </select>

      <div>
        <button
          type="submit"
          disabled={pending}
          className="mt-4 rounded bg-blue-800 px-3 py-1 text-white disabled:opacity-60"
        >
          Send the request
        </button>
      </div>
      <Outcome state={state} />
    </form>
  );
}
