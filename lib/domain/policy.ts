// Who may do what: the one place that decides. Pure, so the UI asks it what to show and the
// server asks it before every read and write (lib/server/core/internal/authorize.ts turns "no" into an error).
//
// Two questions, because they fail differently:
//  - mayAttempt(actor, action): does the actor's role allow this kind of action at all?
//    A "no" is 403: the user knows the feature exists, they just lack the role.
//  - mayAccess(actor, action, resource): may the actor touch this particular object?
//    A "no" is 404: a user must not learn that another centre's or caseload's objects exist.
import type { Area, Role } from "./roles";
import { AREA_ROLE } from "./roles";

export interface Actor {
  userId: string;
  /** Null for platform accounts (awarding-body administrators, external verifiers). */
  centreId: string | null;
  name: string;
  email: string;
  roles: Role[];
  /** Centres an external verifier is appointed to. */
  evCentreIds: string[];
  /** The session this actor came from (absent for scripts). */
  sessionId?: string;
  /** When the password was last typed in that session (sign-in or confirmation): see reauthentication.ts. */
  passwordAt?: Date | null;
}

/**
 * The facts about a candidate that decide who may see them. Expert witnesses are not among them:
 * a witness sees only the requests made to them and the evidence attached to those or written by
 * them (lib/server/witnesses/witness-register.ts), never the portfolio.
 */
export interface CandidateFacts {
  id: string;
  centreId: string | null;
  assessorIds: string[];
}

export type Action =
  | "area.view"
  | "candidate.view"
  | "portfolio.own"
  | "caseload.list"
  | "witness.candidates.list"
  | "iv.overview"
  | "centre.verify"
  | "user.list"
  | "user.create"
  | "user.manage"
  | "assignment.manage"
  | "catalogue.view"
  | "catalogue.import"
  | "catalogue.author"
  | "registration.manage"
  | "verifier.manage"
  | "evidence.author"
  | "assessment.judge"
  | "assessment.countersign"
  | "competence.manage"
  | "competence.view"
  | "review.manage"
  | "witness.register.manage"
  | "witness.register.view"
  | "testimony.request"
  | "testimony.give"
  | "iv.sample"
  | "iv.countersign"
  | "iv.respond"
  | "claim.raise"
  | "claim.decide"
  | "claim.export"
  | "approval.manage"
  | "ev.sample"
  | "ev.respond"
  | "samplepack.share"
  | "audit.verify";

const ACTION_ROLES: Record<Exclude<Action, "area.view" | "candidate.view">, Role[]> = {
  "portfolio.own": ["CANDIDATE"],
  "caseload.list": ["ASSESSOR"],
  "witness.candidates.list": ["EXPERT_WITNESS"],
  "iv.overview": ["INTERNAL_VERIFIER"],
  "centre.verify": ["EXTERNAL_VERIFIER"],
  "user.list": ["CENTRE_ADMIN"],
  "user.create": ["CENTRE_ADMIN"],
  "user.manage": ["CENTRE_ADMIN"],
  "assignment.manage": ["CENTRE_ADMIN"],
  // The catalogue is the awarding bodies' published data: every role may read it.
  "catalogue.view": [
    "CANDIDATE",
    "ASSESSOR",
    "EXPERT_WITNESS",
    "INTERNAL_VERIFIER",
    "EXTERNAL_VERIFIER",
    "CENTRE_ADMIN",
    "AWARDING_BODY_ADMIN",
  ],
  // Every centre shares the catalogue, so only the awarding body publishes into it.
  "catalogue.import": ["AWARDING_BODY_ADMIN"],
  // Unit content (outcomes and criteria, elements and their requirements): the awarding body's to
  // write and publish, never a centre's (decision 0022).
  "catalogue.author": ["AWARDING_BODY_ADMIN"],
  "registration.manage": ["CENTRE_ADMIN"],
  // External verifier accounts and their appointments to centres.
  "verifier.manage": ["AWARDING_BODY_ADMIN"],
  // Who can make evidence: the candidate (their portfolio), an assessor (observation, discussion,
  // questioning) and an expert witness (testimony). Each only for what they author.
  "evidence.author": ["CANDIDATE", "ASSESSOR", "EXPERT_WITNESS"],
  "assessment.judge": ["ASSESSOR"],
  "assessment.countersign": ["ASSESSOR"],
  // Staff records (assessor status, occupational competence, CPD) are kept by the centre.
  "competence.manage": ["CENTRE_ADMIN"],
  "competence.view": ["CENTRE_ADMIN", "ASSESSOR", "INTERNAL_VERIFIER"],
  "review.manage": ["ASSESSOR"],
  // OCR: "the assessor should also maintain an up-to-date register of all accepted expert
  // witnesses … subject to review … by both the internal and external verifier".
  "witness.register.manage": ["ASSESSOR"],
  "witness.register.view": ["ASSESSOR", "INTERNAL_VERIFIER", "CENTRE_ADMIN"],
  "testimony.request": ["CANDIDATE", "ASSESSOR"],
  "testimony.give": ["EXPERT_WITNESS"],
  // Internal verification: the IV samples and verifies; the assessor answers a disagreement.
  "iv.sample": ["INTERNAL_VERIFIER"],
  // A qualified IV countersigns the verdicts of an IV working towards the verifier units.
  "iv.countersign": ["INTERNAL_VERIFIER"],
  "iv.respond": ["ASSESSOR"],
  // Certificate claims: the centre raises them; the EV appointed to the centre decides them.
  "claim.raise": ["CENTRE_ADMIN"],
  "claim.decide": ["EXTERNAL_VERIFIER"],
  // Released claims go to the awarding body: the centre's administrator exports its own; the
  // awarding body's administrator every centre's.
  "claim.export": ["CENTRE_ADMIN", "AWARDING_BODY_ADMIN"],
  // Which units each centre is approved to offer, where a unit needs it.
  "approval.manage": ["AWARDING_BODY_ADMIN"],
  // The EV's own sample of a centre they are appointed to, with findings and action points; the
  // centre's administrator responds to the actions.
  "ev.sample": ["EXTERNAL_VERIFIER"],
  "ev.respond": ["CENTRE_ADMIN"],
  // A time-limited link to some candidates' portfolios for a named EV (a remote sample).
  "samplepack.share": ["CENTRE_ADMIN"],
  // The centre's own audit trail and the check of its hash chain (EVs read theirs via centre.verify).
  "audit.verify": ["CENTRE_ADMIN"],
};

const has = (actor: Actor, role: Role) => actor.roles.includes(role);

export function mayViewArea(actor: Actor, area: Area): boolean {
  return has(actor, AREA_ROLE[area]);
}

/**
 * Candidate records (the whole portfolio) are open to the candidate and to those who assess or
 * verify them. Not to expert witnesses, even nominated ones: they see what is sent to them.
 */
export function mayViewCandidate(actor: Actor, candidate: CandidateFacts): boolean {
  if (candidate.id === actor.userId && has(actor, "CANDIDATE")) return true;
  if (candidate.centreId === null) return false;
  if (has(actor, "EXTERNAL_VERIFIER") && actor.evCentreIds.includes(candidate.centreId)) return true;
  if (actor.centreId === null || candidate.centreId !== actor.centreId) return false;
  if (has(actor, "CENTRE_ADMIN") || has(actor, "INTERNAL_VERIFIER")) return true;
  return has(actor, "ASSESSOR") && candidate.assessorIds.includes(actor.userId);
}

export function mayAttempt(actor: Actor, action: Exclude<Action, "area.view" | "candidate.view">): boolean {
  return ACTION_ROLES[action].some((role) => has(actor, role));
}

/** Centre-scoped actions: the object must belong to the actor's centre (or, for EVs, to one of theirs). */
export function mayAccessCentre(
  actor: Actor,
  action: Exclude<Action, "area.view" | "candidate.view">,
  centreId: string,
) {
  if (!mayAttempt(actor, action)) return false;
  if (action === "centre.verify" || action === "claim.decide" || action === "ev.sample")
    return actor.evCentreIds.includes(centreId);
  return actor.centreId !== null && actor.centreId === centreId;
}

/** Who made (or is making) a piece of evidence: the candidate themselves when authorId is null. */
export interface EvidenceAuthorship {
  candidateId: string;
  authorId: string | null;
}

/** Only the author changes a draft: the candidate their own, an assessor or witness what they record. */
export function mayAuthorEvidence(actor: Actor, evidence: EvidenceAuthorship): boolean {
  if (evidence.authorId === null) return evidence.candidateId === actor.userId && has(actor, "CANDIDATE");
  return evidence.authorId === actor.userId && (has(actor, "ASSESSOR") || has(actor, "EXPERT_WITNESS"));
}
