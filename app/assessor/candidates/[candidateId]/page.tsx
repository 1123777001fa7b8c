import { PeopleSection } from "@/components/people-list";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import { formatDate } from "@/lib/domain/format";
import { getCandidateRecord } from "@/lib/server/candidates";
import { getRegistrations } from "@/lib/server/registrations";
import { listCandidateEvidence } from "@/lib/server/evidence";
import { CandidateEvidence } from "@/components/evidence/candidate-evidence";
import { RegistrationSection } from "@/components/registration/registration-summary";

export const metadata = { title: "Candidate" };

export default async function AssessorCandidatePage({ params, searchParams }: { params: Promise<{ candidateId: string }>; searchParams: Promise<{ page?: string | string[] }> }) {
  const actor = await requireArea("assessor");
  const candidate = await orPageError(getCandidateRecord(actor, idParam((await params).candidateId)));
  const registrations = await orPageError(getRegistrations(actor, candidate.id));
  const evidence = await orPageError(listCandidateEvidence(actor, candidate.id, { page: parsePage((await searchParams).page) }));
  return (
    <>
      <h1 className="text-2xl font-semibold">{candidate.name}</h1>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="font-medium">Email</dt><dd>{candidate.email}</dd>
        <dt className="font-medium">Centre</dt><dd>{candidate.centre?.name ?? "No centre"}</dd>
        <dt className="font-medium">Registered</dt><dd>{formatDate(candidate.registeredAt)}</dd>
      </dl>
      <RegistrationSection title="Qualification" registrations={registrations} empty="Not registered on a qualification yet." />
      <CandidateEvidence evidence={evidence} basePath={`/assessor/candidates/${candidate.id}`} />
      <PeopleSection id="assessors" title="Assessors" people={candidate.assessors} empty="No assessor assigned." />
      <PeopleSection id="witnesses" title="Expert witnesses named" people={candidate.witnesses} empty="None named yet." />
    </>
  );
}
