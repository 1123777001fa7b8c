import Link from "next/link";
import { SamplingPlanView } from "@/components/iv/sampling-plan";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { getPlan } from "@/lib/server/internal-verification";

export const metadata = { title: "Sampling plan" };

/** One IV sampling plan with its coverage, read-only for the centre's EV. */
export default async function EvPlanPage({ params }: { params: Promise<{ centreId: string; planId: string }> }) {
  const actor = await requireArea("ev");
  const { centreId, planId } = await params;
  const plan = await orPageError(getPlan(actor, idParam(planId), idParam(centreId)));
  return (
    <>
      <p className="text-sm">
        <Link href={`/ev/centres/${centreId}/plans`} className="text-blue-800 underline">
          All plans of the centre
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">
        Sampling plan: {plan.qualification.code} {plan.qualification.title}
      </h1>
      <p className="text-slate-700">
        {formatDate(plan.periodFrom)} to {formatDate(plan.periodTo)}. Read-only.
      </p>
      <SamplingPlanView plan={plan} />
    </>
  );
}
