/**
 * Achievement (how far signed-off units go towards the qualification) and
 * suggestions (which units would complete a partial selection). Pure.
 */
import type { AreaUnit, CreditQualification, CreditUnit, Suite, UnitValueQualification } from "./spec";
import {
  groupOf,
  offeredCreditUnits,
  parseAreaChoice,
  validateSelection,
  unitValueShortfall,
  type Context,
  type Reason,
  type Verdict,
} from "./combination";

export type Achievement = {
  /** True when the signed-off units alone make a valid qualification. */
  complete: boolean;
  achieved: number;
  required: number;
  /** Credits (or UV) signed off per level. */
  achievedAtLevel: Record<string, number>;
  /** Credit schemes: credits signed off and needed per group. */
  groups: { id: string; name: string; achieved: number; required: number | null; mandatory: boolean }[];
  /** What the signed-off units still lack, rule by rule. */
  stillRequired: Reason[];
  /** Selected units not yet signed off. */
  outstanding: string[];
};

export function achievement(
  suite: Suite,
  code: string,
  selection: readonly string[],
  signedOff: readonly string[],
  context: Context,
): Achievement {
  const normal = (s: string) => (suite.scheme === "unitValue" ? s.trim().toUpperCase() : s.trim());
  const selected = new Set(selection.map(normal));
  const achievedUnits = signedOff.map(normal).filter((s) => selected.has(s));
  const verdict = validateSelection(suite, code, achievedUnits, context);
  const outstanding = [...selected].filter((s) => !achievedUnits.includes(s));
  if (suite.scheme === "credit") {
    const q = suite.qualifications.find((x) => x.code === code)!;
    const unitByRef = new Map(suite.units.map((u) => [u.ref, u]));
    const groups = q.groups.map((g) => ({
      id: g.id,
      name: g.name,
      achieved: achievedUnits
        .filter((r) => g.units.includes(r))
        .reduce((s, r) => s + (unitByRef.get(r)?.credits ?? 0), 0),
      required: q.rules.mandatoryGroups.includes(g.id)
        ? g.units.reduce((s, r) => s + (unitByRef.get(r)?.credits ?? 0), 0)
        : (q.rules.minCreditsFromGroup.find((x) => x.group === g.id)?.min ?? null),
      mandatory: q.rules.mandatoryGroups.includes(g.id),
    }));
    return {
      complete: verdict.valid,
      achieved: verdict.total,
      required: q.rules.totalCredits,
      achievedAtLevel: verdict.atLevel,
      groups,
      stillRequired: verdict.reasons,
      outstanding,
    };
  }
  const q = suite.qualifications.find((x) => x.code === code)!;
  return {
    complete: verdict.valid,
    achieved: verdict.total,
    required: q.rules.totalValue,
    achievedAtLevel: verdict.atLevel,
    groups: [],
    stillRequired: verdict.reasons,
    outstanding,
  };
}

export type Suggestion = {
  /** Units to add, in the order chosen. */
  additions: string[];
  /** The verdict with the additions made. */
  verdict: Verdict;
  /** Problems that adding units cannot fix (barred pairs, too many restricted units…). */
  needsRemoval: Reason[];
};

const FIXABLE_BY_ADDING = new Set([
  "mandatory-group",
  "mandatory-area",
  "total-credits",
  "total-value",
  "credits-at-level",
  "credits-from-group",
  "optional-share-at-level",
]);

/**
 * Greedy completion: repeatedly adds the offered unit that closes most of the
 * remaining shortfall without breaking a cap (barred pairs, restricted lists,
 * maximum credits at a level), preferring the smallest overshoot.
 */
export function suggestCompletion(
  suite: Suite,
  code: string,
  selection: readonly string[],
  context: Context,
): Suggestion {
  const current = [...selection.map((s) => s.trim()).filter(Boolean)];
  const initial = validateSelection(suite, code, current, context);
  const needsRemoval = initial.reasons.filter((r) => !FIXABLE_BY_ADDING.has(r.rule));
  const additions =
    suite.scheme === "credit"
      ? completeCredit(
          suite.qualifications.find((q) => q.code === code)!,
          suite.units,
          current,
          context,
        )
      : completeUnitValue(
          suite.qualifications.find((q) => q.code === code)!,
          suite.units,
          current,
          context,
        );
  return { additions, verdict: validateSelection(suite, code, [...current, ...additions], context), needsRemoval };
}

function creditShortfall(q: CreditQualification, units: Map<string, CreditUnit>, refs: readonly string[]): number {
  const chosen = refs.map((r) => units.get(r)).filter((u): u is CreditUnit => Boolean(u));
  const sum = (list: CreditUnit[]) => list.reduce((s, u) => s + u.credits, 0);
  let shortfall = Math.max(0, q.rules.totalCredits - sum(chosen));
  for (const r of q.rules.minCreditsAtLevel)
    shortfall += Math.max(0, r.min - sum(chosen.filter((u) => u.level === r.level)));
  for (const r of q.rules.minCreditsFromGroup) {
    const group = q.groups.find((g) => g.id === r.group)!;
    shortfall += Math.max(0, r.min - sum(chosen.filter((u) => group.units.includes(u.ref))));
  }
  return shortfall;
}

function breaksCap(
  q: CreditQualification,
  units: Map<string, CreditUnit>,
  refs: readonly string[],
  candidate: string,
  context: Context,
): boolean {
  const next = [...refs, candidate];
  const unit = units.get(candidate)!;
  if (unit.requiresCentreApproval && !(context.centreApprovals ?? []).includes(candidate)) return true;
  if (
    q.rules.barredPairs.some(([a, b]) => (a === candidate && refs.includes(b)) || (b === candidate && refs.includes(a)))
  )
    return true;
  if (
    q.rules.maxUnitsFrom.some(
      (r) => r.units.includes(candidate) && r.units.filter((u) => next.includes(u)).length > r.max,
    )
  )
    return true;
  return q.rules.maxCreditsAtLevel.some((r) => {
    const counted = next
      .map((ref) => units.get(ref))
      .filter(
        (u): u is CreditUnit => Boolean(u) && u!.level === r.level && r.groups.includes(groupOf(q, u!.ref)?.id ?? ""),
      );
    return counted.reduce((s, u) => s + u.credits, 0) > r.max;
  });
}

function completeCredit(
  q: CreditQualification,
  unitList: readonly CreditUnit[],
  current: string[],
  context: Context,
): string[] {
  const units = new Map(unitList.map((u) => [u.ref, u]));
  const offered = offeredCreditUnits(q, context);
  const refs = [...current];
  const additions: string[] = [];
  for (const groupId of q.rules.mandatoryGroups) {
    for (const ref of q.groups.find((g) => g.id === groupId)!.units) {
      if (!refs.includes(ref) && offered.has(ref)) {
        refs.push(ref);
        additions.push(ref);
      }
    }
  }
  for (let step = 0; step < 60; step++) {
    const shortfall = creditShortfall(q, units, refs);
    if (shortfall === 0) break;
    let best: { ref: string; gain: number; size: number } | null = null;
    for (const ref of [...offered].sort()) {
      if (refs.includes(ref) || !units.has(ref) || breaksCap(q, units, refs, ref, context)) continue;
      const gain = shortfall - creditShortfall(q, units, [...refs, ref]);
      const size = units.get(ref)!.credits;
      if (gain <= 0) continue;
      if (!best || gain > best.gain || (gain === best.gain && size < best.size)) best = { ref, gain, size };
    }
    if (!best) break;
    refs.push(best.ref);
    additions.push(best.ref);
  }
  return additions;
}

function completeUnitValue(
  q: UnitValueQualification,
  units: readonly AreaUnit[],
  current: string[],
  context: Context,
): string[] {
  const selection = [...current];
  const additions: string[] = [];
  const areasTaken = () => new Set(selection.map((s) => parseAreaChoice(s)?.area).filter(Boolean));
  for (const m of q.rules.mandatory) {
    if (areasTaken().has(m.area)) continue;
    const unit = units.find((u) => u.ref === m.area)!;
    const level =
      m.level ??
      Object.keys(unit.values)
        .map(Number)
        .filter((l) => l >= m.minLevel!)
        .sort((a, b) => a - b)[0];
    if (level !== undefined) {
      selection.push(`${m.area}@${level}`);
      additions.push(`${m.area}@${level}`);
    }
  }
  for (let step = 0; step < 40; step++) {
    const shortfall = unitValueShortfall(q, units, selection);
    if (shortfall === 0) break;
    const taken = areasTaken();
    const restrictedCount = selection.filter(
      (s) => units.find((u) => u.ref === parseAreaChoice(s)?.area)?.restricted,
    ).length;
    let best: { choice: string; gain: number; value: number; restricted: boolean } | null = null;
    for (const unit of units) {
      if (!q.areas.includes(unit.ref) || taken.has(unit.ref)) continue;
      if (unit.requiresCentreApproval && !(context.centreApprovals ?? []).includes(unit.ref)) continue;
      if (unit.restricted && q.rules.maxRestricted !== null && restrictedCount >= q.rules.maxRestricted) continue;
      for (const [level, value] of Object.entries(unit.values)) {
        const choice = `${unit.ref}@${level}`;
        const gain = shortfall - unitValueShortfall(q, units, [...selection, choice]);
        if (gain <= 0) continue;
        const better =
          !best ||
          gain > best.gain ||
          (gain === best.gain && best.restricted && !unit.restricted) ||
          (gain === best.gain && best.restricted === unit.restricted && value < best.value);
        if (better) best = { choice, gain, value, restricted: unit.restricted };
      }
    }
    if (!best) break;
    selection.push(best.choice);
    additions.push(best.choice);
  }
  return additions;
}
