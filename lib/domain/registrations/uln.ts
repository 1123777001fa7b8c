// The Unique Learner Number (Learning Records Service): 10 digits, the first not 0, the last a
// check digit. Weight the first nine digits 10 down to 2 and add them up; the check digit is 10
// minus the remainder of that sum divided by 11, and a remainder of 0 gives no valid ULN. The same
// rule is a CHECK constraint in the database (uln_is_valid), so no writer can store one that the
// awarding body would reject.

/** Why this is not a valid ULN, or null when it is. */
export function ulnProblem(uln: string): string | null {
  if (!/^\d{10}$/.test(uln)) return "A Unique Learner Number is 10 digits.";
  if (uln.startsWith("0")) return "A Unique Learner Number does not start with 0.";
  const sum = [...uln.slice(0, 9)].reduce((total, digit, i) => total + Number(digit) * (10 - i), 0);
  const remainder = sum % 11;
  if (remainder === 0 || 10 - remainder !== Number(uln[9]))
    return "That is not a valid Unique Learner Number: its last digit does not match the check digit. Check it against the learner's record.";
  return null;
}
