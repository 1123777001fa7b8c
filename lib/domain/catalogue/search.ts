import type { AreaUnit, CreditUnit } from "./spec";

/** Does the unit's number, title, aim, outcomes or criteria mention the search text? */
export function unitMatches(unit: CreditUnit | AreaUnit, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  const haystack = [
    unit.ref,
    unit.title,
    unit.aim ?? "",
    ...unit.outcomes.flatMap((o) => [o.text, ...o.criteria.map((c) => `${c.number} ${c.text}`)]),
  ];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}
