import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { InterimUnits } from "@/components/iv/interim-units";
import { Pagination } from "@/components/pagination";
import { TableRegion } from "@/components/table-region";
import { requireArea } from "@/lib/auth/session";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import { parsePage } from "@/lib/domain/pagination";
import { idParam } from "@/lib/auth/session";
import {
  listCentreAssessors,
  listFlaggedUnits,
  listSamples,
  listSignedOffUnits,
  listUnitsInProgress,
} from "@/lib/server/internal-verification";
import { sampleUnitAction } from "../actions";

export const metadata = { title: "Sampling" };

const STATE_LABEL = {
  "awaiting-verdict": "Awaiting a verdict",
  "on-hold": "On hold: waiting for the assessor",
  responded: "The assessor has responded",
  agreed: "Agreed",
  "awaiting-countersignature": "Agreed, awaiting a qualified internal verifier's countersignature",
  "changed-since-verdict": "The sign-off changed since the verdict: verify it again",
} as const;

type SignedOffUnit = Awaited<ReturnType<typeof listSignedOffUnits>>["items"][number];

/** A signed-off unit with its authenticity signals and what the IV can do with it. */
function SignedOffUnitItem({ unit: u }: { unit: SignedOffUnit }) {
  return (
    <li className="rounded border border-slate-300 p-2">
      <p>
        {u.candidate.name}, unit {u.unitRef}: signed off by {u.assessor.name} on {formatDateTime(u.signedAt)}.
      </p>
      {u.signals.length > 0 && (
        <ul
          aria-label={`Authenticity signals for ${u.candidate.name}, unit ${u.unitRef}`}
          className="mt-1 list-disc pl-6 text-sm font-semibold text-amber-900"
        >
          {u.signals.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
      {u.sampleId ? (
        <Link href={`/iv/samples/${u.sampleId}`} className="text-blue-800 underline">
          In the sample: open it
        </Link>
      ) : u.own ? (
        <p className="text-sm font-semibold text-red-800">
          You took part in assessing this unit: another internal verifier must verify it.
        </p>
      ) : (
        <ActionForm action={sampleUnitAction} label={`Sample unit ${u.unitRef} of ${u.candidate.name}`}>
          <input type="hidden" name="candidateId" value={u.candidateId} />
          <input type="hidden" name="specId" value={u.specId} />
          <input type="hidden" name="unitRef" value={u.unitRef} />
          <input type="hidden" name="stage" value="SUMMATIVE" />
          <label htmlFor={`reason-${u.id}`} className="mr-2">
            Reason
          </label>
          <input
            id={`reason-${u.id}`}
            name="reason"
            defaultValue="Newly signed off"
            className="rounded border border-slate-500 px-2 py-1"
          />
          <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">
            Sample unit {u.unitRef} of {u.candidate.name}
          </button>
        </ActionForm>
      )}
    </li>
  );
}

export default async function SamplingPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string; assessor?: string }>;
}) {
  const actor = await requireArea("iv");
  const params = await searchParams;
  const [samples, units, flagged, assessors] = await Promise.all([
    listSamples(actor, { page: parsePage(params.page) }),
    listSignedOffUnits(actor, { page: 1 }),
    listFlaggedUnits(actor),
    listCentreAssessors(actor),
  ]);
  const flaggedIds = new Set(flagged.map((f) => f.id));
  const chosen = params.assessor ? assessors.find((a) => a.id === idParam(params.assessor!)) : undefined;
  const inProgress = chosen ? await listUnitsInProgress(actor, { page: 1, assessorId: chosen.id }) : null;
  return (
    <>
      <h1 className="text-2xl font-semibold">Sampling</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Summative samples are of signed-off units: those your sampling plan selects join the sample as they are signed
        off, and you can add others. Interim samples are taken during the programme, from judgements already made.
        Nobody internally verifies their own assessments: units you took part in assessing (a judgement, sign-off or
        countersignature, or evidence you recorded) must go to another internal verifier.
      </p>
      <section aria-labelledby="samples-heading" className="mt-6">
        <h2 id="samples-heading" className="text-xl font-semibold">
          Sampled items ({samples.total})
        </h2>
        {samples.items.length === 0 ? (
          <p className="mt-2">Nothing sampled yet.</p>
        ) : (
          <TableRegion label="Sampled items">
            <table className="w-full border-collapse text-left">
              <caption className="sr-only">Sampled items</caption>
              <thead>
                <tr className="border-b border-slate-400">
                  <th scope="col" className="py-2">
                    Candidate and unit
                  </th>
                  <th scope="col">Stage</th>
                  <th scope="col">Sampled</th>
                  <th scope="col">Why</th>
                  <th scope="col">State</th>
                </tr>
              </thead>
              <tbody>
                {samples.items.map((s) => (
                  <tr key={s.id} className="border-b border-slate-200">
                    <td className="py-2">
                      {s.own ? (
                        `${s.candidate}, unit ${s.unitRef}`
                      ) : (
                        <Link href={`/iv/samples/${s.id}`} className="text-blue-800 underline">
                          {s.candidate}, unit {s.unitRef}
                        </Link>
                      )}
                      {s.criteria.length > 0 && <span className="block text-sm">Criteria {s.criteria.join(", ")}</span>}
                    </td>
                    <td>{s.stage === "SUMMATIVE" ? "Summative" : "Interim"}</td>
                    <td>{formatDate(s.selectedAt)}</td>
                    <td className="text-sm">{s.reason}</td>
                    <td>
                      {STATE_LABEL[s.state]}
                      {s.own && (
                        <span className="block text-sm font-semibold text-red-800">
                          Your own assessment: another internal verifier verifies it.
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
        <Pagination page={samples} basePath="/iv/samples" />
      </section>
      {flagged.length > 0 && (
        <section aria-labelledby="flagged-heading" className="mt-6">
          <h2 id="flagged-heading" className="text-xl font-semibold">
            Units with authenticity signals ({flagged.length})
          </h2>
          <p className="mt-1 max-w-prose text-slate-700">
            Signed off in the last year, not yet sampled, anywhere in the centre: sample these first.
          </p>
          <ul className="mt-2 space-y-2">
            {flagged.map((u) => (
              <SignedOffUnitItem key={u.id} unit={u} />
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="units-heading" className="mt-6">
        <h2 id="units-heading" className="text-xl font-semibold">
          Signed-off units ({units.total})
        </h2>
        {units.total === 0 && <p className="mt-2">No units are signed off yet.</p>}
        <ul className="mt-2 space-y-2">
          {units.items
            .filter((u) => !flaggedIds.has(u.id))
            .map((u) => (
              <SignedOffUnitItem key={u.id} unit={u} />
            ))}
        </ul>
        {units.total > units.items.length && (
          <p className="mt-2 text-sm">The {units.items.length} most recently signed off are shown.</p>
        )}
      </section>
      <section aria-labelledby="interim-heading" className="mt-6">
        <h2 id="interim-heading" className="text-xl font-semibold">
          Units being assessed: interim sampling
        </h2>
        <p className="mt-1 max-w-prose text-slate-700">
          Choose an assessor to see the units they are judging that are not yet signed off.
        </p>
        <form
          method="get"
          action="/iv/samples"
          aria-label="Choose whose work to sample"
          className="mt-2 flex flex-wrap items-end gap-2"
        >
          <div>
            <label htmlFor="interim-assessor" className="block font-medium">
              Assessor
            </label>
            <select
              id="interim-assessor"
              name="assessor"
              defaultValue={chosen?.id ?? ""}
              className="rounded border border-slate-500 px-2 py-1"
            >
              <option value="">Choose an assessor</option>
              {assessors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <button className="rounded border border-blue-800 px-3 py-1 text-blue-800">Show their units</button>
        </form>
        {inProgress && <InterimUnits assessor={chosen!.name} units={inProgress} />}
      </section>
    </>
  );
}
