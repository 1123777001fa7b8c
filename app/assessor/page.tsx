import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { TableRegion } from "@/components/table-region";
import { requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { parsePage } from "@/lib/domain/pagination";
import { listCaseloadQueue, listHeldUnits } from "@/lib/server/assessment";
import { caseloadQuerySchema } from "@/lib/validation/assessment";

export const metadata = { title: "My candidates" };

const SORT_LABEL = {
  name: "Name",
  awaiting: "Most evidence awaiting review",
  oldest: "Oldest evidence awaiting review",
  "last-contact": "Longest since last review",
  "next-visit": "Next planned visit",
} as const;
const FILTER_LABEL = {
  all: "All candidates",
  "awaiting-review": "Evidence awaiting review",
  "no-contact-30": "No review for 30 days",
} as const;

export default async function AssessorHome({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireArea("assessor");
  const params = await searchParams;
  const query = caseloadQuerySchema.parse({ q: params.q, sort: params.sort, filter: params.filter });
  const [caseload, held] = await Promise.all([
    listCaseloadQueue(actor, { ...query, page: parsePage(params.page) }),
    listHeldUnits(actor),
  ]);
  const unanswered = held.filter((h) => !h.responded);
  return (
    <>
      <h1 className="text-2xl font-semibold">My candidates</h1>
      <p className="mt-2 text-slate-700">
        {caseload.total} candidate{caseload.total === 1 ? "" : "s"}{" "}
        {query.filter === "all" ? "on your caseload" : `shown: ${FILTER_LABEL[query.filter].toLowerCase()}`}.
      </p>
      {held.length > 0 && (
        <section aria-labelledby="holds-heading" className="mt-4 rounded border border-amber-400 bg-amber-50 p-3">
          <h2 id="holds-heading" className="text-lg font-semibold">
            Units on hold by the internal verifier ({unanswered.length} waiting for your response)
          </h2>
          <p className="text-sm">
            A unit the internal verifier disagreed with does not count until you respond and an internal verifier
            agrees.
          </p>
          <ul className="mt-1 list-disc pl-6">
            {held.map((h) => (
              <li key={h.sampleId}>
                <Link href={`/assessor/candidates/${h.candidateId}#iv-heading`} className="text-blue-800 underline">
                  {h.candidate}, unit {h.unitRef}
                </Link>
                : disagreed on {formatDate(h.decidedAt)}
                {h.responded
                  ? "; you have responded, waiting for the internal verifier"
                  : "; respond on the candidate's page"}
              </li>
            ))}
          </ul>
        </section>
      )}
      <form role="search" aria-label="Find and sort candidates" className="mt-4 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="q" className="block text-sm font-medium">
            Name
          </label>
          <input id="q" name="q" defaultValue={query.q} className="rounded border border-slate-500 px-3 py-1" />
        </div>
        <div>
          <label htmlFor="filter" className="block text-sm font-medium">
            Show
          </label>
          <select
            id="filter"
            name="filter"
            defaultValue={query.filter}
            className="rounded border border-slate-500 px-2 py-1"
          >
            {Object.entries(FILTER_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="sort" className="block text-sm font-medium">
            Sort by
          </label>
          <select id="sort" name="sort" defaultValue={query.sort} className="rounded border border-slate-500 px-2 py-1">
            {Object.entries(SORT_LABEL).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </div>
        <button className="rounded bg-blue-800 px-3 py-1 text-white">Show</button>
      </form>
      {caseload.items.length === 0 ? (
        <p className="mt-4">No candidates match.</p>
      ) : (
        <TableRegion label="Candidates on your caseload">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">Candidates on your caseload, {SORT_LABEL[query.sort].toLowerCase()}</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-2">
                  Name
                </th>
                <th scope="col">Qualification</th>
                <th scope="col">Criteria accepted</th>
                <th scope="col">Units achieved</th>
                <th scope="col">Awaiting review</th>
                <th scope="col">Last review</th>
                <th scope="col">Next visit</th>
                <th scope="col">Overdue actions</th>
              </tr>
            </thead>
            <tbody>
              {caseload.items.map((c) => (
                <tr key={c.id} className="border-b border-slate-200 align-top">
                  <td className="py-2">
                    <Link href={`/assessor/candidates/${c.id}`} className="text-blue-800 underline">
                      {c.name}
                    </Link>
                  </td>
                  <td>{c.qualifications.join(", ") || "Not registered"}</td>
                  <td>
                    {c.criteriaAccepted} of {c.criteriaTotal}
                  </td>
                  <td>
                    {c.unitsAchieved} of {c.unitsTotal}
                  </td>
                  <td>{c.awaiting === 0 ? "None" : `${c.awaiting} (oldest ${formatDate(c.oldestAwaiting!)})`}</td>
                  <td>{c.lastReview ? formatDate(c.lastReview) : "None yet"}</td>
                  <td>{c.nextVisit ? formatDate(c.nextVisit) : "Not planned"}</td>
                  <td>
                    {c.overdueActions > 0 ? <strong className="text-red-800">{c.overdueActions}</strong> : "None"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <Pagination
        page={caseload}
        basePath="/assessor"
        params={{ q: query.q, sort: query.sort, filter: query.filter }}
      />
    </>
  );
}
