import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { EvidenceFiles } from "@/components/evidence/evidence-files";
import { Uploader } from "@/components/evidence/uploader";
import { SignTestimonyForm } from "@/components/witnesses/sign-testimony-form";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { WITNESS_DECLARATION } from "@/lib/domain/declarations";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import { ALLOWED_DESCRIPTION } from "@/lib/evidence/file-types";
import { formatBytes } from "@/lib/evidence/limits";
import { maxFileBytes } from "@/lib/evidence/size-limits";
import { getWitnessRequest } from "@/lib/server/witnesses";
import { removeWitnessFileAction, signTestimonyAction, startDraftAction } from "../../actions";

export const metadata = { title: "Testimony request" };

export default async function WitnessRequestPage(props: {
  params: Promise<{ requestId: string }>;
  searchParams: Promise<{ signed?: string }>;
}) {
  const actor = await requireArea("witness");
  const request = await orPageError(getWitnessRequest(actor, idParam((await props.params).requestId)));
  const justSigned = (await props.searchParams).signed === "1";
  return (
    <>
      <p className="text-sm">
        <Link href="/witness" className="text-blue-800 underline">
          All requests
        </Link>
      </p>
      {justSigned && (
        <p role="status" className="mt-2 rounded bg-green-50 p-3 text-green-900">
          Testimony signed. It has been submitted to {request.candidate}&apos;s assessor.
        </p>
      )}
      <h1 className="mt-2 text-2xl font-semibold">Testimony for {request.candidate}</h1>
      <dl className="mt-4 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
        <dt className="font-medium">Asked by</dt>
        <dd>
          {request.requestedBy}, on {formatDate(request.createdAt)}
        </dd>
        <dt className="font-medium">Qualification</dt>
        <dd>
          {request.qualification.code} {request.qualification.title}
        </dd>
      </dl>

      <section aria-labelledby="message-heading" className="mt-6">
        <h2 id="message-heading" className="text-xl font-semibold">
          Message
        </h2>
        <p className="mt-2 max-w-prose whitespace-pre-line">{request.message}</p>
      </section>

      <section aria-labelledby="criteria-heading" className="mt-6">
        <h2 id="criteria-heading" className="text-xl font-semibold">
          What you are asked about
        </h2>
        <ul className="mt-2 list-disc pl-6">
          {request.criteria.map((c) => (
            <li key={c.key}>
              Unit {c.unitRef}
              {c.unitTitle ? ` (${c.unitTitle})` : ""}, criterion {c.number}: {c.text}
            </li>
          ))}
        </ul>
      </section>

      {request.attachment && (
        <section aria-labelledby="attachment-heading" className="mt-6">
          <h2 id="attachment-heading" className="text-xl font-semibold">
            Attached evidence: {request.attachment.title}
          </h2>
          {request.attachment.description && (
            <p className="mt-1 max-w-prose whitespace-pre-line">{request.attachment.description}</p>
          )}
          <EvidenceFiles files={request.attachment.files} removable={false} />
        </section>
      )}

      {request.testimony ? (
        <section aria-labelledby="signed-heading" className="mt-6">
          <h2 id="signed-heading" className="text-xl font-semibold">
            Your signed testimony
          </h2>
          <p className="mt-1">Signed {formatDateTime(request.testimony.signedAt)}. It cannot be changed.</p>
          <dl className="mt-2 space-y-2">
            {request.criteria
              .filter((c) => request.testimony!.statements[c.key])
              .map((c) => (
                <div key={c.key}>
                  <dt className="font-medium">
                    Unit {c.unitRef} criterion {c.number}: {c.text}
                  </dt>
                  <dd className="max-w-prose whitespace-pre-line">{request.testimony!.statements[c.key]}</dd>
                </div>
              ))}
          </dl>
          <p className="mt-2 max-w-prose">
            <span className="font-medium">Declaration:</span> {request.testimony.declaration}
          </p>
          {request.testimony.files.length > 0 && <EvidenceFiles files={request.testimony.files} removable={false} />}
        </section>
      ) : (
        <>
          <section aria-labelledby="files-heading" className="mt-6">
            <h2 id="files-heading" className="text-xl font-semibold">
              Your files (optional)
            </h2>
            <p className="max-w-prose text-sm text-slate-700">
              For example a rota, a call record or your notes from the time. They are submitted with your testimony when
              you sign it.
            </p>
            {request.draft ? (
              <>
                <EvidenceFiles files={request.draft.files} removable removeAction={removeWitnessFileAction} />
                <Uploader
                  evidenceId={request.draft.id}
                  accepted={ALLOWED_DESCRIPTION}
                  maxBytesText={formatBytes(maxFileBytes())}
                />
              </>
            ) : (
              <ActionForm action={startDraftAction} label="Add files to your testimony">
                <input type="hidden" name="requestId" value={request.id} />
                <button className="mt-2 rounded border border-blue-800 px-3 py-1 text-blue-800">
                  Add files to your testimony
                </button>
              </ActionForm>
            )}
          </section>
          <section aria-labelledby="write-heading" className="mt-6">
            <h2 id="write-heading" className="text-xl font-semibold">
              Write and sign your testimony
            </h2>
            <SignTestimonyForm
              action={signTestimonyAction}
              requestId={request.id}
              criteria={request.criteria}
              declaration={WITNESS_DECLARATION}
            />
          </section>
        </>
      )}
    </>
  );
}
