import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { TableRegion } from "@/components/table-region";
import { VisitActions, VisitFindings, VisitHeading, VisitSample } from "@/components/ev/visit";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { parsePage } from "@/lib/domain/pagination";
import { drawSample, getVisit, sampleChoices } from "@/lib/server/external-verification";
import { METHOD_LABEL } from "@/lib/validation/evidence";
import { SAMPLE_METHODS, sampleFilterSchema } from "@/lib/validation/external-verification";
import { addToSampleAction, recordFindingAction, setEvActionPointAction } from "../../actions";

export const metadata = { title: "Visit" };

type Search = { assessorId?: string; ivId?: string; unitRef?: string; method?: string; site?: string; page?: string };
const one = (v: unknown) => (typeof v === "string" ? v : "");

/** The EV's visit: draw the sample by assessor, IV, unit, method or site; record findings and actions. */
export default async function EvVisitPage({
  params,
  searchParams,
}: {
  params: Promise<{ visitId: string }>;
  searchParams: Promise<Search>;
}) {
  const actor = await requireArea("ev");
  const visitId = idParam((await params).visitId);
  const visit = await orPageError(getVisit(actor, visitId));
  const search = await searchParams;
  const raw = {
    assessorId: one(search.assessorId),
    ivId: one(search.ivId),
    unitRef: one(search.unitRef),
    method: one(search.method),
    site: one(search.site),
  };
  const filter = sampleFilterSchema.safeParse(raw);
  const page = parsePage(search.page);
  const [choices, drawn] = visit.mayRecord
    ? await Promise.all([
        orPageError(sampleChoices(actor, visitId)),
        filter.success ? orPageError(drawSample(actor, visitId, filter.data, page)) : null,
      ])
    : [null, null];
  const query = (p: number) =>
    `?${new URLSearchParams({ ...Object.fromEntries(Object.entries(raw).filter(([, v]) => v)), page: String(p) })}#draw-heading`;
  return (
    <>
      <p className="text-sm">
        <Link href={`/ev/centres/${visit.centre.id}`} className="text-blue-800 underline">
          {visit.centre.name}
        </Link>
      </p>
      <VisitHeading visit={visit} />
      {choices && (
        <section aria-labelledby="draw-heading" className="mt-6">
          <h2 id="draw-heading" className="text-xl font-semibold">
            Draw the sample
          </h2>
          <p className="text-sm text-slate-700">
            Signed-off units of the centre standing now, newest first. Choose any mix of assessor, internal verifier,
            unit, method and site.
          </p>
          <form method="get" aria-label="Filter the units to sample" className="mt-2 flex flex-wrap items-end gap-3">
            <label className="flex flex-col">
              Assessor
              <select
                name="assessorId"
                defaultValue={raw.assessorId}
                className="rounded border border-slate-500 px-2 py-1"
              >
                <option value="">Any</option>
                {choices.assessors.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col">
              Internal verifier
              <select name="ivId" defaultValue={raw.ivId} className="rounded border border-slate-500 px-2 py-1">
                <option value="">Any</option>
                {choices.ivs.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col">
              Unit
              <input
                name="unitRef"
                defaultValue={raw.unitRef}
                size={6}
                className="rounded border border-slate-500 px-2 py-1"
              />
            </label>
            <label className="flex flex-col">
              Method
              <select name="method" defaultValue={raw.method} className="rounded border border-slate-500 px-2 py-1">
                <option value="">Any</option>
                {SAMPLE_METHODS.map((m) => (
                  <option key={m} value={m}>
                    {METHOD_LABEL[m]}
                  </option>
                ))}
              </select>
            </label>
            <label className="flex flex-col">
              Site (place recorded on evidence)
              <input name="site" defaultValue={raw.site} className="rounded border border-slate-500 px-2 py-1" />
            </label>
            <button className="rounded border border-blue-800 px-3 py-1 text-blue-800">Show units</button>
          </form>
          {!filter.success && (
            <p role="alert" className="mt-2 text-red-800">
              {filter.error.issues.map((i) => i.message).join(" ")}
            </p>
          )}
          {drawn &&
            (drawn.units.length === 0 ? (
              <p className="mt-2">No signed-off units match.</p>
            ) : (
              <ActionForm action={addToSampleAction} label="Add units to the sample" className="mt-2">
                <input type="hidden" name="visitId" value={visit.id} />
                <TableRegion label="Signed-off units matching the filter">
                  <table className="w-full border-collapse text-left">
                    <caption className="sr-only">Signed-off units matching the filter, page {page}</caption>
                    <thead>
                      <tr className="border-b border-slate-400">
                        <th scope="col" className="py-2">
                          Sample
                        </th>
                        <th scope="col">Candidate</th>
                        <th scope="col">Unit</th>
                        <th scope="col">Assessor</th>
                        <th scope="col">IV</th>
                        <th scope="col">Signed off</th>
                      </tr>
                    </thead>
                    <tbody>
                      {drawn.units.map((u) => (
                        <tr key={u.signOffId} className="border-b border-slate-200">
                          <td className="py-1">
                            {u.inSample ? (
                              "In the sample"
                            ) : (
                              <input
                                type="checkbox"
                                name="signOffIds"
                                value={u.signOffId}
                                aria-label={`Sample ${u.candidate}, ${u.qualification} unit ${u.unitRef}`}
                              />
                            )}
                          </td>
                          <td>{u.candidate}</td>
                          <td>
                            {u.qualification} unit {u.unitRef}
                          </td>
                          <td>{u.assessor}</td>
                          <td>{u.iv ?? "not sampled"}</td>
                          <td>{formatDate(u.signedAt)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableRegion>
                <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">
                  Add the units ticked to the sample
                </button>
              </ActionForm>
            ))}
          {drawn && (page > 1 || drawn.hasNext) && (
            <nav aria-label="Pages of units" className="mt-2 flex gap-4">
              {page > 1 && (
                <Link href={query(page - 1)} className="text-blue-800 underline">
                  Previous page
                </Link>
              )}
              {drawn.hasNext && (
                <Link href={query(page + 1)} className="text-blue-800 underline">
                  Next page
                </Link>
              )}
            </nav>
          )}
        </section>
      )}
      <VisitSample
        visit={visit}
        record={visit.mayRecord ? recordFindingAction : undefined}
        candidateHref={(id) => `/ev/candidates/${id}`}
      />
      <VisitFindings visit={visit} record={visit.mayRecord ? recordFindingAction : undefined} />
      <VisitActions visit={visit} set={visit.mayRecord ? setEvActionPointAction : undefined} />
    </>
  );
}
