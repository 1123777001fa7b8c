import Link from "next/link";
import { AgreementChart } from "@/components/iv/agreement-chart";
import { Pagination } from "@/components/pagination";
import { TableRegion } from "@/components/table-region";
import { parsePage } from "@/lib/domain/pagination";
import { requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { getIvDashboard, SAMPLE_DUE_DAYS } from "@/lib/server/internal-verification";
import { getIvOverview } from "@/lib/server/internal-verification";

export const metadata = { title: "Internal verification" };

const PAGED = ["waitingPage", "actionsPage", "ratesPage", "assessorsPage"] as const;

export default async function IvHome(props: {
  searchParams: Promise<Partial<Record<(typeof PAGED)[number], string>>>;
}) {
  const actor = await requireArea("iv");
  const query = await props.searchParams;
  const pages = Object.fromEntries(PAGED.map((k) => [k, parsePage(query[k])])) as Record<
    (typeof PAGED)[number],
    number
  >;
  const [overview, dashboard] = await Promise.all([getIvOverview(actor, pages), getIvDashboard(actor, pages)]);
  // Each paged list keeps the others' pages in its links.
  const keep = Object.fromEntries(PAGED.map((k) => [k, pages[k] > 1 ? String(pages[k]) : undefined]));
  return (
    <>
      <h1 className="text-2xl font-semibold">Internal verification</h1>
      <p className="mt-2">
        {overview.candidates} {overview.candidates === 1 ? "candidate" : "candidates"};{" "}
        {overview.unassigned === 0 ? "all have an assessor" : `${overview.unassigned} without an assessor`}.
      </p>

      <section aria-labelledby="plans-heading" className="mt-6">
        <h2 id="plans-heading" className="text-xl font-semibold">
          Plans
        </h2>
        {dashboard.plans.length === 0 && (
          <p className="mt-2">
            No sampling plan yet.{" "}
            <Link href="/iv/plans" className="underline">
              Create one
            </Link>
            .
          </p>
        )}
        <ul className="mt-2 space-y-1">
          {dashboard.plans.map((p) => (
            <li key={p.id}>
              <Link href={`/iv/plans/${p.id}`} className="text-blue-800 underline">
                {p.qualification}, {formatDate(p.periodFrom)} to {formatDate(p.periodTo)}
              </Link>
              : {p.sampled} of {p.target} sampled
              <progress
                max={Math.max(1, p.target)}
                value={Math.min(p.sampled, p.target)}
                aria-label={`Plan ${p.qualification} progress`}
                className="ml-2 align-middle"
              />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="due-heading" className="mt-6">
        <h2 id="due-heading" className="text-xl font-semibold">
          Waiting for you
        </h2>
        <p className="text-sm text-slate-700">
          Every sample without a verdict (overdue after {SAMPLE_DUE_DAYS} days), and samples whose assessor has
          responded.
        </p>
        {dashboard.overdue.total === 0 ? (
          <p className="mt-2">Nothing is waiting.</p>
        ) : (
          <p className="mt-2">{dashboard.overdue.total} waiting, oldest first.</p>
        )}
        <ul className="mt-2 list-disc pl-6">
          {dashboard.overdue.items.map((s) => (
            <li key={s.id}>
              <Link href={`/iv/samples/${s.id}`} className="text-blue-800 underline">
                {s.candidate}, unit {s.unitRef}
              </Link>
              :{" "}
              {s.state === "responded"
                ? "the assessor has responded"
                : `sampled ${formatDate(s.selectedAt)}, no verdict yet`}
              {s.overdue && <strong className="text-red-800"> (overdue)</strong>}
            </li>
          ))}
        </ul>
        <Pagination
          page={dashboard.overdue}
          basePath="/iv"
          params={keep}
          param="waitingPage"
          label="Pages of samples waiting"
        />
      </section>

      <section aria-labelledby="actions-heading" className="mt-6">
        <h2 id="actions-heading" className="text-xl font-semibold">
          Open action points by assessor
        </h2>
        {dashboard.actionPoints.total === 0 ? (
          <p className="mt-2">None open.</p>
        ) : (
          <>
            <TableRegion label="Open action points by assessor">
              <table className="w-full border-collapse text-left">
                <caption className="sr-only">Open action points by assessor</caption>
                <thead>
                  <tr className="border-b border-slate-400">
                    <th scope="col" className="py-2">
                      Assessor
                    </th>
                    <th scope="col">Open</th>
                    <th scope="col">Overdue</th>
                  </tr>
                </thead>
                <tbody>
                  {dashboard.actionPoints.items.map((a) => (
                    <tr key={a.assessorId} className="border-b border-slate-200">
                      <td className="py-2">{a.name}</td>
                      <td>{a.open}</td>
                      <td>{a.overdue > 0 ? <strong className="text-red-800">{a.overdue}</strong> : 0}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
            <Pagination
              page={dashboard.actionPoints}
              basePath="/iv"
              params={keep}
              param="actionsPage"
              label="Pages of open action points"
            />
          </>
        )}
      </section>

      <section aria-labelledby="rates-heading" className="mt-6">
        <h2 id="rates-heading" className="text-xl font-semibold">
          Agreement rate by assessor
        </h2>
        {dashboard.rates.total === 0 ? (
          <p className="mt-2">No verdicts in the last twelve months.</p>
        ) : (
          <>
            {dashboard.chart.length < dashboard.rates.total && (
              <p className="mt-2 text-sm text-slate-700">
                The chart shows the {dashboard.chart.length} assessors with the lowest agreement over the twelve months;
                the table gives all {dashboard.rates.total}.
              </p>
            )}
            <AgreementChart months={dashboard.months} rates={dashboard.chart} of={dashboard.rates.total} />
            <TableRegion label="Agreement rate by assessor and month">
              <table className="w-full border-collapse text-left">
                <caption className="sr-only">
                  Agreement rate by assessor and month: verdicts agreeing of all verdicts
                </caption>
                <thead>
                  <tr className="border-b border-slate-400">
                    <th scope="col" className="py-2">
                      Assessor
                    </th>
                    {dashboard.months.map((m) => (
                      <th key={m} scope="col">
                        {m}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {dashboard.rates.items.map((r) => (
                    <tr key={r.assessorId} className="border-b border-slate-200">
                      <th scope="row" className="py-2 font-normal">
                        {r.name}
                      </th>
                      {r.byMonth.map((b) => (
                        <td key={b.month}>{b.total === 0 ? "—" : `${b.rate}% (${b.agreed} of ${b.total})`}</td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
            <Pagination
              page={dashboard.rates}
              basePath="/iv"
              params={keep}
              param="ratesPage"
              label="Pages of the agreement table"
            />
          </>
        )}
      </section>

      <TableRegion label="Assessors and their caseloads">
        <table className="mt-6 w-full border-collapse text-left">
          <caption className="text-left font-semibold">Assessors and their caseloads</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="py-2">
                Assessor
              </th>
              <th scope="col">Candidates</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {overview.assessors.items.map((a) => (
              <tr key={a.id} className="border-b border-slate-200">
                <td className="py-2">
                  {a.name}
                  {a.id === actor.userId ? " (you)" : ""}
                </td>
                <td>{a.caseload}</td>
                <td>{a.active ? "Active" : "Deactivated"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <Pagination
        page={overview.assessors}
        basePath="/iv"
        params={keep}
        param="assessorsPage"
        label="Pages of the assessors table"
      />
    </>
  );
}
