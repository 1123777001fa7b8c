import Link from "next/link";
import { AuditTrail, ChainStatus } from "@/components/audit/audit-trail";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import { getVerifiedCentreAudit, verifyCentreAuditChain } from "@/lib/server/centre-records";

export const metadata = { title: "Audit trail" };

export default async function EvCentreAuditPage(props: { params: Promise<{ centreId: string }>; searchParams: Promise<{ page?: string; check?: string }> }) {
  const actor = await requireArea("ev");
  const centreId = idParam((await props.params).centreId);
  const search = await props.searchParams;
  const { centre, events } = await orPageError(getVerifiedCentreAudit(actor, centreId, { page: parsePage(search.page) }));
  // The check walks the whole chain, so it runs when asked for, not on every page of the list.
  const chain = search.check === "1" ? await orPageError(verifyCentreAuditChain(actor, centre.id)) : null;
  return (
    <>
      <p className="text-sm"><Link href={`/ev/centres/${centre.id}`} className="text-blue-800 underline">{centre.name}</Link></p>
      <h1 className="mt-2 text-2xl font-semibold">Audit trail: {centre.name}</h1>
      <p className="mt-2 max-w-prose text-slate-700">Every change that matters, newest first. Times are UK time.</p>
      <ChainStatus report={chain} href={`/ev/centres/${centre.id}/audit?check=1`} />
      <AuditTrail events={events} basePath={`/ev/centres/${centre.id}/audit`} />
    </>
  );
}
