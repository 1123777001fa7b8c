import {
  NOT_ASSESSABLE,
  contentAt,
  contentLevels,
  hasAnyContent,
  requirementName,
  type UnitContent,
} from "@/lib/domain/catalogue/content";
import { groupsOf } from "@/lib/domain/catalogue/content";
import type { AreaUnit, CreditUnit } from "@/lib/domain/catalogue/spec";

/** A unit's content at one level, as a candidate reads it: each heading with its requirements. */
export function UnitContentView({ unitRef, content }: { unitRef: string; content: UnitContent }) {
  return (
    <>
      {groupsOf(content).map((g) => (
        <section key={g.key} aria-label={`Unit ${unitRef} ${g.label.toLowerCase()}`}>
          <h4 className="font-medium">
            {g.label}
            {g.text && `: ${g.text}`}
          </h4>
          <ol className="ml-6 list-none">
            {g.requirements.map((c) => (
              <li key={c.number}>
                <span className="font-mono">{c.number}</span>
                {c.kind === "range" && <span className="text-sm text-slate-700"> (range)</span>} {c.text}
                <span className="sr-only"> ({requirementName(c)})</span>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}

/** One unit: a summary line that opens onto its aim, outcomes, criteria and evidence requirements. */
export function UnitDetails({
  unit,
  facts,
  open,
  contentHref,
}: {
  unit: CreditUnit | AreaUnit;
  facts: string;
  open: boolean;
  /** Where the unit's content is shown, when this page leaves it out (a page's cost follows what it shows). */
  contentHref?: string;
}) {
  const levels = contentLevels(unit);
  const assessable = hasAnyContent(unit);
  return (
    <details open={open} id={`unit-${unit.ref}`} className="mt-2 rounded border border-slate-300 p-2">
      <summary className="cursor-pointer">
        <span className="font-medium">
          Unit {unit.ref} {unit.title}
        </span>{" "}
        <span className="text-sm text-slate-700">({facts})</span>
        {!assessable && <span className="block text-sm font-medium text-amber-900">{NOT_ASSESSABLE}</span>}
      </summary>
      <div className="mt-2 space-y-2">
        {unit.note && <p className="text-sm">{unit.note}</p>}
        {unit.aim && (
          <p>
            <span className="font-medium">Aim:</span> {unit.aim}
          </p>
        )}
        {!unit.criteriaInSource && !assessable && (
          <p className="text-sm text-slate-700">
            Criteria not in the source: the handbook lists this unit by title only.
          </p>
        )}
        {unit.flags.map((f) => (
          <p key={f.note} className="text-sm text-amber-900">
            Note on the source ({f.about}): {f.note}
          </p>
        ))}
        {contentHref && assessable && (
          <p>
            <a href={contentHref} className="text-blue-800 underline">
              Show the criteria of unit {unit.ref}
            </a>
          </p>
        )}
        {!contentHref &&
          levels.map((level) => {
            const content = contentAt(unit, level);
            if (!content)
              return levels.length > 1 ? (
                <p key={level}>
                  Level {level}: {NOT_ASSESSABLE}
                </p>
              ) : null;
            return (
              <div key={level}>
                {levels.length > 1 && <h4 className="font-semibold">Level {level}</h4>}
                <UnitContentView unitRef={unit.ref} content={content} />
              </div>
            );
          })}
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
