// Where an IV sample stands, from its verdicts and the assessor's responses (oldest first). OCR:
// "Each assessors work must be checked and confirmed by an internal verifier"; so a disagreement
// holds the unit (it does not count towards a claim) until an agreement that counts follows, and a
// working-towards IV's agreement counts once a qualified IV countersigns it (decision 0011).

export type VerdictFacts = {
  outcome: "AGREE" | "DISAGREE";
  decidedAt: Date;
  needsCountersignature: boolean;
  countersignature: unknown | null;
  signOffId?: string | null;
};

/** The sample stands agreed: its latest verdict agrees and counts (a qualified IV's, or countersigned). */
export const isAgreed = (verdicts: VerdictFacts[]) => {
  const latest = verdicts.at(-1);
  return latest?.outcome === "AGREE" && (!latest.needsCountersignature || latest.countersignature !== null);
};

/** As heldUnits decides: a disagreement with no agreement that counts after it. */
export const isHeld = (verdicts: VerdictFacts[]) => {
  const last = verdicts.findLastIndex((v) => v.outcome === "DISAGREE");
  return (
    last >= 0 &&
    !verdicts
      .slice(last + 1)
      .some((v) => v.outcome === "AGREE" && (!v.needsCountersignature || v.countersignature !== null))
  );
};

/**
 * Where a sample stands, from its verdicts and responses (oldest first). A summative agreement
 * stands for the sign-off it verified: once the unit is signed off again on other evidence
 * (`standingSignOffId` differs), the sample must be verified again.
 */
export function sampleState(
  verdicts: VerdictFacts[],
  responses: { respondedAt: Date }[],
  standingSignOffId?: string | null,
) {
  const latest = verdicts.at(-1);
  if (!latest) return "awaiting-verdict" as const;
  if (
    latest.outcome === "AGREE" &&
    latest.signOffId &&
    standingSignOffId !== undefined &&
    standingSignOffId !== latest.signOffId
  )
    return "changed-since-verdict" as const;
  if (latest.outcome === "AGREE")
    return isAgreed(verdicts) ? ("agreed" as const) : ("awaiting-countersignature" as const);
  return responses.some((r) => r.respondedAt > latest.decidedAt) ? ("responded" as const) : ("on-hold" as const);
}
