import { formatDate } from "@/lib/domain/format";
import type { listStandardisation } from "@/lib/server/internal-verification";

type Records = Awaited<ReturnType<typeof listStandardisation>>;

/** Observations of assessors and standardisation meetings, newest first: on the IV's page and on a competence record. */
export function StandardisationList({ records, headingLevel = 2 }: { records: Records; headingLevel?: 2 | 3 }) {
  const H = `h${headingLevel}` as "h2" | "h3";
  return (
    <>
      <section aria-labelledby="observations-heading" className="mt-6">
        <H id="observations-heading" className="text-xl font-semibold">
          IV observations ({records.observations.length})
        </H>
        {records.observations.length === 0 && <p className="mt-1">None recorded.</p>}
        <ul className="mt-2 space-y-2">
          {records.observations.map((o) => (
            <li key={o.id}>
              <article
                aria-label={`Observation of ${o.assessor} on ${formatDate(o.observedOn)}`}
                className="rounded border border-slate-300 p-2"
              >
                <p>
                  <strong>{o.assessor}</strong>, observed by {o.iv} on {formatDate(o.observedOn)}
                  {o.candidate && ` with ${o.candidate}`}:{" "}
                  <strong>{o.outcome === "SATISFACTORY" ? "satisfactory" : "development needed"}</strong>
                </p>
                <p className="whitespace-pre-line">Seen: {o.seen}</p>
                {o.feedback && <p className="whitespace-pre-line">Feedback: {o.feedback}</p>}
              </article>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="meetings-heading" className="mt-6">
        <H id="meetings-heading" className="text-xl font-semibold">
          Standardisation meetings ({records.meetings.length})
        </H>
        {records.meetings.length === 0 && <p className="mt-1">None recorded.</p>}
        <ul className="mt-2 space-y-2">
          {records.meetings.map((m) => (
            <li key={m.id}>
              <article
                aria-label={`Standardisation meeting on ${formatDate(m.heldOn)}`}
                className="rounded border border-slate-300 p-2"
              >
                <p>
                  <strong>{formatDate(m.heldOn)}</strong>, recorded by {m.recordedBy}
                  {m.qualification && `, ${m.qualification}`}
                  {m.unitRefs.length > 0 && `, units ${m.unitRefs.join(", ")}`}
                </p>
                <p>
                  Attended: {m.attended.join(", ")}
                  {m.absent.length > 0 && `. Concerned, did not attend: ${m.absent.join(", ")}`}
                </p>
                {m.evidence.length > 0 && <p>Evidence discussed: {m.evidence.join("; ")}</p>}
                <p className="whitespace-pre-line">Discussed: {m.discussed}</p>
                <p className="whitespace-pre-line">Agreed: {m.agreed}</p>
              </article>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
