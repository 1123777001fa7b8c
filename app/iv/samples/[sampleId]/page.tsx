import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { PortfolioProgressView } from "@/components/assessment/portfolio-progress";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import { londonToday } from "@/lib/domain/today";
import type { Actor } from "@/lib/domain/policy";
import { AppError, ERROR_TEXT } from "@/lib/server/core";
import { getSample } from "@/lib/server/internal-verification";
import { getPortfolioProgress } from "@/lib/server/assessment";
import { verdictAction } from "../../actions";

export const metadata = { title: "Sampled item" };

type Snapshot = {
  criterion: string;
  accepted: { evidenceId: string; title: string; files: { id: string; name: string; sha256: string }[] }[];
}[];

/** The sample, or why this IV may not open it: nobody verifies their own assessments. */
async function sampleOrOwn(actor: Actor, id: string) {
  try {
    return await getSample(actor, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "OWN_VERIFICATION") return null;
    throw error;
  }
}

export default async function SamplePage({ params }: { params: Promise<{ sampleId: string }> }) {
  const actor = await requireArea("iv");
  const sample = await orPageError(sampleOrOwn(actor, idParam((await params).sampleId)));
  if (!sample) {
    return (
      <>
        <p className="text-sm">
          <Link href="/iv/samples" className="text-blue-800 underline">
            All sampled items
          </Link>
        </p>
        <h1 className="mt-2 text-2xl font-semibold">Another internal verifier must verify this</h1>
        <p role="alert" className="mt-2 max-w-prose rounded bg-amber-50 p-2">
          {ERROR_TEXT.OWN_VERIFICATION}
        </p>
      </>
    );
  }
  const progress = (await orPageError(getPortfolioProgress(actor, sample.candidateId)))
    .filter((p) => p.registration.spec.id === sample.specId)
    .map((p) => ({ ...p, units: p.units.filter((u) => u.ref === sample.unitRef) }));
  const unit = progress[0]?.units[0];
  const snapshot = (unit?.signOff?.evidence ?? []) as Snapshot;
  const today = londonToday();
  return (
    <>
      <p className="text-sm">
        <Link href="/iv/samples" className="text-blue-800 underline">
          All sampled items
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">
        {sample.candidateName}, unit {sample.unitRef}
      </h1>
      <p className="text-sm">
        <Link href={`/iv/audit?candidate=${sample.candidateId}`} className="text-blue-800 underline">
          Audit trail of {sample.candidateName}
        </Link>
      </p>
      <p className="text-slate-700">
        {sample.stage === "SUMMATIVE" ? "Summative" : "Interim"} sample, taken by {sample.selectedBy} on{" "}
        {formatDate(sample.selectedAt)}: {sample.reason}
      </p>
      {sample.criteria.length > 0 && <p className="mt-1">Criteria sampled: {sample.criteria.join(", ")}.</p>}
      {sample.onHold && (
        <p className="mt-2 rounded bg-amber-50 p-2 font-semibold">
          On hold: the unit does not count until the assessor responds and an internal verifier agrees.
        </p>
      )}
      {sample.state === "awaiting-countersignature" && (
        <p className="mt-2 rounded bg-amber-50 p-2 font-semibold">
          The latest verdict counts once a qualified internal verifier countersigns it.
        </p>
      )}

      <section aria-labelledby="decisions-heading" className="mt-6">
        <h2 id="decisions-heading" className="text-xl font-semibold">
          The assessor&apos;s decisions
        </h2>
        <PortfolioProgressView who="assessor" progress={progress} evidenceHref={(id) => `#evidence-${id}`} />
      </section>

      {sample.evidence.length > 0 && (
        <section aria-labelledby="judged-heading" className="mt-6">
          <h2 id="judged-heading" className="text-xl font-semibold">
            Evidence behind the decisions sampled
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {sample.evidence.map((e) => (
              <li key={e.id} id={snapshot.length === 0 ? `evidence-${e.id}` : undefined}>
                <strong>{e.title}</strong> for {e.criteria.join(", ")}
                {e.files.length === 0 && <span className="block">No files: an assessor&apos;s record.</span>}
                {e.files.map((f) => (
                  <span key={f.id} className="block">
                    <a href={`/api/evidence/files/${f.id}`} className="text-blue-800 underline">
                      {f.displayName}
                    </a>{" "}
                    SHA-256: <span className="font-mono break-all">{f.sha256}</span>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}

      {snapshot.length > 0 && (
        <section aria-labelledby="signed-heading" className="mt-6">
          <h2 id="signed-heading" className="text-xl font-semibold">
            Evidence the sign-off rests on
          </h2>
          <ul className="mt-2 space-y-1 text-sm">
            {[...new Map(snapshot.flatMap((c) => c.accepted).map((e) => [e.evidenceId, e])).values()].map((e) => (
              <li key={e.evidenceId} id={`evidence-${e.evidenceId}`}>
                <strong>{e.title}</strong> for{" "}
                {snapshot
                  .filter((c) => c.accepted.some((a) => a.evidenceId === e.evidenceId))
                  .map((c) => c.criterion)
                  .join(", ")}
                {e.files.map((f) => (
                  <span key={f.id} className="block">
                    <a href={`/api/evidence/files/${f.id}`} className="text-blue-800 underline">
                      {f.name}
                    </a>{" "}
                    SHA-256: <span className="font-mono break-all">{f.sha256}</span>
                  </span>
                ))}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="records-heading" className="mt-6">
        <h2 id="records-heading" className="text-xl font-semibold">
          Assessment records
        </h2>
        <h3 className="mt-2 font-medium">Sign-off record</h3>
        {sample.records.signOff ? (
          <p className="text-sm">
            {sample.records.signOff.signed ? "Signed off" : "Withdrawn"} on{" "}
            {formatDateTime(sample.records.signOff.signedAt)} with the declaration: “
            {sample.records.signOff.declaration}”
            {sample.records.signOff.candidateSignature
              ? ` The candidate countersigned on ${formatDateTime(sample.records.signOff.candidateSignature.signedAt)}: “${sample.records.signOff.candidateSignature.declaration}”`
              : " The candidate has not countersigned it yet."}
          </p>
        ) : (
          <p className="text-sm">Not signed off yet.</p>
        )}
        <h3 className="mt-2 font-medium">Declarations on the evidence</h3>
        {sample.records.declarations.length === 0 ? (
          <p className="text-sm">None.</p>
        ) : (
          <ul className="list-disc pl-6 text-sm">
            {sample.records.declarations.map((d) => (
              <li key={d.id}>
                {d.title}: {d.declaration ? `“${d.declaration}”` : "no declaration recorded"}
                {d.submittedAt && `, submitted ${formatDateTime(d.submittedAt)}`}
              </li>
            ))}
          </ul>
        )}
        <h3 className="mt-2 font-medium">Progress reviews (latest {sample.records.reviews.length})</h3>
        {sample.records.reviews.length === 0 ? (
          <p className="text-sm">No review recorded.</p>
        ) : (
          <ul className="list-disc pl-6 text-sm">
            {sample.records.reviews.map((r) => (
              <li key={r.id}>
                {formatDate(r.heldOn)} with {r.assessor}: <span className="whitespace-pre-line">{r.notes}</span>
                {r.actionPoints.map((a) => (
                  <span key={a.id} className="block">
                    Action: {a.text} (by {formatDate(a.targetOn)}
                    {a.doneAt ? `, done ${formatDate(a.doneAt)}` : ""})
                  </span>
                ))}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="history-heading" className="mt-6">
        <h2 id="history-heading" className="text-xl font-semibold">
          Verdicts and responses
        </h2>
        {sample.verdicts.length === 0 && <p className="mt-2">No verdict yet.</p>}
        <ol className="mt-2 space-y-2">
          {[
            ...sample.verdicts.map((v) => ({ at: v.decidedAt, kind: "verdict" as const, v })),
            ...sample.responses.map((r) => ({ at: r.respondedAt, kind: "response" as const, r })),
          ]
            .sort((a, b) => a.at.getTime() - b.at.getTime())
            .map((item) =>
              item.kind === "verdict" ? (
                <li key={item.v.id} className="rounded border border-slate-300 p-2">
                  <strong>{item.v.outcome === "AGREE" ? "Agreed" : "Disagreed"}</strong> by {item.v.iv} on{" "}
                  {formatDateTime(item.v.decidedAt)}
                  {item.v.countersignedBy && (
                    <span className="block">
                      Countersigned by {item.v.countersignedBy.name} on {formatDateTime(item.v.countersignedBy.at)}
                    </span>
                  )}
                  {!item.v.counts && (
                    <span className="block font-semibold">
                      Awaiting a qualified internal verifier&apos;s countersignature
                    </span>
                  )}
                  {item.v.feedback && <span className="block whitespace-pre-line">Feedback: {item.v.feedback}</span>}
                  {item.v.actionPoints.map((a) => (
                    <span key={a.id} className="block">
                      Action for the assessor: {a.text} (by {formatDate(a.targetOn)})
                    </span>
                  ))}
                </li>
              ) : (
                <li key={item.r.id} className="rounded border border-slate-300 p-2">
                  <strong>Response</strong> from {item.r.assessor} on {formatDateTime(item.r.respondedAt)}:{" "}
                  <span className="whitespace-pre-line">{item.r.note}</span>
                </li>
              ),
            )}
        </ol>
      </section>

      <section aria-labelledby="verdict-heading" className="mt-6">
        <h2 id="verdict-heading" className="text-xl font-semibold">
          Record a verdict
        </h2>
        {sample.workingTowards && (
          <p className="mt-1 max-w-prose">
            Your competence record shows you working towards the verifier units: your verdict counts once a qualified
            internal verifier countersigns it. A disagreement puts the unit on hold at once.
          </p>
        )}
        <ActionForm action={verdictAction} label="Record a verdict">
          <input type="hidden" name="sampleId" value={sample.id} />
          <input type="hidden" name="expected" value={sample.latestVerdictId} />
          <fieldset>
            <legend className="font-medium">Verdict</legend>
            <span className="mr-4 inline-flex items-center gap-2">
              <input type="radio" id="outcome-agree" name="outcome" value="AGREE" />
              <label htmlFor="outcome-agree">Agree</label>
            </span>
            <span className="inline-flex items-center gap-2">
              <input type="radio" id="outcome-disagree" name="outcome" value="DISAGREE" />
              <label htmlFor="outcome-disagree">Disagree</label>
            </span>
          </fieldset>
          <label htmlFor="feedback" className="mt-2 block font-medium">
            Feedback to the assessor
          </label>
          <textarea
            id="feedback"
            name="feedback"
            rows={3}
            className="w-full max-w-xl rounded border border-slate-500 px-2 py-1"
          />
          <fieldset className="mt-2">
            <legend className="font-medium">Action points for the assessor (optional)</legend>
            {[0, 1].map((i) => (
              <div key={i} className="mt-1 flex flex-wrap items-center gap-2">
                <label htmlFor={`actionText-${i}`} className="sr-only">
                  Action point {i + 1}
                </label>
                <input
                  id={`actionText-${i}`}
                  name="actionText"
                  placeholder={`Action point ${i + 1}`}
                  className="w-96 max-w-full rounded border border-slate-500 px-2 py-1"
                />
                <label htmlFor={`actionTarget-${i}`}>Target date</label>
                <input
                  id={`actionTarget-${i}`}
                  name="actionTarget"
                  type="date"
                  min={today}
                  className="rounded border border-slate-500 px-2 py-1"
                />
              </div>
            ))}
          </fieldset>
          <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Record the verdict</button>
        </ActionForm>
      </section>
    </>
  );
}
