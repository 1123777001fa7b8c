import Link from "next/link";
import { CandidateEvidence } from "@/components/evidence/candidate-evidence";
import { PeopleSection } from "@/components/people-list";
import { RegistrationSection } from "@/components/registration/registration-summary";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import { getCandidateRecord } from "@/lib/server/identity";
import { listCandidateEvidence } from "@/lib/server/evidence";
import { PortfolioProgressView } from "@/components/assessment/portfolio-progress";
import { IvSamplesSection } from "@/components/assessment/iv-samples";
import { listCandidateSamples } from "@/lib/server/internal-verification";
import { getPortfolioProgress } from "@/lib/server/assessment";

export const metadata = { title: "Candidate portfolio" };

/** A candidate of a centre the EV verifies, read-only: registration, evidence and file hashes. */
export default async function EvCandidatePage({
  params,
  searchParams,
}: {
  params: Promise<{ candidateId: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const actor = await requireArea("ev");
  const candidate = await orPageError(getCandidateRecord(actor, idParam((await params).candidateId)));
  const [progress, evidence, samples] = await Promise.all([
    orPageError(getPortfolioProgress(actor, candidate.id)),
    orPageError(listCandidateEvidence(actor, candidate.id, { page: parsePage((await searchParams).page) })),
    orPageError(listCandidateSamples(actor, candidate.id)),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">{candidate.name}</h1>
      <p className="mt-1">
        <a href={`/api/candidates/${candidate.id}/portfolio`} className="text-blue-800 underline">
          Download the portfolio (ZIP: files, manifest of hashes, records, offline index)
        </a>
      </p>
      <p className="mt-2 text-slate-700">{candidate.centre?.name ?? "No centre"}. Read-only.</p>
      {candidate.centreId && (
        <p className="mt-1">
          <Link
            href={`/ev/centres/${candidate.centreId}/audit?candidate=${candidate.id}`}
            className="text-blue-800 underline"
          >
            Audit trail of {candidate.name}
          </Link>
        </p>
      )}
      <RegistrationSection
        title="Qualification"
        registrations={progress.map((p) => p.registration)}
        empty="Not registered on a qualification yet."
      />
      <section aria-labelledby="progress-heading" className="mt-6">
        <h2 id="progress-heading" className="text-xl font-semibold">
          Units and criteria: judgements and sign-offs
        </h2>
        <PortfolioProgressView who="assessor" progress={progress} />
      </section>
      <IvSamplesSection samples={samples} viewerId={actor.userId} />
      <CandidateEvidence evidence={evidence} basePath={`/ev/candidates/${candidate.id}`} />
      <PeopleSection id="assessors" title="Assessors" people={candidate.assessors} empty="No assessor assigned." />
    </>
  );
}
