"use client";
// Client components: each criterion's form opens on request (JudgeCriterion), so the page sends a
// link per criterion, not a form.
import { useState } from "react";
import { ActionForm } from "@/components/action-form";
import type { ActionState } from "@/lib/auth/action";
import { CHECK_LABEL, CHECKS, judgeKey } from "@/lib/domain/assessment/rules";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;

/**
 * Accept or refer back one criterion on one piece of evidence, with the VARCS checks. `expected` is
 * the decision standing when the page was drawn: if someone else decides first, the server refuses.
 */
export function JudgementForm(props: {
  action: Action;
  evidenceId: string;
  specId: string;
  unitRef: string;
  criterion: string;
  expected: string;
}) {
  const id = `j-${props.specId}-${props.unitRef}-${props.criterion}`.replace(/[^A-Za-z0-9-]/g, "-");
  return (
    <ActionForm
      action={props.action}
      label={`Judge unit ${props.unitRef} criterion ${props.criterion}`}
      className="mt-2 rounded bg-slate-50 p-2"
    >
      <input type="hidden" name="evidenceId" value={props.evidenceId} />
      <input type="hidden" name="specId" value={props.specId} />
      <input type="hidden" name="unitRef" value={props.unitRef} />
      <input type="hidden" name="criterion" value={props.criterion} />
      <input type="hidden" name="expected" value={props.expected} />
      <fieldset>
        <legend className="font-medium">Checks (valid, authentic, reliable, current, sufficient)</legend>
        {CHECKS.map((k) => (
          <div key={k} className="flex items-center gap-2">
            <input type="checkbox" id={`${id}-${k}`} name={k} value="yes" />
            <label htmlFor={`${id}-${k}`}>{CHECK_LABEL[k]}</label>
          </div>
        ))}
      </fieldset>
      <label htmlFor={`${id}-note`} className="mt-1 block">
        Note on any check in doubt
      </label>
      <textarea
        id={`${id}-note`}
        name="checksNote"
        rows={2}
        className="w-full max-w-xl rounded border border-slate-500 px-2 py-1"
      />
      <label htmlFor={`${id}-feedback`} className="mt-1 block">
        Feedback to the candidate
      </label>
      <textarea
        id={`${id}-feedback`}
        name="feedback"
        rows={2}
        className="w-full max-w-xl rounded border border-slate-500 px-2 py-1"
      />
      <fieldset className="mt-1">
        <legend className="font-medium">Decision</legend>
        <div className="flex flex-wrap gap-4">
          <span className="flex items-center gap-2">
            <input type="radio" id={`${id}-accept`} name="outcome" value="ACCEPTED" />
            <label htmlFor={`${id}-accept`}>Accept</label>
          </span>
          <span className="flex items-center gap-2">
            <input type="radio" id={`${id}-refer`} name="outcome" value="REFERRED" />
            <label htmlFor={`${id}-refer`}>Refer back</label>
          </span>
        </div>
      </fieldset>
      <button className="mt-1 rounded bg-blue-800 px-3 py-1 text-white">
        Record the decision on {props.unitRef} {props.criterion}
      </button>
    </ActionForm>
  );
}

/** A criterion of the evidence as its form needs it. */
export interface JudgeableCriterion {
  specId: string;
  unitRef: string;
  criterion: string;
  /** The standing decision's id, or "" when none. */
  expected: string;
  simulationProblem: string | null;
}

/**
 * A criterion's judgement form behind a link that shows it (a disclosure): the page lists every
 * criterion mapped to the evidence, often thirty or more, and drawing each one's form in full made
 * the page long to scroll and slow to send. With JavaScript the link opens the form in place;
 * followed as a link (before the page's script has run, or from a bookmark) it asks the server for
 * the page with this criterion's form drawn (`href`, `initiallyOpen`). Sending the form needs
 * JavaScript, as every ActionForm does.
 */
export function JudgeCriterion(props: {
  action: Action;
  evidenceId: string;
  criterion: JudgeableCriterion;
  href: string;
  initiallyOpen: boolean;
}) {
  const c = props.criterion;
  const [open, setOpen] = useState(props.initiallyOpen);
  const panel = `judge-${judgeKey(c)}`.replace(/[^A-Za-z0-9-]/g, "-");
  const label = `${c.expected ? "Change the decision on" : "Judge"} unit ${c.unitRef} criterion ${c.criterion}`;
  return (
    <div className="mt-1">
      {c.simulationProblem && <p className="text-sm font-semibold text-red-800">{c.simulationProblem}</p>}
      <a
        href={`${props.href}#${panel}`}
        aria-expanded={open}
        aria-controls={panel}
        onClick={(event) => {
          event.preventDefault();
          setOpen(!open);
        }}
        className="text-sm text-blue-800 underline"
      >
        {label}
      </a>
      <div id={panel} hidden={!open}>
        {open && (
          <JudgementForm
            action={props.action}
            evidenceId={props.evidenceId}
            specId={c.specId}
            unitRef={c.unitRef}
            criterion={c.criterion}
            expected={c.expected}
          />
        )}
      </div>
    </div>
  );
}

/** Accept every criterion still awaiting judgement on this evidence, with one set of checks. */
export function AcceptAwaitingForm(props: {
  action: Action;
  evidenceId: string;
  specId: string;
  qualification: string;
  criteria: { value: string; label: string }[];
}) {
  const id = `bulk-${props.specId}`;
  return (
    <ActionForm
      action={props.action}
      label={`Accept the criteria of ${props.qualification} awaiting judgement`}
      className="mt-2 rounded border border-green-800 p-2"
    >
      <input type="hidden" name="evidenceId" value={props.evidenceId} />
      <input type="hidden" name="specId" value={props.specId} />
      {props.criteria.map((c) => (
        <input key={c.value} type="hidden" name="criteria" value={c.value} />
      ))}
      <p className="font-medium">
        Accept all {props.criteria.length} criteria of {props.qualification} awaiting judgement:{" "}
        {props.criteria.map((c) => c.label).join(", ")}.
      </p>
      <fieldset>
        <legend>The evidence is:</legend>
        {CHECKS.map((k) => (
          <div key={k} className="flex items-center gap-2">
            <input type="checkbox" id={`${id}-${k}`} name={k} value="yes" />
            <label htmlFor={`${id}-${k}`}>{CHECK_LABEL[k]}</label>
          </div>
        ))}
      </fieldset>
      <label htmlFor={`${id}-feedback`} className="mt-1 block">
        Feedback to the candidate (optional)
      </label>
      <textarea
        id={`${id}-feedback`}
        name="feedback"
        rows={2}
        className="w-full max-w-xl rounded border border-slate-500 px-2 py-1"
      />
      <button className="mt-1 rounded bg-green-800 px-3 py-1 text-white">
        Accept all {props.criteria.length} awaiting
      </button>
    </ActionForm>
  );
}
