import { TableRegion } from "@/components/table-region";
import { requireArea } from "@/lib/auth/session";
import { getIvOverview } from "@/lib/server/verification";

export const metadata = { title: "Centre overview" };

export default async function IvHome() {
  const actor = await requireArea("iv");
  const overview = await getIvOverview(actor);
  return (
    <>
      <h1 className="text-2xl font-semibold">Centre overview</h1>
      <p className="mt-2">
        {overview.candidates} {overview.candidates === 1 ? "candidate" : "candidates"}; {overview.unassigned === 0 ? "all have an assessor" : `${overview.unassigned} without an assessor`}.
      </p>
      <TableRegion label="Assessors and their caseloads">
        <table className="w-full border-collapse text-left">
        <caption className="text-left font-semibold">Assessors and their caseloads</caption>
        <thead>
          <tr className="border-b border-slate-400"><th scope="col" className="py-2">Assessor</th><th scope="col">Candidates</th><th scope="col">Status</th></tr>
        </thead>
        <tbody>
          {overview.assessors.map((a) => (
            <tr key={a.id} className="border-b border-slate-200">
              <td className="py-2">{a.name}{a.id === actor.userId ? " (you)" : ""}</td>
              <td>{a.caseload}</td>
              <td>{a.active ? "Active" : "Deactivated"}</td>
            </tr>
          ))}
        </tbody>
      </table>
        </TableRegion>
    </>
  );
}
