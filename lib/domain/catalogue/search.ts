import type { AreaUnit, CreditUnit } from "./spec";
import { contentAt, contentLevels, groupsOf } from "./content";

/** Does the unit's number, title, aim, outcomes or criteria mention the search text? */
export function unitMatches(unit: CreditUnit | AreaUnit, query: string): boolean {
  const needle = query.trim().toLowerCase();
  if (!needle) return true;
  const haystack = [
    unit.ref,
    unit.title,
    unit.aim ?? "",
    ...contentLevels(unit).flatMap((level) =>
      groupsOf(contentAt(unit, level)).flatMap((g) => [g.text, ...g.requirements.map((c) => `${c.number} ${c.text}`)]),
    ),
  ];
  return haystack.some((text) => text.toLowerCase().includes(needle));
}
