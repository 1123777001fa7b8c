import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { TableRegion } from "@/components/table-region";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/domain/format";
import { parsePage } from "@/lib/domain/pagination";
import { getVerifiedCentreAudit } from "@/lib/server/centre-records";

export const metadata = { title: "Audit trail" };

export default async function EvCentreAuditPage(props: { params: Promise<{ centreId: string }>; searchParams: Promise<{ page?: string }> }) {
  const actor = await requireArea("ev");
  const centreId = idParam((await props.params).centreId);
  const { centre, events } = await orPageError(getVerifiedCentreAudit(actor, centreId, { page: parsePage((await props.searchParams).page) }));
  return (
    <>
      <p className="text-sm"><Link href={`/ev/centres/${centre.id}`} className="text-blue-800 underline">{centre.name}</Link></p>
      <h1 className="mt-2 text-2xl font-semibold">Audit trail: {centre.name}</h1>
      <p className="mt-2 max-w-prose text-slate-700">Every change that matters, newest first. Times are UK time.</p>
      <TableRegion label="Audit trail">
        <table className="mt-4 w-full border-collapse text-left text-sm">
          <caption className="sr-only">Audit events ({events.total})</caption>
          <thead><tr className="border-b border-slate-400"><th scope="col" className="py-2">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">On</th></tr></thead>
          <tbody>
            {events.items.map((e) => (
              <tr key={e.id} className="border-b border-slate-200">
                <td className="py-1">{formatDateTime(e.at)}</td>
                <td>{e.actor}</td>
                <td>{e.action}</td>
                <td className="break-all">{e.subjectType} {e.subjectId}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <Pagination page={events} basePath={`/ev/centres/${centre.id}/audit`} />
    </>
  );
}
