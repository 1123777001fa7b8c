import { describe, expect, it } from "vitest";
import type { Actor, CandidateFacts } from "@/lib/domain/policy";
import { mayAccessCentre, mayAttempt, mayViewArea, mayViewCandidate } from "@/lib/domain/policy";
import { AREAS, ROLES, type Role } from "@/lib/domain/roles";
import { vettingProblem } from "@/lib/domain/witnesses/vetting";

const CENTRE = "centre-a";
const OTHER = "centre-b";
const actor = (roles: Role[], overrides: Partial<Actor> = {}): Actor => ({
  userId: "me",
  centreId: CENTRE,
  name: "Me",
  email: "me@example.com",
  roles,
  evCentreIds: [],
  ...overrides,
});

describe("area access: each role sees exactly its own area", () => {
  const expected: Record<Role, string> = {
    CANDIDATE: "candidate",
    ASSESSOR: "assessor",
    EXPERT_WITNESS: "witness",
    INTERNAL_VERIFIER: "iv",
    EXTERNAL_VERIFIER: "ev",
    CENTRE_ADMIN: "admin",
    AWARDING_BODY_ADMIN: "awarding",
  };
  for (const role of ROLES) {
    for (const area of AREAS) {
      const allowed = expected[role] === area;
      it(`${role} ${allowed ? "may" : "may not"} open the ${area} area`, () => {
        expect(mayViewArea(actor([role]), area)).toBe(allowed);
      });
    }
  }
  it("a user with several roles sees each of their areas", () => {
    const both = actor(["ASSESSOR", "INTERNAL_VERIFIER"]);
    expect(AREAS.filter((a) => mayViewArea(both, a))).toEqual(["assessor", "iv"]);
  });
  it("a user with no roles sees nothing", () => {
    expect(AREAS.filter((a) => mayViewArea(actor([]), a))).toEqual([]);
  });
});

describe("who may view a candidate", () => {
  const candidate: CandidateFacts = { id: "cand", centreId: CENTRE, assessorIds: ["assessor-1"] };
  const cases: [string, Actor, boolean][] = [
    ["the candidate themself", actor(["CANDIDATE"], { userId: "cand" }), true],
    ["another candidate of the centre", actor(["CANDIDATE"], { userId: "other-cand" }), false],
    ["their assessor", actor(["ASSESSOR"], { userId: "assessor-1" }), true],
    ["an assessor of the centre without them", actor(["ASSESSOR"], { userId: "assessor-2" }), false],
    // A witness sees the requests made to them and what they wrote, never the whole portfolio.
    ["a witness of the centre", actor(["EXPERT_WITNESS"], { userId: "witness-1" }), false],
    [
      "a witness who is also the candidate's assessor",
      actor(["EXPERT_WITNESS", "ASSESSOR"], { userId: "assessor-1" }),
      true,
    ],
    ["an IV of the centre", actor(["INTERNAL_VERIFIER"]), true],
    ["an IV of another centre", actor(["INTERNAL_VERIFIER"], { centreId: OTHER }), false],
    ["an administrator of the centre", actor(["CENTRE_ADMIN"]), true],
    ["an administrator of another centre", actor(["CENTRE_ADMIN"], { centreId: OTHER }), false],
    ["an EV appointed to the centre", actor(["EXTERNAL_VERIFIER"], { centreId: OTHER, evCentreIds: [CENTRE] }), true],
    ["an EV not appointed to the centre", actor(["EXTERNAL_VERIFIER"], { evCentreIds: [OTHER] }), false],
    ["the assessor id with the role removed", actor(["CANDIDATE"], { userId: "assessor-1" }), false],
    [
      "their assessor's id but from another centre",
      actor(["ASSESSOR"], { userId: "assessor-1", centreId: OTHER }),
      false,
    ],
    ["an awarding-body administrator (no centre)", actor(["AWARDING_BODY_ADMIN"], { centreId: null }), false],
    ["a platform account holding a centre role by mistake", actor(["CENTRE_ADMIN"], { centreId: null }), false],
  ];
  for (const [who, a, allowed] of cases) {
    it(`${who}: ${allowed ? "allowed" : "refused"}`, () => expect(mayViewCandidate(a, candidate)).toBe(allowed));
  }
});

describe("role-level actions", () => {
  const table: [Parameters<typeof mayAttempt>[1], Role[]][] = [
    ["portfolio.own", ["CANDIDATE"]],
    ["caseload.list", ["ASSESSOR"]],
    ["witness.candidates.list", ["EXPERT_WITNESS"]],
    ["iv.overview", ["INTERNAL_VERIFIER"]],
    ["centre.verify", ["EXTERNAL_VERIFIER"]],
    ["user.list", ["CENTRE_ADMIN"]],
    ["user.create", ["CENTRE_ADMIN"]],
    ["user.manage", ["CENTRE_ADMIN"]],
    ["assignment.manage", ["CENTRE_ADMIN"]],
    // The shared catalogue and the verifiers belong to the awarding body, not to any centre.
    ["catalogue.import", ["AWARDING_BODY_ADMIN"]],
    ["verifier.manage", ["AWARDING_BODY_ADMIN"]],
    // OCR: the assessor vets expert witnesses and keeps their register; IV and EV review it (the
    // EV through centre.verify, for the centres they are appointed to).
    ["witness.register.manage", ["ASSESSOR"]],
    ["witness.register.view", ["ASSESSOR", "INTERNAL_VERIFIER", "CENTRE_ADMIN"]],
    ["testimony.request", ["CANDIDATE", "ASSESSOR"]],
    ["testimony.give", ["EXPERT_WITNESS"]],
  ];
  for (const [action, allowedRoles] of table) {
    for (const role of ROLES) {
      const allowed = allowedRoles.includes(role);
      it(`${role} ${allowed ? "may" : "may not"} ${action}`, () =>
        expect(mayAttempt(actor([role]), action)).toBe(allowed));
    }
  }
});

describe("centre scoping", () => {
  it("an administrator manages only their own centre", () => {
    expect(mayAccessCentre(actor(["CENTRE_ADMIN"]), "user.manage", CENTRE)).toBe(true);
    expect(mayAccessCentre(actor(["CENTRE_ADMIN"]), "user.manage", OTHER)).toBe(false);
  });
  it("an EV verifies the centres they are appointed to, not their home centre by default", () => {
    const ev = actor(["EXTERNAL_VERIFIER"], { evCentreIds: [OTHER] });
    expect(mayAccessCentre(ev, "centre.verify", OTHER)).toBe(true);
    expect(mayAccessCentre(ev, "centre.verify", CENTRE)).toBe(false);
  });
  it("a platform account (no centre) reaches no centre through centre actions", () => {
    expect(mayAccessCentre(actor(["CENTRE_ADMIN"], { centreId: null }), "user.manage", CENTRE)).toBe(false);
  });
  it("no role, no access, even in the right centre", () => {
    expect(mayAccessCentre(actor(["CANDIDATE"]), "user.list", CENTRE)).toBe(false);
  });
});

describe("expert witness vetting: only the latest decision, and only an approval, lets a witness give testimony", () => {
  it("an unvetted witness is refused, saying an assessor must vet them", () =>
    expect(vettingProblem(null)).toMatch(/No assessor has vetted this witness yet/));
  it("a witness whose latest vetting did not approve them is refused", () =>
    expect(vettingProblem({ approved: false })).toMatch(/did not approve/));
  it("an approved witness may give testimony", () => expect(vettingProblem({ approved: true })).toBeNull());
});
