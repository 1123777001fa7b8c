import type { CreditUnit } from "@/lib/domain/catalogue/spec";

/** One unit: a summary line that opens onto its aim, outcomes, criteria and evidence requirements. */
export function UnitDetails({ unit, facts, open }: { unit: CreditUnit; facts: string; open: boolean }) {
  return (
    <details open={open} className="mt-2 rounded border border-slate-300 p-2">
      <summary className="cursor-pointer">
        <span className="font-medium">
          Unit {unit.ref} {unit.title}
        </span>{" "}
        <span className="text-sm text-slate-700">({facts})</span>
      </summary>
      <div className="mt-2 space-y-2">
        {unit.note && <p className="text-sm">{unit.note}</p>}
        {unit.aim && (
          <p>
            <span className="font-medium">Aim:</span> {unit.aim}
          </p>
        )}
        {!unit.criteriaInSource && (
          <p className="text-sm text-slate-700">
            Criteria not in the source: the handbook lists this unit by title, level and credits only.
          </p>
        )}
        {unit.flags.map((f) => (
          <p key={f.note} className="text-sm text-amber-900">
            Note on the source ({f.about}): {f.note}
          </p>
        ))}
        {unit.outcomes.map((o) => (
          <section key={o.number} aria-label={`Unit ${unit.ref} learning outcome ${o.number}`}>
            <h4 className="font-medium">
              Learning outcome {o.number}: {o.text}
            </h4>
            <ol className="ml-6 list-none">
              {o.criteria.map((c) => (
                <li key={c.number}>
                  <span className="font-mono">{c.number}</span> {c.text}
                </li>
              ))}
            </ol>
          </section>
        ))}
        {unit.evidenceRequirements.length > 0 && (
          <section aria-label={`Unit ${unit.ref} evidence requirements`}>
            <h4 className="font-medium">Evidence requirements</h4>
            <ol className="ml-6 list-none">
              {unit.evidenceRequirements.map((e) => (
                <li key={e.number}>
                  {e.number}. {e.text}
                  {e.items.length > 0 && (
                    <ul className="ml-6 list-none">
                      {e.items.map((i) => (
                        <li key={i.letter}>
                          {i.letter}) {i.text}
                        </li>
                      ))}
                    </ul>
                  )}
                </li>
              ))}
            </ol>
          </section>
        )}
      </div>
    </details>
  );
}
