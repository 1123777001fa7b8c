import { ActionForm } from "@/components/action-form";
import type { ActionState } from "@/lib/auth/action";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import type { listCandidateSamples } from "@/lib/server/internal-verification";

type Sample = Awaited<ReturnType<typeof listCandidateSamples>>[number];
type Action = (s: ActionState, f: FormData) => Promise<ActionState>;

/**
 * The internal verifier's samples of this candidate's units: verdicts, feedback and actions. For their
 * assessor, with the response form while on hold (`respond`, `done`); for an EV, read-only.
 */
export function IvSamplesSection({
  samples,
  respond,
  done,
  viewerId,
}: {
  samples: Sample[];
  respond?: Action;
  done?: Action;
  viewerId: string;
}) {
  if (samples.length === 0) return null;
  return (
    <section aria-labelledby="iv-heading" className="mt-6">
      <h2 id="iv-heading" className="text-xl font-semibold">
        Internal verification
      </h2>
      {samples.map((s) => (
        <article
          key={s.id}
          aria-label={`Internal verification of unit ${s.unitRef}`}
          className="mt-3 rounded border border-slate-300 p-3"
        >
          <h3 className="font-semibold">
            Unit {s.unitRef}: {s.onHold ? "on hold" : s.verdicts.length ? "agreed" : "sampled, awaiting the verdict"}
          </h3>
          {s.verdicts.map((v) => (
            <p key={v.id} className="text-sm">
              {v.outcome === "AGREE" ? "Agreed" : "Disagreed"} by {v.iv} on {formatDateTime(v.decidedAt)}
              {v.feedback && `: ${v.feedback}`}
              {v.actionPoints.map((a) => (
                <span key={a.id} className="block">
                  Action{a.assessorId === viewerId ? " for you" : ""}: {a.text} (by {formatDate(a.targetOn)})
                  {a.doneAt ? `, done ${formatDate(a.doneAt)}` : ""}
                  {done && !a.doneAt && a.assessorId === viewerId && (
                    <ActionForm action={done} label={`Mark done: ${a.text}`} className="inline-block">
                      <input type="hidden" name="actionPointId" value={a.id} />
                      <button className="ml-2 rounded border border-slate-500 px-2 text-sm">Mark done</button>
                    </ActionForm>
                  )}
                </span>
              ))}
            </p>
          ))}
          {s.responses.map((r) => (
            <p key={r.id} className="text-sm">
              Response from {r.assessor} on {formatDateTime(r.respondedAt)}: {r.note}
            </p>
          ))}
          {respond && s.onHold && (
            <ActionForm action={respond} label={`Respond about unit ${s.unitRef}`} className="mt-2">
              <input type="hidden" name="sampleId" value={s.id} />
              <label htmlFor={`note-${s.id}`} className="block font-medium">
                What you have done (re-judged, added evidence)
              </label>
              <textarea
                id={`note-${s.id}`}
                name="note"
                rows={2}
                className="w-full max-w-xl rounded border border-slate-500 px-2 py-1"
              />
              <button className="mt-1 rounded bg-blue-800 px-3 py-1 text-white">Send the response</button>
            </ActionForm>
          )}
        </article>
      ))}
    </section>
  );
}
