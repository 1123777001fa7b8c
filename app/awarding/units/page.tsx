import Link from "next/link";
import { TableRegion } from "@/components/table-region";
import { requireArea } from "@/lib/auth/session";
import { listUnitsToAuthor } from "@/lib/server/catalogue";
import { unitListQuerySchema } from "@/lib/validation/unit-content";

export const metadata = { title: "Unit content" };

export default async function UnitsPage(props: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireArea("awarding");
  const query = unitListQuerySchema.parse(await props.searchParams);
  const { units, total, withoutContent } = await listUnitsToAuthor(actor, query);
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">Unit content</h1>
        <Link href="/awarding/units/import" className="rounded bg-blue-800 px-3 py-2 text-white">
          Import units from a spreadsheet
        </Link>
      </div>
      <p className="mt-2 max-w-prose text-slate-700">
        A unit can be assessed once its awarding body has published what a candidate must evidence: learning outcomes
        and assessment criteria (QCF), or elements with performance criteria, range, knowledge and evidence requirements
        (NOS-based NVQ). {withoutContent} of the catalogue&apos;s {total} units have none yet. Units in use come first,
        by how many candidates are registered on them.
      </p>
      <form role="search" aria-label="Find units" className="mt-3 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="unit-q" className="block text-sm font-medium">
            Unit, title, qualification or awarding body
          </label>
          <input id="unit-q" name="q" defaultValue={query.q} className="rounded border border-slate-500 px-3 py-1" />
        </div>
        <div>
          <label htmlFor="unit-show" className="block text-sm font-medium">
            Show
          </label>
          <select
            id="unit-show"
            name="show"
            defaultValue={query.show ?? "missing"}
            className="rounded border border-slate-500 px-2 py-1"
          >
            <option value="missing">Units without content</option>
            <option value="all">Every unit</option>
          </select>
        </div>
        <button className="rounded bg-blue-800 px-3 py-1 text-white">Find</button>
      </form>
      <p role="status" className="mt-2 text-sm text-slate-700">
        {units.length} {units.length === 1 ? "unit" : "units"} shown.
      </p>
      <TableRegion label="Units">
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">Units and whether their content is published</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="py-2">
                Unit
              </th>
              <th scope="col">Awarding body</th>
              <th scope="col">Qualifications</th>
              <th scope="col">Candidates waiting</th>
              <th scope="col">Content</th>
            </tr>
          </thead>
          <tbody>
            {units.map((u) => (
              <tr key={`${u.awardingBody}|${u.suite}|${u.unitRef}`} className="border-b border-slate-200 align-top">
                <th scope="row" className="py-2 pr-2 text-left font-normal">
                  <Link href={`/awarding/units/${u.specId}/${u.unitRef}`} className="text-blue-800 underline">
                    {u.unitRef} {u.title}
                  </Link>
                  {u.draft && <span className="block text-sm">Draft in progress</span>}
                </th>
                <td className="pr-2">{u.awardingBody}</td>
                <td className="pr-2">{u.qualifications.join(", ")}</td>
                <td className="pr-2">{u.candidates}</td>
                <td>
                  {u.levels.map((l) => (
                    <span key={l.level} className="block text-sm">
                      Level {l.level}:{" "}
                      {l.published ? "published" : <span className="text-amber-900">not yet assessable</span>}
                      {l.candidates > 0 && ` (${l.candidates} waiting)`}
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}
