import { VerdictsToCountersign } from "@/components/iv/verdicts-to-countersign";
import { requireArea } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/domain/format";
import { listIvCountersignQueue } from "@/lib/server/internal-verification";
import { countersignVerdictsAction } from "../actions";

export const metadata = { title: "Countersigning verifications" };

export default async function IvCountersignPage() {
  const actor = await requireArea("iv");
  const queue = await listIvCountersignQueue(actor);
  const mine = queue.verdicts.filter((v) => v.blocked === null);
  const others = queue.verdicts.filter((v) => v.blocked !== null);
  return (
    <>
      <h1 className="text-2xl font-semibold">Verifications to countersign</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Verdicts by an internal verifier who is working towards the verifier units (V1/D34 or TAQA IQA) count only once
        a qualified internal verifier countersigns them. Until then an agreement does not count, and a disagreement
        keeps the unit on hold.
      </p>
      {!queue.qualified ? (
        <p className="mt-4">
          Your competence record does not show you as a qualified internal verifier, so you cannot countersign. Your own
          verifications are countersigned by a qualified internal verifier.
        </p>
      ) : (
        <section aria-labelledby="waiting-heading" className="mt-4">
          <h2 id="waiting-heading" className="text-xl font-semibold">
            Waiting for you ({mine.length})
          </h2>
          {mine.length === 0 ? (
            <p className="mt-1">None waiting.</p>
          ) : (
            <VerdictsToCountersign
              verdicts={mine}
              action={countersignVerdictsAction}
              label="Countersign verifications"
              link={(v) => ({ href: `/iv/samples/${v.sample.id}`, text: "see the sample" })}
            />
          )}
        </section>
      )}
      {others.length > 0 && (
        <section aria-labelledby="others-heading" className="mt-6">
          <h2 id="others-heading" className="text-xl font-semibold">
            For another internal verifier ({others.length})
          </h2>
          <p className="mt-1 max-w-prose text-slate-700">
            Nobody internally verifies their own assessments, or countersigns their own verdict.
          </p>
          <ul className="mt-2 list-disc pl-6">
            {others.map((v) => (
              <li key={v.id}>
                {v.candidate}, unit {v.sample.unitRef}, by {v.iv} on {formatDateTime(v.decidedAt)}: {v.blocked}
                {v.toEv &&
                  " No qualified internal verifier of the centre may countersign it, so it goes to the external verifier; until then it does not count."}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
