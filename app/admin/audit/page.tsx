import { AuditTrail, ChainStatus } from "@/components/audit/audit-trail";
import { orPageError } from "@/lib/auth/page-guard";
import { requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import { getOwnCentreAudit, verifyCentreAuditChain } from "@/lib/server/external-verification";

export const metadata = { title: "Audit trail" };

/** The centre's audit trail, with a check of its hash chain each time the page is opened. */
export default async function AdminAuditPage(props: { searchParams: Promise<{ page?: string; check?: string }> }) {
  const actor = await requireArea("admin");
  const search = await props.searchParams;
  const { events } = await orPageError(getOwnCentreAudit(actor, { page: parsePage(search.page) }));
  // The check walks the whole chain, so it runs when asked for, not on every page of the list.
  const chain = search.check === "1" ? await orPageError(verifyCentreAuditChain(actor, actor.centreId!)) : null;
  return (
    <>
      <h1 className="text-2xl font-semibold">Audit trail</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        Every change that matters, newest first, in UK time. Each event stores the SHA-256 of the one before, so a
        changed, removed or inserted event breaks the chain; the database refuses changes and deletions.{" "}
        <code>npm run audit -- verify</code> runs the same check.
      </p>
      <ChainStatus report={chain} href="/admin/audit?check=1" />
      <AuditTrail events={events} basePath="/admin/audit" />
    </>
  );
}
