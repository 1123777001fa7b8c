import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { TableRegion } from "@/components/table-region";
import { orPageError } from "@/lib/auth/page-guard";
import { requireActor } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { parsePage } from "@/lib/domain/pagination";
import { listQualifications } from "@/lib/server/catalogue";
import { catalogueQuerySchema } from "@/lib/validation/registration";

export const metadata = { title: "Qualifications" };

export default async function CataloguePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const params = await searchParams;
  const { q } = catalogueQuerySchema.parse({ q: params.q });
  const list = await orPageError(listQualifications(actor, { page: parsePage(params.page), q }));
  return (
    <>
      <h1 className="text-2xl font-semibold">Qualifications</h1>
      <p className="mt-2 text-slate-700">
        The qualifications in the catalogue, with their units and rules of combination as the awarding bodies publish
        them.
      </p>
      <form role="search" className="mt-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="q" className="block text-sm font-medium">
            Title, number or awarding body
          </label>
          <input id="q" name="q" defaultValue={q} className="rounded border border-slate-500 px-3 py-1" />
        </div>
        <button className="rounded bg-blue-800 px-3 py-1 text-white">Search</button>
      </form>
      {list.items.length === 0 ? (
        <p className="mt-4">No qualifications match{q ? ` “${q}”` : ""}.</p>
      ) : (
        <TableRegion label="Qualifications">
          <table className="w-full border-collapse text-left">
            <caption className="sr-only">Qualifications ({list.total})</caption>
            <thead>
              <tr className="border-b border-slate-400">
                <th scope="col" className="py-2">
                  Qualification
                </th>
                <th scope="col">Number</th>
                <th scope="col">Awarding body</th>
                <th scope="col">Version</th>
                <th scope="col">Added</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((s) => (
                <tr key={s.id} className="border-b border-slate-200">
                  <td className="py-2">
                    <Link href={`/catalogue/${s.id}`} className="text-blue-800 underline">
                      {s.title}
                    </Link>
                  </td>
                  <td>{s.code}</td>
                  <td>{s.awardingBody}</td>
                  <td>{s.version}</td>
                  <td>{formatDate(s.importedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <Pagination page={list} basePath="/catalogue" params={{ q }} />
    </>
  );
}
