import { PeopleSection } from "@/components/people-list";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { getCandidateRecord } from "@/lib/server/candidates";
import { getRegistrations } from "@/lib/server/registrations";
import { listCandidateEvidence } from "@/lib/server/evidence";
import { EvidenceFiles } from "@/components/evidence/evidence-files";
import { METHOD_LABEL } from "@/lib/validation/evidence";
import { RegistrationSummary } from "@/components/registration/registration-summary";

export const metadata = { title: "Candidate" };

export default async function AssessorCandidatePage({ params }: { params: Promise<{ candidateId: string }> }) {
  const actor = await requireArea("assessor");
  const candidate = await orPageError(getCandidateRecord(actor, idParam((await params).candidateId)));
  const registrations = await orPageError(getRegistrations(actor, candidate.id));
  const evidence = await orPageError(listCandidateEvidence(actor, candidate.id));
  return (
    <>
      <h1 className="text-2xl font-semibold">{candidate.name}</h1>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="font-medium">Email</dt><dd>{candidate.email}</dd>
        <dt className="font-medium">Centre</dt><dd>{candidate.centre.name}</dd>
        <dt className="font-medium">Registered</dt><dd>{formatDate(candidate.registeredAt)}</dd>
      </dl>
      <section aria-labelledby="qualifications-heading" className="mt-6">
        <h2 id="qualifications-heading" className="text-xl font-semibold">Qualification</h2>
        <RegistrationSummary registrations={registrations} empty="Not registered on a qualification yet." />
      </section>
      <section aria-labelledby="evidence-heading" className="mt-6">
        <h2 id="evidence-heading" className="text-xl font-semibold">Evidence</h2>
        {evidence.length === 0 && <p className="mt-2">No evidence yet.</p>}
        {evidence.map((e) => (
          <article key={e.id} aria-label={e.title} className="mt-3 rounded border border-slate-300 p-3">
            <h3 className="font-semibold">{e.title}</h3>
            <p className="text-sm text-slate-700">
              {METHOD_LABEL[e.method]} · {formatDate(e.activityDate)} · {e.status === "DRAFT" ? "Draft (not yet submitted)" : `Submitted ${formatDate(e.submittedAt!)}`}
            </p>
            {e.description && <p className="mt-1">{e.description}</p>}
            <p className="mt-1 text-sm">Criteria: {e.criteria.length ? e.criteria.map((c) => `${c.unitRef} ${c.criterion}`).join(", ") : "none chosen"}</p>
            <EvidenceFiles files={e.files} removable={false} />
          </article>
        ))}
      </section>
      <PeopleSection id="assessors" title="Assessors" people={candidate.assessors} empty="No assessor assigned." />
      <PeopleSection id="witnesses" title="Expert witnesses named" people={candidate.witnesses} empty="None named yet." />
    </>
  );
}
