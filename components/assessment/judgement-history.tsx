import { CHECKS, judgeKey } from "@/lib/domain/assessment/rules";
import { formatDateTime } from "@/lib/domain/format";
import type { ActionState } from "@/lib/auth/action";
import type { EvidenceForAssessment } from "@/lib/server/assessment";
import { JudgeCriterion } from "./judgement-form";

type Criterion = EvidenceForAssessment["criteria"][number];

/**
 * Each mapped criterion's decisions, newest first, with feedback and the VARCS checks; with
 * `judge`, each with the form to judge it (or change the decision), shown on request.
 */
export function JudgementHistory(props: {
  criteria: Criterion[];
  /** The page's path and the criterion whose form was asked for (`?judge=`, for browsers without JavaScript). */
  judge?: {
    action: (s: ActionState, f: FormData) => Promise<ActionState>;
    evidenceId: string;
    path: string;
    open: string | null;
  };
}) {
  const { criteria, judge } = props;
  if (criteria.length === 0) return <p className="mt-2">No criteria are mapped to this evidence.</p>;
  return (
    <ul className="mt-2 space-y-2">
      {criteria.map((c) => (
        <li key={`${c.specId}|${c.unitRef}|${c.criterion}`} className="rounded border border-slate-300 p-2">
          <h3 className="font-medium">
            {c.qualification} unit {c.unitRef} criterion {c.criterion}: {c.text}
          </h3>
          {c.history.length === 0 ? (
            <p className="text-sm">Awaiting the assessor&apos;s judgement.</p>
          ) : (
            <ol className="text-sm" reversed>
              {[...c.history].reverse().map((j) => (
                <li key={j.id} className={j.id === c.current?.id ? "" : "text-slate-600"}>
                  <strong>{j.outcome === "ACCEPTED" ? "Accepted" : "Referred back"}</strong> by {j.assessor.name} on{" "}
                  {formatDateTime(j.decidedAt)}
                  {j.id !== c.current?.id && " (superseded by a later decision)"}
                  {j.needsCountersignature &&
                    (j.countersignature
                      ? `; countersigned ${formatDateTime(j.countersignature.signedAt)}`
                      : "; awaiting a qualified assessor's countersignature")}
                  {j.feedback && <span className="block whitespace-pre-line">Feedback: {j.feedback}</span>}
                  <span className="block">
                    Checks: {CHECKS.map((k) => `${k} ${j[k] ? "yes" : "in doubt"}`).join(", ")}
                    {j.checksNote && `. Note: ${j.checksNote}`}
                  </span>
                </li>
              ))}
            </ol>
          )}
          {judge && (
            <JudgeCriterion
              action={judge.action}
              evidenceId={judge.evidenceId}
              criterion={{
                specId: c.specId,
                unitRef: c.unitRef,
                criterion: c.criterion,
                expected: c.current?.id ?? "",
                simulationProblem: c.simulationProblem,
              }}
              initiallyOpen={judge.open === judgeKey(c)}
              href={judge.open === judgeKey(c) ? judge.path : `${judge.path}?judge=${encodeURIComponent(judgeKey(c))}`}
            />
          )}
        </li>
      ))}
    </ul>
  );
}
