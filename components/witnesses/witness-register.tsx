import { Pagination } from "@/components/pagination";
import { TableRegion } from "@/components/table-region";
import { formatDate } from "@/lib/domain/format";
import type { WitnessRegisterPage } from "@/lib/server/witnesses";

/**
 * The expert witness register, read-only: who each witness is, the evidence of their occupational
 * competence, the latest vetting decision and who made it, and the candidates they may give
 * testimony for. The same for assessors, internal verifiers, administrators and external verifiers.
 */
export function WitnessRegister({ register, basePath }: { register: WitnessRegisterPage; basePath: string }) {
  if (register.total === 0) return <p className="mt-4">No expert witnesses are on the register yet.</p>;
  return (
    <>
      <TableRegion label="Expert witness register">
        <table className="w-full border-collapse text-left align-top">
          <caption className="text-left font-semibold">Expert witnesses ({register.total})</caption>
          <thead>
            <tr className="border-b border-slate-400">
              <th scope="col" className="py-2 pr-4">
                Witness
              </th>
              <th scope="col" className="pr-4">
                Occupational competence
              </th>
              <th scope="col" className="pr-4">
                Latest vetting
              </th>
              <th scope="col">Candidates and relationship</th>
            </tr>
          </thead>
          <tbody>
            {register.items.map((w) => (
              <tr key={w.id} className="border-b border-slate-200 align-top">
                <th scope="row" className="py-2 pr-4 text-left font-normal">
                  <span className="font-semibold">{w.name}</span>
                  {!w.active && <span className="text-sm"> (account deactivated)</span>}
                  <br />
                  <span className="text-sm">
                    {w.jobRole}, {w.organisation}
                  </span>
                  <br />
                  <span className="text-sm break-all text-slate-700">{w.email}</span>
                </th>
                <td className="max-w-prose py-2 pr-4 whitespace-pre-line">{w.occupationalCompetence}</td>
                <td className="py-2 pr-4">
                  {w.vetting ? (
                    <>
                      <span className={`font-semibold ${w.vetting.approved ? "text-green-800" : "text-red-800"}`}>
                        {w.vetting.approved ? "Approved" : "Not approved"}
                      </span>
                      <br />
                      <span className="text-sm">
                        by {w.vetting.decidedBy} on {formatDate(w.vetting.decidedAt)}
                      </span>
                      <p className="mt-1 text-sm whitespace-pre-line">{w.vetting.note}</p>
                    </>
                  ) : (
                    <span className="font-semibold text-amber-900">Not vetted yet</span>
                  )}
                </td>
                <td className="py-2">
                  {w.candidates.length === 0 ? (
                    "None linked yet"
                  ) : (
                    <ul className="list-disc pl-5">
                      {w.candidates.map((c) => (
                        <li key={c.id}>
                          {c.name}: {c.relationship ?? "relationship not recorded"}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      <Pagination page={register} basePath={basePath} />
    </>
  );
}
