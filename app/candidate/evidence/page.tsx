import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { TableRegion } from "@/components/table-region";
import { orPageError } from "@/lib/auth/page-guard";
import { requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { parsePage } from "@/lib/domain/pagination";
import { listOwnEvidence } from "@/lib/server/evidence";
import { METHOD_LABEL } from "@/lib/validation/evidence";

export const metadata = { title: "My evidence" };

export default async function EvidenceListPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireArea("candidate");
  const list = await orPageError(listOwnEvidence(actor, { page: parsePage((await searchParams).page) }));
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-semibold">My evidence</h1>
        <Link href="/candidate/evidence/new" className="rounded bg-blue-800 px-3 py-2 text-white">
          Add evidence
        </Link>
      </div>
      {list.items.length === 0 ? (
        <p className="mt-4">You have not added any evidence yet.</p>
      ) : (
        <TableRegion label="My evidence">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">My evidence ({list.total})</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-2">
                  Title
                </th>
                <th scope="col">Date</th>
                <th scope="col">Method</th>
                <th scope="col">Files</th>
                <th scope="col">Criteria</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((e) => (
                <tr key={e.id} className="border-b border-slate-200">
                  <td className="py-2">
                    <Link href={`/candidate/evidence/${e.id}`} className="text-blue-800 underline">
                      {e.title}
                    </Link>
                  </td>
                  <td>{formatDate(e.activityDate)}</td>
                  <td>{METHOD_LABEL[e.method]}</td>
                  <td>{e._count.files}</td>
                  <td>{e._count.criteria}</td>
                  <td>{e.status === "DRAFT" ? "Draft" : "Submitted"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <Pagination page={list} basePath="/candidate/evidence" />
    </>
  );
}
