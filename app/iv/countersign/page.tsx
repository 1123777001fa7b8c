import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { requireArea } from "@/lib/auth/session";
import { IV_COUNTERSIGN_DECLARATION } from "@/lib/domain/declarations";
import { formatDateTime } from "@/lib/domain/format";
import { listIvCountersignQueue } from "@/lib/server/iv-countersign";
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
        Verdicts by an internal verifier who is working towards the verifier units (V1/D34 or TAQA IQA) count only once a qualified internal
        verifier countersigns them. Until then an agreement does not count, and a disagreement keeps the unit on hold.
      </p>
      {!queue.qualified ? (
        <p className="mt-4">Your competence record does not show you as a qualified internal verifier, so you cannot countersign. Your own verifications are countersigned by a qualified internal verifier.</p>
      ) : (
        <section aria-labelledby="waiting-heading" className="mt-4">
          <h2 id="waiting-heading" className="text-xl font-semibold">Waiting for you ({mine.length})</h2>
          {mine.length === 0 ? <p className="mt-1">None waiting.</p> : (
            <ActionForm action={countersignVerdictsAction} label="Countersign verifications">
              <ul className="mt-2 space-y-2">
                {mine.map((v) => (
                  <li key={v.id} className="flex items-start gap-2">
                    <input type="checkbox" id={`v-${v.id}`} name="ids" value={v.id} className="mt-1" />
                    <label htmlFor={`v-${v.id}`}>
                      {v.outcome === "AGREE" ? "Agreed" : "Disagreed"}: {v.candidate}, unit {v.sample.unitRef}
                      {v.sample.criteria.length > 0 && ` (criteria ${v.sample.criteria.join(", ")})`}, by {v.iv} on {formatDateTime(v.decidedAt)}
                      {v.feedback && <span className="block text-sm text-slate-700">Feedback: {v.feedback}</span>}
                    </label>
                    <Link href={`/iv/samples/${v.sample.id}`} className="text-sm underline">see the sample</Link>
                  </li>
                ))}
              </ul>
              <div className="mt-2 rounded bg-slate-50 p-2">
                <div className="flex items-start gap-2">
                  <input type="checkbox" id="declared" name="declared" value="yes" className="mt-1" />
                  <label htmlFor="declared">{IV_COUNTERSIGN_DECLARATION}</label>
                </div>
                <label htmlFor="password" className="mr-2">Your password</label>
                <input id="password" name="password" type="password" autoComplete="current-password" className="rounded border border-slate-500 px-2 py-1" />
                <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">Countersign the verifications ticked</button>
              </div>
            </ActionForm>
          )}
        </section>
      )}
      {others.length > 0 && (
        <section aria-labelledby="others-heading" className="mt-6">
          <h2 id="others-heading" className="text-xl font-semibold">For another internal verifier ({others.length})</h2>
          <p className="mt-1 max-w-prose text-slate-700">Nobody internally verifies their own assessments, or countersigns their own verdict.</p>
          <ul className="mt-2 list-disc pl-6">
            {others.map((v) => (
              <li key={v.id}>
                {v.candidate}, unit {v.sample.unitRef}, by {v.iv} on {formatDateTime(v.decidedAt)}: {v.blocked}
                {v.toEv && " No qualified internal verifier of the centre may countersign it, so it goes to the external verifier; until then it does not count."}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
