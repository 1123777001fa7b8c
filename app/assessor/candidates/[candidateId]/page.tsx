import Link from "next/link";
import { PortfolioProgressView } from "@/components/assessment/portfolio-progress";
import { ReviewsSection } from "@/components/assessment/reviews";
import { CorrectionForm, SignOffForm } from "@/components/assessment/sign-off-forms";
import { CandidateEvidence } from "@/components/evidence/candidate-evidence";
import { PeopleSection } from "@/components/people-list";
import { RegistrationSection } from "@/components/registration/registration-summary";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { parsePage } from "@/lib/domain/pagination";
import { londonToday } from "@/lib/domain/today";
import { getCandidateRecord } from "@/lib/server/identity";
import { listCandidateEvidence } from "@/lib/server/evidence";
import { getPortfolioProgress } from "@/lib/server/assessment";
import { listReviews } from "@/lib/server/assessment";
import { listCandidateSamples } from "@/lib/server/internal-verification";
import { IvSamplesSection } from "@/components/assessment/iv-samples";
import {
  assessorDoneAction,
  correctSignOffAction,
  ivActionDoneAction,
  recordReviewAction,
  respondToSampleAction,
  signOffAction,
} from "../../actions";

export const metadata = { title: "Candidate" };

export default async function AssessorCandidatePage({
  params,
  searchParams,
}: {
  params: Promise<{ candidateId: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const actor = await requireArea("assessor");
  const candidate = await orPageError(getCandidateRecord(actor, idParam((await params).candidateId)));
  const [progress, evidence, reviews] = await Promise.all([
    orPageError(getPortfolioProgress(actor, candidate.id)),
    orPageError(listCandidateEvidence(actor, candidate.id, { page: parsePage((await searchParams).page) })),
    orPageError(listReviews(actor, candidate.id)),
  ]);
  // IVs who also assess open this page for candidates they may read but do not assess.
  const samples = candidate.assessors.some((a) => a.id === actor.userId)
    ? await orPageError(listCandidateSamples(actor, candidate.id))
    : [];
  const base = `/assessor/candidates/${candidate.id}`;
  return (
    <>
      <h1 className="text-2xl font-semibold">{candidate.name}</h1>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="font-medium">Email</dt>
        <dd>{candidate.email}</dd>
        <dt className="font-medium">Centre</dt>
        <dd>{candidate.centre?.name ?? "No centre"}</dd>
        <dt className="font-medium">Registered</dt>
        <dd>{formatDate(candidate.registeredAt)}</dd>
      </dl>
      <nav aria-label="Assessment actions" className="mt-4 flex flex-wrap gap-3">
        <Link href={`${base}/record`} className="rounded border border-blue-800 px-3 py-1 text-blue-800">
          Record an observation, discussion or questioning
        </Link>
        <Link href={`${base}/testimony`} className="rounded border border-blue-800 px-3 py-1 text-blue-800">
          Request witness testimony
        </Link>
      </nav>
      <RegistrationSection
        title="Qualification"
        registrations={progress.map((p) => p.registration)}
        empty="Not registered on a qualification yet."
      />

      <section aria-labelledby="progress-heading" className="mt-6">
        <h2 id="progress-heading" className="text-xl font-semibold">
          Units and criteria
        </h2>
        <PortfolioProgressView
          who="assessor"
          progress={progress}
          evidenceHref={(id) => `${base}/evidence/${id}`}
          unitActions={(p, u) => {
            if (u.total === 0) return null;
            const standing = u.signOff;
            if (standing?.signed)
              return (
                <CorrectionForm
                  action={correctSignOffAction}
                  signOffId={standing.id}
                  unitRef={u.ref}
                  flagged={u.state === "flagged"}
                />
              );
            if (u.accepted === u.total) {
              return (
                <SignOffForm
                  action={signOffAction}
                  candidateId={candidate.id}
                  specId={p.registration.spec.id}
                  unitRef={u.ref}
                  expected={standing?.id ?? ""}
                />
              );
            }
            return null;
          }}
        />
      </section>

      <IvSamplesSection
        samples={samples}
        respond={respondToSampleAction}
        done={ivActionDoneAction}
        viewerId={actor.userId}
      />
      <CandidateEvidence evidence={evidence} basePath={base} reviewHref={(id) => `${base}/evidence/${id}`} />
      <ReviewsSection
        reviews={reviews}
        today={londonToday()}
        record={{ action: recordReviewAction, candidateId: candidate.id }}
        markDone={assessorDoneAction}
      />
      <PeopleSection id="assessors" title="Assessors" people={candidate.assessors} empty="No assessor assigned." />
      <PeopleSection
        id="witnesses"
        title="Expert witnesses named"
        people={candidate.witnesses}
        empty="None named yet."
      />
    </>
  );
}
