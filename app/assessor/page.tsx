import { TableRegion } from "@/components/table-region";
import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { parsePage } from "@/lib/domain/pagination";
import { listCaseload } from "@/lib/server/candidates";
import { listQuerySchema } from "@/lib/validation/user";

export const metadata = { title: "My candidates" };

export default async function AssessorHome({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireArea("assessor");
  const params = await searchParams;
  const { q } = listQuerySchema.parse({ q: params.q });
  const caseload = await listCaseload(actor, { page: parsePage(params.page), q });
  return (
    <>
      <h1 className="text-2xl font-semibold">My candidates</h1>
      <p className="mt-2 text-slate-700">{caseload.total} candidate{caseload.total === 1 ? "" : "s"} on your caseload.</p>
      <form role="search" className="mt-4 flex gap-2">
        <label htmlFor="q" className="sr-only">Search candidates by name</label>
        <input id="q" name="q" defaultValue={q} placeholder="Search by name" className="rounded border border-slate-500 px-3 py-1" />
        <button className="rounded bg-blue-800 px-3 py-1 text-white">Search</button>
      </form>
      {caseload.items.length === 0 ? (
        <p className="mt-4">No candidates match.</p>
      ) : (
        <TableRegion label="Candidates on your caseload">
        <table className="w-full border-collapse text-left">
          <caption className="sr-only">Candidates on your caseload</caption>
          <thead>
            <tr className="border-b border-slate-400"><th scope="col" className="py-2">Name</th><th scope="col">Email</th><th scope="col">Registered</th></tr>
          </thead>
          <tbody>
            {caseload.items.map((c) => (
              <tr key={c.id} className="border-b border-slate-200">
                <td className="py-2"><Link href={`/assessor/candidates/${c.id}`} className="text-blue-800 underline">{c.name}</Link></td>
                <td>{c.email}</td>
                <td>{formatDate(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </TableRegion>
      )}
      <Pagination page={caseload} basePath="/assessor" params={{ q }} />
    </>
  );
}
