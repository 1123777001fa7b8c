import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { PeopleSection } from "@/components/people-list";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import { DirectClaimsSection } from "@/components/claims/direct-claims";
import { listDirectClaims } from "@/lib/server/centre-approvals";
import { getVerifiedCentre } from "@/lib/server/verification";
import { directClaimsAction } from "@/app/direct-claims-actions";

export const metadata = { title: "Centre" };

export default async function EvCentrePage(props: { params: Promise<{ centreId: string }>; searchParams: Promise<{ page?: string }> }) {
  const actor = await requireArea("ev");
  const centreId = idParam((await props.params).centreId);
  const { centre, assessors, candidates } = await orPageError(getVerifiedCentre(actor, centreId, parsePage((await props.searchParams).page)));
  const direct = await listDirectClaims(actor, centre.id);
  return (
    <>
      <h1 className="text-2xl font-semibold">{centre.name}</h1>
      <p className="mt-2 text-slate-700">Centre {centre.code}. Read-only, except that you can withdraw its direct claims status.</p>
      <ul className="mt-2 flex flex-wrap gap-x-6">
        <li><Link href={`/ev/centres/${centre.id}/witnesses`} className="text-blue-800 underline">Expert witness register</Link></li>
        <li><Link href={`/ev/centres/${centre.id}/competence`} className="text-blue-800 underline">Staff competence</Link></li>
        <li><Link href={`/ev/centres/${centre.id}/audit`} className="text-blue-800 underline">Audit trail</Link></li>
      </ul>
      <section aria-labelledby="assessors" className="mt-6">
        <h2 id="assessors" className="text-xl font-semibold">Assessors</h2>
        <ul className="list-disc pl-6">
          {assessors.map((a) => <li key={a.id}>{a.name}: {a.caseload} candidates</li>)}
        </ul>
      </section>
      <DirectClaimsSection centreId={centre.id} statuses={direct} mayGrant={false} action={directClaimsAction} />
      <PeopleSection id="candidates" title={`Candidates (${candidates.total})`} people={candidates.items} empty="No candidates registered." hrefFor={(id) => `/ev/candidates/${id}`}>
        <Pagination page={candidates} basePath={`/ev/centres/${centre.id}`} />
      </PeopleSection>
    </>
  );
}
