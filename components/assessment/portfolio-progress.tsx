import { KIND_LABEL, NOT_ASSESSABLE } from "@/lib/domain/catalogue/content";
import Link from "next/link";
import { UNIT_STATE_LABEL } from "@/lib/domain/assessment/rules";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import type { PortfolioProgress } from "@/lib/server/assessment";

type Unit = PortfolioProgress[number]["units"][number];
type Registration = PortfolioProgress[number];

const percent = (part: number, total: number) => (total === 0 ? 0 : Math.round((part / total) * 100));

const STATE_STYLE: Record<string, string> = {
  accepted: "text-green-900",
  "awaiting-countersignature": "text-amber-900",
  "awaiting-judgement": "text-slate-800",
  referred: "font-semibold text-red-800",
  "no-evidence": "font-semibold text-red-800",
};

/**
 * The requirements as the sign-off recorded them, word for word: the record keeps the text it
 * signed, so a later version of the unit's content cannot change what this sign-off says.
 */
function SignedText({ evidence }: { evidence: unknown }) {
  const rows = Array.isArray(evidence)
    ? (evidence as { criterion?: unknown; text?: unknown }[]).filter(
        (c): c is { criterion: string; text: string } => typeof c.criterion === "string" && typeof c.text === "string",
      )
    : [];
  if (rows.length === 0) return null;
  return (
    <details className="mt-1">
      <summary className="cursor-pointer">The requirements as signed off ({rows.length})</summary>
      <ul className="ml-4">
        {rows.map((c) => (
          <li key={c.criterion}>
            <span className="font-mono">{c.criterion}</span> {c.text}
          </li>
        ))}
      </ul>
    </details>
  );
}

/** What one unit's sign-off says: who signed it off or withdrew it, countersignatures, flags. */
function SignOffNote({ unit: u }: { unit: Unit }) {
  if (!u.signOff) return null;
  return (
    <div className="mt-2 rounded bg-slate-50 p-2 text-sm">
      <p>
        <strong>{UNIT_STATE_LABEL[u.state]}.</strong>{" "}
        {u.signOff.signed
          ? `Signed off by ${u.signOff.assessor.name} on ${formatDateTime(u.signOff.signedAt)}.`
          : `Withdrawn by ${u.signOff.assessor.name} on ${formatDateTime(u.signOff.signedAt)}.`}
        {u.signOff.candidateSignature &&
          ` Countersigned by the candidate on ${formatDateTime(u.signOff.candidateSignature.signedAt)}.`}
        {u.signOff.countersignature &&
          ` Countersigned by a qualified assessor on ${formatDateTime(u.signOff.countersignature.signedAt)}.`}
      </p>
      {u.signOff.reason && <p>Reason for the correction: {u.signOff.reason}</p>}
      <SignedText evidence={u.signOff.evidence} />
      {u.signOff.flags.map((f) => (
        <p key={f.evidenceId} className="text-red-800">
          Flagged {formatDate(f.raisedAt)}: {f.reason}
        </p>
      ))}
      {u.earlierSignOffs.length > 0 && (
        <div className="mt-2">
          <p className="font-medium">Earlier sign-off records of this unit (corrected; kept in its history)</p>
          <ol className="list-disc pl-6">
            {u.earlierSignOffs.map((e) => (
              <li key={e.id} aria-label={`Earlier sign-off record of ${formatDateTime(e.signedAt)}`}>
                {e.signed
                  ? `Signed off by ${e.assessor.name} on ${formatDateTime(e.signedAt)}.`
                  : `Withdrawn by ${e.assessor.name} on ${formatDateTime(e.signedAt)}.`}
                {e.candidateSignature &&
                  ` Countersigned by the candidate on ${formatDateTime(e.candidateSignature.signedAt)}.`}
                {e.countersignature &&
                  ` Countersigned by a qualified assessor on ${formatDateTime(e.countersignature.signedAt)}.`}
                {e.reason && ` Reason for that correction: ${e.reason}`}
                {` Superseded on ${formatDateTime(e.supersededAt)}.`}
              </li>
            ))}
          </ol>
        </div>
      )}
    </div>
  );
}

type UnitActions = (registration: Registration, unit: Unit) => React.ReactNode;

/** One unit in full: its sign-off, the viewer's forms, and each outcome's criteria with the evidence and decisions behind them. */
export function UnitDetail({
  registration: p,
  unit: u,
  unitActions,
  evidenceHref,
}: {
  registration: Registration;
  unit: Unit;
  unitActions?: UnitActions;
  evidenceHref?: (evidenceId: string) => string;
}) {
  return (
    <>
      <SignOffNote unit={u} />
      {unitActions?.(p, u)}
      {!u.assessable && <p className="mt-2 text-sm text-amber-900">{NOT_ASSESSABLE}</p>}
      {u.outcomes.map((o) => (
        <div key={o.key} className="mt-2">
          <h3 className="font-medium">
            {o.label}
            {o.text && `: ${o.text}`}
          </h3>
          <ul className="ml-4">
            {o.criteria.map((c) => (
              <li key={c.number} className="py-1">
                <span className="font-mono">{c.number}</span>
                {c.kind !== "criterion" && c.kind !== "performance" && (
                  <span className="text-sm text-slate-700"> ({KIND_LABEL[c.kind].toLowerCase()})</span>
                )}{" "}
                {c.text} <span className={`text-sm ${STATE_STYLE[c.state]}`}>— {c.stateLabel}</span>
                {c.evidence.length > 0 && (
                  <ul className="ml-6 list-disc text-sm">
                    {c.evidence.map((e) => (
                      <li key={e.id}>
                        {evidenceHref ? (
                          <Link href={evidenceHref(e.id)} className="underline">
                            {e.title}
                          </Link>
                        ) : (
                          e.title
                        )}
                        {e.standing === "draft" && " (draft, not yet submitted)"}
                        {e.standing === "superseded" && " (replaced by a newer version)"}
                        {e.judgement && (
                          <>
                            {": "}
                            {e.judgement.outcome === "ACCEPTED" ? "accepted" : "referred back"} by{" "}
                            {e.judgement.assessor} on {formatDate(e.judgement.decidedAt)}
                            {!e.judgement.inEffect && " (awaiting a qualified assessor's countersignature)"}
                            {e.judgement.feedback && (
                              <span className="block whitespace-pre-line">Feedback: {e.judgement.feedback}</span>
                            )}
                          </>
                        )}
                        {!e.judgement && e.standing === "submitted" && ": awaiting judgement"}
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

/** "12 of 14 criteria accepted; unit state" with its bar: the line each unit starts with. */
export function UnitProgressLine({ unit: u }: { unit: Unit }) {
  return u.total > 0 ? (
    <span className="text-sm">
      ({u.accepted} of {u.total} criteria accepted; {UNIT_STATE_LABEL[u.state].toLowerCase()})
      <progress
        max={u.total}
        value={u.accepted}
        aria-label={`Unit ${u.ref} criteria accepted`}
        className="ml-2 align-middle"
      />
    </span>
  ) : (
    <span className="text-sm font-medium text-amber-900">({NOT_ASSESSABLE.replace(/\.$/, "")})</span>
  );
}

const WHAT_IS_LEFT: [keyof typeof STATE_STYLE, (n: number) => string][] = [
  ["referred", (n) => `${n} referred back`],
  ["no-evidence", (n) => `${n} with no submitted evidence yet`],
  ["awaiting-judgement", (n) => `${n} awaiting the assessor's judgement`],
  ["awaiting-countersignature", (n) => `${n} awaiting a qualified assessor's countersignature`],
];

/** One unit at a glance: what is left to do on it, its sign-off and the viewer's forms, and a link to its criteria. */
function UnitSummary({
  registration: p,
  unit: u,
  unitActions,
  href,
}: {
  registration: Registration;
  unit: Unit;
  unitActions?: UnitActions;
  href: string;
}) {
  const criteria = u.outcomes.flatMap((o) => o.criteria);
  const left = WHAT_IS_LEFT.map(
    ([state, say]) => [criteria.filter((c) => c.state === state).length, say] as const,
  ).filter(([n]) => n > 0);
  return (
    <li className="mt-2 rounded border border-slate-300 p-2">
      <Link href={href} className="font-medium text-blue-800 underline">
        Unit {u.ref} {u.title}
      </Link>{" "}
      <UnitProgressLine unit={u} />
      {left.length > 0 && u.state !== "achieved" && (
        <p className="text-sm">Criteria: {left.map(([n, say]) => say(n)).join("; ")}.</p>
      )}
      <SignOffNote unit={u} />
      {unitActions?.(p, u)}
    </li>
  );
}

/**
 * A candidate's portfolio by qualification, unit, outcome and criterion: each criterion's state,
 * the evidence behind it with the assessor's decision and feedback, and each unit's sign-off.
 * `unitActions` adds the forms the viewer may use on a unit (sign off, countersign). With
 * `unitHref`, each unit is a summary that links to its own page of criteria instead (the
 * candidate's progress page: a page a phone can load, however many units are registered).
 */
export function PortfolioProgressView(props: {
  progress: PortfolioProgress;
  /** Where a piece of evidence opens; without it (an EV's read-only view) titles are plain text. */
  evidenceHref?: (evidenceId: string) => string;
  unitActions?: UnitActions;
  unitHref?: (registration: Registration, unit: Unit) => string;
  who: "candidate" | "assessor";
}) {
  return (
    <>
      {props.progress.map((p) => {
        const measure = p.registration.units.some((u) => u.includes("@")) ? "UV" : "credits";
        return (
          <section key={p.registration.id} aria-labelledby={`q-${p.registration.id}`} className="mt-4">
            <h2 id={`q-${p.registration.id}`} className="text-xl font-semibold">
              {p.registration.spec.code} {p.registration.spec.title}
            </h2>
            <p className="mt-1">
              {p.registration.progress.complete ? (
                <strong>Qualification achieved: the units signed off meet the rules of combination.</strong>
              ) : (
                <>
                  Achieved {p.registration.progress.achieved} of {p.registration.progress.required} {measure}; units
                  achieved: {p.unitsAchieved} of {p.units.length}.
                </>
              )}
            </p>
            <div className="mt-1">
              <label htmlFor={`overall-${p.registration.id}`}>
                Criteria accepted: {p.criteriaAccepted} of {p.criteriaTotal} (
                {percent(p.criteriaAccepted, p.criteriaTotal)}%) · with evidence: {p.criteriaWithEvidence}
              </label>
              <progress
                id={`overall-${p.registration.id}`}
                max={100}
                value={percent(p.criteriaAccepted, p.criteriaTotal)}
                className="ml-2 align-middle"
              />
            </div>
            {props.unitHref ? (
              <ul aria-label={`Units of ${p.registration.spec.code}`}>
                {p.units.map((u) => (
                  <UnitSummary
                    key={u.ref}
                    registration={p}
                    unit={u}
                    unitActions={props.unitActions}
                    href={props.unitHref!(p, u)}
                  />
                ))}
              </ul>
            ) : (
              p.units.map((u) => (
                <details
                  key={u.ref}
                  className="mt-2 rounded border border-slate-300 p-2"
                  open={u.state !== "achieved" && u.withEvidence > 0}
                >
                  <summary className="cursor-pointer">
                    <span className="font-medium">
                      Unit {u.ref} {u.title}
                    </span>{" "}
                    <UnitProgressLine unit={u} />
                  </summary>
                  <UnitDetail
                    registration={p}
                    unit={u}
                    unitActions={props.unitActions}
                    evidenceHref={props.evidenceHref}
                  />
                </details>
              ))
            )}
          </section>
        );
      })}
      {props.progress.length === 0 && (
        <p className="mt-2">
          {props.who === "candidate"
            ? "You are not registered on a qualification yet."
            : "Not registered on a qualification yet."}
        </p>
      )}
    </>
  );
}
