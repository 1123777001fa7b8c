import { WitnessRegister } from "@/components/witnesses/witness-register";
import { requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import { listWitnessRegister } from "@/lib/server/witnesses";

export const metadata = { title: "Expert witness register" };

export default async function IvWitnessesPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const actor = await requireArea("iv");
  const register = await listWitnessRegister(actor, { page: parsePage((await searchParams).page) });
  return (
    <>
      <h1 className="text-2xl font-semibold">Expert witness register</h1>
      <p className="mt-2 max-w-prose text-slate-700">Read-only: assessors vet the witnesses and keep the register.</p>
      <WitnessRegister register={register} basePath="/iv/witnesses" />
    </>
  );
}
