import Link from "next/link";
import { notFound } from "next/navigation";
import { ActionForm } from "@/components/action-form";
import { AcceptAwaitingForm } from "@/components/assessment/judgement-form";
import { JudgementHistory } from "@/components/assessment/judgement-history";
import { EvidenceFiles } from "@/components/evidence/evidence-files";
import { EvidenceForm } from "@/components/evidence/evidence-form";
import { MappingForms } from "@/components/evidence/mapping-form";
import { Uploader } from "@/components/evidence/uploader";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { ASSESSOR_RECORD_DECLARATION } from "@/lib/domain/declarations";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import { londonToday } from "@/lib/domain/today";
import { ALLOWED_DESCRIPTION } from "@/lib/evidence/file-types";
import { formatBytes } from "@/lib/evidence/limits";
import { maxFileBytes } from "@/lib/evidence/size-limits";
import { getEvidenceForAssessment } from "@/lib/server/assessment";
import { getRegistrations } from "@/lib/server/registrations";
import { ASSESSOR_METHODS, evidenceFormValues, METHOD_LABEL } from "@/lib/validation/evidence";
import {
  acceptAwaitingAction,
  judgeAction,
  mapRecordAction,
  submitRecordAction,
  updateRecordAction,
} from "../../../../actions";

export const metadata = { title: "Review evidence" };

export default async function ReviewEvidencePage(props: {
  params: Promise<{ candidateId: string; evidenceId: string }>;
  searchParams: Promise<{ created?: string; judge?: string }>;
}) {
  const actor = await requireArea("assessor");
  const params = await props.params;
  const evidence = await orPageError(getEvidenceForAssessment(actor, idParam(params.evidenceId)));
  if (evidence.candidateId !== idParam(params.candidateId)) notFound();
  const base = `/assessor/candidates/${evidence.candidateId}`;
  const mineDraft = evidence.status === "DRAFT" && evidence.authorId === actor.userId;
  const judgeable = evidence.status === "SUBMITTED" && !evidence.superseded;
  const registrations = mineDraft ? await orPageError(getRegistrations(actor, evidence.candidateId)) : [];
  const { created: createdParam, judge } = await props.searchParams;
  const created = createdParam === "1";
  return (
    <>
      <p className="text-sm">
        <Link href={base} className="text-blue-800 underline">
          Back to {evidence.candidate.name}
        </Link>
      </p>
      {created && (
        <p role="status" className="mt-2 rounded bg-green-50 p-3 text-green-900">
          Record saved as a draft. Add any files, choose the criteria it covers, then submit it.
        </p>
      )}
      <h1 className="mt-2 text-2xl font-semibold">{evidence.title}</h1>
      <p className="text-slate-700">
        {METHOD_LABEL[evidence.method]} · {formatDate(evidence.activityDate)}
        {evidence.place ? ` · ${evidence.place}` : ""} ·{" "}
        {evidence.authorName ? `recorded by ${evidence.authorName}` : `${evidence.candidate.name}'s own evidence`} ·{" "}
        {evidence.status === "DRAFT" ? "draft" : `submitted ${formatDateTime(evidence.submittedAt!)}`}
      </p>
      {evidence.questionedWitness && (
        <p className="mt-1">Questioning of expert witness {evidence.questionedWitness}, to check their testimony.</p>
      )}
      {evidence.description && <p className="mt-2 whitespace-pre-line">{evidence.description}</p>}
      {evidence.declaration && (
        <p className="mt-2 text-sm">Declaration made on submitting: &ldquo;{evidence.declaration}&rdquo;</p>
      )}
      {evidence.superseded && evidence.nextVersion && (
        <p className="mt-2 rounded bg-amber-50 p-2">
          A newer version has been submitted.{" "}
          <Link href={`${base}/evidence/${evidence.nextVersion.id}`} className="underline">
            Judge the newer version
          </Link>
          .
        </p>
      )}
      {evidence.previousVersionId && (
        <p className="mt-1 text-sm">
          <Link href={`${base}/evidence/${evidence.previousVersionId}`} className="underline">
            See the previous version and its decisions
          </Link>
        </p>
      )}

      <section aria-labelledby="files-heading" className="mt-6">
        <h2 id="files-heading" className="text-xl font-semibold">
          Files
        </h2>
        <EvidenceFiles files={evidence.files} removable={mineDraft} />
        {mineDraft && (
          <Uploader
            evidenceId={evidence.id}
            accepted={ALLOWED_DESCRIPTION}
            maxBytesText={formatBytes(maxFileBytes())}
          />
        )}
      </section>

      {mineDraft ? (
        <>
          <section aria-labelledby="criteria-heading" className="mt-6">
            <h2 id="criteria-heading" className="text-xl font-semibold">
              Criteria this record covers
            </h2>
            <MappingForms
              action={mapRecordAction}
              evidenceId={evidence.id}
              registrations={registrations}
              mapped={new Set(evidence.criteria.map((c) => `${c.specId}|${c.unitRef}:${c.criterion}`))}
              judged={new Set()}
              whose="the candidate's"
            />
          </section>
          <section aria-labelledby="details-heading" className="mt-6">
            <h2 id="details-heading" className="text-xl font-semibold">
              Details
            </h2>
            <EvidenceForm
              action={updateRecordAction}
              submitLabel="Save details"
              today={londonToday()}
              methods={ASSESSOR_METHODS}
              initial={evidenceFormValues(evidence)}
            />
          </section>
          <section aria-labelledby="submit-heading" className="mt-6">
            <h2 id="submit-heading" className="text-xl font-semibold">
              Submit the record
            </h2>
            <p className="max-w-prose">
              Once submitted, the candidate sees it and you can judge it against the criteria like any other evidence.
            </p>
            <ActionForm action={submitRecordAction} label="Submit the record">
              <input type="hidden" name="evidenceId" value={evidence.id} />
              <div className="mt-2 flex max-w-prose items-start gap-2">
                <input type="checkbox" id="declared" name="declared" value="yes" className="mt-1" />
                <label htmlFor="declared">{ASSESSOR_RECORD_DECLARATION}</label>
              </div>
              <button className="mt-2 rounded bg-green-800 px-3 py-1 text-white">Submit the record</button>
            </ActionForm>
          </section>
        </>
      ) : (
        <section aria-labelledby="decisions-heading" className="mt-6">
          <h2 id="decisions-heading" className="text-xl font-semibold">
            Decisions by criterion
          </h2>
          <JudgementHistory
            criteria={evidence.criteria}
            judge={
              judgeable
                ? {
                    action: judgeAction,
                    evidenceId: evidence.id,
                    path: `${base}/evidence/${evidence.id}`,
                    open: judge ?? null,
                  }
                : undefined
            }
          />
          {judgeable &&
            [...new Set(evidence.criteria.map((c) => c.specId))].map((specId) => {
              const awaiting = evidence.criteria.filter((c) => c.specId === specId && !c.current);
              if (awaiting.length < 2) return null;
              return (
                <div key={specId}>
                  <h3 className="mt-4 font-medium">
                    Accept every {awaiting[0]!.qualification} criterion awaiting judgement
                  </h3>
                  <AcceptAwaitingForm
                    action={acceptAwaitingAction}
                    evidenceId={evidence.id}
                    specId={specId}
                    qualification={awaiting[0]!.qualification}
                    criteria={awaiting.map((c) => ({
                      value: `${c.unitRef}:${c.criterion}`,
                      label: `${c.unitRef} ${c.criterion}`,
                    }))}
                  />
                </div>
              );
            })}
        </section>
      )}
    </>
  );
}
