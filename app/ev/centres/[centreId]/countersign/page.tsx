import Link from "next/link";
import { VerdictsToCountersign } from "@/components/iv/verdicts-to-countersign";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { getVerifiedCentreName } from "@/lib/server/external-verification";
import { listEvCountersignQueue } from "@/lib/server/internal-verification";
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
      <p className="text-sm">
        <Link href={`/ev/centres/${centre.id}`} className="text-blue-800 underline">
          {centre.name}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Verifications to countersign: {centre.name}</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Verdicts by an internal verifier working towards the verifier units count once a qualified verifier countersigns
        them. These are verdicts that no qualified internal verifier of the centre may countersign, because each took
        part in assessing the unit (nobody verifies their own assessments). Until countersigned an agreement does not
        count, and a disagreement keeps the unit on hold.
      </p>
      <section aria-labelledby="waiting-heading" className="mt-4">
        <h2 id="waiting-heading" className="text-xl font-semibold">
          Waiting for you ({verdicts.length})
        </h2>
        {verdicts.length === 0 ? (
          <p className="mt-1">None waiting.</p>
        ) : (
          <VerdictsToCountersign
            verdicts={verdicts}
            action={countersignAsEvAction}
            label="Countersign verifications as the external verifier"
            link={(v) => ({ href: `/ev/candidates/${v.sample.candidateId}`, text: "see the portfolio" })}
          >
            <input type="hidden" name="centreId" value={centre.id} />
          </VerdictsToCountersign>
        )}
      </section>
    </>
  );
}
