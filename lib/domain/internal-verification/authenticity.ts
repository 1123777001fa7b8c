// Authenticity signals that raise a signed-off unit's sampling priority, each with its reason: the
// product's own heuristics for choosing what to sample (the handbooks leave the choice to the IV;
// OCR: "The internal verifier checks and standardises assessment decisions made by the assessors").
// Pure: the server reads the facts, this decides which are signals and says why.

/**
 * Other portfolios of the same centre holding the same file are counted up to this many (a blank
 * template can be in thousands). Other centres' portfolios are not looked at: an IV learns nothing
 * about another centre's candidates.
 */
export const SHARED_FILE_CAP = 10;
/** Evidence dated this long before it was judged raises a signal. */
export const STALE_EVIDENCE_DAYS = 365;
/** A witness testifying for at least this share of an assessor's caseload, and at least WITNESS_MINIMUM candidates, raises a signal. */
export const WITNESS_SHARE = 0.25;
export const WITNESS_MINIMUM = 3;

const DAY_MS = 24 * 60 * 60 * 1000;

export type AuthenticityFacts = {
  /** Each file behind the units, with how many other candidates of the centre hold the same SHA-256 (counted up to SHARED_FILE_CAP + 1). */
  shared: { evidenceId: string; name: string; others: number }[];
  /** Each piece of evidence with its date, the candidate's first registration and its first judgement. */
  dated: { evidenceId: string; title: string; activityDate: Date; registeredOn: Date | null; judgedAt: Date | null }[];
  /** Testimony behind the units: its witness, and for an assessor the caseload candidates the witness testified for. */
  testimony: { evidenceId: string; assessorId: string; witness: string; testified: number; caseload: number }[];
};

/** A witness has testified for an unusually large share of the assessor's caseload. */
export const unusualWitnessShare = (testified: number, caseload: number) =>
  testified >= WITNESS_MINIMUM && testified >= WITNESS_SHARE * caseload;

/** Where else the same file is, in words. */
export function sharedFileWhere(others: number): string {
  if (others === 1) return "another candidate's portfolio";
  return others > SHARED_FILE_CAP
    ? `more than ${SHARED_FILE_CAP} other candidates' portfolios`
    : `${others} other candidates' portfolios`;
}

/** The reasons, per unit id, that raise each unit's sampling priority (none: no entry). */
export function authenticitySignals(
  units: { id: string; evidenceIds: string[]; assessor: { id: string } }[],
  facts: AuthenticityFacts,
): Map<string, string[]> {
  const signals = new Map<string, string[]>();
  const add = (unitId: string, reason: string) =>
    signals.set(unitId, [...new Set([...(signals.get(unitId) ?? []), reason])]);
  for (const u of units) {
    for (const w of facts.testimony.filter(
      (x) =>
        u.evidenceIds.includes(x.evidenceId) &&
        x.assessorId === u.assessor.id &&
        unusualWitnessShare(x.testified, x.caseload),
    )) {
      add(
        u.id,
        `${w.witness} gave testimony for ${w.testified} of the ${w.caseload} candidates on the assessor's caseload: an unusually large share.`,
      );
    }
    for (const s of facts.shared.filter((x) => u.evidenceIds.includes(x.evidenceId) && x.others > 0)) {
      add(u.id, `The file "${s.name}" (same SHA-256) is also in ${sharedFileWhere(s.others)}.`);
    }
    for (const d of facts.dated.filter((x) => u.evidenceIds.includes(x.evidenceId))) {
      if (d.registeredOn && d.activityDate < d.registeredOn)
        add(u.id, `"${d.title}" is dated before the candidate's registration.`);
      if (d.judgedAt && d.judgedAt.getTime() - d.activityDate.getTime() > STALE_EVIDENCE_DAYS * DAY_MS) {
        add(u.id, `"${d.title}" is dated more than a year before it was judged.`);
      }
    }
  }
  return signals;
}
