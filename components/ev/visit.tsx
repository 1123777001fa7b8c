// The EV's visit: its sample with findings, the findings about the centre, and the action points
// with the centre's responses. Forms appear only for whoever may use them: the visit's EV records;
// the centre's administrator responds (lib/server/external-verification/visits.ts decides both).
import { ActionForm } from "@/components/action-form";
import type { ActionState } from "@/lib/auth/action";
import { agreementText, verificationText } from "@/lib/domain/external-verification/judgements";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import type { Visit } from "@/lib/server/external-verification";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;
const input = "rounded border border-slate-500 px-2 py-1";

export function VisitHeading({ visit }: { visit: Visit }) {
  return (
    <>
      <h1 className="text-2xl font-semibold">
        {visit.remote ? "Remote sample" : "Visit"}: {visit.centre.name}, {formatDate(visit.visitedOn)}
      </h1>
      <p className="mt-1 text-slate-700">
        External verifier {visit.ev}; centre {visit.centre.code}.
      </p>
      <p className="mt-1">
        <a href={`/api/ev-visits/${visit.id}/report`} className="text-blue-800 underline">
          Download the report (PDF: findings, sample, actions)
        </a>
      </p>
    </>
  );
}

export function VisitSample({
  visit,
  record,
  candidateHref,
}: {
  visit: Visit;
  record?: Action;
  candidateHref?: (id: string) => string;
}) {
  return (
    <section aria-labelledby="sample-heading" className="mt-6">
      <h2 id="sample-heading" className="text-xl font-semibold">
        Sample ({visit.items.length})
      </h2>
      {visit.items.length === 0 && <p className="mt-2">No units sampled yet.</p>}
      {visit.items.map((item) => (
        <article
          key={item.id}
          aria-label={`Sampled: ${item.candidate}, unit ${item.unitRef}`}
          className="mt-3 rounded border border-slate-300 p-3"
        >
          <h3 className="font-semibold">
            {candidateHref ? (
              <a href={candidateHref(item.candidateId)} className="text-blue-800 underline">
                {item.candidate}
              </a>
            ) : (
              item.candidate
            )}
            : {item.qualification} unit {item.unitRef}
          </h3>
          <p className="text-sm">
            Assessor {item.assessor}; internal verification: {verificationText(item)}. Drawn{" "}
            {formatDateTime(item.addedAt)}.
          </p>
          {item.ownVerification && (
            <p className="text-sm font-semibold text-red-800">The internal verifier also assessed this unit.</p>
          )}
          {item.correctedSince && (
            <p className="text-sm font-semibold text-red-800">
              The unit&apos;s sign-off has been corrected since it was sampled.
            </p>
          )}
          {item.findings.map((f) => (
            <p key={f.id} className="mt-1 whitespace-pre-line text-sm">
              <strong>{agreementText(f)}</strong> ({formatDateTime(f.recordedAt)}) {f.text}
            </p>
          ))}
          {record && (
            <details className="mt-2">
              <summary className="cursor-pointer text-sm">Record a finding on this unit</summary>
              <ActionForm action={record} label={`Finding on ${item.candidate}, unit ${item.unitRef}`}>
                <input type="hidden" name="visitId" value={visit.id} />
                <input type="hidden" name="itemId" value={item.id} />
                <fieldset className="mt-1">
                  <legend className="font-medium">Do you agree with the assessor&apos;s decision?</legend>
                  <label className="mr-4">
                    <input type="radio" name="agreesAssessment" value="yes" /> Agree
                  </label>
                  <label>
                    <input type="radio" name="agreesAssessment" value="no" /> Do not agree
                  </label>
                </fieldset>
                {item.ivVerdict && (
                  <fieldset className="mt-1">
                    <legend className="font-medium">Do you agree with the internal verifier&apos;s verdict?</legend>
                    <label className="mr-4">
                      <input type="radio" name="agreesIv" value="yes" /> Agree
                    </label>
                    <label>
                      <input type="radio" name="agreesIv" value="no" /> Do not agree
                    </label>
                  </fieldset>
                )}
                <label htmlFor={`finding-${item.id}`} className="mt-1 block font-medium">
                  Finding
                </label>
                <textarea id={`finding-${item.id}`} name="text" rows={2} className={`w-full max-w-xl ${input}`} />
                <button className="mt-1 rounded bg-blue-800 px-3 py-1 text-white">Record the finding</button>
              </ActionForm>
            </details>
          )}
        </article>
      ))}
    </section>
  );
}

export function VisitFindings({ visit, record }: { visit: Visit; record?: Action }) {
  return (
    <section aria-labelledby="findings-heading" className="mt-6">
      <h2 id="findings-heading" className="text-xl font-semibold">
        Findings about the centre
      </h2>
      {visit.findings.length === 0 && <p className="mt-2">None recorded.</p>}
      <ul className="mt-2 list-disc pl-6">
        {visit.findings.map((f) => (
          <li key={f.id} className="whitespace-pre-line">
            {formatDateTime(f.recordedAt)}: {f.text}
          </li>
        ))}
      </ul>
      {record && (
        <ActionForm action={record} label="Record a finding about the centre" className="mt-2">
          <input type="hidden" name="visitId" value={visit.id} />
          <label htmlFor="centre-finding" className="block font-medium">
            Finding
          </label>
          <textarea id="centre-finding" name="text" rows={3} className={`w-full max-w-xl ${input}`} />
          <button className="mt-1 rounded bg-blue-800 px-3 py-1 text-white">Record the finding</button>
        </ActionForm>
      )}
    </section>
  );
}

export function VisitActions({ visit, set, respond }: { visit: Visit; set?: Action; respond?: Action }) {
  return (
    <section aria-labelledby="actions-heading" className="mt-6">
      <h2 id="actions-heading" className="text-xl font-semibold">
        Action points for the centre
      </h2>
      {visit.actionPoints.length === 0 && <p className="mt-2">None set.</p>}
      {visit.actionPoints.map((a) => (
        <article key={a.id} aria-label={`Action: ${a.text}`} className="mt-3 rounded border border-slate-300 p-3">
          <h3 className="font-semibold">{a.text}</h3>
          <p className="text-sm">
            By {formatDate(a.targetOn)}; set {formatDateTime(a.createdAt)}.
          </p>
          {a.responses.length === 0 && <p className="text-sm">No response from the centre yet.</p>}
          {a.responses.map((r) => (
            <p key={r.id} className="mt-1 text-sm">
              Response from {r.admin}, {formatDateTime(r.respondedAt)}: {r.text}
            </p>
          ))}
          {respond && (
            <ActionForm action={respond} label={`Respond to: ${a.text}`} className="mt-2">
              <input type="hidden" name="actionPointId" value={a.id} />
              <label htmlFor={`response-${a.id}`} className="block font-medium">
                What the centre has done or will do
              </label>
              <textarea id={`response-${a.id}`} name="text" rows={2} className={`w-full max-w-xl ${input}`} />
              <button className="mt-1 rounded bg-blue-800 px-3 py-1 text-white">Send the response</button>
            </ActionForm>
          )}
        </article>
      ))}
      {set && (
        <ActionForm action={set} label="Set an action point" className="mt-3">
          <input type="hidden" name="visitId" value={visit.id} />
          <label htmlFor="action-text" className="block font-medium">
            Action point
          </label>
          <textarea id="action-text" name="text" rows={2} className={`w-full max-w-xl ${input}`} />
          <label htmlFor="action-target" className="mt-1 block font-medium">
            Target date
          </label>
          <input id="action-target" name="targetOn" type="date" className={input} />
          <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">Set the action point</button>
        </ActionForm>
      )}
    </section>
  );
}
