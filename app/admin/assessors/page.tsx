import Link from "next/link";
import { TableRegion } from "@/components/table-region";
import { orPageError } from "@/lib/auth/page-guard";
import { requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { listAssessorCompetence } from "@/lib/server/competence";

export const metadata = { title: "Assessor competence" };

export default async function AssessorCompetencePage() {
  const actor = await requireArea("admin");
  const assessors = await orPageError(listAssessorCompetence(actor));
  return (
    <>
      <h1 className="text-2xl font-semibold">Assessor competence</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Each assessor&apos;s status, award and occupational competence. Decisions by an assessor who is working towards the assessor units,
        or has no record, count only once a qualified assessor countersigns them.
      </p>
      <TableRegion label="Assessors">
        <table className="mt-4 w-full border-collapse text-left">
          <caption className="sr-only">Assessors and their status</caption>
          <thead><tr className="border-b border-slate-400"><th scope="col" className="py-2">Assessor</th><th scope="col">Status</th><th scope="col">Award</th><th scope="col">Recorded</th></tr></thead>
          <tbody>
            {assessors.map((a) => (
              <tr key={a.id} className="border-b border-slate-200">
                <td className="py-2"><Link href={`/admin/assessors/${a.id}`} className="text-blue-800 underline">{a.name}</Link>{!a.active && " (deactivated)"}</td>
                <td>{a.current ? (a.current.status === "QUALIFIED" ? "Qualified" : "Working towards") : "No record"}</td>
                <td>{a.current?.award ?? "—"}</td>
                <td>{a.current ? formatDate(a.current.recordedAt) : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}
