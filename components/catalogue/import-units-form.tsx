"use client";
import Link from "next/link";
import { useActionState, useEffect, useRef } from "react";
import type { UnitImportState } from "@/app/awarding/units/actions";

/**
 * Upload a CSV or XLSX file of unit content. "Check" is a dry run: it says what each unit would
 * get; "Publish" publishes every unit or, on any bad row, nothing. The result takes the focus.
 */
export function ImportUnitsForm({
  action,
  limits,
}: {
  action: (state: UnitImportState, form: FormData) => Promise<UnitImportState>;
  limits: string;
}) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  const result = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (state.message) result.current?.focus();
  }, [state]);
  return (
    <form action={formAction} aria-label="Import unit content" aria-busy={pending} className="mt-4">
      <label htmlFor="units-file" className="block font-medium">
        Spreadsheet (.xlsx or .csv)
      </label>
      <input
        id="units-file"
        name="file"
        type="file"
        accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        required
        aria-describedby="units-file-hint"
        className="mt-1 block"
      />
      <p id="units-file-hint" className="text-sm text-slate-700">
        {limits}
      </p>
      <div className="mt-2 flex flex-wrap gap-2">
        <button
          name="mode"
          value="dry-run"
          className="rounded border border-blue-800 px-3 py-1 text-blue-800"
          disabled={pending}
        >
          Check (dry run)
        </button>
        <button name="mode" value="publish" className="rounded bg-blue-800 px-3 py-1 text-white" disabled={pending}>
          Publish
        </button>
      </div>
      <div role="status" ref={result} tabIndex={-1} className="mt-3 focus:outline-none">
        {state.message && <p className={state.ok ? "text-green-800" : "text-red-800"}>{state.message}</p>}
        {state.problems && (
          <ul aria-label="Problems in the file" className="mt-2 list-disc pl-6 text-sm text-red-900">
            {state.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {state.plan && (
          <table className="mt-2 w-full border-collapse text-left text-sm">
            <caption className="text-left font-medium">
              {state.dryRun ? "What publishing would do" : "What was published"}
            </caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col">Unit</th>
                <th scope="col">Result</th>
                <th scope="col">Requirements</th>
              </tr>
            </thead>
            <tbody>
              {state.plan.map((p) => (
                <tr key={p.unit} className="border-b border-slate-200">
                  <td>{p.unit}</td>
                  <td>{p.status}</td>
                  <td>{p.detail}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {state.ok && !state.dryRun && (
          <p className="mt-2">
            <Link href="/awarding/units?show=all" className="text-blue-800 underline">
              See every unit
            </Link>
          </p>
        )}
      </div>
    </form>
  );
}
