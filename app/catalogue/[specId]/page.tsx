import Link from "next/link";
import { TableRegion } from "@/components/table-region";
import { UnitDetails } from "@/components/catalogue/unit-details";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireActor } from "@/lib/auth/session";
import { describeRules } from "@/lib/domain/catalogue/combination";
import { unitMatches } from "@/lib/domain/catalogue/search";
import { contentAt, contentLevels, hasAnyContent } from "@/lib/domain/catalogue/content";
import type { AreaUnit, CreditUnit } from "@/lib/domain/catalogue/spec";
import { getQualification } from "@/lib/server/catalogue";
import { catalogueQuerySchema } from "@/lib/validation/registration";

export const metadata = { title: "Qualification" };

/** "Levels 1, 2" (a link to the content) or the honest status of an area with nothing to assess against. */
function contentStatus(u: AreaUnit, specId: string | null) {
  const published = contentLevels(u).filter((l) => contentAt(u, l) !== null);
  if (published.length === 0) return <span className="text-amber-900">Not yet assessable</span>;
  const text = `Level ${published.join(", ")}`;
  return specId ? (
    <a
      href={`/catalogue/${specId}?unit=${u.ref}#unit-${u.ref}`}
      className="text-blue-800 underline"
      aria-label={`Criteria of ${u.ref}: ${text}`}
    >
      {text}
    </a>
  ) : (
    text
  );
}

export default async function QualificationPage(props: {
  params: Promise<{ specId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const spec = await orPageError(getQualification(actor, idParam((await props.params).specId)));
  const search = await props.searchParams;
  const { q, unit: opened } = catalogueQuerySchema.parse({ q: search.q, unit: search.unit });
  // Each unit's content is shown when it is searched for or opened: not every unit's on every visit.
  const contentHref = (ref: string) =>
    q || opened === ref ? undefined : `/catalogue/${spec.id}?unit=${encodeURIComponent(ref)}#unit-${ref}`;
  const { suite } = spec;
  const qualification = suite.qualifications[0]!;
  const matching = (ref: string) => {
    const unit = suite.units.find((u) => u.ref === ref);
    return unit && (!q || unitMatches(unit, q)) ? unit : null;
  };
  const flags = [...qualification.flags, ...suite.flags];
  const shown = suite.units.filter((u) => !q || unitMatches(u, q));
  return (
    <>
      <p className="text-sm">
        <Link href="/catalogue" className="text-blue-800 underline">
          All qualifications
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{spec.title}</h1>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-slate-800">
        <dt className="font-medium">Number</dt>
        <dd>{spec.code}</dd>
        <dt className="font-medium">Awarding body</dt>
        <dd>{spec.awardingBody}</dd>
        <dt className="font-medium">Level</dt>
        <dd>{spec.level}</dd>
        {qualification.accreditationNumber && (
          <>
            <dt className="font-medium">Accreditation number</dt>
            <dd>{qualification.accreditationNumber}</dd>
          </>
        )}
        <dt className="font-medium">Specification version</dt>
        <dd>{spec.version}</dd>
        <dt className="font-medium">Sources</dt>
        <dd>
          {suite.sources
            .map((s) => [s.title, s.version && `version ${s.version}`, s.published].filter(Boolean).join(", "))
            .join("; ")}
        </dd>
        <dt className="font-medium">SHA-256</dt>
        <dd className="break-all font-mono text-xs">{spec.sha256}</dd>
      </dl>
      <p className="mt-2">
        <a href={`/api/catalogue/${spec.id}`} className="text-blue-800 underline" download>
          Download the specification (JSON)
        </a>
      </p>

      <section aria-labelledby="rules-heading" className="mt-6">
        <h2 id="rules-heading" className="text-xl font-semibold">
          Rules of combination
        </h2>
        <ul className="mt-2 list-disc pl-6">
          {describeRules(suite, spec.code).map((rule) => (
            <li key={rule}>{rule}</li>
          ))}
        </ul>
      </section>

      {flags.length > 0 && (
        <section aria-labelledby="flags-heading" className="mt-6">
          <h2 id="flags-heading" className="text-xl font-semibold">
            Notes on the sources
          </h2>
          <p className="text-sm text-slate-700">Oddities in the published documents, kept as published.</p>
          <ul className="mt-2 list-disc pl-6">
            {flags.map((f) => (
              <li key={`${f.about}${f.note}`}>
                <strong>{f.about}:</strong> {f.note}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="units-heading" className="mt-6">
        <h2 id="units-heading" className="text-xl font-semibold">
          Units
        </h2>
        <form role="search" aria-label="Search units" className="mt-2 flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="unit-q" className="block text-sm font-medium">
              Unit number, title or criterion text
            </label>
            <input id="unit-q" name="q" defaultValue={q} className="rounded border border-slate-500 px-3 py-1" />
          </div>
          <button className="rounded bg-blue-800 px-3 py-1 text-white">Search units</button>
          {q && (
            <Link href={`/catalogue/${spec.id}`} className="text-blue-800 underline">
              Show all units
            </Link>
          )}
        </form>
        <p role="status" className="mt-2 text-sm text-slate-700">
          {q ? `${shown.length} of ${suite.units.length} units match “${q}”.` : `${suite.units.length} units.`}
        </p>

        {suite.scheme === "credit" && "groups" in qualification ? (
          qualification.groups.map((group) => {
            const units = group.units.map(matching).filter((u): u is CreditUnit => u !== null && "credits" in u);
            if (units.length === 0) return null;
            return (
              <section key={group.id} aria-labelledby={`group-${group.id}`} className="mt-4">
                <h3 id={`group-${group.id}`} className="text-lg font-semibold">
                  {group.name}
                </h3>
                {units.map((u) => (
                  <UnitDetails
                    key={u.ref}
                    unit={u}
                    open={Boolean(q) || opened === u.ref}
                    contentHref={contentHref(u.ref)}
                    facts={`Level ${u.level} · ${u.credits} credits · ${u.glh ?? "?"} GLH · UAN ${u.uan}`}
                  />
                ))}
              </section>
            );
          })
        ) : (
          <TableRegion label="Areas of competence">
            <table className="w-full border-collapse text-left">
              <caption className="sr-only">
                Areas of competence and unit values by level (L2: 20 is 20 unit values at level 2)
              </caption>
              <thead>
                <tr className="border-b border-slate-400">
                  <th scope="col" className="py-2">
                    Area
                  </th>
                  <th scope="col">Title</th>
                  <th scope="col">Unit value by level</th>
                  <th scope="col">List</th>
                  <th scope="col">Criteria published</th>
                </tr>
              </thead>
              <tbody>
                {(shown as AreaUnit[]).map((u) => (
                  <tr key={u.ref} className="border-b border-slate-200 align-top">
                    <th scope="row" className="py-2 pr-2 text-left">
                      {u.ref}
                    </th>
                    <td className="pr-2">
                      {u.title}
                      {u.aim && <span className="block text-sm text-slate-700">{u.aim}</span>}
                      {u.flags.map((f) => (
                        <span key={f.note} className="block text-sm text-amber-900">
                          Note ({f.about}): {f.note}
                        </span>
                      ))}
                    </td>
                    <td className="pr-2">
                      {Object.entries(u.values)
                        .map(([l, v]) => `L${l}: ${v}`)
                        .join(", ")}
                    </td>
                    <td>
                      {u.restricted ? "Restricted" : "General"}
                      {u.requiresCentreApproval ? "; centre approval needed" : ""}
                    </td>
                    <td>{contentStatus(u, hasAnyContent(u) && opened !== u.ref && !q ? spec.id : null)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        {suite.scheme === "unitValue" &&
          (shown as AreaUnit[])
            .filter((u) => hasAnyContent(u) && (Boolean(q) || opened === u.ref))
            .map((u) => (
              <UnitDetails
                key={u.ref}
                unit={u}
                open
                facts={`Unit values ${Object.entries(u.values)
                  .map(([l, v]) => `level ${l}: ${v}`)
                  .join(", ")}`}
              />
            ))}
      </section>
    </>
  );
}
