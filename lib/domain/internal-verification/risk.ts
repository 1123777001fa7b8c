// The internal verifier's risk rule: each assessor's rating from facts the system holds, each
// shown with its weight, and the sample size it proposes. Pure, so the plan page and the server
// agree and the rule is tested on its own. The numbers are the centre's documented policy
// (README, "Internal verification"); the IV can override a rating with a reason.

export type RiskRating = "LOW" | "MEDIUM" | "HIGH";

export interface AssessorFacts {
  /** Not recorded as qualified (working towards, or no record). */
  workingTowards: boolean;
  /** Days since the assessor started at the centre, as its administrator recorded it (null: not recorded). */
  daysAtCentre: number | null;
  /** Units of this qualification the assessor signed off before the plan's period. */
  earlierSignOffs: number;
  /** Samples of this assessor's decisions with a verdict: how many, and how many an IV disagreed with. */
  verdicts: number;
  disagreements: number;
  /** Units of this qualification the assessor signed off in the plan's period. */
  decisionsInPeriod: number;
  /** Days since an IV last observed the assessor at work (null: never), and whether that observation found development needed. */
  daysSinceObserved: number | null;
  observationNeedsDevelopment: boolean;
  /** Days since the assessor last attended a standardisation meeting (null: never). */
  daysSinceStandardisation: number | null;
}

export type RiskFactor = { label: string; weight: number };

export const NEW_TO_CENTRE_DAYS = 180;
export const HIGH_VOLUME = 50;
/** Observation and standardisation are expected at least once in this many days. */
export const STANDARDISATION_DAYS = 365;
/** The share of an assessor's signed-off units to sample, by rating, and the minimum per assessor. */
export const SAMPLE_SHARE: Record<RiskRating, number> = { LOW: 0.1, MEDIUM: 0.25, HIGH: 0.5 };
export const MINIMUM_PER_ASSESSOR = 2;

/** The factors that apply, each with its weight. */
export function riskFactors(f: AssessorFacts): RiskFactor[] {
  const factors: RiskFactor[] = [];
  if (f.workingTowards) factors.push({ label: "Working towards the assessor units", weight: 3 });
  // On the safe side: someone whose start the centre has not recorded counts as new until it does.
  if (f.daysAtCentre === null)
    factors.push({
      label:
        "Start at the centre not recorded, so counted as new to the centre (the centre's administrator records it on the staff page)",
      weight: 2,
    });
  else if (f.daysAtCentre < NEW_TO_CENTRE_DAYS)
    factors.push({ label: `New to the centre (started under ${NEW_TO_CENTRE_DAYS} days ago)`, weight: 2 });
  if (f.earlierSignOffs === 0) factors.push({ label: "New to this qualification (no earlier sign-offs)", weight: 1 });
  if (f.disagreements > 0)
    factors.push({
      label: `Earlier samples disagreed (${f.disagreements} of ${f.verdicts})`,
      weight: Math.min(4, 2 * f.disagreements),
    });
  if (f.decisionsInPeriod > HIGH_VOLUME)
    factors.push({ label: `High volume (${f.decisionsInPeriod} units signed off in the period)`, weight: 1 });
  if (f.observationNeedsDevelopment)
    factors.push({ label: "The latest IV observation found development needed", weight: 2 });
  if (f.daysSinceObserved === null || f.daysSinceObserved > STANDARDISATION_DAYS)
    factors.push({ label: "Not observed by an IV in the last 12 months", weight: 1 });
  if (f.daysSinceStandardisation === null || f.daysSinceStandardisation > STANDARDISATION_DAYS) {
    factors.push({ label: "No standardisation meeting attended in the last 12 months", weight: 1 });
  }
  return factors;
}

/** Score 4 or more: high; 2 or 3: medium; otherwise low. */
export function riskRating(factors: RiskFactor[]): RiskRating {
  const score = factors.reduce((s, f) => s + f.weight, 0);
  return score >= 4 ? "HIGH" : score >= 2 ? "MEDIUM" : "LOW";
}

/** The proposed sample: the rating's share of the units, rounded up, at least the minimum, never more than there are. */
export function proposedSampleSize(rating: RiskRating, units: number): number {
  if (units <= 0) return 0;
  return Math.min(units, Math.max(MINIMUM_PER_ASSESSOR, Math.ceil(units * SAMPLE_SHARE[rating])));
}

/**
 * Whether the plan selects an assessor's n-th unit signed off in the period when `sampled` of them
 * are already in the sample: in step with their sign-offs, ceil(target × n ÷ max(expected, n)),
 * never beyond the target. An assessor the plan does not list is sampled up to the minimum.
 */
export function planSelects(line: { target: number; expected?: number } | null, n: number, sampled: number): boolean {
  if (!line) return sampled < MINIMUM_PER_ASSESSOR;
  const expected = Math.max(line.expected ?? line.target, n, 1);
  return sampled < Math.min(line.target, Math.ceil((line.target * n) / expected));
}

/** Why the plan selected a unit, as the sample records it: the assessor's line, or the minimum for an assessor the plan does not list. */
export const selectionReason = (
  line: { name: string; target: number; rating: RiskRating } | null,
  n: number,
  sampled: number,
) =>
  line
    ? `Selected by the sampling plan: ${line.name}'s sample ${sampled + 1} of ${line.target} (${line.rating.toLowerCase()} risk), unit ${n} signed off in the period.`
    : `Selected by the sampling plan: the assessor is not in the plan, so their first ${MINIMUM_PER_ASSESSOR} units are sampled.`;
