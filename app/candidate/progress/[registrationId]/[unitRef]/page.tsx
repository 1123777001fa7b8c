import Link from "next/link";
import { notFound } from "next/navigation";
import { UnitDetail, UnitProgressLine } from "@/components/assessment/portfolio-progress";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { getPortfolioProgress } from "@/lib/server/assessment";
import { CountersignForm } from "../../countersign-form";

export async function generateMetadata(props: { params: Promise<{ unitRef: string }> }) {
  return { title: `Unit ${decodeURIComponent((await props.params).unitRef)}: progress` };
}

/** One unit of the candidate's own registration: each criterion with the evidence behind it and the assessor's decisions. */
export default async function UnitProgressPage(props: {
  params: Promise<{ registrationId: string; unitRef: string }>;
}) {
  const actor = await requireArea("candidate");
  const params = await props.params;
  const registrationId = idParam(params.registrationId);
  const progress = await orPageError(getPortfolioProgress(actor, actor.userId));
  const registration = progress.find((p) => p.registration.id === registrationId);
  const unit = registration?.units.find((u) => u.ref === decodeURIComponent(params.unitRef));
  if (!registration || !unit) notFound();
  return (
    <>
      <p className="text-sm">
        <Link href="/candidate/progress" className="text-blue-800 underline">
          My progress
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-semibold">
        Unit {unit.ref} {unit.title}
      </h1>
      <p className="mt-1 text-slate-700">
        {registration.registration.spec.code} {registration.registration.spec.title}
      </p>
      <p className="mt-1">
        <UnitProgressLine unit={unit} />
      </p>
      <h2 className="mt-4 text-xl font-semibold">Sign-off, criteria and evidence</h2>
      <UnitDetail
        registration={registration}
        unit={unit}
        evidenceHref={(id) => `/candidate/evidence/${id}`}
        unitActions={(_, u) => <CountersignForm unit={u} />}
      />
    </>
  );
}
