import { ActionForm } from "@/components/action-form";
import { sampleUnitAction } from "@/app/iv/actions";
import { formatDateTime } from "@/lib/domain/format";
import type { listUnitsInProgress } from "@/lib/server/internal-verification";

type Units = Awaited<ReturnType<typeof listUnitsInProgress>>;

/** The units an assessor is judging, not yet signed off, each with a form for an interim sample of some criteria. */
export function InterimUnits({ assessor, units }: { assessor: string; units: Units }) {
  const inProgress = units;
  return (
    <>
      <h3 className="mt-3 font-semibold">
        Units {assessor} is assessing ({inProgress.total})
      </h3>
      {inProgress.total === 0 && (
        <p className="mt-2">None: every unit they judged is signed off or already in an interim sample.</p>
      )}
      <ul className="mt-2 space-y-2">
        {inProgress.items.map((u) => (
          <li key={`${u.candidateId}-${u.specId}-${u.unitRef}`} className="rounded border border-slate-300 p-2">
            <p>
              {u.candidate}, unit {u.unitRef}: {u.criteria.length} criteria judged, last on{" "}
              {formatDateTime(u.lastJudged)}.
            </p>
            {u.own ? (
              <p className="text-sm font-semibold text-red-800">
                You took part in assessing this unit: another internal verifier must verify it.
              </p>
            ) : (
              <ActionForm action={sampleUnitAction} label={`Interim sample of unit ${u.unitRef} of ${u.candidate}`}>
                <input type="hidden" name="candidateId" value={u.candidateId} />
                <input type="hidden" name="specId" value={u.specId} />
                <input type="hidden" name="unitRef" value={u.unitRef} />
                <input type="hidden" name="stage" value="INTERIM" />
                <fieldset>
                  <legend className="text-sm">Criteria to sample (none ticked: every judged criterion)</legend>
                  {u.criteria.map((c) => (
                    <span key={c} className="mr-3 inline-flex items-center gap-1">
                      <input type="checkbox" id={`crit-${u.candidateId}-${u.unitRef}-${c}`} name="criteria" value={c} />
                      <label htmlFor={`crit-${u.candidateId}-${u.unitRef}-${c}`}>{c}</label>
                    </span>
                  ))}
                </fieldset>
                <label htmlFor={`ireason-${u.candidateId}-${u.unitRef}`} className="mr-2">
                  Reason
                </label>
                <input
                  id={`ireason-${u.candidateId}-${u.unitRef}`}
                  name="reason"
                  defaultValue="Interim check during the programme"
                  className="rounded border border-slate-500 px-2 py-1"
                />
                <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">
                  Take an interim sample of unit {u.unitRef} of {u.candidate}
                </button>
              </ActionForm>
            )}
          </li>
        ))}
      </ul>
      {inProgress.total > inProgress.items.length && (
        <p className="mt-2 text-sm">The {inProgress.items.length} most recently judged are shown.</p>
      )}
    </>
  );
}
