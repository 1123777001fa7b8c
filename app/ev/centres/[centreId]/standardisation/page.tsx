import Link from "next/link";
import { StandardisationList } from "@/components/iv/standardisation-list";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { getVerifiedCentreName } from "@/lib/server/external-verification";
import { listStandardisation } from "@/lib/server/internal-verification";

export const metadata = { title: "Observations and standardisation" };

/** The IVs' observations of assessors and the centre's standardisation meetings, read-only for its EV. */
export default async function EvStandardisationPage(props: { params: Promise<{ centreId: string }> }) {
  const actor = await requireArea("ev");
  const centreId = idParam((await props.params).centreId);
  const centre = await orPageError(getVerifiedCentreName(actor, centreId));
  const records = await orPageError(listStandardisation(actor, centreId));
  return (
    <>
      <p className="text-sm">
        <Link href={`/ev/centres/${centre.id}`} className="text-blue-800 underline">
          {centre.name}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Observations and standardisation: {centre.name}</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        Read-only: the internal verifiers&apos; observations of assessors at work and the centre&apos;s standardisation
        meetings, newest first (the latest 50 of each). Both are permanent records.
      </p>
      <StandardisationList records={records} />
    </>
  );
}
