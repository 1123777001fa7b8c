import Link from "next/link";
import { WitnessRegister } from "@/components/witnesses/witness-register";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import { listVerifiedCentreWitnesses } from "@/lib/server/witnesses";

export const metadata = { title: "Expert witness register" };

export default async function EvCentreWitnessesPage(props: {
  params: Promise<{ centreId: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const actor = await requireArea("ev");
  const centreId = idParam((await props.params).centreId);
  const { centre, register } = await orPageError(
    listVerifiedCentreWitnesses(actor, centreId, { page: parsePage((await props.searchParams).page) }),
  );
  return (
    <>
      <p className="text-sm">
        <Link href={`/ev/centres/${centre.id}`} className="text-blue-800 underline">
          {centre.name}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Expert witness register: {centre.name}</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        Centre {centre.code}. Read-only: the centre&apos;s assessors vet the witnesses and keep the register.
      </p>
      <WitnessRegister register={register} basePath={`/ev/centres/${centre.id}/witnesses`} />
    </>
  );
}
