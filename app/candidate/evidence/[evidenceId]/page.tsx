import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { EvidenceFiles } from "@/components/evidence/evidence-files";
import { EvidenceForm } from "@/components/evidence/evidence-form";
import { Uploader } from "@/components/evidence/uploader";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { CANDIDATE_EVIDENCE_DECLARATION } from "@/lib/domain/declarations";
import { formatDateTime } from "@/lib/domain/format";
import { londonToday } from "@/lib/domain/today";
import type { Suite } from "@/lib/domain/catalogue/spec";
import { ALLOWED_DESCRIPTION } from "@/lib/evidence/file-types";
import { formatBytes, maxFileBytes, uploadExpiryHours } from "@/lib/evidence/limits";
import { getEvidence } from "@/lib/server/evidence";
import { listUnfinishedUploads } from "@/lib/server/uploads";
import { getRegistrations } from "@/lib/server/registrations";
import { cancelUploadAction, mapEvidenceAction, newVersionAction, submitEvidenceAction, updateEvidenceAction } from "../../actions";

export const metadata = { title: "Evidence" };

export default async function EvidencePage(props: { params: Promise<{ evidenceId: string }>; searchParams: Promise<{ created?: string }> }) {
  const actor = await requireArea("candidate");
  const evidence = await orPageError(getEvidence(actor, idParam((await props.params).evidenceId)));
  const created = (await props.searchParams).created === "1";
  const draft = evidence.status === "DRAFT";
  const registrations = await getRegistrations(actor, actor.userId);
  const unfinished = draft ? await listUnfinishedUploads(actor, evidence.id) : [];
  const mapped = new Set(evidence.criteria.map((c) => `${c.specId}|${c.unitRef}:${c.criterion}`));
  return (
    <>
      <p className="text-sm"><Link href="/candidate/evidence" className="text-blue-800 underline">All my evidence</Link></p>
      {created && <p role="status" className="mt-2 rounded bg-green-50 p-3 text-green-900">Evidence saved as a draft. Now add its files.</p>}
      <h1 className="mt-2 text-2xl font-semibold">{evidence.title}</h1>
      <p className="text-slate-700">
        {draft ? "Draft: you can change it until you submit it." : `Submitted for assessment on ${formatDateTime(evidence.submittedAt!)}. Its files are frozen.`}
      </p>

      <section aria-labelledby="files-heading" className="mt-6">
        <h2 id="files-heading" className="text-xl font-semibold">Files</h2>
        <EvidenceFiles files={evidence.files} removable={draft} />
        {draft && <Uploader evidenceId={evidence.id} accepted={ALLOWED_DESCRIPTION} maxBytesText={formatBytes(maxFileBytes())} />}
        {unfinished.length > 0 && (
          <div className="mt-4">
            <h3 className="font-semibold">Unfinished uploads</h3>
            <p className="max-w-prose text-sm text-slate-700">
              Each holds its full size against your storage limit until it finishes. Choose the same file again to resume it,
              or cancel it. Uploads with nothing new for {uploadExpiryHours()} hours are cancelled for you.
            </p>
            <ul className="mt-2 space-y-2">
              {unfinished.map((u) => (
                <li key={u.id} className="flex flex-wrap items-start gap-3">
                  <span>{u.displayName} ({formatBytes(u.size)}), started {formatDateTime(u.createdAt)}</span>
                  <ActionForm action={cancelUploadAction} label={`Cancel the upload of ${u.displayName}`}>
                    <input type="hidden" name="uploadId" value={u.id} />
                    <button className="rounded border border-slate-500 px-2 py-1 text-sm">Cancel the upload of {u.displayName}</button>
                  </ActionForm>
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <section aria-labelledby="criteria-heading" className="mt-6">
        <h2 id="criteria-heading" className="text-xl font-semibold">Criteria this evidence proves</h2>
        {registrations.length === 0 && <p className="mt-2">You are not registered on a qualification yet, so there are no criteria to choose.</p>}
        {registrations.map((r) => {
          const units = unitsWithCriteria(r.suite, r.units);
          return (
            <ActionForm key={r.spec.id} action={mapEvidenceAction} label={`Criteria of ${r.spec.code}`} className="mt-2">
              <input type="hidden" name="evidenceId" value={evidence.id} />
              <input type="hidden" name="specId" value={r.spec.id} />
              <p className="font-medium">{r.spec.code} {r.spec.title}</p>
              {units.length === 0 && <p className="text-sm">Your units of this qualification have no criteria in the catalogue.</p>}
              {units.map((u) => {
                const count = u.outcomes.flatMap((o) => o.criteria).filter((c) => mapped.has(`${r.spec.id}|${u.ref}:${c.number}`)).length;
                return (
                  <details key={u.ref} className="mt-1 rounded border border-slate-300 p-2" open={count > 0}>
                    <summary className="cursor-pointer">Unit {u.ref} {u.title} <span className="text-sm text-slate-700">({count} chosen)</span></summary>
                    {u.outcomes.map((o) => (
                      <fieldset key={o.number} className="mt-2">
                        <legend className="font-medium">Outcome {o.number}: {o.text}</legend>
                        {o.criteria.map((c) => {
                          const value = `${u.ref}:${c.number}`;
                          const id = `c-${r.spec.id}-${value}`;
                          return (
                            <div key={c.number} className="flex items-start gap-2">
                              <input type="checkbox" id={id} name="criteria" value={value} defaultChecked={mapped.has(`${r.spec.id}|${value}`)} className="mt-1" />
                              <label htmlFor={id}>Unit {u.ref} criterion {c.number}: {c.text}</label>
                            </div>
                          );
                        })}
                      </fieldset>
                    ))}
                  </details>
                );
              })}
              {units.length > 0 && <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Save criteria</button>}
            </ActionForm>
          );
        })}
      </section>

      {draft ? (
        <>
          <section aria-labelledby="details-heading" className="mt-6">
            <h2 id="details-heading" className="text-xl font-semibold">Details</h2>
            <EvidenceForm
              action={updateEvidenceAction}
              submitLabel="Save details"
              today={londonToday()}
              initial={{
                evidenceId: evidence.id,
                title: evidence.title,
                description: evidence.description,
                activityDate: evidence.activityDate.toISOString().slice(0, 10),
                method: evidence.method,
                place: evidence.place ?? "",
              }}
            />
          </section>
          <section aria-labelledby="submit-heading" className="mt-6">
            <h2 id="submit-heading" className="text-xl font-semibold">Submit for assessment</h2>
            <p className="max-w-prose">Your assessor judges submitted evidence. After submitting, the files cannot be changed or removed; you can still add new evidence or a new version.</p>
            <ActionForm action={submitEvidenceAction} label="Submit for assessment">
              <input type="hidden" name="evidenceId" value={evidence.id} />
              <div className="mt-2 flex max-w-prose items-start gap-2">
                <input type="checkbox" id="declared" name="declared" value="yes" required className="mt-1" />
                <label htmlFor="declared">{CANDIDATE_EVIDENCE_DECLARATION}</label>
              </div>
              <button className="mt-2 rounded bg-green-800 px-3 py-1 text-white">Submit for assessment</button>
            </ActionForm>
          </section>
        </>
      ) : (
        <section aria-labelledby="version-heading" className="mt-6">
          <h2 id="version-heading" className="text-xl font-semibold">Change it</h2>
          <ActionForm action={newVersionAction} label="New version">
            <input type="hidden" name="evidenceId" value={evidence.id} />
            <button className="mt-2 rounded border border-blue-800 px-3 py-1 text-blue-800">Start a new version</button>
          </ActionForm>
        </section>
      )}
    </>
  );
}

function unitsWithCriteria(suite: Suite, selected: string[]) {
  return suite.units.filter((u) => selected.includes(u.ref) && u.outcomes.length > 0);
}
