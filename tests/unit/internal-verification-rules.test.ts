// Table tests for internal verification's pure rules, without a database: where a sample stands,
// whether it holds the unit, and the authenticity signals that raise a unit's sampling priority.
import { describe, expect, it } from "vitest";
import {
  authenticitySignals,
  sharedFileWhere,
  SHARED_FILE_CAP,
  unusualWitnessShare,
  type AuthenticityFacts,
} from "@/lib/domain/internal-verification/authenticity";
import { isAgreed, isHeld, sampleState, type VerdictFacts } from "@/lib/domain/internal-verification/sample-state";

const at = (day: number) => new Date(Date.UTC(2026, 0, day));
const agree = (day: number, extra: Partial<VerdictFacts> = {}): VerdictFacts => ({
  outcome: "AGREE",
  decidedAt: at(day),
  needsCountersignature: false,
  countersignature: null,
  ...extra,
});
const disagree = (day: number, extra: Partial<VerdictFacts> = {}): VerdictFacts => ({
  outcome: "DISAGREE",
  decidedAt: at(day),
  needsCountersignature: false,
  countersignature: null,
  ...extra,
});
const uncountersigned = { needsCountersignature: true, countersignature: null };
const countersigned = { needsCountersignature: true, countersignature: { at: at(9) } };

describe("sample state", () => {
  const cases: [
    string,
    VerdictFacts[],
    { respondedAt: Date }[],
    string | null | undefined,
    ReturnType<typeof sampleState>,
    boolean,
    boolean,
  ][] = [
    // name, verdicts, responses, standing sign-off, state, agreed, held
    ["no verdict yet", [], [], undefined, "awaiting-verdict", false, false],
    ["a qualified IV agrees", [agree(1)], [], undefined, "agreed", true, false],
    [
      "a working-towards IV agrees, not yet countersigned",
      [agree(1, uncountersigned)],
      [],
      undefined,
      "awaiting-countersignature",
      false,
      false,
    ],
    ["a working-towards IV agrees, countersigned", [agree(1, countersigned)], [], undefined, "agreed", true, false],
    ["disagreement, no response", [disagree(1)], [], undefined, "on-hold", false, true],
    ["disagreement, response before it", [disagree(5)], [{ respondedAt: at(4) }], undefined, "on-hold", false, true],
    [
      "disagreement, then the assessor responds",
      [disagree(1)],
      [{ respondedAt: at(2) }],
      undefined,
      "responded",
      false,
      true,
    ],
    [
      "disagreement, then an agreement that counts",
      [disagree(1), agree(3)],
      [{ respondedAt: at(2) }],
      undefined,
      "agreed",
      true,
      false,
    ],
    [
      "disagreement, then an uncountersigned agreement: still held",
      [disagree(1), agree(3, uncountersigned)],
      [{ respondedAt: at(2) }],
      undefined,
      "awaiting-countersignature",
      false,
      true,
    ],
    ["agreement, then a disagreement", [agree(1), disagree(3)], [], undefined, "on-hold", false, true],
    ["agreement on the sign-off that stands", [agree(1, { signOffId: "s1" })], [], "s1", "agreed", true, false],
    [
      "agreement, unit signed off again since",
      [agree(1, { signOffId: "s1" })],
      [],
      "s2",
      "changed-since-verdict",
      true,
      false,
    ],
    [
      "agreement, sign-off withdrawn since",
      [agree(1, { signOffId: "s1" })],
      [],
      null,
      "changed-since-verdict",
      true,
      false,
    ],
    ["an interim agreement (no sign-off) whatever stands", [agree(1)], [], "s2", "agreed", true, false],
  ];
  for (const [name, verdicts, responses, standing, state, agreed, held] of cases) {
    it(name, () => {
      expect(sampleState(verdicts, responses, standing)).toBe(state);
      expect(isAgreed(verdicts)).toBe(agreed);
      expect(isHeld(verdicts)).toBe(held);
    });
  }
});

describe("authenticity signals", () => {
  const unit = { id: "u1", evidenceIds: ["e1", "e2"], assessor: { id: "a1" } };
  const none: AuthenticityFacts = { shared: [], dated: [], testimony: [] };
  const signals = (facts: Partial<AuthenticityFacts>) =>
    authenticitySignals([unit], { ...none, ...facts }).get("u1") ?? [];

  it("raises nothing without facts", () => expect(signals({})).toEqual([]));

  const shared: [number, string[]][] = [
    [0, []],
    [1, [`The file "plan.pdf" (same SHA-256) is also in another candidate's portfolio.`]],
    [4, [`The file "plan.pdf" (same SHA-256) is also in 4 other candidates' portfolios.`]],
    [
      SHARED_FILE_CAP,
      [`The file "plan.pdf" (same SHA-256) is also in ${SHARED_FILE_CAP} other candidates' portfolios.`],
    ],
    [
      SHARED_FILE_CAP + 1,
      [`The file "plan.pdf" (same SHA-256) is also in more than ${SHARED_FILE_CAP} other candidates' portfolios.`],
    ],
  ];
  for (const [others, expected] of shared) {
    it(`a file also in ${others} other portfolios`, () =>
      expect(signals({ shared: [{ evidenceId: "e1", name: "plan.pdf", others }] })).toEqual(expected));
  }

  it("ignores facts about evidence not behind the unit", () => {
    expect(
      signals({
        shared: [{ evidenceId: "other", name: "x.pdf", others: 3 }],
        dated: [{ evidenceId: "other", title: "X", activityDate: at(1), registeredOn: at(5), judgedAt: null }],
      }),
    ).toEqual([]);
  });

  const dated: [string, AuthenticityFacts["dated"][number], string[]][] = [
    [
      "dated after registration, judged soon",
      { evidenceId: "e1", title: "Log", activityDate: at(10), registeredOn: at(5), judgedAt: at(20) },
      [],
    ],
    [
      "dated before registration",
      { evidenceId: "e1", title: "Log", activityDate: at(1), registeredOn: at(5), judgedAt: at(20) },
      [`"Log" is dated before the candidate's registration.`],
    ],
    [
      "registered on the same day",
      { evidenceId: "e1", title: "Log", activityDate: at(5), registeredOn: at(5), judgedAt: null },
      [],
    ],
    [
      "judged exactly 365 days later",
      { evidenceId: "e1", title: "Log", activityDate: at(1), registeredOn: null, judgedAt: at(366) },
      [],
    ],
    [
      "judged more than a year later",
      { evidenceId: "e1", title: "Log", activityDate: at(1), registeredOn: null, judgedAt: at(367) },
      [`"Log" is dated more than a year before it was judged.`],
    ],
    [
      "both",
      { evidenceId: "e2", title: "Log", activityDate: at(1), registeredOn: at(2), judgedAt: at(400) },
      [`"Log" is dated before the candidate's registration.`, `"Log" is dated more than a year before it was judged.`],
    ],
  ];
  for (const [name, fact, expected] of dated) it(name, () => expect(signals({ dated: [fact] })).toEqual(expected));

  const witness: [number, number, boolean][] = [
    [2, 4, false], // half the caseload, but fewer than three candidates
    [3, 12, true], // exactly a quarter, three candidates
    [3, 13, false], // under a quarter
    [10, 40, true],
    [9, 40, false],
  ];
  for (const [testified, caseload, raised] of witness) {
    it(`a witness for ${testified} of ${caseload} caseload candidates: ${raised ? "raised" : "not raised"}`, () => {
      expect(unusualWitnessShare(testified, caseload)).toBe(raised);
      const got = signals({
        testimony: [{ evidenceId: "e2", assessorId: "a1", witness: "Pat Witness", testified, caseload }],
      });
      expect(got).toEqual(
        raised
          ? [
              `Pat Witness gave testimony for ${testified} of the ${caseload} candidates on the assessor's caseload: an unusually large share.`,
            ]
          : [],
      );
    });
  }

  it("counts a witness's share against the unit's own assessor only", () => {
    expect(
      signals({
        testimony: [{ evidenceId: "e2", assessorId: "another", witness: "Pat", testified: 10, caseload: 10 }],
      }),
    ).toEqual([]);
  });

  it("says each reason once, however many facts repeat it", () => {
    const fact = { evidenceId: "e1", name: "plan.pdf", others: 2 };
    expect(signals({ shared: [fact, fact] })).toHaveLength(1);
    expect(sharedFileWhere(2)).toBe("2 other candidates' portfolios");
  });
});
