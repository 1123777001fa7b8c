// Whether internal verification has dealt with a unit, what the claim screen says about it, and why
// a whole qualification cannot be claimed yet (minimum age, rules of combination). Pure, so the
// claim screen, raiseClaim and decideClaim ask the same rules, and table tests need no database.
import { minimumAgeProblem } from "../registrations/age";
import { validateSelection } from "../catalogue/combination";
import { achievement } from "../catalogue/progress";
import type { Suite } from "../catalogue/spec";
import { formatDate } from "../format";
import { unitClaimProblem, type UnitClaimFacts } from "./unit-claims";
import { isoDay } from "../today";

/** What a claim needs to know of a registration. */
export type ClaimRegistration = { suite: Suite; spec: { code: string }; units: string[]; registeredOn: Date };

/** What internal verification did with a unit that can be claimed: the claim screen says which. */
export function verificationText(f: UnitClaimFacts & { plan: { from: string; to: string } | null }): string | null {
  const day = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`));
  if (f.sample === "agreed") return "sampled by the internal verifier, who agreed";
  if (f.sample === "none" && f.plan)
    return `not selected by the sampling plan for ${day(f.plan.from)} to ${day(f.plan.to)}`;
  return null;
}

/** Internal verification has dealt with the unit: agreed, or not selected by a plan that covered it. */
export const verified = (f: UnitClaimFacts) => f.sample === "agreed" || f.sample === "none";

/** Why the whole qualification cannot be claimed now: age, and the rules of combination over the units that can be claimed. */
export function qualificationProblems(
  r: ClaimRegistration,
  facts: UnitClaimFacts[],
  dateOfBirth: Date | null,
  centreApprovals: string[],
): string[] {
  const problems: string[] = [];
  const age = minimumAgeProblem(r.suite, r.spec.code, dateOfBirth ? isoDay(dateOfBirth) : null, isoDay(r.registeredOn));
  if (age) problems.push(age);
  const claimable = facts
    .filter((f) => unitClaimProblem(f) === null || (f.claimed && f.state === "achieved" && verified(f)))
    .map((f) => f.entry);
  const context = { registeredOn: isoDay(r.registeredOn), centreApprovals };
  if (!achievement(r.suite, r.spec.code, r.units, claimable, context).complete) {
    const reasons = validateSelection(r.suite, r.spec.code, claimable, context).reasons.map((x) => x.message);
    problems.push(
      `The rules of combination are not met by the units that can be claimed${reasons.length ? `: ${reasons.join(" ")}` : "."}`,
    );
  }
  return problems;
}
