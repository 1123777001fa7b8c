import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { EvidenceFiles } from "@/components/evidence/evidence-files";
import { EvidenceForm } from "@/components/evidence/evidence-form";
import { JudgementHistory } from "@/components/assessment/judgement-history";
import { MappingForms } from "@/components/evidence/mapping-form";
import { Uploader } from "@/components/evidence/uploader";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { CANDIDATE_EVIDENCE_DECLARATION } from "@/lib/domain/declarations";
import { formatDateTime } from "@/lib/domain/format";
import { londonToday } from "@/lib/domain/today";
import { ALLOWED_DESCRIPTION } from "@/lib/evidence/file-types";
import { formatBytes } from "@/lib/evidence/limits";
import { maxFileBytes, uploadExpiryHours } from "@/lib/evidence/size-limits";
import { getEvidenceForAssessment } from "@/lib/server/assessment";
import { evidenceFormValues } from "@/lib/validation/evidence";
import { listUnfinishedUploads } from "@/lib/server/evidence";
import { getRegistrations } from "@/lib/server/registrations";
import {
  cancelUploadAction,
  mapEvidenceAction,
  newVersionAction,
  submitEvidenceAction,
  updateEvidenceAction,
} from "../../actions";

export const metadata = { title: "Evidence" };

export default async function EvidencePage(props: {
  params: Promise<{ evidenceId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const actor = await requireArea("candidate");
  const assessment = await orPageError(getEvidenceForAssessment(actor, idParam((await props.params).evidenceId)));
  const evidence = assessment;
  const created = (await props.searchParams).created === "1";
  const own = evidence.authorId === null;
  const draft = evidence.status === "DRAFT" && own;
  const registrations = await getRegistrations(actor, actor.userId);
  const unfinished = draft ? await listUnfinishedUploads(actor, evidence.id) : [];
  const mapped = new Set(evidence.criteria.map((c) => `${c.specId}|${c.unitRef}:${c.criterion}`));
  const judged = new Set(
    assessment.criteria.filter((c) => c.history.length > 0).map((c) => `${c.specId}|${c.unitRef}:${c.criterion}`),
  );
  return (
    <>
      <p className="text-sm">
        <Link href="/candidate/evidence" className="text-blue-800 underline">
          All my evidence
        </Link>
      </p>
      {created && (
        <p role="status" className="mt-2 rounded bg-green-50 p-3 text-green-900">
          Evidence saved as a draft. Now add its files.
        </p>
      )}
      <h1 className="mt-2 text-2xl font-semibold">{evidence.title}</h1>
      {!own && (
        <p className="text-slate-700">
          Recorded by {assessment.authorName ?? "your assessor"}
          {evidence.place ? ` at ${evidence.place}` : ""}
          {assessment.questionedWitness ? `: questioning of your expert witness ${assessment.questionedWitness}` : ""}.
        </p>
      )}
      <p className="text-slate-700">
        {draft
          ? "Draft: you can change it until you submit it."
          : `Submitted for assessment on ${formatDateTime(evidence.submittedAt!)}. Its files are frozen.`}
      </p>

      <section aria-labelledby="files-heading" className="mt-6">
        <h2 id="files-heading" className="text-xl font-semibold">
          Files
        </h2>
        <EvidenceFiles files={evidence.files} removable={draft} />
        {draft && (
          <Uploader
            evidenceId={evidence.id}
            accepted={ALLOWED_DESCRIPTION}
            maxBytesText={formatBytes(maxFileBytes())}
          />
        )}
        {unfinished.length > 0 && (
          <div className="mt-4">
            <h3 className="font-semibold">Unfinished uploads</h3>
            <p className="max-w-prose text-sm text-slate-700">
              Each holds its full size against your storage limit until it finishes. Choose the same file again to
              resume it, or cancel it. Uploads with nothing new for {uploadExpiryHours()} hours are cancelled for you.
            </p>
            <ul className="mt-2 space-y-2">
              {unfinished.map((u) => (
                <li key={u.id} className="flex flex-wrap items-start gap-3">
                  <span>
                    {u.displayName} ({formatBytes(u.size)}), started {formatDateTime(u.createdAt)}
                  </span>
                  <ActionForm action={cancelUploadAction} label={`Cancel the upload of ${u.displayName}`}>
                    <input type="hidden" name="uploadId" value={u.id} />
                    <button className="rounded border border-slate-500 px-2 py-1 text-sm">
                      Cancel the upload of {u.displayName}
                    </button>
                  </ActionForm>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      {!draft && (
        <section aria-labelledby="decisions-heading" className="mt-6">
          <h2 id="decisions-heading" className="text-xl font-semibold">
            Assessor&apos;s decisions
          </h2>
          {assessment.superseded && (
            <p className="mt-1">
              A newer version of this evidence has been submitted; decisions are made on that version.
            </p>
          )}
          <JudgementHistory criteria={assessment.criteria} />
        </section>
      )}

      {own && (
        <section aria-labelledby="criteria-heading" className="mt-6">
          <h2 id="criteria-heading" className="text-xl font-semibold">
            Criteria this evidence proves
          </h2>
          <MappingForms
            action={mapEvidenceAction}
            evidenceId={evidence.id}
            registrations={registrations}
            mapped={mapped}
            judged={judged}
            whose="your"
          />
        </section>
      )}

      {draft ? (
        <>
          <section aria-labelledby="details-heading" className="mt-6">
            <h2 id="details-heading" className="text-xl font-semibold">
              Details
            </h2>
            <EvidenceForm
              action={updateEvidenceAction}
              submitLabel="Save details"
              today={londonToday()}
              initial={evidenceFormValues(evidence)}
            />
          </section>
          <section aria-labelledby="submit-heading" className="mt-6">
            <h2 id="submit-heading" className="text-xl font-semibold">
              Submit for assessment
            </h2>
            <p className="max-w-prose">
              Your assessor judges submitted evidence. After submitting, the files cannot be changed or removed; you can
              still add new evidence or a new version.
            </p>
            <ActionForm action={submitEvidenceAction} label="Submit for assessment">
              <input type="hidden" name="evidenceId" value={evidence.id} />
              <div className="mt-2 flex max-w-prose items-start gap-2">
                <input type="checkbox" id="declared" name="declared" value="yes" className="mt-1" />
                <label htmlFor="declared">{CANDIDATE_EVIDENCE_DECLARATION}</label>
              </div>
              <button className="mt-2 rounded bg-green-800 px-3 py-1 text-white">Submit for assessment</button>
            </ActionForm>
          </section>
        </>
      ) : (
        own && (
          <section aria-labelledby="version-heading" className="mt-6">
            <h2 id="version-heading" className="text-xl font-semibold">
              Change it
            </h2>
            <ActionForm action={newVersionAction} label="New version">
              <input type="hidden" name="evidenceId" value={evidence.id} />
              <button className="mt-2 rounded border border-blue-800 px-3 py-1 text-blue-800">
                Start a new version
              </button>
            </ActionForm>
          </section>
        )
      )}
    </>
  );
}
