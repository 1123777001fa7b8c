import { Pagination } from "@/components/pagination";
import { TableRegion } from "@/components/table-region";
import type { ActionState } from "@/lib/auth/action";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import type { getTestimonyRequestChoices, listTestimonyRequests } from "@/lib/server/witnesses";
import { TestimonyRequestForm } from "./testimony-request-form";

type Choices = Awaited<ReturnType<typeof getTestimonyRequestChoices>>;
type Requests = Awaited<ReturnType<typeof listTestimonyRequests>>;

/** Asking for testimony: one form per qualification the candidate is registered on. */
export function TestimonyRequestSection({
  choices,
  action,
}: {
  choices: Choices;
  action: (s: ActionState, f: FormData) => Promise<ActionState>;
}) {
  const evidence = choices.evidence.map((e) => ({
    id: e.id,
    label: `${e.title} (submitted ${formatDate(e.submittedAt!)})`,
  }));
  return (
    <section aria-labelledby="ask-heading" className="mt-6">
      <h2 id="ask-heading" className="text-xl font-semibold">
        Ask a witness for testimony
      </h2>
      {choices.witnesses.length === 0 ? (
        <p className="mt-2 max-w-prose">
          No expert witness is linked to {choices.candidate.name} yet. An assessor adds witnesses to the register, vets
          them and links them to candidates.
        </p>
      ) : choices.qualifications.length === 0 ? (
        <p className="mt-2">
          {choices.candidate.name} is not registered on a qualification yet, so there are no criteria to ask about.
        </p>
      ) : (
        <>
          <ul className="mt-2 list-disc pl-6">
            {choices.witnesses.map((w) => (
              <li key={w.id}>
                {w.name}, {w.jobRole} at {w.organisation}
                {w.relationship ? ` (${w.relationship})` : ""}:{" "}
                {w.problem ? (
                  <span className="text-red-800">{w.problem}</span>
                ) : (
                  <span className="text-green-800">
                    approved {w.vetting ? `on ${formatDate(w.vetting.decidedAt)}` : ""}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {choices.qualifications.map((q) => (
            <TestimonyRequestForm
              key={q.spec.id}
              action={action}
              candidateId={choices.candidate.id}
              witnesses={choices.witnesses}
              qualification={q}
              evidence={evidence}
            />
          ))}
        </>
      )}
    </section>
  );
}

/** The requests made about a candidate and whether each has been signed. */
export function TestimonyRequestList({ requests, basePath }: { requests: Requests; basePath: string }) {
  return (
    <section aria-labelledby="requests-heading" className="mt-8">
      <h2 id="requests-heading" className="text-xl font-semibold">
        Requests
      </h2>
      {requests.total === 0 ? (
        <p className="mt-2">No testimony has been asked for yet.</p>
      ) : (
        <>
          <TableRegion label="Testimony requests">
            <table className="w-full border-collapse text-left align-top">
              <caption className="sr-only">Testimony requests, newest first</caption>
              <thead>
                <tr className="border-b border-slate-400">
                  <th scope="col" className="py-2 pr-4">
                    Asked
                  </th>
                  <th scope="col" className="pr-4">
                    Witness
                  </th>
                  <th scope="col" className="pr-4">
                    Criteria
                  </th>
                  <th scope="col" className="pr-4">
                    Asked by
                  </th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {requests.items.map((r) => (
                  <tr key={r.id} className="border-b border-slate-200 align-top">
                    <td className="py-2 pr-4">{formatDate(r.createdAt)}</td>
                    <td className="py-2 pr-4">{r.witness.name}</td>
                    <td className="py-2 pr-4">{r.criteria.map((c) => c.replace(":", " ")).join(", ")}</td>
                    <td className="py-2 pr-4">{r.requestedBy}</td>
                    <td className="py-2">
                      {r.testimony
                        ? `Signed ${formatDateTime(r.testimony.signedAt)}: submitted for assessment`
                        : "Waiting for the witness"}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <Pagination page={requests} basePath={basePath} />
        </>
      )}
    </section>
  );
}
