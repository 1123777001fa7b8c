// OCR (scheme overview, "Assessor"): "the assessor will be responsible for vetting the selection
// of expert witnesses including evidence of occupational competence". So a witness is asked for
// testimony, and gives it, only while an assessor's latest vetting decision approves them.

/** Why the witness may not give testimony now, or null when their latest vetting approves them. */
export function vettingProblem(latest: { approved: boolean } | null | undefined): string | null {
  if (!latest)
    return "No assessor has vetted this witness yet. An assessor must check their occupational competence and approve them on the register first.";
  if (!latest.approved)
    return "The latest vetting decision on this witness did not approve them, so they cannot give testimony.";
  return null;
}
