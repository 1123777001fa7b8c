// Which units may be claimed, as a table: internal verification must have dealt with each, by an
// agreed sample or a plan covering its sign-off that did not select it (OCR: "Each assessor's work
// must be checked and confirmed by an internal verifier").
import { describe, expect, it } from "vitest";
import { verificationText, verified } from "@/lib/domain/claims/claim-readiness";
import { unitClaimProblem, type UnitClaimFacts } from "@/lib/domain/claims/unit-claims";

const unit = (facts: Partial<UnitClaimFacts>): UnitClaimFacts => ({
  entry: "101",
  state: "achieved",
  sample: "none",
  claimed: false,
  signedOn: "2026-12-07",
  ...facts,
});

describe("unitClaimProblem", () => {
  it.each<[Partial<UnitClaimFacts>, RegExp | null]>([
    [{}, null], // not selected by a plan that covers the sign-off
    [{ sample: "agreed" }, null],
    [{ sample: "outstanding" }, /^Unit 101 has an internal verification sample still outstanding\.$/],
    [
      { sample: "unplanned" },
      /^Unit 101 has no internal verification of its sign-off: no sampling plan for the qualification covers its sign-off on 7 December 2026, and no internal verifier has sampled the signed-off unit\. An internal verifier must sample it/,
    ],
    [{ sample: "unplanned", claimed: true }, /already in a claim/],
    [{ state: "on-hold", sample: "unplanned" }, /is on hold/],
    [{ state: "not-signed-off", sample: "unplanned" }, /is not signed off/],
    [
      { entry: "AA@2", sample: "unplanned", signedOn: null },
      /^Unit AA has no internal verification of its sign-off: no sampling plan for the qualification covers its sign-off, and no internal verifier has sampled the signed-off unit\. /,
    ],
  ])("%o → %s", (facts, problem) => {
    const found = unitClaimProblem(unit(facts));
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});

describe("what internal verification did, as the claim screen says it", () => {
  const plan = { from: "2026-09-01", to: "2026-11-30" };
  it.each<[Partial<UnitClaimFacts>, { from: string; to: string } | null, boolean, string | null]>([
    // facts, plan covering the sign-off, verified, text
    [{ sample: "agreed" }, null, true, "sampled by the internal verifier, who agreed"],
    [{ sample: "agreed" }, plan, true, "sampled by the internal verifier, who agreed"],
    [{ sample: "none" }, plan, true, "not selected by the sampling plan for 1 September 2026 to 30 November 2026"],
    [{ sample: "none" }, null, true, null],
    [{ sample: "outstanding" }, plan, false, null],
    [{ sample: "unplanned" }, null, false, null],
  ])("%o with plan %o → verified %s, %s", (facts, covering, isVerified, text) => {
    expect(verified(unit(facts))).toBe(isVerified);
    expect(verificationText({ ...unit(facts), plan: covering })).toBe(text);
  });
});
