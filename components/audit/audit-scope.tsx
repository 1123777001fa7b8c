// Choosing whose part of the audit trail to read (an assessor from the list, a candidate by name),
// for IVs and EVs. Plain GET forms: the choice is in the address, so a view can be bookmarked.
import Link from "next/link";

type Person = { id: string; name: string };

export function AuditScopeChooser(props: {
  basePath: string;
  staff: Person[];
  candidates: Person[];
  q?: string;
  assessorId?: string;
}) {
  return (
    <div className="mt-4 flex flex-wrap gap-6">
      <form
        method="get"
        action={props.basePath}
        aria-label="An assessor's audit trail"
        className="flex flex-wrap items-end gap-2"
      >
        <label className="block">
          <span className="block text-sm font-medium">Assessor or internal verifier</span>
          <select
            name="assessor"
            defaultValue={props.assessorId ?? ""}
            className="mt-1 rounded border border-slate-500 px-2 py-1"
          >
            <option value="" disabled>
              Choose a person
            </option>
            {props.staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" className="rounded bg-slate-900 px-3 py-1 text-white">
          Show what they did
        </button>
      </form>
      <form
        method="get"
        action={props.basePath}
        aria-label="Find a candidate"
        className="flex flex-wrap items-end gap-2"
      >
        <label className="block">
          <span className="block text-sm font-medium">Candidate’s name</span>
          <input
            name="q"
            defaultValue={props.q ?? ""}
            maxLength={120}
            className="mt-1 rounded border border-slate-500 px-2 py-1"
          />
        </label>
        <button type="submit" className="rounded border border-slate-500 px-3 py-1">
          Find
        </button>
      </form>
      {props.q !== undefined && props.q !== "" && (
        <div className="basis-full">
          {props.candidates.length === 0 ? (
            <p>No candidate of the centre has a name containing “{props.q}”.</p>
          ) : (
            <ul aria-label="Candidates found" className="flex flex-wrap gap-3">
              {props.candidates.map((c) => (
                <li key={c.id}>
                  <Link href={`${props.basePath}?candidate=${c.id}`} className="text-blue-800 underline">
                    {c.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
