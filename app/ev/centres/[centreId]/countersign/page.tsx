import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { IV_COUNTERSIGN_DECLARATION } from "@/lib/domain/declarations";
import { formatDateTime } from "@/lib/domain/format";
import { getVerifiedCentreName } from "@/lib/server/centre-records";
import { listEvCountersignQueue } from "@/lib/server/iv-countersign";
import { countersignAsEvAction } from "../../../actions";

export const metadata = { title: "Verifications to countersign" };

/**
 * Verdicts of an IV working towards the verifier units that no qualified IV of the centre may
 * countersign (each took part in assessing the unit): they come to the EV, or they would never count.
 */
export default async function EvCountersignPage(props: { params: Promise<{ centreId: string }> }) {
  const actor = await requireArea("ev");
  const centreId = idParam((await props.params).centreId);
  const centre = await orPageError(getVerifiedCentreName(actor, centreId));
  const verdicts = await orPageError(listEvCountersignQueue(actor, centreId));
  return (
    <>
      <p className="text-sm"><Link href={`/ev/centres/${centre.id}`} className="text-blue-800 underline">{centre.name}</Link></p>
      <h1 className="mt-2 text-2xl font-semibold">Verifications to countersign: {centre.name}</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Verdicts by an internal verifier working towards the verifier units count once a qualified verifier countersigns them. These are
        verdicts that no qualified internal verifier of the centre may countersign, because each took part in assessing the unit (nobody
        verifies their own assessments). Until countersigned an agreement does not count, and a disagreement keeps the unit on hold.
      </p>
      <section aria-labelledby="waiting-heading" className="mt-4">
        <h2 id="waiting-heading" className="text-xl font-semibold">Waiting for you ({verdicts.length})</h2>
        {verdicts.length === 0 ? <p className="mt-1">None waiting.</p> : (
          <ActionForm action={countersignAsEvAction} label="Countersign verifications as the external verifier">
            <input type="hidden" name="centreId" value={centre.id} />
            <ul className="mt-2 space-y-2">
              {verdicts.map((v) => (
                <li key={v.id} className="flex items-start gap-2">
                  <input type="checkbox" id={`v-${v.id}`} name="ids" value={v.id} className="mt-1" />
                  <label htmlFor={`v-${v.id}`}>
                    {v.outcome === "AGREE" ? "Agreed" : "Disagreed"}: {v.candidate}, unit {v.sample.unitRef}
                    {v.sample.criteria.length > 0 && ` (criteria ${v.sample.criteria.join(", ")})`}, by {v.iv} on {formatDateTime(v.decidedAt)}
                    {v.feedback && <span className="block text-sm text-slate-700">Feedback: {v.feedback}</span>}
                  </label>
                  <Link href={`/ev/candidates/${v.sample.candidateId}`} className="text-sm underline">see the portfolio</Link>
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
    </>
  );
}
