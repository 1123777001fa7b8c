import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { TableRegion } from "@/components/table-region";
import { requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import { listVerifiers } from "@/lib/server/awarding-body";

export const metadata = { title: "External verifiers" };

export default async function AwardingHome({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const actor = await requireArea("awarding");
  const verifiers = await listVerifiers(actor, { page: parsePage((await searchParams).page) });
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">External verifiers</h1>
        <Link href="/awarding/verifiers/new" className="rounded bg-blue-800 px-3 py-2 text-white">
          Add an external verifier
        </Link>
      </div>
      <p className="mt-2 max-w-prose text-slate-700">
        External verifiers are appointed by the awarding body. Their accounts belong to no centre, so the centres they
        verify cannot change or deactivate them.
      </p>
      <p className="mt-2">
        <a href="/api/claims/export" className="text-blue-800 underline">
          Download every centre&apos;s released certificate claims (CSV)
        </a>
      </p>
      <TableRegion label="External verifiers">
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">External verifiers ({verifiers.total})</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="py-2">
                Name
              </th>
              <th scope="col">Email</th>
              <th scope="col">Appointed to</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {verifiers.items.map((v) => (
              <tr key={v.id} className="border-b border-slate-200">
                <td className="py-2">
                  <Link href={`/awarding/verifiers/${v.id}`} className="text-blue-800 underline">
                    {v.name}
                  </Link>
                </td>
                <td>{v.email}</td>
                <td>{v.centres.length ? v.centres.map((c) => `${c.name} (${c.code})`).join(", ") : "No centre yet"}</td>
                <td>{v.active ? "Active" : "Deactivated"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <p className="mt-2 text-sm text-slate-600">{verifiers.total} external verifiers</p>
      <Pagination page={verifiers} basePath="/awarding" params={{}} />
    </>
  );
}
