import { ActionForm } from "@/components/action-form";
import { TableRegion } from "@/components/table-region";
import type { ActionState } from "@/lib/auth/action";
import type { getPlan } from "@/lib/server/internal-verification";
import { METHOD_LABEL } from "@/lib/validation/evidence";

type Plan = Awaited<ReturnType<typeof getPlan>>;
const RATING = { LOW: "Low", MEDIUM: "Medium", HIGH: "High" } as const;

/**
 * A sampling plan: each assessor's risk and sample size, and its coverage (assessors against units,
 * candidates, sites, methods) with what the sample has not reached. The IV adjusts it (`adjust`);
 * an EV reads it.
 */
export function SamplingPlanView({
  plan,
  adjust,
  recompute,
}: {
  plan: Plan;
  adjust?: (s: ActionState, f: FormData) => Promise<ActionState>;
  recompute?: (s: ActionState, f: FormData) => Promise<ActionState>;
}) {
  return (
    <>
      {plan.changes.length > 0 && (
        <section aria-labelledby="changes-heading" className="mt-6 rounded border border-amber-400 bg-amber-50 p-3">
          <h2 id="changes-heading" className="text-xl font-semibold">
            The facts have changed since the plan was made
          </h2>
          <p className="mt-1 max-w-prose">
            Observations, IV disagreements, sign-offs and start dates recorded since would change these lines:
          </p>
          <ul className="mt-1 list-disc pl-6">
            {plan.changes.map((c) => (
              <li key={c.assessorId}>
                {c.name}:{" "}
                {c.before
                  ? `${RATING[c.before.rating].toLowerCase()} risk, proposed ${c.before.proposed}`
                  : "not in the plan"}{" "}
                → {RATING[c.after.rating].toLowerCase()} risk, proposed {c.after.proposed}
                {c.overridden && " (the IV's own rating and number stay; the computed figures are updated beside them)"}
                <span className="block text-sm">
                  {c.factors.map((f) => `${f.label}: weight ${f.weight}`).join("; ") || "No risk factors."}
                </span>
              </li>
            ))}
          </ul>
          {recompute && (
            <ActionForm action={recompute} label="Recompute the plan">
              <input type="hidden" name="planId" value={plan.id} />
              <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">
                Recompute the ratings and sample sizes
              </button>
            </ActionForm>
          )}
        </section>
      )}
      <section aria-labelledby="risk-heading" className="mt-6">
        <h2 id="risk-heading" className="text-xl font-semibold">
          Assessors, risk and sample sizes
        </h2>
        {plan.lines.length === 0 && (
          <p className="mt-2">No assessor has candidates on this qualification or signed off units in the period.</p>
        )}
        {plan.lines.map((l) => (
          <article
            key={l.assessorId}
            aria-label={`Risk for ${l.name}`}
            className="mt-3 rounded border border-slate-300 p-3"
          >
            <h3 className="font-semibold">
              {l.name}: {RATING[l.rating]} risk
              {l.rating !== l.computed && ` (computed ${RATING[l.computed].toLowerCase()})`}
            </h3>
            <ul className="list-disc pl-6 text-sm">
              {l.factors.length === 0 && <li>No risk factors: qualified, established, no disagreements.</li>}
              {l.factors.map((f) => (
                <li key={f.label}>
                  {f.label}: weight {f.weight}
                </li>
              ))}
            </ul>
            <p className="mt-1">
              Units signed off in the period: {l.facts.decisionsInPeriod}
              {l.expected !== undefined && ` (expected ${l.expected})`}. Proposed sample: {l.proposed}. Agreed:{" "}
              {l.target}. Sampled so far: {l.sampled}
              {l.sampled < l.target && (
                <strong className="text-red-800"> ({l.target - l.sampled} still to sample)</strong>
              )}
              .
            </p>
            {l.override && <p className="text-sm">Changed by the IV: {l.override}</p>}
            {l.recomputed && (
              <p className="text-sm">
                Recomputed on {new Date(l.recomputed.at).toLocaleDateString("en-GB", { timeZone: "Europe/London" })}
                {l.recomputed.before
                  ? `: was ${RATING[l.recomputed.before.rating].toLowerCase()} risk, proposed ${l.recomputed.before.proposed}, agreed ${l.recomputed.before.target}.`
                  : ": joined the plan."}
              </p>
            )}
            {l.verifiers.length === 0 ? (
              <p className="mt-1 text-sm font-semibold text-red-800">
                No internal verifier at the centre can verify {l.own ? "your" : `${l.name}'s`} units: nobody verifies
                their own assessments, and an internal verifier working towards the verifier units needs a qualified
                one, other than the assessor, to countersign. Ask the centre administrator to appoint one.
              </p>
            ) : (
              l.own && (
                <p className="mt-1 text-sm font-semibold">
                  These are your own assessments: another internal verifier must sample them (
                  {l.verifiers
                    .map((v) => `${v.name}${v.qualified ? "" : ", with a qualified IV's countersignature"}`)
                    .join("; ")}
                  ).
                </p>
              )
            )}
            {adjust && (
              <details className="mt-1">
                <summary className="cursor-pointer text-sm">Change the rating or the number</summary>
                <ActionForm action={adjust} label={`Change the plan for ${l.name}`}>
                  <input type="hidden" name="planId" value={plan.id} />
                  <input type="hidden" name="assessorId" value={l.assessorId} />
                  <label htmlFor={`rating-${l.assessorId}`} className="mr-2">
                    Rating
                  </label>
                  <select
                    id={`rating-${l.assessorId}`}
                    name="rating"
                    defaultValue={l.rating}
                    className="rounded border border-slate-500 px-2 py-1"
                  >
                    {Object.entries(RATING).map(([v, label]) => (
                      <option key={v} value={v}>
                        {label}
                      </option>
                    ))}
                  </select>
                  <label htmlFor={`target-${l.assessorId}`} className="ml-3 mr-2">
                    Units to sample
                  </label>
                  <input
                    id={`target-${l.assessorId}`}
                    name="target"
                    type="number"
                    min={0}
                    defaultValue={l.target}
                    className="w-20 rounded border border-slate-500 px-2 py-1"
                  />
                  <label htmlFor={`reason-${l.assessorId}`} className="mt-1 block">
                    Reason
                  </label>
                  <input
                    id={`reason-${l.assessorId}`}
                    name="reason"
                    className="w-full max-w-xl rounded border border-slate-500 px-2 py-1"
                  />
                  <button className="mt-1 rounded bg-blue-800 px-3 py-1 text-white">Save the change</button>
                </ActionForm>
              </details>
            )}
          </article>
        ))}
      </section>

      <section aria-labelledby="matrix-heading" className="mt-6">
        <h2 id="matrix-heading" className="text-xl font-semibold">
          Coverage: assessors against units
        </h2>
        {plan.units.length === 0 ? (
          <p className="mt-2">No units signed off in the period yet.</p>
        ) : (
          <TableRegion label="Coverage of assessors against units">
            <table className="w-full border-collapse text-left">
              <caption className="sr-only">Units sampled of those signed off, by assessor and unit</caption>
              <thead>
                <tr className="border-b border-slate-400">
                  <th scope="col" className="py-2">
                    Assessor
                  </th>
                  {plan.units.map((u) => (
                    <th key={u} scope="col">
                      Unit {u}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {plan.matrix.map((r) => (
                  <tr key={r.assessorId} className="border-b border-slate-200">
                    <th scope="row" className="py-2 font-normal">
                      {r.name}
                    </th>
                    {r.cells.map((c) => (
                      <td
                        key={c.unitRef}
                        className={c.signedOff > 0 && c.sampled === 0 ? "bg-amber-100 font-semibold" : ""}
                      >
                        {c.signedOff === 0
                          ? "—"
                          : `${c.sampled} of ${c.signedOff} sampled${c.sampled === 0 ? " (not reached)" : ""}`}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>

      <section aria-labelledby="candidates-heading" className="mt-6">
        <h2 id="candidates-heading" className="text-xl font-semibold">
          Coverage: candidates and sites
        </h2>
        <p className="mt-2">
          Candidates: {plan.candidates.sampled} of {plan.candidates.signedOff} with units signed off in the period have
          a unit in the sample
          {plan.candidates.signedOff > plan.candidates.sampled && (
            <strong className="text-red-800">
              {" "}
              ({plan.candidates.signedOff - plan.candidates.sampled} not yet reached)
            </strong>
          )}
          .
        </p>
        <ul className="mt-1 list-disc pl-6">
          {plan.sites.map((s) => (
            <li key={s.site ?? "none"}>
              {s.site ?? "At the candidate's workplace (no place recorded)"}: {s.sampled} of {s.signedOff} units sampled
              {s.sampled === 0 && <strong className="text-red-800"> (not yet reached)</strong>}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="records-heading" className="mt-6">
        <h2 id="records-heading" className="text-xl font-semibold">
          Coverage: assessment records
        </h2>
        <p className="mt-1 max-w-prose text-sm text-slate-700">
          Each sampled unit&apos;s page shows its sign-off record, the declarations on its evidence and the
          candidate&apos;s reviews.
        </p>
        <ul className="mt-2 list-disc pl-6">
          {plan.records.map((r) => (
            <li key={r.record}>
              {r.record}:{" "}
              {r.signedOff === 0 ? "none in the period" : `${r.sampled} of ${r.signedOff} reached by the sample`}
              {r.signedOff > 0 && r.sampled === 0 && <strong className="text-red-800"> (not yet reached)</strong>}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="methods-heading" className="mt-6">
        <h2 id="methods-heading" className="text-xl font-semibold">
          Coverage: assessment methods
        </h2>
        <ul className="mt-2 list-disc pl-6">
          {plan.methods.map((m) => (
            <li key={m.method}>
              {METHOD_LABEL[m.method]}:{" "}
              {m.signedOff === 0
                ? "not used in signed-off units"
                : `${m.sampled} of ${m.signedOff} units that used it sampled`}
              {m.signedOff > 0 && m.sampled === 0 && <strong className="text-red-800"> (not yet reached)</strong>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
