import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { TableRegion } from "@/components/table-region";
import { requireArea } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/domain/format";
import { parsePage } from "@/lib/domain/pagination";
import { listCentreClaims } from "@/lib/server/claims";

export const metadata = { title: "Certificate claims" };

export default async function AdminClaimsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireArea("admin");
  const claims = await listCentreClaims(actor, { page: parsePage((await searchParams).page) });
  return (
    <>
      <h1 className="text-2xl font-semibold">Certificate claims</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Claims are raised from each candidate&apos;s page (Certificate claims). The external verifier authorises or
        refuses them.
      </p>
      <p className="mt-2">
        <a href="/api/claims/export" className="text-blue-800 underline">
          Download the released claims for the awarding body (CSV)
        </a>
      </p>
      {claims.total === 0 ? (
        <p className="mt-4">No claims yet.</p>
      ) : (
        <TableRegion label="Certificate claims">
          <table className="mt-4 w-full border-collapse text-left">
            <caption className="sr-only">Certificate claims of the centre</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-2">
                  Candidate
                </th>
                <th scope="col">Claim</th>
                <th scope="col">Raised</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {claims.items.map((c) => (
                <tr key={c.id} className="border-b border-slate-200">
                  <td className="py-2">
                    <Link href={`/admin/claims/${c.id}`} className="text-blue-800 underline">
                      {c.candidate}
                    </Link>
                  </td>
                  <td>
                    {c.qualification}:{" "}
                    {c.kind === "QUALIFICATION" ? "whole qualification" : `units ${c.units.join(", ")}`}
                  </td>
                  <td>{formatDateTime(c.raisedAt)}</td>
                  <td>
                    {!c.decision
                      ? c.releasedDirectly
                        ? "Released directly (direct claims status)"
                        : "Waiting for the external verifier"
                      : c.decision.outcome === "AUTHORISED"
                        ? "Authorised and released"
                        : "Refused"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <Pagination page={claims} basePath="/admin/claims" />
    </>
  );
}
