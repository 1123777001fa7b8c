// Minimum ages from the specification (`minimumAge` on a qualification): C&G "cannot accept any
// registrations for candidates under 16" for 3412-04 and under 18 for 3412-05. Ages are whole
// years on a date, as the law counts them: a birthday on 29 February falls on 1 March in other years.
import type { Suite } from "../catalogue/spec";
import { formatDate } from "../format";
import { storedDate } from "../today";

/** Whole years from `dateOfBirth` to `on` (ISO dates). */
export function ageOn(dateOfBirth: string, on: string): number {
  const [by, bm, bd] = dateOfBirth.split("-").map(Number) as [number, number, number];
  const [y, m, d] = on.split("-").map(Number) as [number, number, number];
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

/** Why the candidate cannot be registered on (or claim) this qualification at `on`, or null when they can. */
export function minimumAgeProblem(suite: Suite, code: string, dateOfBirth: string | null, on: string): string | null {
  const rule = suite.qualifications.find((q) => q.code === code)?.minimumAge;
  if (!rule) return null;
  if (!dateOfBirth)
    return `Record the candidate's date of birth first: ${code} has a minimum age of ${rule.years}. ${rule.basis}`;
  const age = ageOn(dateOfBirth, on);
  if (age >= rule.years) return null;
  return `The candidate is ${age} on ${formatDate(storedDate(on))}, under the minimum age of ${rule.years} for ${code}. ${rule.basis}`;
}
