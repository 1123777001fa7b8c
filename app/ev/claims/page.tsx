import Link from "next/link";
import { TableRegion } from "@/components/table-region";
import { requireArea } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/domain/format";
import { Pagination } from "@/components/pagination";
import { parsePage } from "@/lib/domain/pagination";
import { listClaimsForVerifier } from "@/lib/server/claims";

export const metadata = { title: "Certificate claims" };

export default async function EvClaimsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const actor = await requireArea("ev");
  const page = await listClaimsForVerifier(actor, { page: parsePage((await searchParams).page) });
  const claims = page.items;
  return (
    <>
      <h1 className="text-2xl font-semibold">Certificate claims</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Claims raised by the centres you verify, those waiting for your decision first. Only authorised claims are
        released.
      </p>
      {claims.length === 0 ? (
        <p className="mt-4">No claims yet.</p>
      ) : (
        <TableRegion label="Certificate claims">
          <table className="mt-4 w-full border-collapse text-left">
            <caption className="sr-only">Certificate claims</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-2">
                  Candidate
                </th>
                <th scope="col">Centre</th>
                <th scope="col">Claim</th>
                <th scope="col">Raised</th>
                <th scope="col">State</th>
              </tr>
            </thead>
            <tbody>
              {claims.map((c) => (
                <tr key={c.id} className="border-b border-slate-200">
                  <td className="py-2">
                    <Link href={`/ev/claims/${c.id}`} className="text-blue-800 underline">
                      {c.candidate}
                    </Link>
                  </td>
                  <td>{c.centre}</td>
                  <td>
                    {c.qualification}:{" "}
                    {c.kind === "QUALIFICATION" ? "whole qualification" : `units ${c.units.join(", ")}`}
                  </td>
                  <td>{formatDateTime(c.raisedAt)}</td>
                  <td>
                    {!c.decision
                      ? c.releasedDirectly
                        ? "Released directly; in your sample"
                        : "Waiting for you"
                      : c.decision.outcome === "AUTHORISED"
                        ? "Authorised"
                        : "Refused"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <Pagination page={page} basePath="/ev/claims" params={{}} />
    </>
  );
}
