import { ActionForm } from "@/components/action-form";
import type { ActionState } from "@/lib/auth/action";
import type { Suite } from "@/lib/domain/catalogue/spec";
import { NOT_ASSESSABLE, requirementGroupsFor, requirementName, requirementsFor } from "@/lib/domain/catalogue/content";

type Registration = { spec: { id: string; code: string; title: string }; suite: Suite; units: string[] };

const selectedUnit = (units: string[], ref: string) =>
  units.includes(ref) || units.some((s) => s.startsWith(`${ref}@`));

/**
 * Checkboxes for the criteria of the candidate's units, grouped by unit and outcome. Criteria
 * already judged on this evidence stay mapped: shown checked and fixed, and sent as hidden fields.
 */
export function MappingForms(props: {
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
  evidenceId: string;
  registrations: Registration[];
  /** "specId|unit:criterion" */
  mapped: Set<string>;
  judged: Set<string>;
  whose: "your" | "the candidate's";
}) {
  if (props.registrations.length === 0)
    return <p className="mt-2">Not registered on a qualification yet, so there are no criteria to choose.</p>;
  return (
    <>
      {props.registrations.map((r) => {
        const chosen = r.suite.units.filter((u) => selectedUnit(r.units, u.ref));
        const units = chosen.filter((u) => requirementsFor(u, r.units).length > 0);
        const waiting = chosen.filter((u) => requirementsFor(u, r.units).length === 0);
        return (
          <ActionForm key={r.spec.id} action={props.action} label={`Criteria of ${r.spec.code}`} className="mt-2">
            <input type="hidden" name="evidenceId" value={props.evidenceId} />
            <input type="hidden" name="specId" value={r.spec.id} />
            <p className="font-medium">
              {r.spec.code} {r.spec.title}
            </p>
            {units.length === 0 && (
              <p className="text-sm">
                {props.whose === "your" ? "Your" : "The candidate's"} units of this qualification have no criteria in
                the catalogue.
              </p>
            )}
            {waiting.length > 0 && (
              <p className="text-sm text-amber-900">
                {waiting.map((u) => `Unit ${u.ref}`).join(", ")}: {NOT_ASSESSABLE}
              </p>
            )}
            {units.map((u) => {
              const groups = requirementGroupsFor(u, r.units);
              const count = groups
                .flatMap((o) => o.requirements)
                .filter((c) => props.mapped.has(`${r.spec.id}|${u.ref}:${c.number}`)).length;
              return (
                <details key={u.ref} className="mt-1 rounded border border-slate-300 p-2" open={count > 0}>
                  <summary className="cursor-pointer">
                    Unit {u.ref} {u.title} <span className="text-sm text-slate-700">({count} chosen)</span>
                  </summary>
                  {groups.map((o) => (
                    <fieldset key={o.key} className="mt-2">
                      <legend className="font-medium">
                        {o.short}
                        {o.text && `: ${o.text}`}
                      </legend>
                      {o.requirements.map((c) => {
                        const value = `${u.ref}:${c.number}`;
                        const key = `${r.spec.id}|${value}`;
                        const id = `c-${r.spec.id}-${value}`;
                        const judged = props.judged.has(key);
                        return (
                          <div key={c.number} className="flex items-start gap-2">
                            {judged && <input type="hidden" name="criteria" value={value} />}
                            <input
                              type="checkbox"
                              id={id}
                              name={judged ? undefined : "criteria"}
                              value={value}
                              defaultChecked={props.mapped.has(key)}
                              disabled={judged}
                              className="mt-1"
                              aria-describedby={judged ? `${id}-judged` : undefined}
                            />
                            <label htmlFor={id}>
                              Unit {u.ref} {requirementName(c)}: {c.text}
                            </label>
                            {judged && (
                              <span id={`${id}-judged`} className="text-sm text-slate-700">
                                (judged: stays mapped)
                              </span>
                            )}
                          </div>
                        );
                      })}
                    </fieldset>
                  ))}
                </details>
              );
            })}
            {units.length > 0 && (
              <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Save criteria</button>
            )}
          </ActionForm>
        );
      })}
    </>
  );
}
