/** Helpers for reading the handbook text exports in prisma/catalogue/sources. */

/** Strips the HTML fragments the PDF export left behind, tabs and bold markers. */
export function clean(line: string): string {
  return line
    .replace(/<[^>]+>/g, " ")
    .replace(/\*\*/g, "")
    .replace(/\t/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/**
 * Splits "1.1 Identify ... 1.2 Assess ..." into criteria (and any text before the first,
 * which continues the previous criterion), using the outcome
 * number so that numbers inside a criterion's text cannot start a new one.
 */
export function splitCriteria(
  line: string,
  outcome: string,
): { prefix: string; criteria: { number: string; text: string }[] } {
  const pattern = new RegExp(`(?:^|\\s)(${outcome}\\.\\d+)\\s+`, "g");
  const starts: { index: number; number: string; textStart: number }[] = [];
  for (const m of line.matchAll(pattern)) {
    starts.push({ index: m.index ?? 0, number: m[1]!, textStart: (m.index ?? 0) + m[0].length });
  }
  return {
    prefix: line.slice(0, starts[0]?.index ?? line.length).trim(),
    criteria: starts.map((s, i) => ({
      number: s.number,
      text: line.slice(s.textStart, i + 1 < starts.length ? starts[i + 1]!.index : undefined).trim(),
    })),
  };
}
