import Link from "next/link";
import { TableRegion } from "@/components/table-region";
import { requireArea } from "@/lib/auth/session";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import { listWitnessCandidates } from "@/lib/server/identity";
import { listWitnessRequests } from "@/lib/server/witnesses";

export const metadata = { title: "Requests for testimony" };

export default async function WitnessHome() {
  const actor = await requireArea("witness");
  const [requests, candidates] = await Promise.all([listWitnessRequests(actor), listWitnessCandidates(actor)]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Requests for your testimony</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        As an expert witness you describe what you saw a candidate do at work. You see each request, the criteria it
        asks about and anything attached to it; the candidate&apos;s assessor judges your testimony.
      </p>
      <section aria-labelledby="open-heading" className="mt-6">
        <h2 id="open-heading" className="text-xl font-semibold">
          Waiting for you ({requests.open.length})
        </h2>
        {requests.open.length === 0 ? (
          <p className="mt-2">No requests are waiting for you.</p>
        ) : (
          <TableRegion label="Requests waiting for your testimony">
            <table className="w-full border-collapse text-left">
              <caption className="sr-only">Requests waiting for your testimony</caption>
              <thead>
                <tr className="border-b border-slate-400">
                  <th scope="col" className="py-2 pr-4">
                    Candidate
                  </th>
                  <th scope="col" className="pr-4">
                    Asked by
                  </th>
                  <th scope="col" className="pr-4">
                    Criteria
                  </th>
                  <th scope="col">Asked on</th>
                </tr>
              </thead>
              <tbody>
                {requests.open.map((r) => (
                  <tr key={r.id} className="border-b border-slate-200">
                    <td className="py-2 pr-4">
                      <Link href={`/witness/requests/${r.id}`} className="text-blue-800 underline">
                        Testimony for {r.candidate}
                      </Link>
                    </td>
                    <td className="pr-4">{r.requestedBy}</td>
                    <td className="pr-4">{r.criteria}</td>
                    <td>{formatDate(r.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
      {requests.signed.length > 0 && (
        <section aria-labelledby="signed-heading" className="mt-6">
          <h2 id="signed-heading" className="text-xl font-semibold">
            Testimony you have signed
          </h2>
          <ul className="mt-2 list-disc pl-6">
            {requests.signed.map((r) => (
              <li key={r.id}>
                <Link href={`/witness/requests/${r.id}`} className="text-blue-800 underline">
                  Testimony for {r.candidate}
                </Link>
                , signed {formatDateTime(r.signedAt!)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="candidates-heading" className="mt-6">
        <h2 id="candidates-heading" className="text-xl font-semibold">
          Candidates linked to you
        </h2>
        {candidates.length === 0 ? (
          <p className="mt-2">No candidate is linked to you yet.</p>
        ) : (
          <ul className="mt-2 list-disc pl-6">
            {candidates.map((c) => (
              <li key={c.id}>
                {c.name}, {c.centre?.name ?? "no centre"}
                {c.relationship ? `: ${c.relationship}` : ""}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
