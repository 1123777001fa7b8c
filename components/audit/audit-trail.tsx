// A centre's audit trail, a page at a time, with the check of its hash chain (decision 0014).
import { Pagination } from "@/components/pagination";
import { TableRegion } from "@/components/table-region";
import { formatDateTime } from "@/lib/domain/format";
import type { ChainReport } from "@/lib/audit/chain";
import type { Page } from "@/lib/domain/pagination";

type Events = Page<{ id: string; at: Date; actor: string; action: string; subjectType: string; subjectId: string }>;

export function ChainStatus({ report, href }: { report: ChainReport | null; href: string }) {
  if (!report) {
    return (
      <p className="mt-3">
        <a href={href} className="rounded border border-blue-800 px-3 py-1 text-blue-800">
          Check the whole chain now
        </a>
      </p>
    );
  }
  return report.firstBreak ? (
    <p role="alert" className="mt-3 rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900">
      The audit trail has been tampered with: the chain breaks at event {report.firstBreak.id} (
      {formatDateTime(report.firstBreak.at)}), because {report.firstBreak.reason}.
    </p>
  ) : (
    <p className="mt-3 rounded border-l-4 border-green-700 bg-green-50 p-3 text-green-900">
      Chain checked just now: all {report.events} events are intact, each linked to the one before by its SHA-256.
    </p>
  );
}

export function AuditTrail({
  events,
  basePath,
  params,
}: {
  events: Events;
  basePath: string;
  params?: Record<string, string | undefined>;
}) {
  return (
    <>
      <TableRegion label="Audit trail">
        <table className="mt-4 w-full border-collapse text-left text-sm">
          <caption className="sr-only">Audit events ({events.total})</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="py-2">
                When
              </th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">On</th>
            </tr>
          </thead>
          <tbody>
            {events.items.map((e) => (
              <tr key={e.id} className="border-b border-slate-200">
                <td className="py-1">{formatDateTime(e.at)}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td className="break-all">
                  {e.subjectType} {e.subjectId}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <Pagination page={events} basePath={basePath} params={params} />
    </>
  );
}
