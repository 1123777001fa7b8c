import { ActionForm } from "@/components/action-form";
import type { ActionState } from "@/lib/auth/action";
import { formatDate } from "@/lib/domain/format";
import type { listReviews } from "@/lib/server/assessment";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;
type Review = Awaited<ReturnType<typeof listReviews>>[number];

const ACTION_ROWS = 3;

/** Reviews and visits with their action points; the assessor also gets the form to record one. */
export function ReviewsSection(props: {
  reviews: Review[];
  today: string;
  record?: { action: Action; candidateId: string };
  markDone?: Action;
}) {
  return (
    <section aria-labelledby="reviews-heading" className="mt-6">
      <h2 id="reviews-heading" className="text-xl font-semibold">
        Reviews and visits
      </h2>
      {props.reviews.length === 0 && <p className="mt-2">No reviews recorded yet.</p>}
      {props.reviews.map((r) => (
        <article
          key={r.id}
          aria-label={`Review on ${formatDate(r.heldOn)}`}
          className="mt-3 rounded border border-slate-300 p-3"
        >
          <h3 className="font-semibold">
            Review on {formatDate(r.heldOn)} with {r.assessor.name}
          </h3>
          <p className="whitespace-pre-line">{r.notes}</p>
          <p className="text-sm">Next planned visit: {r.nextVisitOn ? formatDate(r.nextVisitOn) : "not planned"}</p>
          {r.actionPoints.length > 0 && (
            <ul className="mt-1 list-disc pl-6">
              {r.actionPoints.map((a) => {
                const overdue = !a.doneAt && a.targetOn.toISOString().slice(0, 10) < props.today;
                return (
                  <li key={a.id}>
                    {a.text} (by {formatDate(a.targetOn)}){" "}
                    {a.doneAt ? (
                      <span className="text-green-900">done {formatDate(a.doneAt)}</span>
                    ) : overdue ? (
                      <strong className="text-red-800">overdue</strong>
                    ) : (
                      <span>open</span>
                    )}
                    {!a.doneAt && props.markDone && (
                      <ActionForm action={props.markDone} label={`Mark done: ${a.text}`} className="inline-block">
                        <input type="hidden" name="actionPointId" value={a.id} />
                        <button className="ml-2 rounded border border-slate-500 px-2 text-sm">Mark done</button>
                      </ActionForm>
                    )}
                  </li>
                );
              })}
            </ul>
          )}
        </article>
      ))}
      {props.record && (
        <details className="mt-3 rounded border border-blue-800 p-3">
          <summary className="cursor-pointer font-medium">Record a review or visit</summary>
          <ActionForm action={props.record.action} label="Record a review or visit">
            <input type="hidden" name="candidateId" value={props.record.candidateId} />
            <label htmlFor="heldOn" className="mt-2 block font-medium">
              Date of the review
            </label>
            <input
              id="heldOn"
              name="heldOn"
              type="date"
              max={props.today}
              defaultValue={props.today}
              className="rounded border border-slate-500 px-2 py-1"
            />
            <label htmlFor="notes" className="mt-2 block font-medium">
              Notes
            </label>
            <textarea
              id="notes"
              name="notes"
              rows={4}
              className="w-full max-w-xl rounded border border-slate-500 px-2 py-1"
            />
            <fieldset className="mt-2">
              <legend className="font-medium">Agreed action points (leave blank rows empty)</legend>
              {Array.from({ length: ACTION_ROWS }, (_, i) => (
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
                    className="rounded border border-slate-500 px-2 py-1"
                  />
                </div>
              ))}
            </fieldset>
            <label htmlFor="nextVisitOn" className="mt-2 block font-medium">
              Next planned visit (optional)
            </label>
            <input
              id="nextVisitOn"
              name="nextVisitOn"
              type="date"
              min={props.today}
              className="rounded border border-slate-500 px-2 py-1"
            />
            <div>
              <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Record the review</button>
            </div>
          </ActionForm>
        </details>
      )}
    </section>
  );
}
