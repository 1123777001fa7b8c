import Link from "next/link";
import { TableRegion } from "@/components/table-region";
import { orPageError } from "@/lib/auth/page-guard";
import { requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { listAssessorCompetence } from "@/lib/server/internal-verification";

export const metadata = { title: "Assessor and verifier competence" };

const statusText = (held: boolean, c: { status: string; award: string | null } | null) =>
  !held
    ? "—"
    : c
      ? `${c.status === "QUALIFIED" ? "Qualified" : "Working towards"}${c.award ? ` (${c.award})` : ""}`
      : "No record";

export default async function AssessorCompetencePage() {
  const actor = await requireArea("admin");
  const staff = await orPageError(listAssessorCompetence(actor));
  return (
    <>
      <h1 className="text-2xl font-semibold">Assessor and verifier competence</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Each assessor&apos;s and internal verifier&apos;s status, award and occupational competence. Decisions by an
        assessor who is working towards the assessor units, or has no record, count only once a qualified assessor
        countersigns them; the same holds for internal verifiers and the verifier units (V1/D34 or TAQA IQA).
      </p>
      <TableRegion label="Assessors and internal verifiers">
        <table className="mt-4 w-full border-collapse text-left">
          <caption className="sr-only">Assessors and internal verifiers and their status</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="py-2">
                Name
              </th>
              <th scope="col">As an assessor</th>
              <th scope="col">As an internal verifier</th>
              <th scope="col">Last recorded</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((a) => {
              const last = [a.current.ASSESSOR, a.current.INTERNAL_VERIFIER]
                .filter((c) => c !== null)
                .sort((x, y) => y.recordedAt.getTime() - x.recordedAt.getTime())[0];
              return (
                <tr key={a.id} className="border-b border-slate-200">
                  <td className="py-2">
                    <Link href={`/admin/assessors/${a.id}`} className="text-blue-800 underline">
                      {a.name}
                    </Link>
                    {!a.active && " (deactivated)"}
                  </td>
                  <td>{statusText(a.roles.includes("ASSESSOR"), a.current.ASSESSOR)}</td>
                  <td>{statusText(a.roles.includes("INTERNAL_VERIFIER"), a.current.INTERNAL_VERIFIER)}</td>
                  <td>{last ? formatDate(last.recordedAt) : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}
