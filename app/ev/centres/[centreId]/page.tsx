import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { PeopleSection } from "@/components/people-list";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import { DirectClaimsSection } from "@/components/claims/direct-claims";
import { listDirectClaims } from "@/lib/server/awarding-body";
import { getVerifiedCentre } from "@/lib/server/external-verification";
import { directClaimsAction } from "@/app/direct-claims-actions";
import { ActionForm } from "@/components/action-form";
import { formatDate } from "@/lib/domain/format";
import { londonToday } from "@/lib/domain/today";
import { listVisits } from "@/lib/server/external-verification";
import { anchorCentreChain } from "@/lib/server/external-verification";
import { createVisitAction } from "../../actions";

export const metadata = { title: "Centre" };

export default async function EvCentrePage(props: {
  params: Promise<{ centreId: string }>;
  searchParams: Promise<{ page?: string; assessorsPage?: string }>;
}) {
  const actor = await requireArea("ev");
  const centreId = idParam((await props.params).centreId);
  const query = await props.searchParams;
  const [page, assessorsPage] = [parsePage(query.page), parsePage(query.assessorsPage)];
  const { centre, assessors, candidates } = await orPageError(getVerifiedCentre(actor, centreId, page, assessorsPage));
  const [direct, visits] = await Promise.all([
    listDirectClaims(actor, centre.id),
    listVisits(actor, centre.id),
    anchorCentreChain(actor, centre.id),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{centre.name}</h1>
      <p className="mt-2 text-slate-700">
        Centre {centre.code}. Read-only, except for your own sample of its records and your decisions: withdrawing its
        direct claims status, and claims.
      </p>
      <ul className="mt-2 flex flex-wrap gap-x-6">
        <li>
          <Link href={`/ev/centres/${centre.id}/witnesses`} className="text-blue-800 underline">
            Expert witness register
          </Link>
        </li>
        <li>
          <Link href={`/ev/centres/${centre.id}/competence`} className="text-blue-800 underline">
            Staff competence
          </Link>
        </li>
        <li>
          <Link href={`/ev/centres/${centre.id}/plans`} className="text-blue-800 underline">
            Sampling plans
          </Link>
        </li>
        <li>
          <Link href={`/ev/centres/${centre.id}/standardisation`} className="text-blue-800 underline">
            IV observations and standardisation meetings
          </Link>
        </li>
        <li>
          <Link href={`/ev/centres/${centre.id}/countersign`} className="text-blue-800 underline">
            Verifications only you can countersign
          </Link>
        </li>
        <li>
          <Link href={`/ev/centres/${centre.id}/audit`} className="text-blue-800 underline">
            Audit trail
          </Link>
        </li>
      </ul>
      <section aria-labelledby="assessors" className="mt-6">
        <h2 id="assessors" className="text-xl font-semibold">
          Assessors ({assessors.total})
        </h2>
        <ul className="list-disc pl-6">
          {assessors.items.map((a) => (
            <li key={a.id}>
              {a.name}: {a.caseload} candidates
            </li>
          ))}
        </ul>
        <Pagination
          page={assessors}
          basePath={`/ev/centres/${centre.id}`}
          params={{ page: page > 1 ? String(page) : undefined }}
          param="assessorsPage"
          label="Pages of assessors"
        />
      </section>
      <section aria-labelledby="visits" className="mt-6">
        <h2 id="visits" className="text-xl font-semibold">
          Visits and samples
        </h2>
        {visits.length === 0 && <p className="mt-2">No visit or remote sample recorded yet.</p>}
        <ul className="mt-2 list-disc pl-6">
          {visits.map((v) => (
            <li key={v.id}>
              <Link href={`/ev/visits/${v.id}`} className="text-blue-800 underline">
                {v.remote ? "Remote sample" : "Visit"} on {formatDate(v.visitedOn)}
              </Link>{" "}
              by {v.ev}: {v.sampled} {v.sampled === 1 ? "unit" : "units"} sampled
              {v.unanswered > 0 &&
                `, ${v.unanswered} action ${v.unanswered === 1 ? "point" : "points"} awaiting the centre's response`}
            </li>
          ))}
        </ul>
        <ActionForm action={createVisitAction} label="Start a visit or remote sample" className="mt-3">
          <input type="hidden" name="centreId" value={centre.id} />
          <label htmlFor="visitedOn" className="mr-2 font-medium">
            Date
          </label>
          <input
            id="visitedOn"
            name="visitedOn"
            type="date"
            defaultValue={londonToday()}
            className="rounded border border-slate-500 px-2 py-1"
          />
          <fieldset className="mt-2">
            <legend className="font-medium">Kind</legend>
            <label className="mr-4">
              <input type="radio" name="remote" value="no" defaultChecked /> Visit to the centre
            </label>
            <label>
              <input type="radio" name="remote" value="yes" /> Remote sample
            </label>
          </fieldset>
          <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Start and draw the sample</button>
        </ActionForm>
      </section>
      <DirectClaimsSection centreId={centre.id} statuses={direct} mayGrant={false} action={directClaimsAction} />
      <PeopleSection
        id="candidates"
        title={`Candidates (${candidates.total})`}
        people={candidates.items}
        empty="No candidates registered."
        hrefFor={(id) => `/ev/candidates/${id}`}
      >
        <Pagination
          page={candidates}
          basePath={`/ev/centres/${centre.id}`}
          params={{ assessorsPage: assessorsPage > 1 ? String(assessorsPage) : undefined }}
          label="Pages of candidates"
        />
      </PeopleSection>
    </>
  );
}
