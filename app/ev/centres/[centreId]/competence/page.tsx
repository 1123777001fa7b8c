import Link from "next/link";
import { TableRegion } from "@/components/table-region";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { getVerifiedCentreCompetence } from "@/lib/server/external-verification";

export const metadata = { title: "Staff competence" };

export default async function EvCentreCompetencePage(props: { params: Promise<{ centreId: string }> }) {
  const actor = await requireArea("ev");
  const { centre, staff } = await orPageError(
    getVerifiedCentreCompetence(actor, idParam((await props.params).centreId)),
  );
  return (
    <>
      <p className="text-sm">
        <Link href={`/ev/centres/${centre.id}`} className="text-blue-800 underline">
          {centre.name}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Staff competence: {centre.name}</h1>
      <p className="mt-2 max-w-prose text-slate-700">Read-only: the centre&apos;s administrator keeps these records.</p>
      <TableRegion label="Assessors and internal verifiers">
        <table className="mt-4 w-full border-collapse text-left">
          <caption className="sr-only">Assessors and internal verifiers, their status and CPD</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="py-2">
                Name
              </th>
              <th scope="col">Status</th>
              <th scope="col">CPD</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((s) => (
              <tr key={s.id} className="border-b border-slate-200 align-top">
                <th scope="row" className="py-2 font-normal">
                  {s.name}
                </th>
                <td>
                  {s.records.length === 0 && "No record"}
                  {s.records.map((r) => (
                    <span key={r.role} className="block">
                      {r.role === "ASSESSOR" ? "Assessor" : "Internal verifier"}:{" "}
                      {r.status === "QUALIFIED" ? "qualified" : "working towards"}
                      {r.award && `, ${r.award}`}
                      {r.achievedOn &&
                        ` (${formatDate(r.achievedOn)}${r.certificateNumber ? `, ${r.certificateNumber}` : ""})`}
                    </span>
                  ))}
                </td>
                <td>{s.cpdHours} hours</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}
