import Link from "next/link";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { listPlans } from "@/lib/server/internal-verification";
import { getVerifiedCentreName } from "@/lib/server/external-verification";

export const metadata = { title: "Sampling plans" };

/** The centre's IV sampling plans, read-only for the EV appointed to it. */
export default async function EvPlansPage({ params }: { params: Promise<{ centreId: string }> }) {
  const actor = await requireArea("ev");
  const centreId = idParam((await params).centreId);
  const centre = await orPageError(getVerifiedCentreName(actor, centreId));
  const plans = await orPageError(listPlans(actor, centreId));
  return (
    <>
      <p className="text-sm">
        <Link href={`/ev/centres/${centreId}`} className="text-blue-800 underline">
          {centre.name}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Internal verification sampling plans</h1>
      {plans.length === 0 ? (
        <p className="mt-4">The centre&apos;s internal verifiers have made no sampling plan yet.</p>
      ) : (
        <ul className="mt-4 list-disc pl-6">
          {plans.map((p) => (
            <li key={p.id}>
              <Link href={`/ev/centres/${centreId}/plans/${p.id}`} className="text-blue-800 underline">
                {p.qualification.code}, {formatDate(p.periodFrom)} to {formatDate(p.periodTo)}
              </Link>{" "}
              (made {formatDate(p.createdAt)})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
