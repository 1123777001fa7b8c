import { describe, expect, it } from "vitest";
import {
  MINIMUM_PER_ASSESSOR,
  planSelects,
  proposedSampleSize,
  riskFactors,
  riskRating,
  selectionReason,
  type AssessorFacts,
} from "@/lib/domain/internal-verification/risk";
import { planChanges, type PlanLine } from "@/lib/domain/internal-verification/plan-changes";

const settled: AssessorFacts = {
  workingTowards: false,
  daysAtCentre: 900,
  earlierSignOffs: 40,
  verdicts: 10,
  disagreements: 0,
  decisionsInPeriod: 20,
  daysSinceObserved: 60,
  observationNeedsDevelopment: false,
  daysSinceStandardisation: 30,
};

describe("the IV's risk rule", () => {
  it("rates by the documented weights", () => {
    expect(riskFactors(settled)).toEqual([]);
    expect(riskRating(riskFactors(settled))).toBe("LOW");
    expect(riskRating(riskFactors({ ...settled, earlierSignOffs: 0 }))).toBe("LOW"); // 1
    expect(riskRating(riskFactors({ ...settled, daysAtCentre: 30 }))).toBe("MEDIUM"); // 2
    expect(riskRating(riskFactors({ ...settled, workingTowards: true }))).toBe("MEDIUM"); // 3
    expect(riskRating(riskFactors({ ...settled, workingTowards: true, earlierSignOffs: 0 }))).toBe("HIGH"); // 4
    expect(riskRating(riskFactors({ ...settled, disagreements: 2 }))).toBe("HIGH"); // 4
    expect(
      riskFactors({ ...settled, disagreements: 5 }).find((f) => f.label.startsWith("Earlier samples"))?.weight,
    ).toBe(4);
    expect(riskRating(riskFactors({ ...settled, decisionsInPeriod: 51 }))).toBe("LOW"); // 1
  });

  it("reads 'new to the centre' from the recorded start date; with none recorded it says so and counts as new (the safe side)", () => {
    expect(riskFactors({ ...settled, daysAtCentre: 179 })).toEqual([
      { label: "New to the centre (started under 180 days ago)", weight: 2 },
    ]);
    expect(riskFactors({ ...settled, daysAtCentre: 180 })).toEqual([]);
    const unrecorded = riskFactors({ ...settled, daysAtCentre: null });
    expect(unrecorded).toEqual([
      { label: expect.stringMatching(/^Start at the centre not recorded, so counted as new/), weight: 2 },
    ]);
    expect(riskRating(unrecorded)).toBe("MEDIUM");
  });

  it("counts the IV's observations and standardisation meetings", () => {
    expect(riskFactors({ ...settled, daysSinceObserved: null })).toEqual([
      { label: "Not observed by an IV in the last 12 months", weight: 1 },
    ]);
    expect(riskFactors({ ...settled, daysSinceObserved: 366 })).toEqual([
      { label: "Not observed by an IV in the last 12 months", weight: 1 },
    ]);
    expect(riskFactors({ ...settled, daysSinceObserved: 365 })).toEqual([]);
    expect(riskFactors({ ...settled, daysSinceStandardisation: null })).toEqual([
      { label: "No standardisation meeting attended in the last 12 months", weight: 1 },
    ]);
    expect(riskRating(riskFactors({ ...settled, daysSinceObserved: null, daysSinceStandardisation: null }))).toBe(
      "MEDIUM",
    ); // 2
    expect(riskRating(riskFactors({ ...settled, observationNeedsDevelopment: true }))).toBe("MEDIUM"); // 2
    expect(
      riskRating(
        riskFactors({
          ...settled,
          observationNeedsDevelopment: true,
          daysSinceStandardisation: null,
          earlierSignOffs: 0,
        }),
      ),
    ).toBe("HIGH"); // 4
  });

  it("sizes the sample by rating: 10%, 25% or 50%, rounded up, at least 2, at most all", () => {
    expect(proposedSampleSize("LOW", 40)).toBe(4);
    expect(proposedSampleSize("LOW", 5)).toBe(2);
    expect(proposedSampleSize("MEDIUM", 40)).toBe(10);
    expect(proposedSampleSize("MEDIUM", 9)).toBe(3);
    expect(proposedSampleSize("HIGH", 9)).toBe(5);
    expect(proposedSampleSize("HIGH", 1)).toBe(1);
    expect(proposedSampleSize("LOW", 0)).toBe(0);
  });

  it("selects newly signed-off units in step with the target, never beyond it", () => {
    const line = { target: 2, expected: 10 };
    // Units 1 to 10 signed off one by one, each sampled when selected.
    let sampled = 0;
    const picked: number[] = [];
    for (let n = 1; n <= 12; n++) {
      if (planSelects(line, n, sampled)) {
        picked.push(n);
        sampled++;
      }
    }
    expect(picked).toEqual([1, 6]);
    expect(planSelects({ target: 0, expected: 10 }, 1, 0)).toBe(false);
    // More units than expected: the target still caps it.
    expect(planSelects({ target: 3, expected: 3 }, 9, 3)).toBe(false);
    // Not in the plan: the minimum.
    expect([0, 1, 2].map((s) => planSelects(null, 5, s))).toEqual([true, true, false]);
  });
});

describe("what recomputing a plan would change", () => {
  const line = (assessorId: string, extra: Partial<PlanLine> = {}): PlanLine => ({
    assessorId,
    name: `TEST assessor ${assessorId}`,
    facts: {} as PlanLine["facts"],
    factors: [{ label: "New to the centre", weight: 2 }],
    computed: "MEDIUM",
    rating: "MEDIUM",
    proposed: 3,
    target: 3,
    override: null,
    ...extra,
  });
  it.each<
    [string, PlanLine[], PlanLine[], { assessorId: string; before: unknown; after: unknown; overridden: boolean }[]]
  >([
    ["nothing changed", [line("a")], [line("a")], []],
    [
      "a new assessor joins",
      [],
      [line("a")],
      [{ assessorId: "a", before: null, after: { rating: "MEDIUM", proposed: 3 }, overridden: false }],
    ],
    [
      "the rating rises",
      [line("a")],
      [line("a", { computed: "HIGH", proposed: 5 })],
      [
        {
          assessorId: "a",
          before: { rating: "MEDIUM", proposed: 3, target: 3 },
          after: { rating: "HIGH", proposed: 5 },
          overridden: false,
        },
      ],
    ],
    [
      "a factor goes, rating the same",
      [line("a")],
      [line("a", { factors: [] })],
      [
        {
          assessorId: "a",
          before: { rating: "MEDIUM", proposed: 3, target: 3 },
          after: { rating: "MEDIUM", proposed: 3 },
          overridden: false,
        },
      ],
    ],
    [
      "an IV's override is reported as such",
      [line("a", { override: "Known to the IV", rating: "HIGH", target: 6 })],
      [line("a", { proposed: 4 })],
      [
        {
          assessorId: "a",
          before: { rating: "MEDIUM", proposed: 3, target: 6 },
          after: { rating: "MEDIUM", proposed: 4 },
          overridden: true,
        },
      ],
    ],
    ["an assessor no longer in the facts is not a change", [line("a"), line("b")], [line("a")], []],
  ])("%s", (_name, current, fresh, expected) => {
    expect(
      planChanges(current, fresh).map(({ assessorId, before, after, overridden }) => ({
        assessorId,
        before,
        after,
        overridden,
      })),
    ).toEqual(expected);
  });
});

describe("why the plan selected a unit", () => {
  it.each<[Parameters<typeof selectionReason>[0], number, number, string]>([
    [
      { name: "TEST Assessor", target: 4, rating: "HIGH" },
      7,
      2,
      "Selected by the sampling plan: TEST Assessor's sample 3 of 4 (high risk), unit 7 signed off in the period.",
    ],
    [
      { name: "TEST Assessor", target: 1, rating: "LOW" },
      1,
      0,
      "Selected by the sampling plan: TEST Assessor's sample 1 of 1 (low risk), unit 1 signed off in the period.",
    ],
    [
      null,
      2,
      1,
      `Selected by the sampling plan: the assessor is not in the plan, so their first ${MINIMUM_PER_ASSESSOR} units are sampled.`,
    ],
  ])("%o, unit %i, %i sampled", (line, n, sampled, reason) => expect(selectionReason(line, n, sampled)).toBe(reason));
});
