// The assessment rules that need no database: when a decision takes effect, what a criterion's
// state is, when a unit counts, and what simulation a qualification allows. Pure, so the pages
// and the server agree.
import type { Suite } from "../catalogue/spec";

export type Outcome = "ACCEPTED" | "REFERRED";

export interface DecisionFacts {
  /** The assessor was working towards the assessor units when deciding. */
  needsCountersignature: boolean;
  countersigned: boolean;
}

/**
 * C&G 3412 section 2: assessors "hold, or be working towards" the assessor units. A decision by an
 * assessor working towards them counts only once a qualified assessor countersigns it.
 */
export const takesEffect = (d: DecisionFacts) => !d.needsCountersignature || d.countersigned;

export type CriterionState =
  "accepted" | "awaiting-countersignature" | "referred" | "awaiting-judgement" | "no-evidence";

export interface CriterionEvidence {
  evidenceId: string;
  /** The current judgement of this criterion on this evidence, if any. */
  judgement: (DecisionFacts & { outcome: Outcome }) | null;
}

/**
 * A criterion is covered only by accepted evidence whose acceptance has taken effect. Otherwise
 * the most hopeful state wins: waiting for a countersignature, then waiting for the assessor,
 * then referred back.
 */
export function criterionState(evidence: readonly CriterionEvidence[]): CriterionState {
  if (evidence.length === 0) return "no-evidence";
  const accepted = evidence.filter((e) => e.judgement?.outcome === "ACCEPTED");
  if (accepted.some((e) => takesEffect(e.judgement!))) return "accepted";
  if (accepted.length > 0) return "awaiting-countersignature";
  if (evidence.some((e) => e.judgement === null)) return "awaiting-judgement";
  return "referred";
}

export const CRITERION_STATE_LABEL: Record<CriterionState, string> = {
  accepted: "Accepted",
  "awaiting-countersignature": "Accepted, awaiting a qualified assessor's countersignature",
  referred: "Referred back",
  "awaiting-judgement": "Awaiting the assessor's judgement",
  "no-evidence": "No submitted evidence yet",
};

export interface SignOffFacts extends DecisionFacts {
  /** False for a record that withdraws the unit's sign-off. */
  signed: boolean;
  candidateSigned: boolean;
  flagged: boolean;
}

export type UnitState =
  | "achieved"
  | "awaiting-candidate"
  | "awaiting-countersignature"
  | "flagged"
  | "on-hold"
  | "withdrawn"
  | "not-signed-off";

/**
 * The unit counts towards the qualification once signed, countersigned by the candidate (and by a
 * qualified assessor where needed), not flagged, and not on hold after an internal verifier disagreed.
 */
export function unitState(s: SignOffFacts | null, onHold = false): UnitState {
  if (!s) return "not-signed-off";
  if (!s.signed) return "withdrawn";
  if (s.flagged) return "flagged";
  if (onHold) return "on-hold";
  if (!takesEffect(s)) return "awaiting-countersignature";
  if (!s.candidateSigned) return "awaiting-candidate";
  return "achieved";
}

export const UNIT_STATE_LABEL: Record<UnitState, string> = {
  achieved: "Achieved: signed off and countersigned",
  "awaiting-candidate": "Signed off; waiting for the candidate's countersignature",
  "awaiting-countersignature": "Signed off; waiting for a qualified assessor's countersignature",
  flagged: "Signed off, but evidence behind it has been superseded: the assessor must review it",
  "on-hold": "On hold: the internal verifier disagreed, and the assessor must respond",
  withdrawn: "Sign-off withdrawn",
  "not-signed-off": "Not signed off",
};

export type SimulationRule = { allowed: boolean; needsRealisticWorkingEnvironment: boolean; basis: string };

const DEFAULT_BASIS =
  "The qualification's specification does not allow simulation: NVQ assessment is based on the candidate's performance at work.";

/** The qualification's assessment strategy on simulation; absent means performance at work only. */
export function simulationRule(suite: Suite, code: string): SimulationRule {
  const strategy = suite.qualifications.find((x) => x.code === code)?.assessment?.simulation;
  if (!strategy) return { allowed: false, needsRealisticWorkingEnvironment: false, basis: DEFAULT_BASIS };
  return {
    allowed: strategy.rule !== "not-allowed",
    needsRealisticWorkingEnvironment: strategy.rule === "realistic-working-environment",
    basis: strategy.basis,
  };
}

/**
 * Why an assessor working towards the assessor units may not assess this qualification at all
 * (its strategy requires qualified assessors), or null when they may, subject to countersignature.
 */
export function workingTowardsProblem(suite: Suite, code: string): string | null {
  const strategy = suite.qualifications.find((x) => x.code === code)?.assessment?.assessors;
  if (strategy?.rule !== "qualified") return null;
  return `Only a qualified assessor can assess this qualification. ${strategy.basis}`;
}

/**
 * Why an internal verifier working towards the verifier units may not verify this qualification at
 * all (OCR: "internal verifiers must possess the relevant D/V1 units"), or null when they may,
 * their verdicts counting once a qualified IV countersigns them.
 */
export function verifierWorkingTowardsProblem(suite: Suite, code: string): string | null {
  const strategy = suite.qualifications.find((x) => x.code === code)?.assessment?.verifiers;
  if (strategy?.rule !== "qualified") return null;
  return `Only a qualified internal verifier can verify this qualification. ${strategy.basis}`;
}

/** Why simulated evidence cannot be accepted towards this qualification, or null when it can. */
export function simulationProblem(
  rule: SimulationRule,
  evidence: { method: string; place: string | null },
): string | null {
  if (evidence.method !== "SIMULATION") return null;
  if (!rule.allowed) return `Simulated evidence cannot be accepted for this qualification. ${rule.basis}`;
  if (rule.needsRealisticWorkingEnvironment && !evidence.place?.trim()) {
    return `Simulated evidence must record the realistic working environment it took place in. ${rule.basis}`;
  }
  return null;
}

/** The query-string value naming one criterion's judgement form on the review page (`?judge=`). */
export const judgeKey = (c: { specId: string; unitRef: string; criterion: string }) =>
  `${c.specId}|${c.unitRef}|${c.criterion}`;

/** The VARCS checks an assessor confirms before accepting evidence. */
export const CHECKS = ["valid", "authentic", "reliable", "current", "sufficient"] as const;
export type Check = (typeof CHECKS)[number];
export const CHECK_LABEL: Record<Check, string> = {
  valid: "Valid: it relates to the criterion",
  authentic: "Authentic: it is the candidate's own work",
  reliable: "Reliable: it shows consistent performance",
  current: "Current: it is recent enough to show competence now",
  sufficient: "Sufficient: there is enough of it",
};
