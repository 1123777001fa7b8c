import Link from "next/link";
import { SamplingPlanView } from "@/components/iv/sampling-plan";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { getPlan } from "@/lib/server/internal-verification";
import { adjustPlanAction, recomputePlanAction } from "../../actions";

export const metadata = { title: "Sampling plan" };

export default async function PlanPage({ params }: { params: Promise<{ planId: string }> }) {
  const actor = await requireArea("iv");
  const plan = await orPageError(getPlan(actor, idParam((await params).planId)));
  return (
    <>
      <p className="text-sm">
        <Link href="/iv/plans" className="text-blue-800 underline">
          All plans
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">
        Sampling plan: {plan.qualification.code} {plan.qualification.title}
      </h1>
      <p className="text-slate-700">
        {formatDate(plan.periodFrom)} to {formatDate(plan.periodTo)}. Sample units at{" "}
        <Link href="/iv/samples" className="underline">
          Sampling
        </Link>
        .
      </p>

      <SamplingPlanView plan={plan} adjust={adjustPlanAction} recompute={recomputePlanAction} />
    </>
  );
}
