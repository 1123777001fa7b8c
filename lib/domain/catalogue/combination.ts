/**
 * The rules-of-combination engine: is a selection of units a valid
 * qualification, and if not, why and what would fix it. Pure: no I/O.
 *
 * Credit schemes (City & Guilds 3412) take unit references ("101");
 * unit-value schemes (OCR, Edexcel) take area@level ("AA@2").
 */
import type { CreditQualification, CreditUnit, Suite, AreaUnit, UnitValueQualification } from "./spec";

export type Reason = {
  /** A stable name for the rule, e.g. "total-credits". */
  rule: string;
  /** What is wrong, in plain English. */
  message: string;
  /** What would put it right. */
  fix: string;
};

export type Verdict = {
  valid: boolean;
  /** Credits (or unit value) of the recognised units selected. */
  total: number;
  /** Credits (or unit value) per level, keyed by level. */
  atLevel: Record<string, number>;
  reasons: Reason[];
};

export type Context = {
  /** The candidate's registration date, YYYY-MM-DD: decides replaced units (319/619). */
  registeredOn: string;
  /** Units the centre holds the awarding body's approval to offer. */
  centreApprovals?: readonly string[];
};

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
/** 2017-07-01 -> 1 July 2017 (en-GB), without time-zone arithmetic. */
export function longDate(iso: string): string {
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

export function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const credits = (n: number) => plural(n, "credit");

export function validateSelection(suite: Suite, code: string, selection: readonly string[], context: Context): Verdict {
  if (suite.scheme === "credit") {
    const q = suite.qualifications.find((x) => x.code === code);
    if (!q) throw new Error(`No qualification ${code} in suite ${suite.suite}`);
    return validateCredit(q, suite.units, selection, context);
  }
  const q = suite.qualifications.find((x) => x.code === code);
  if (!q) throw new Error(`No qualification ${code} in suite ${suite.suite}`);
  return validateUnitValue(q, suite.units, selection, context);
}

/** Units a candidate registered on a date may choose (319 before 1 July 2017, 619 from then). */
export function offeredCreditUnits(q: CreditQualification, context: Context): Set<string> {
  const offered = new Set(q.groups.flatMap((g) => g.units));
  for (const r of q.rules.replacements) {
    if (context.registeredOn >= r.from) offered.delete(r.unit);
    else offered.delete(r.replacedBy);
  }
  return offered;
}

export function groupOf(q: CreditQualification, ref: string) {
  return q.groups.find((g) => g.units.includes(ref));
}

export function validateCredit(
  q: CreditQualification,
  units: readonly CreditUnit[],
  selection: readonly string[],
  context: Context,
): Verdict {
  const reasons: Reason[] = [];
  const unitByRef = new Map(units.map((u) => [u.ref, u]));
  const chosen: CreditUnit[] = [];
  const seen = new Set<string>();
  for (const raw of selection) {
    const ref = raw.trim();
    if (seen.has(ref)) {
      reasons.push({
        rule: "duplicate-unit",
        message: `Unit ${ref} is selected more than once.`,
        fix: `Select unit ${ref} once.`,
      });
      continue;
    }
    seen.add(ref);
    const unit = unitByRef.get(ref);
    if (!unit || !groupOf(q, ref)) {
      reasons.push({
        rule: "unit-not-in-qualification",
        message: `Unit ${ref} is not part of the ${q.title}.`,
        fix: `Remove unit ${ref}.`,
      });
      continue;
    }
    chosen.push(unit);
  }
  const chosenRefs = new Set(chosen.map((u) => u.ref));

  for (const r of q.rules.replacements) {
    const after = context.registeredOn >= r.from;
    if (after && chosenRefs.has(r.unit)) {
      reasons.push({
        rule: "replaced-unit",
        message: `Unit ${r.unit} was replaced by unit ${r.replacedBy} for candidates registered on or after ${longDate(r.from)}; this candidate was registered on ${longDate(context.registeredOn)}.`,
        fix: `Choose unit ${r.replacedBy} instead of unit ${r.unit}.`,
      });
    }
    if (!after && chosenRefs.has(r.replacedBy)) {
      reasons.push({
        rule: "replaced-unit",
        message: `Unit ${r.replacedBy} is for candidates registered on or after ${longDate(r.from)}; this candidate was registered on ${longDate(context.registeredOn)}, so unit ${r.unit} applies.`,
        fix: `Choose unit ${r.unit} instead of unit ${r.replacedBy}.`,
      });
    }
  }

  for (const unit of chosen) {
    if (unit.requiresCentreApproval && !(context.centreApprovals ?? []).includes(unit.ref)) {
      reasons.push({
        rule: "centre-approval",
        message: `Unit ${unit.ref} can be offered only by a centre the awarding body has approved for it.`,
        fix: `Remove unit ${unit.ref}, or record the centre's approval first.`,
      });
    }
  }

  for (const groupId of q.rules.mandatoryGroups) {
    const group = q.groups.find((g) => g.id === groupId)!;
    const missing = group.units.filter((ref) => !chosenRefs.has(ref));
    if (missing.length) {
      reasons.push({
        rule: "mandatory-group",
        message: `Every unit in ${group.name} is mandatory; ${missing.length === 1 ? "unit" : "units"} ${listWords(missing)} ${missing.length === 1 ? "is" : "are"} missing.`,
        fix: `Add ${missing.length === 1 ? "unit" : "units"} ${listWords(missing)}.`,
      });
    }
  }

  const total = chosen.reduce((sum, u) => sum + u.credits, 0);
  const atLevel: Record<string, number> = {};
  for (const u of chosen) atLevel[u.level] = (atLevel[u.level] ?? 0) + u.credits;

  if (total < q.rules.totalCredits) {
    const short = q.rules.totalCredits - total;
    reasons.push({
      rule: "total-credits",
      message: `The qualification needs at least ${credits(q.rules.totalCredits)}; the selection has ${credits(total)}.`,
      fix: `Add units worth at least ${short} more ${short === 1 ? "credit" : "credits"}.`,
    });
  }

  for (const r of q.rules.minCreditsAtLevel) {
    const have = atLevel[r.level] ?? 0;
    if (have < r.min) {
      reasons.push({
        rule: "credits-at-level",
        message: `At least ${credits(r.min)} must be at level ${r.level}; the selection has ${credits(have)} at level ${r.level}.`,
        fix: `Add level ${r.level} units worth at least ${credits(r.min - have)}.`,
      });
    }
  }

  for (const r of q.rules.minCreditsFromGroup) {
    const group = q.groups.find((g) => g.id === r.group)!;
    const have = chosen.filter((u) => group.units.includes(u.ref)).reduce((s, u) => s + u.credits, 0);
    if (have < r.min) {
      reasons.push({
        rule: "credits-from-group",
        message: `At least ${credits(r.min)} must come from ${group.name}; the selection has ${credits(have)} from it.`,
        fix: `Add ${group.name} units worth at least ${credits(r.min - have)}.`,
      });
    }
  }

  for (const r of q.rules.maxCreditsAtLevel) {
    const inGroups = chosen.filter((u) => r.groups.includes(groupOf(q, u.ref)!.id) && u.level === r.level);
    const have = inGroups.reduce((s, u) => s + u.credits, 0);
    if (have > r.max) {
      reasons.push({
        rule: "max-credits-at-level",
        message: `No more than ${credits(r.max)} from group ${listWords(r.groups)} may be at level ${r.level}; the selection has ${credits(have)} (units ${listWords(inGroups.map((u) => u.ref))}).`,
        fix: `Remove level ${r.level} units worth at least ${credits(have - r.max)}.`,
      });
    }
  }

  for (const r of q.rules.maxUnitsFrom) {
    const taken = r.units.filter((ref) => chosenRefs.has(ref));
    if (taken.length > r.max) {
      reasons.push({
        rule: "max-units-from-list",
        message: `No more than ${r.max} units may be taken from units ${listWords(r.units)}; the selection has ${taken.length} (${listWords(taken)}).`,
        fix: `Remove ${taken.length - r.max === 1 ? "one" : taken.length - r.max} of units ${listWords(taken)}.`,
      });
    }
  }

  for (const [a, b] of q.rules.barredPairs) {
    if (chosenRefs.has(a) && chosenRefs.has(b)) {
      reasons.push({
        rule: "barred-units",
        message: `Units ${a} and ${b} are barred from being taken together.`,
        fix: `Keep only one of units ${a} and ${b}.`,
      });
    }
  }

  return { valid: reasons.length === 0, total, atLevel, reasons };
}

export type AreaChoice = { area: string; level: number; value: number; unit: AreaUnit };

/** "AA@2" -> area AA at level 2. */
export function parseAreaChoice(text: string): { area: string; level: number } | null {
  const m = /^([A-Z]{1,2}\d{0,2})@([1-8])$/.exec(text.trim().toUpperCase());
  return m ? { area: m[1]!, level: Number(m[2]) } : null;
}

const uv = (n: number) => `${n} UV`;

/** Reads "AA@2" entries into choices, with a reason for each entry that cannot count. */
function readChoices(q: UnitValueQualification, unitByRef: Map<string, AreaUnit>, selection: readonly string[]) {
  const reasons: Reason[] = [];
  const choices: AreaChoice[] = [];
  const seen = new Set<string>();
  for (const raw of selection) {
    const parsed = parseAreaChoice(raw);
    if (!parsed) {
      reasons.push({
        rule: "selection-format",
        message: `"${raw.trim()}" is not an area and level.`,
        fix: "Write each unit as its area letters and level, for example AA@2.",
      });
      continue;
    }
    const key = `${parsed.area}@${parsed.level}`;
    if (seen.has(key)) {
      reasons.push({
        rule: "duplicate-unit",
        message: `${key} is selected more than once.`,
        fix: `Select ${key} once.`,
      });
      continue;
    }
    seen.add(key);
    const unit = unitByRef.get(parsed.area);
    if (!unit || !q.areas.includes(parsed.area)) {
      reasons.push({
        rule: "unit-not-in-qualification",
        message: `Area ${parsed.area} is not part of the ${q.title}.`,
        fix: `Remove ${key}.`,
      });
      continue;
    }
    const value = unit.values[String(parsed.level)];
    if (value === undefined) {
      const levels = Object.keys(unit.values).sort();
      reasons.push({
        rule: "level-not-offered",
        message: `${parsed.area} (${unit.title}) has no unit value at level ${parsed.level}; it is offered at level ${listWords(levels)}.`,
        fix: `Choose ${parsed.area} at level ${listWords(levels.map((l) => l))} instead.`,
      });
      continue;
    }
    choices.push({ area: parsed.area, level: parsed.level, value, unit });
  }

  return { choices, reasons };
}

/** Which choice meets each mandatory rule, and the rules no choice meets. */
function mandatoryFor(q: UnitValueQualification, choices: AreaChoice[]) {
  const met = new Set<AreaChoice>();
  const unmet: { rule: UnitValueQualification["rules"]["mandatory"][number]; ofArea: AreaChoice[] }[] = [];
  for (const m of q.rules.mandatory) {
    const ofArea = choices.filter((c) => c.area === m.area);
    const ok = ofArea.find((c) => (m.level !== undefined ? c.level === m.level : c.level >= m.minLevel!));
    if (ok) met.add(ok);
    else unmet.push({ rule: m, ofArea });
  }
  return { met, unmet };
}

/** The optional units' value at the share's level, and what the 60% rule (or the published figure) needs. */
function optionalShare(
  share: NonNullable<UnitValueQualification["rules"]["optionalShareAtLevel"]>,
  choices: AreaChoice[],
  met: Set<AreaChoice>,
) {
  const optional = choices.filter((c) => !met.has(c));
  const optionalTotal = optional.reduce((s, c) => s + c.value, 0);
  const optionalAtLevel = optional.filter((c) => c.level === share.level).reduce((s, c) => s + c.value, 0);
  const byPercent = Math.ceil((optionalTotal * share.percent) / 100);
  return { optionalTotal, optionalAtLevel, byPercent, need: Math.max(byPercent, share.publishedMinimum ?? 0) };
}

/**
 * How far a selection is from the rules that adding units can meet (for suggestions): unit
 * value short of the total and of the share at level, and 1000 for each mandatory area unmet.
 */
export function unitValueShortfall(
  q: UnitValueQualification,
  units: readonly AreaUnit[],
  selection: readonly string[],
): number {
  const { choices } = readChoices(q, new Map(units.map((u) => [u.ref, u])), selection);
  const { met, unmet } = mandatoryFor(q, choices);
  const total = choices.reduce((s, c) => s + c.value, 0);
  let shortfall = unmet.length * 1000 + Math.max(0, q.rules.totalValue - total);
  if (q.rules.optionalShareAtLevel) {
    const x = optionalShare(q.rules.optionalShareAtLevel, choices, met);
    shortfall += Math.max(0, x.need - x.optionalAtLevel);
  }
  return shortfall;
}

export function validateUnitValue(
  q: UnitValueQualification,
  units: readonly AreaUnit[],
  selection: readonly string[],
  context: Context,
): Verdict {
  const unitByRef = new Map(units.map((u) => [u.ref, u]));
  const { choices, reasons } = readChoices(q, unitByRef, selection);

  if (q.rules.oneLevelPerArea) {
    const byArea = new Map<string, AreaChoice[]>();
    choices.forEach((c) => byArea.set(c.area, [...(byArea.get(c.area) ?? []), c]));
    for (const [area, list] of byArea) {
      if (list.length > 1) {
        reasons.push({
          rule: "one-level-per-area",
          message: `${area} is selected at levels ${listWords(list.map((c) => String(c.level)))}; each area of competence counts at one level only.`,
          fix: `Keep ${area} at one level.`,
        });
      }
    }
  }

  const { met: mandatoryChoices, unmet } = mandatoryFor(q, choices);
  for (const { rule: m, ofArea } of unmet) {
    const unit = unitByRef.get(m.area)!;
    const wanted = m.level !== undefined ? `at level ${m.level}` : `at level ${m.minLevel} or above`;
    if (ofArea.length) {
      reasons.push({
        rule: "mandatory-area",
        message: `${m.area} (${unit.title}) is mandatory ${wanted}; the selection has it at level ${ofArea[0]!.level}.`,
        fix: `Change ${m.area}@${ofArea[0]!.level} to ${m.area}@${m.level ?? m.minLevel}.`,
      });
    } else {
      reasons.push({
        rule: "mandatory-area",
        message: `${m.area} (${unit.title}) is mandatory ${wanted} and is not selected.`,
        fix: `Add ${m.area}@${m.level ?? lowestLevelFrom(unit, m.minLevel!)}.`,
      });
    }
  }

  for (const c of choices) {
    if (c.unit.requiresCentreApproval && !(context.centreApprovals ?? []).includes(c.area)) {
      reasons.push({
        rule: "centre-approval",
        message: `${c.area} (${c.unit.title}) can be offered only by a centre the awarding body has approved for it.`,
        fix: `Remove ${c.area}@${c.level}, or record the centre's approval first.`,
      });
    }
  }

  const total = choices.reduce((s, c) => s + c.value, 0);
  const atLevel: Record<string, number> = {};
  for (const c of choices) atLevel[c.level] = (atLevel[c.level] ?? 0) + c.value;

  if (total < q.rules.totalValue) {
    reasons.push({
      rule: "total-value",
      message: `The qualification needs at least ${uv(q.rules.totalValue)}; the selection has ${uv(total)}.`,
      fix: `Add units worth at least ${uv(q.rules.totalValue - total)} more.`,
    });
  }

  const share = q.rules.optionalShareAtLevel;
  if (share) {
    const { optionalTotal, optionalAtLevel, byPercent, need } = optionalShare(share, choices, mandatoryChoices);
    if (optionalAtLevel < need) {
      const basis =
        share.publishedMinimum !== null && share.publishedMinimum >= byPercent
          ? `${uv(share.publishedMinimum)}, the figure the guide gives for level ${share.level}`
          : `${uv(byPercent)}, ${share.percent}% of the ${uv(optionalTotal)} of optional units selected`;
      reasons.push({
        rule: "optional-share-at-level",
        message: `At least ${share.percent}% of the optional units' value must be at level ${share.level} (here ${basis}); the selection has ${uv(optionalAtLevel)} of optional units at level ${share.level}.`,
        fix: `Add or move optional units worth at least ${uv(need - optionalAtLevel)} to level ${share.level}.`,
      });
    }
  }

  if (q.rules.maxRestricted !== null) {
    const restricted = choices.filter((c) => c.unit.restricted);
    if (restricted.length > q.rules.maxRestricted) {
      reasons.push({
        rule: "max-restricted",
        message: `No more than ${q.rules.maxRestricted} units may come from the restricted option list; the selection has ${restricted.length} (${listWords(restricted.map((c) => `${c.area}@${c.level}`))}).`,
        fix: `Remove ${restricted.length - q.rules.maxRestricted === 1 ? "one" : restricted.length - q.rules.maxRestricted} of the restricted units.`,
      });
    }
  }

  return { valid: reasons.length === 0, total, atLevel, reasons };
}

function lowestLevelFrom(unit: AreaUnit, min: number): number {
  const levels = Object.keys(unit.values)
    .map(Number)
    .filter((l) => l >= min)
    .sort((a, b) => a - b);
  return levels[0] ?? min;
}

/** The rules of a qualification in plain English, for the catalogue browser. */
export function describeRules(suite: Suite, code: string): string[] {
  if (suite.scheme === "credit") {
    const q = suite.qualifications.find((x) => x.code === code)!;
    const r = q.rules;
    const name = (id: string) => q.groups.find((g) => g.id === id)?.name ?? `Group ${id}`;
    return [
      `At least ${credits(r.totalCredits)} in total.`,
      ...r.minCreditsAtLevel.map((x) => `At least ${credits(x.min)} at level ${x.level}.`),
      ...r.mandatoryGroups.map((g) => `Every unit in ${name(g)}.`),
      ...r.minCreditsFromGroup.map((x) => `At least ${credits(x.min)} from ${name(x.group)}.`),
      `The remaining credits from any other units of the qualification's groups.`,
      ...r.maxCreditsAtLevel.map(
        (x) => `No more than ${credits(x.max)} from group ${listWords(x.groups)} at level ${x.level}.`,
      ),
      ...r.maxUnitsFrom.map((x) => `No more than ${x.max} units from units ${listWords(x.units)}.`),
      ...r.barredPairs.map(([a, b]) => `Units ${a} and ${b} are barred: not both.`),
      ...r.replacements.map(
        (x) =>
          `Unit ${x.replacedBy} replaces unit ${x.unit} for candidates registered on or after ${longDate(x.from)}.`,
      ),
    ];
  }
  const q = suite.qualifications.find((x) => x.code === code)!;
  const r = q.rules;
  const unitTitle = (ref: string) => suite.units.find((u) => u.ref === ref)?.title ?? ref;
  return [
    `At least ${uv(r.totalValue)} in total.`,
    ...r.mandatory.map((m) =>
      m.level !== undefined
        ? `${m.area} (${unitTitle(m.area)}) at level ${m.level}.`
        : `${m.area} (${unitTitle(m.area)}) at level ${m.minLevel} or above.`,
    ),
    ...(r.oneLevelPerArea ? ["Each area of competence counts at one level only."] : []),
    ...(r.optionalShareAtLevel
      ? [
          `At least ${r.optionalShareAtLevel.percent}% of the optional units' value at level ${r.optionalShareAtLevel.level}` +
            (r.optionalShareAtLevel.publishedMinimum !== null
              ? ` (the guide says this equates to ${uv(r.optionalShareAtLevel.publishedMinimum)}).`
              : "."),
        ]
      : []),
    ...(r.maxRestricted !== null ? [`No more than ${r.maxRestricted} units from the restricted option list.`] : []),
    ...suite.units
      .filter((u) => u.requiresCentreApproval && q.areas.includes(u.ref))
      .map((u) => `${u.ref} (${u.title}) only where the centre holds the awarding body's approval.`),
  ];
}
