"use client";
import Link from "next/link";
import { useActionState } from "react";
import type { ImportState } from "@/app/awarding/catalogue/actions";

/** Upload a specification file; problems come back with their line numbers. */
export function ImportSpecForm({ action }: { action: (state: ImportState, form: FormData) => Promise<ImportState> }) {
  const [state, formAction, pending] = useActionState(action, { ok: false });
  return (
    <form action={formAction} aria-label="Import a specification" aria-busy={pending} className="mt-4">
      <label htmlFor="file" className="block font-medium">
        Specification file (JSON, at most 5 MB)
      </label>
      <input
        id="file"
        name="file"
        type="file"
        accept="application/json,.json"
        required
        aria-describedby="file-hint"
        className="mt-1 block"
      />
      <p id="file-hint" className="text-sm text-slate-700">
        In the format described in docs/catalogue-format.md. Every qualification in the file is imported, or none is.
      </p>
      <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white" disabled={pending}>
        {pending ? "Importing…" : "Import"}
      </button>
      <div role="status" className="mt-3">
        {state.message && <p className={state.ok ? "text-green-800" : "text-red-800"}>{state.message}</p>}
        {state.problems && (
          <ul aria-label="Problems in the file" className="mt-2 list-disc pl-6 font-mono text-sm text-red-900">
            {state.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {state.imported && (
          <ul aria-label="Qualifications imported" className="mt-2 list-disc pl-6">
            {state.imported.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        {state.ok && (
          <p className="mt-2">
            <Link href="/catalogue" className="text-blue-800 underline">
              See the catalogue
            </Link>
          </p>
        )}
      </div>
    </form>
  );
}
