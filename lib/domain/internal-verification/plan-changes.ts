// A sampling plan's lines and what recomputing them from today's facts would change. Pure: the plan
// page shows the changes before the IV applies them, and an IV's override always stays (decision 0011).
import type { AssessorFacts, RiskFactor, RiskRating } from "./risk";

export type PlanLine = {
  assessorId: string;
  name: string;
  facts: AssessorFacts;
  factors: RiskFactor[];
  computed: RiskRating;
  rating: RiskRating;
  /** Units expected in the period (signed off so far, or as many as in the period before). */
  expected?: number;
  proposed: number;
  target: number;
  /** Why the IV changed the rating or the target, when they did. */
  override: string | null;
  /** When the IV last recomputed the line from the facts, and what it was before (null: joined then). */
  recomputed?: { at: string; before: { rating: RiskRating; proposed: number; target: number } | null };
};

/**
 * What recomputing would change: each line whose risk factors, rating or proposed sample differ
 * from the facts today (an observation, a disagreement, a start date recorded since the plan was
 * made), and assessors who would join the plan.
 */
export function planChanges(current: PlanLine[], fresh: PlanLine[]) {
  return fresh.flatMap((f) => {
    const was = current.find((l) => l.assessorId === f.assessorId);
    const sameFactors = was && JSON.stringify(was.factors) === JSON.stringify(f.factors);
    if (was && sameFactors && was.computed === f.computed && was.proposed === f.proposed) return [];
    return [
      {
        assessorId: f.assessorId,
        name: f.name,
        before: was ? { rating: was.computed, proposed: was.proposed, target: was.target } : null,
        after: { rating: f.computed, proposed: f.proposed },
        factors: f.factors,
        overridden: !!was?.override,
      },
    ];
  });
}
