// Which units may be claimed, as a table: internal verification must have dealt with each, by an
// agreed sample or a plan covering its sign-off that did not select it (OCR: "Each assessor's work
// must be checked and confirmed by an internal verifier").
import { describe, expect, it } from "vitest";
import { unitClaimProblem, type UnitClaimFacts } from "@/lib/domain/claims";

const unit = (facts: Partial<UnitClaimFacts>): UnitClaimFacts => ({ entry: "101", state: "achieved", sample: "none", claimed: false, signedOn: "2026-12-07", ...facts });

describe("unitClaimProblem", () => {
  it.each<[Partial<UnitClaimFacts>, RegExp | null]>([
    [{}, null], // not selected by a plan that covers the sign-off
    [{ sample: "agreed" }, null],
    [{ sample: "outstanding" }, /^Unit 101 has an internal verification sample still outstanding\.$/],
    [{ sample: "unplanned" }, /^Unit 101 has no internal verification of its sign-off: no sampling plan for the qualification covers its sign-off on 7 December 2026, and no internal verifier has sampled the signed-off unit\. An internal verifier must sample it/],
    [{ sample: "unplanned", claimed: true }, /already in a claim/],
    [{ state: "on-hold", sample: "unplanned" }, /is on hold/],
    [{ state: "not-signed-off", sample: "unplanned" }, /is not signed off/],
    [{ entry: "AA@2", sample: "unplanned", signedOn: null }, /^Unit AA has no internal verification of its sign-off: no sampling plan for the qualification covers its sign-off, and no internal verifier has sampled the signed-off unit\. /],
  ])("%o → %s", (facts, problem) => {
    const found = unitClaimProblem(unit(facts));
    if (problem === null) expect(found).toBeNull();
    else expect(found).toMatch(problem);
  });
});
