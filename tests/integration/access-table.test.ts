// Every server function x every kind of actor: allowed, 403 (FORBIDDEN: the role cannot do this)
// or 404 (NOT_FOUND: the object is outside the actor's centre or caseload, so it "does not exist").
// Anonymous visitors never reach these functions (they need an Actor); the route table in
// tests/e2e/access-routes.spec.ts covers them.
import { createHash, randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/policy";
import * as caseloadAccess from "@/lib/server/assessment/internal/guards";
import * as judgements from "@/lib/server/assessment/judgements";
import * as signOffs from "@/lib/server/assessment/sign-offs";
import * as countersignatures from "@/lib/server/assessment/countersignatures";
import * as assessmentView from "@/lib/server/assessment/assessment-view";
import * as assessorEvidence from "@/lib/server/evidence/assessor-evidence";
import * as assignments from "@/lib/server/identity/assignments";
import * as caseload from "@/lib/server/assessment/caseload";
import * as unitsToSample from "@/lib/server/internal-verification/units-to-sample";
import * as samples from "@/lib/server/internal-verification/samples";
import * as verdicts from "@/lib/server/internal-verification/verdicts";
import * as samplingPlanChanges from "@/lib/server/internal-verification/sampling-plans";
import * as planCoverage from "@/lib/server/internal-verification/plan-coverage";
import * as centreApprovals from "@/lib/server/awarding-body/centre-approvals";
import * as claimExports from "@/lib/server/claims/claim-exports";
import * as centreRecords from "@/lib/server/external-verification/centre-records";
import * as visits from "@/lib/server/external-verification/visits";
import * as visitSamples from "@/lib/server/external-verification/visit-samples";
import * as visitFindings from "@/lib/server/external-verification/visit-findings";
import * as samplePacks from "@/lib/server/external-verification/sample-packs";
import * as claimDecisions from "@/lib/server/claims/claim-decisions";
import * as claimLists from "@/lib/server/claims/claim-lists";
import * as portfolioExport from "@/lib/server/personal-data/portfolio-export";
import * as notifications from "@/lib/server/notifications/notifications";
import * as subjectAccess from "@/lib/server/personal-data/subject-access";
import * as ivCountersign from "@/lib/server/internal-verification/countersignatures";
import * as ivDashboard from "@/lib/server/internal-verification/dashboard";
import * as standardisation from "@/lib/server/internal-verification/standardisation";
import * as competence from "@/lib/server/internal-verification/assessor-competence";
import * as reviews from "@/lib/server/assessment/reviews";
import * as candidateRecords from "@/lib/server/identity/candidates";
import * as identityGuards from "@/lib/server/identity/internal/guards";
import * as catalogue from "@/lib/server/catalogue/qualifications";
import * as unitContent from "@/lib/server/catalogue/unit-content";
import { contentAt } from "@/lib/domain/catalogue/content";
import { draftFromContent } from "@/lib/domain/catalogue/draft";
import { canonicalJson, sha256 } from "@/lib/catalogue/store";
import type { Prisma } from "@/lib/generated/prisma/client";
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import * as evidenceAccess from "@/lib/server/evidence/internal/guards";
import * as evidenceDrafts from "@/lib/server/evidence/evidence-drafts";
import * as evidenceReading from "@/lib/server/evidence/evidence-reading";
import * as uploads from "@/lib/server/evidence/uploads";
import * as progress from "@/lib/server/assessment/progress";
import * as registrations from "@/lib/server/registrations/registrations";
import * as testimony from "@/lib/server/witnesses/testimony";
import * as testimonyRequests from "@/lib/server/witnesses/testimony-requests";
import { db } from "@/lib/server/core/internal/db";
import { AppError } from "@/lib/server/core";
import * as users from "@/lib/server/identity/users";
import * as ivOverview from "@/lib/server/internal-verification/verification";
import * as verifiedCentres from "@/lib/server/external-verification/verified-centres";
import * as verifiers from "@/lib/server/awarding-body/verifiers";
import * as witnessInvitations from "@/lib/server/witnesses/witness-invitations";
import * as witnessRegister from "@/lib/server/witnesses/witness-register";
import * as witnessGuards from "@/lib/server/witnesses/internal/guards";
import { actorFor, makeUser, makeWorld, PASSWORD, unique, type World } from "./fixtures";

// Modules split by workflow step keep their names in the table.
const assessment = {
  assertOnCaseload: caseloadAccess.assertOnCaseload,
  ...judgements,
  ...signOffs,
  ...countersignatures,
};
const internalVerification = { ...unitsToSample, ...samples, ...verdicts };
const samplingPlans = { ...samplingPlanChanges, ...planCoverage };
const claims = { ...claimDecisions, ...claimLists };
const evidence = { visibleEvidence: evidenceAccess.visibleEvidence, ...evidenceDrafts, ...evidenceReading };
const verification = { ...ivOverview, ...verifiedCentres };
const evVisits = { ...visits, ...visitSamples, ...visitFindings };
// Guards on a workflow's face live in its internal/guards.ts.
const candidates = { ...candidateRecords, assertCandidateVisible: identityGuards.assertCandidateVisible };
const witnesses = { ...witnessRegister, witnessMaySeeEvidence: witnessGuards.witnessMaySeeEvidence };

const PERSONAS = [
  "candidate",
  "assessor",
  "assessorWithout",
  "witness",
  "iv",
  "ev",
  "admin",
  "bAdmin",
  "bAssessor",
  "bEv",
  "abAdmin",
] as const;
type Persona = (typeof PERSONAS)[number];
type Outcome = "ok" | "FORBIDDEN" | "NOT_FOUND";

/** Personas not listed get FORBIDDEN. */
const only = (allowed: Partial<Record<Persona, Outcome>>) =>
  Object.fromEntries(PERSONAS.map((p) => [p, allowed[p] ?? "FORBIDDEN"])) as Record<Persona, Outcome>;

const candidateOnly = only({ candidate: "ok" });
// Drafts change only by their author: other people who can author evidence are told it does not exist.
const authorOnly = only({
  candidate: "ok",
  assessor: "NOT_FOUND",
  assessorWithout: "NOT_FOUND",
  witness: "NOT_FOUND",
  bAssessor: "NOT_FOUND",
});
// Lists and no-ops filtered to the author's own rows: others who can author see nothing, which is fine.
const authorFiltered = only({ candidate: "ok", assessor: "ok", assessorWithout: "ok", witness: "ok", bAssessor: "ok" });
// The candidate's assessor (on their caseload); another assessor of the centre or of another centre gets 404.
const caseloadAssessor = only({ assessor: "ok", assessorWithout: "NOT_FOUND", bAssessor: "NOT_FOUND" });

/**
 * For state changes whose valid input depends on earlier rows: an error other than FORBIDDEN or
 * NOT_FOUND means the authorisation checks let the actor through to the domain's own rules.
 */
const reached = async (call: Promise<unknown>) => {
  try {
    await call;
  } catch (error) {
    if (error instanceof AppError && error.code !== "FORBIDDEN" && error.code !== "NOT_FOUND") return;
    throw error;
  }
};
// The awarding body's administrator manages verifiers and the catalogue, never portfolios: 404.
// Nor does an expert witness see the portfolio, even one nominated by the candidate: only what is
// sent to them (the witness rows below).
const portfolioViewers: Record<Persona, Outcome> = {
  candidate: "ok",
  assessor: "ok",
  assessorWithout: "NOT_FOUND",
  witness: "NOT_FOUND",
  iv: "ok",
  ev: "ok",
  admin: "ok",
  bAdmin: "NOT_FOUND",
  bAssessor: "NOT_FOUND",
  bEv: "NOT_FOUND",
  abAdmin: "NOT_FOUND",
};
// Testimony is asked for by the candidate themselves or an assessor with them on their caseload.
const testimonyRequesters = only({
  candidate: "ok",
  assessor: "ok",
  assessorWithout: "NOT_FOUND",
  bAssessor: "NOT_FOUND",
});
const witnessOnly = only({ witness: "ok" });
const evOfCentre = only({ ev: "ok", bEv: "NOT_FOUND" });
const visitReaders = only({ ev: "ok", bEv: "NOT_FOUND", admin: "ok", bAdmin: "NOT_FOUND" });
// A sample-pack link opens for its EV alone: to anyone else, whatever their role, it does not exist.
const packOpener = { ...Object.fromEntries(PERSONAS.map((p) => [p, "NOT_FOUND"])), ev: "ok" } as Record<
  Persona,
  Outcome
>;
const registerKeepers = only({ assessor: "ok", assessorWithout: "ok", bAssessor: "NOT_FOUND" });

/** Set up once for the witness rows: the world's witness on the register, vetted, with an open request. */
const witnessWorld = { requestId: "" };
async function setUpWitnessWorld(w: World) {
  await db().expertWitness.create({
    data: {
      userId: w.users.witness.id,
      accountCreated: true,
      organisation: "Org",
      jobRole: "Manager",
      occupationalCompetence: "Ten years.",
      addedById: w.users.assessor.id,
    },
  });
  await db().witnessVetting.create({
    data: { witnessId: w.users.witness.id, approved: true, note: "Checked.", decidedById: w.users.assessor.id },
  });
  witnessWorld.requestId = (await freshRequest(w)).id;
}
/** An open request to the world's witness, attached to the candidate's submitted evidence (never to evidenceB). */
const freshRequest = (w: World) =>
  db().testimonyRequest.create({
    data: {
      candidateId: w.users.candidate.id,
      witnessId: w.users.witness.id,
      requestedById: w.users.assessor.id,
      specId: w.specId,
      criteria: ["101:1.1"],
      message: "Please.",
      attachmentId: w.evidenceSubmitted.evidenceId,
    },
  });
/** A fresh invitation link for a new register-made witness: the token, not the actor, is what it checks. */
async function freshToken(w: World) {
  const invited = await makeUser(w.a.id, ["EXPERT_WITNESS"], "invited");
  await db().expertWitness.create({
    data: {
      userId: invited.id,
      accountCreated: true,
      organisation: "Org",
      jobRole: "Manager",
      occupationalCompetence: "Ten years.",
      addedById: w.users.assessor.id,
    },
  });
  const token = randomBytes(32).toString("base64url");
  const tokenHash = createHash("sha256").update(token).digest("hex");
  await db().witnessInvitation.create({
    data: {
      userId: invited.id,
      tokenHash,
      expiresAt: new Date(Date.now() + 3600_000),
      createdById: w.users.assessor.id,
    },
  });
  return token;
}
const testimonyInput = (w: World) => ({
  candidateId: w.users.candidate.id,
  witnessId: w.users.witness.id,
  specId: w.specId,
  criteria: ["101:1.1"],
  message: "Please describe it.",
});
const newWitness = () => ({
  name: "New Witness",
  email: `${unique("witness")}@test.example`,
  organisation: "Org",
  jobRole: "Supervisor",
  occupationalCompetence: "Five years.",
});
const details = { title: "Evidence", description: "", activityDate: "2026-10-01", method: "PRODUCT" as const };
const everyone = only({
  candidate: "ok",
  assessor: "ok",
  assessorWithout: "ok",
  witness: "ok",
  iv: "ok",
  ev: "ok",
  admin: "ok",
  bAdmin: "ok",
  bAssessor: "ok",
  bEv: "ok",
  abAdmin: "ok",
});

type Call = (actor: Actor, w: World) => Promise<unknown>;
/** A draft of a shipped unit that says exactly what is published. */
async function draftOfPublished(w: World, unitRef: string) {
  const spec = await db().qualificationSpec.findUniqueOrThrow({ where: { id: w.specId } });
  const unit = (suiteShape.parse(spec.spec) as Suite).units.find((u) => u.ref === unitRef)!;
  const key = { awardingBody: spec.awardingBody, suite: spec.suite, unitRef, level: 1 };
  const published = contentAt(unit, 1)!;
  const content = draftFromContent(published) as unknown as Prisma.InputJsonValue;
  const baseContentSha256 = sha256(canonicalJson(published));
  await db().unitContentDraft.upsert({
    where: { awardingBody_suite_unitRef_level: key },
    create: { ...key, content, baseSpecId: spec.id, baseContentSha256, updatedById: w.users.abAdmin.id },
    update: { content, baseContentSha256 },
  });
}
/** A notification of the assessor's, made once per world. */
const assessorNotification = async (w: World) =>
  (
    await db().notification.upsert({
      where: { userId_dedupeKey: { userId: w.users.assessor.id, dedupeKey: "access-table" } },
      create: {
        userId: w.users.assessor.id,
        kind: "evidence.to-review",
        title: "fixture",
        href: "/assessor",
        dedupeKey: "access-table",
      },
      update: {},
      select: { id: true },
    })
  ).id;

const TABLE: Record<string, [Call, Record<Persona, Outcome>]> = {
  // UK GDPR subject access: the candidate, or an administrator of their centre (password confirmed).
  "subject-access.subjectAccessExport": [
    (a, w) => subjectAccess.subjectAccessExport(a, w.users.candidate.id).then((z) => z.stream.destroy()),
    only({ candidate: "ok", admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  // Everyone's own notifications; one of the assessor's does not exist for anybody else.
  "notifications.listNotifications": [(a) => notifications.listNotifications(a, { page: 1 }), everyone],
  "notifications.unreadCount": [(a) => notifications.unreadCount(a), everyone],
  "notifications.markAllRead": [(a) => notifications.markAllRead(a), everyone],
  "notifications.emailPreference": [(a) => notifications.emailPreference(a), everyone],
  "notifications.setEmailPreference": [(a) => notifications.setEmailPreference(a, "IMMEDIATE"), everyone],
  "notifications.openNotification": [
    async (a, w) => notifications.openNotification(a, await assessorNotification(w)),
    Object.fromEntries(PERSONAS.map((p) => [p, p === "assessor" ? "ok" : "NOT_FOUND"])) as Record<Persona, Outcome>,
  ],
  "candidates.getOwnCandidateRecord": [(a) => candidates.getOwnCandidateRecord(a), only({ candidate: "ok" })],
  "candidates.getCandidateRecord": [(a, w) => candidates.getCandidateRecord(a, w.users.candidate.id), portfolioViewers],
  "candidates.assertCandidateVisible": [
    (a, w) => candidates.assertCandidateVisible(a, w.users.candidate.id),
    portfolioViewers,
  ],
  "candidates.listCaseload": [
    (a) => candidates.listCaseload(a, { page: 1 }),
    only({ assessor: "ok", assessorWithout: "ok", bAssessor: "ok" }),
  ],
  "candidates.listWitnessCandidates": [(a) => candidates.listWitnessCandidates(a), only({ witness: "ok" })],
  "verification.getIvOverview": [(a) => verification.getIvOverview(a), only({ iv: "ok", bAssessor: "ok" })],
  "verification.listVerifiedCentres": [(a) => verification.listVerifiedCentres(a), only({ ev: "ok", bEv: "ok" })],
  "verification.getVerifiedCentre": [
    (a, w) => verification.getVerifiedCentre(a, w.a.id, 1),
    only({ ev: "ok", bEv: "NOT_FOUND" }),
  ],
  "users.listUsers": [(a) => users.listUsers(a, { page: 1 }), only({ admin: "ok", bAdmin: "ok" })],
  "users.getUserForAdmin": [
    (a, w) => users.getUserForAdmin(a, w.users.candidate.id),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  "users.listCentreAssessors": [(a) => users.listCentreAssessors(a), only({ admin: "ok", bAdmin: "ok" })],
  "claim-exports.releasedClaimsCsv": [
    (a) => claimExports.releasedClaimsCsv(a),
    only({ admin: "ok", bAdmin: "ok", abAdmin: "ok" }),
  ],
  "claim-exports.claimSummaryPdf": [
    (a, w) => claimExports.claimSummaryPdf(a, w.claimId),
    only({ admin: "ok", ev: "ok", bAdmin: "NOT_FOUND", bEv: "NOT_FOUND", abAdmin: "NOT_FOUND" }),
  ],
  "centre-approvals.getCentreApprovals": [
    (a, w) => centreApprovals.getCentreApprovals(a, w.a.id),
    only({ abAdmin: "ok" }),
  ],
  "centre-approvals.setCentreApproval": [
    (a, w) =>
      reached(
        centreApprovals.setCentreApproval(a, {
          centreId: w.a.id,
          specCode: "EDX-CCO-2",
          unitRef: "N",
          approved: false,
        }),
      ),
    only({ abAdmin: "ok" }),
  ],
  "centre-approvals.setDirectClaims": [
    (a, w) =>
      reached(
        centreApprovals.setDirectClaims(a, {
          centreId: w.a.id,
          specCode: "3412-01",
          granted: false,
          reason: "Access check",
        }),
      ),
    only({ abAdmin: "ok", ev: "ok", bEv: "NOT_FOUND" }),
  ],
  "centre-approvals.listDirectClaims": [
    (a, w) => centreApprovals.listDirectClaims(a, w.a.id),
    only({ abAdmin: "ok", ev: "ok", bEv: "NOT_FOUND" }),
  ],
  "portfolio-export.portfolioExport": [
    (a, w) => portfolioExport.portfolioExport(a, w.users.candidate.id).then((z) => z.stream.destroy()),
    portfolioViewers,
  ],
  "centre-records.getVerifiedCentreCompetence": [
    (a, w) => centreRecords.getVerifiedCentreCompetence(a, w.a.id),
    only({ ev: "ok", bEv: "NOT_FOUND" }),
  ],
  // The audit trail and the check of its chain: the centre's administrator, and the EV appointed to it.
  "centre-records.getOwnCentreAudit": [
    (a) => centreRecords.getOwnCentreAudit(a, { page: 1 }),
    only({ admin: "ok", bAdmin: "ok" }),
  ],
  "centre-records.verifyCentreAuditChain": [(a, w) => centreRecords.verifyCentreAuditChain(a, w.a.id), visitReaders],
  // Per-candidate and per-assessor audit views: the centre's IVs, and the EV appointed to it (naming it).
  "centre-records.getScopedAudit": [
    (a, w) =>
      centreRecords.getScopedAudit(a, {
        centreId: a.roles.includes("EXTERNAL_VERIFIER") ? w.a.id : undefined,
        candidateId: w.users.candidate.id,
        page: 1,
      }),
    only({ iv: "ok", ev: "ok", bEv: "NOT_FOUND", bAssessor: "NOT_FOUND" }),
  ],
  "centre-records.anchorCentreChain": [(a, w) => centreRecords.anchorCentreChain(a, w.a.id), evOfCentre],
  "centre-records.auditPeople": [
    (a, w) =>
      centreRecords.auditPeople(a, { centreId: a.roles.includes("EXTERNAL_VERIFIER") ? w.a.id : undefined, q: "cand" }),
    only({ iv: "ok", ev: "ok", bEv: "NOT_FOUND", bAssessor: "ok" }),
  ],
  "centre-records.getVerifiedCentreName": [
    (a, w) => centreRecords.getVerifiedCentreName(a, w.a.id),
    only({ ev: "ok", bEv: "NOT_FOUND" }),
  ],
  // The EV's own sample: the visit's EV records; EVs of the centre and its administrator read;
  // the administrator answers the action points.
  "ev-visits.createVisit": [
    (a, w) => evVisits.createVisit(a, { centreId: w.a.id, visitedOn: "2026-11-01", remote: true }),
    evOfCentre,
  ],
  "ev-visits.listVisits": [
    (a, w) => evVisits.listVisits(a, w.a.id),
    only({ ev: "ok", bEv: "NOT_FOUND", admin: "ok", bAdmin: "ok" }),
  ],
  "ev-visits.getVisit": [(a, w) => evVisits.getVisit(a, w.visitId), visitReaders],
  "ev-visits.visitReportPdf": [(a, w) => evVisits.visitReportPdf(a, w.visitId), visitReaders],
  "ev-visits.drawSample": [(a, w) => evVisits.drawSample(a, w.visitId, {}, 1), evOfCentre],
  "ev-visits.sampleChoices": [(a, w) => evVisits.sampleChoices(a, w.visitId), evOfCentre],
  "ev-visits.addToSample": [
    (a, w) => reached(evVisits.addToSample(a, { visitId: w.visitId, signOffIds: [w.signOffId] })),
    evOfCentre,
  ],
  "ev-visits.recordFinding": [(a, w) => evVisits.recordFinding(a, { visitId: w.visitId, text: "fixture" }), evOfCentre],
  "ev-visits.setEvActionPoint": [
    (a, w) => evVisits.setEvActionPoint(a, { visitId: w.visitId, text: "fixture", targetOn: "2027-01-01" }),
    evOfCentre,
  ],
  "ev-visits.respondToEvAction": [
    (a, w) => evVisits.respondToEvAction(a, { actionPointId: w.evActionPointId, text: "fixture" }),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  // Sample-pack links: the centre's administrator makes and withdraws them; only their EV opens one.
  "sample-packs.createSamplePackLink": [
    (a, w) =>
      reached(
        samplePacks.createSamplePackLink(a, {
          evEmail: w.users.ev.email,
          candidateEmails: [w.users.candidate.email],
          days: 1,
          note: "",
        }),
      ),
    only({ admin: "ok", bAdmin: "ok" }),
  ],
  "sample-packs.listSamplePackLinks": [(a) => samplePacks.listSamplePackLinks(a), only({ admin: "ok", bAdmin: "ok" })],
  "sample-packs.revokeSamplePackLink": [
    (a, w) => samplePacks.revokeSamplePackLink(a, w.packToWithdrawId),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  "sample-packs.openSamplePack": [
    (a, w) => samplePacks.openSamplePack(a, w.packToken, { ip: null, userAgent: null }),
    packOpener,
  ],
  "sample-packs.samplePackPortfolio": [
    (a, w) =>
      samplePacks
        .samplePackPortfolio(a, w.packToken, w.users.candidate.id, { ip: null, userAgent: null })
        .then((z) => z.stream.destroy()),
    packOpener,
  ],
  "centre-records.getVerifiedCentreAudit": [
    (a, w) => centreRecords.getVerifiedCentreAudit(a, w.a.id, { page: 1 }),
    only({ ev: "ok", bEv: "NOT_FOUND" }),
  ],
  "claims.getClaimOptions": [
    (a, w) => claims.getClaimOptions(a, w.users.candidate.id),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  "claims.raiseClaim": [
    (a, w) =>
      reached(
        claims.raiseClaim(a, {
          candidateId: w.users.candidate.id,
          registrationId: w.registrationId,
          kind: "UNITS",
          units: ["101"],
        }),
      ),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  // The awarding body sees a claim once released: this one waits, so it does not exist for them.
  "claims.getClaim": [
    (a, w) => claims.getClaim(a, w.claimId),
    only({ admin: "ok", ev: "ok", bAdmin: "NOT_FOUND", bEv: "NOT_FOUND", abAdmin: "NOT_FOUND" }),
  ],
  "claims.decideClaim": [
    (a, w) => reached(claims.decideClaim(a, { claimId: w.claimId, outcome: "REFUSED", reasons: "" })),
    only({ ev: "ok", bEv: "NOT_FOUND" }),
  ],
  "claims.listCandidateClaims": [(a, w) => claims.listCandidateClaims(a, w.users.candidate.id), portfolioViewers],
  "claims.listCentreClaims": [(a) => claims.listCentreClaims(a, { page: 1 }), only({ admin: "ok", bAdmin: "ok" })],
  "claims.listClaimsForVerifier": [(a) => claims.listClaimsForVerifier(a), only({ ev: "ok", bEv: "ok" })],
  "users.setDateOfBirth": [
    (a, w) => users.setDateOfBirth(a, { userId: w.users.candidate.id, dateOfBirth: "1990-01-01" }),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  "users.setStartedAtCentre": [
    (a, w) => users.setStartedAtCentre(a, { userId: w.users.assessor.id, startedOn: "2012-09-01" }),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  "users.createUser": [
    (a) =>
      users.createUser(a, {
        name: "New Person",
        email: `${unique("new")}@test.example`,
        password: "0123456789",
        roles: ["CANDIDATE"],
      }),
    only({ admin: "ok", bAdmin: "ok" }),
  ],
  "users.setUserRoles": [
    (a, w) => users.setUserRoles(a, { userId: w.users.spare.id, roles: ["CANDIDATE"] }),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  "users.setUserActive": [
    (a, w) => users.setUserActive(a, { userId: w.users.spare.id, active: true }),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  // Withdrawing the spare candidate: once done, doing it again is STALE (reached, not refused).
  "users.setWithdrawal": [
    (a, w) => reached(users.setWithdrawal(a, { userId: w.users.spare.id, withdrawn: true, reason: "Moved away" })),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  "assignments.assignCandidate": [
    (a, w) =>
      assignments.assignCandidate(a, {
        candidateId: w.users.otherCandidate.id,
        assessorId: w.users.assessorWithout.id,
      }),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  "catalogue.listQualifications": [(a) => catalogue.listQualifications(a, { page: 1 }), everyone],
  "catalogue.getQualification": [(a, w) => catalogue.getQualification(a, w.specId), everyone],
  // Every centre shares the catalogue: only the awarding body publishes into it.
  "catalogue.importSpecification": [(a) => catalogue.importSpecification(a, "{}"), only({ abAdmin: "ok" })],
  // Unit content is the awarding body's to write and publish (decision 0022). Drafts only: nothing
  // here publishes into the shared catalogue (a publication or discard without a draft is refused).
  "unit-content.listUnitsToAuthor": [(a) => unitContent.listUnitsToAuthor(a, {}), only({ abAdmin: "ok" })],
  "unit-content.getUnitAuthoring": [
    (a, w) => unitContent.getUnitAuthoring(a, { specId: w.specId, unitRef: "101", level: 1 }),
    only({ abAdmin: "ok" }),
  ],
  "unit-content.saveUnitDraft": [
    (a, w) =>
      unitContent.saveUnitDraft(a, { specId: w.specId, unitRef: "101", level: 1, draft: null, op: null, start: "qcf" }),
    only({ abAdmin: "ok" }),
  ],
  "unit-content.discardUnitDraft": [
    async (a, w) => {
      await draftOfPublished(w, "102");
      return unitContent.discardUnitDraft(a, { specId: w.specId, unitRef: "102", level: 1 });
    },
    only({ abAdmin: "ok" }),
  ],
  "unit-content.publishUnitDraft": [
    // The draft is what is published already: publishing it changes nothing in the shared catalogue.
    async (a, w) => {
      await draftOfPublished(w, "103");
      return unitContent.publishUnitDraft(a, { specId: w.specId, unitRef: "103", level: 1 });
    },
    only({ abAdmin: "ok" }),
  ],
  "unit-content.importUnitContent": [
    (a) =>
      unitContent.importUnitContent(a, { bytes: new TextEncoder().encode("Unit\n"), name: "x.csv" }, { dryRun: true }),
    only({ abAdmin: "ok" }),
  ],
  "verifiers.listVerifiers": [(a) => verifiers.listVerifiers(a, { page: 1 }), only({ abAdmin: "ok" })],
  "verifiers.getVerifier": [(a, w) => verifiers.getVerifier(a, w.users.ev.id), only({ abAdmin: "ok" })],
  "verifiers.listCentres": [(a) => verifiers.listCentres(a), only({ abAdmin: "ok" })],
  "verifiers.createVerifier": [
    (a) =>
      verifiers.createVerifier(a, {
        name: "New Verifier",
        email: `${unique("ev")}@test.example`,
        password: "0123456789",
      }),
    only({ abAdmin: "ok" }),
  ],
  "verifiers.setVerifierActive": [
    (a, w) => verifiers.setVerifierActive(a, { userId: w.users.bEv.id, active: true }),
    only({ abAdmin: "ok" }),
  ],
  "verifiers.appointVerifier": [
    (a, w) => verifiers.appointVerifier(a, { userId: w.users.bEv.id, centreId: w.b.id }),
    only({ abAdmin: "ok" }),
  ],
  "verifiers.endAppointment": [
    (a, w) => verifiers.endAppointment(a, { userId: w.users.bEv.id, centreId: w.a.id }),
    only({ abAdmin: "ok" }),
  ],
  "registrations.getRegistrations": [
    (a, w) => registrations.getRegistrations(a, w.users.candidate.id),
    portfolioViewers,
  ],
  "registrations.getRegistrationsWithDecisions": [
    (a, w) => registrations.getRegistrationsWithDecisions(a, w.users.candidate.id),
    portfolioViewers,
  ],
  "registrations.registerCandidate": [
    (a, w) =>
      registrations.registerCandidate(a, {
        candidateId: w.users.otherCandidate.id,
        specId: w.specId,
        registeredOn: "2025-09-01",
        units: ["101", "201", "102", "103"],
      }),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  "evidence.createEvidence": [(a) => evidence.createEvidence(a, details), candidateOnly],
  "evidence.updateEvidence": [(a, w) => evidence.updateEvidence(a, w.evidenceA.evidenceId, details), authorOnly],
  "evidence.newEvidenceVersion": [
    (a, w) => evidence.newEvidenceVersion(a, w.evidenceSubmitted.evidenceId),
    candidateOnly,
  ],
  "evidence.setEvidenceMapping": [
    (a, w) =>
      evidence.setEvidenceMapping(a, { evidenceId: w.evidenceA.evidenceId, specId: w.specId, criteria: ["101:1.1"] }),
    authorOnly,
  ],
  "evidence.submitEvidence": [
    (a, w) => evidence.submitEvidence(a, w.evidenceB.evidenceId, { declared: true }),
    authorOnly,
  ],
  "evidence.removeEvidenceFile": [(a, w) => evidence.removeEvidenceFile(a, w.evidenceA.fileId), authorOnly],
  "evidence.listOwnEvidence": [(a) => evidence.listOwnEvidence(a, { page: 1 }), candidateOnly],
  "evidence.getEvidence": [(a, w) => evidence.getEvidence(a, w.evidenceB.evidenceId), portfolioViewers],
  "evidence.visibleEvidence": [(a, w) => evidence.visibleEvidence(a, w.evidenceB.evidenceId), portfolioViewers],
  "evidence.listCandidateEvidence": [
    (a, w) => evidence.listCandidateEvidence(a, w.users.candidate.id, { page: 1 }),
    portfolioViewers,
  ],
  "evidence.getEvidenceFile": [(a, w) => evidence.getEvidenceFile(a, w.evidenceB.fileId), portfolioViewers],
  "progress.getPortfolioProgress": [(a, w) => progress.getPortfolioProgress(a, w.users.candidate.id), portfolioViewers],
  "uploads.reserveUpload": [
    (a, w) => uploads.reserveUpload(a, { evidenceId: w.evidenceA.evidenceId, fileName: "notes.pdf", size: 1000 }),
    authorOnly,
  ],
  "uploads.authorizeUpload": [(a, w) => uploads.authorizeUpload(a, w.uploadId), authorOnly],
  "uploads.abandonReservation": [(a, w) => uploads.abandonReservation(a, w.uploadId), authorOnly],
  "uploads.recordUploadActivity": [(a, w) => uploads.recordUploadActivity(a, w.uploadId), authorFiltered],
  "uploads.cancelUpload": [(a, w) => uploads.cancelUpload(a, w.uploadId), authorOnly],
  "uploads.listUnfinishedUploads": [(a, w) => uploads.listUnfinishedUploads(a, w.evidenceA.evidenceId), authorFiltered],
  "registrations.recordRegistrationNumbers": [
    (a, w) =>
      registrations.recordRegistrationNumbers(a, {
        registrationId: w.registrationId,
        enrolmentNumber: "ABC1234",
        uln: "1000000043",
      }),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  "registrations.listRegistrableQualifications": [
    (a) => registrations.listRegistrableQualifications(a),
    only({ admin: "ok", bAdmin: "ok" }),
  ],
  "registrations.getRegistrableQualification": [
    (a, w) => registrations.getRegistrableQualification(a, w.specId),
    only({ admin: "ok", bAdmin: "ok" }),
  ],
  "assessment.assertOnCaseload": [(a, w) => assessment.assertOnCaseload(a, w.users.candidate.id), caseloadAssessor],
  "assessment.judgeCriterion": [
    (a, w) =>
      reached(
        assessment.judgeCriterion(a, {
          evidenceId: w.evidenceSubmitted.evidenceId,
          specId: w.specId,
          unitRef: "101",
          criterion: "1.1",
          outcome: "ACCEPTED",
          feedback: "",
          valid: true,
          authentic: true,
          reliable: true,
          current: true,
          sufficient: true,
          checksNote: "",
          expected: "",
        }),
      ),
    caseloadAssessor,
  ],
  "assessment.acceptAwaitingCriteria": [
    (a, w) =>
      reached(
        assessment.acceptAwaitingCriteria(a, {
          evidenceId: w.evidenceSubmitted.evidenceId,
          specId: w.specId,
          feedback: "",
          valid: true,
          authentic: true,
          reliable: true,
          current: true,
          sufficient: true,
          criteria: ["101:1.1"],
        }),
      ),
    caseloadAssessor,
  ],
  "assessment.signOffUnit": [
    (a, w) =>
      reached(
        assessment.signOffUnit(a, {
          candidateId: w.users.candidate.id,
          specId: w.specId,
          unitRef: "102",
          password: PASSWORD,
          declared: true,
          expected: "",
        }),
      ),
    caseloadAssessor,
  ],
  "assessment.correctSignOff": [
    (a, w) =>
      reached(
        assessment.correctSignOff(a, {
          signOffId: w.signOffId,
          action: "withdraw",
          reason: "Access check",
          password: PASSWORD,
          declared: false,
        }),
      ),
    caseloadAssessor,
  ],
  "assessment.countersignUnitAsCandidate": [
    (a, w) => reached(assessment.countersignUnitAsCandidate(a, { signOffId: w.signOffId, password: PASSWORD })),
    candidateOnly,
  ],
  "assessment.countersignDecision": [
    (a, w) =>
      reached(assessment.countersignDecision(a, { kind: "judgement", ids: [w.judgementId], password: PASSWORD })),
    caseloadAssessor,
  ],
  "assessment.listCountersignQueue": [
    (a) => assessment.listCountersignQueue(a),
    only({ assessor: "ok", assessorWithout: "ok", bAssessor: "ok" }),
  ],
  "assessment-view.getEvidenceForAssessment": [
    (a, w) => assessmentView.getEvidenceForAssessment(a, w.evidenceB.evidenceId),
    portfolioViewers,
  ],
  "assessor-evidence.createAssessorEvidence": [
    (a, w) =>
      assessorEvidence.createAssessorEvidence(a, {
        candidateId: w.users.candidate.id,
        title: "Observation",
        description: "",
        activityDate: "2026-10-01",
        method: "OBSERVATION",
        place: "Office",
      }),
    caseloadAssessor,
  ],
  "caseload.listCaseloadQueue": [
    (a) => caseload.listCaseloadQueue(a, { page: 1, sort: "name", filter: "all" }),
    only({ assessor: "ok", assessorWithout: "ok", bAssessor: "ok" }),
  ],
  "caseload.listHeldUnits": [
    (a) => caseload.listHeldUnits(a),
    only({ assessor: "ok", assessorWithout: "ok", bAssessor: "ok" }),
  ],
  "competence.recordCompetence": [
    (a, w) =>
      competence.recordCompetence(a, {
        userId: w.users.assessorWithout.id,
        role: "ASSESSOR",
        status: "WORKING_TOWARDS",
        award: "TAQA-CAVA",
        achievedOn: "",
        certificateNumber: "",
        occupationalCompetence: "Adviser.",
      }),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  "competence.addCpd": [
    (a, w) =>
      competence.addCpd(a, {
        userId: w.users.assessor.id,
        activityOn: "2026-10-01",
        activity: "Standardisation meeting",
        hours: 2,
      }),
    only({ admin: "ok", assessor: "ok", bAdmin: "NOT_FOUND" }),
  ],
  "competence.listAssessorCompetence": [
    (a) => competence.listAssessorCompetence(a),
    only({ admin: "ok", iv: "ok", bAdmin: "ok", bAssessor: "ok" }),
  ],
  "competence.getAssessorCompetence": [
    (a, w) => competence.getAssessorCompetence(a, w.users.assessor.id),
    only({ admin: "ok", iv: "ok", assessor: "ok", bAdmin: "NOT_FOUND", bAssessor: "NOT_FOUND" }),
  ],
  "reviews.recordReview": [
    (a, w) =>
      reviews.recordReview(a, {
        candidateId: w.users.candidate.id,
        heldOn: "2026-10-01",
        notes: "Visit.",
        nextVisitOn: "",
        actions: [],
      }),
    caseloadAssessor,
  ],
  "reviews.listReviews": [(a, w) => reviews.listReviews(a, w.users.candidate.id), portfolioViewers],
  "reviews.listOwnActionPoints": [(a) => reviews.listOwnActionPoints(a), candidateOnly],
  "reviews.markActionPointDone": [
    (a, w) => reviews.markActionPointDone(a, w.actionPointId),
    only({ candidate: "ok", assessor: "ok", assessorWithout: "NOT_FOUND", bAssessor: "NOT_FOUND" }),
  ],
  "internal-verification.listSignedOffUnits": [
    (a) => internalVerification.listSignedOffUnits(a, { page: 1 }),
    only({ iv: "ok", bAssessor: "ok" }),
  ],
  "internal-verification.listFlaggedUnits": [
    (a) => internalVerification.listFlaggedUnits(a),
    only({ iv: "ok", bAssessor: "ok" }),
  ],
  "internal-verification.listSamples": [
    (a) => internalVerification.listSamples(a, { page: 1 }),
    only({ iv: "ok", bAssessor: "ok" }),
  ],
  "internal-verification.sampleUnit": [
    (a, w) =>
      reached(
        internalVerification.sampleUnit(a, {
          candidateId: w.users.candidate.id,
          specId: w.specId,
          unitRef: "103",
          stage: "INTERIM",
          reason: "Access check",
        }),
      ),
    only({ iv: "ok", bAssessor: "NOT_FOUND" }),
  ],
  "internal-verification.getSample": [
    (a, w) => internalVerification.getSample(a, w.ivSampleId),
    only({ iv: "ok", bAssessor: "NOT_FOUND" }),
  ],
  "internal-verification.recordVerdict": [
    (a, w) =>
      reached(
        internalVerification.recordVerdict(a, {
          sampleId: w.ivSampleId,
          outcome: "AGREE",
          feedback: "",
          expected: "",
          actions: [],
        }),
      ),
    only({ iv: "ok", bAssessor: "NOT_FOUND" }),
  ],
  "internal-verification.respondToSample": [
    (a, w) => reached(internalVerification.respondToSample(a, { sampleId: w.ivSampleId, note: "Done." })),
    caseloadAssessor,
  ],
  "internal-verification.markIvActionDone": [
    (a, w) => internalVerification.markIvActionDone(a, w.ivActionPointId),
    only({ assessor: "ok", assessorWithout: "NOT_FOUND", bAssessor: "NOT_FOUND" }),
  ],
  // The candidate's assessor answers the IV; the EV appointed to the centre reads.
  "internal-verification.listCandidateSamples": [
    (a, w) => internalVerification.listCandidateSamples(a, w.users.candidate.id),
    { ...caseloadAssessor, ev: "ok", bEv: "NOT_FOUND" },
  ],
  "internal-verification.listUnitsInProgress": [
    (a, w) => internalVerification.listUnitsInProgress(a, { page: 1, assessorId: w.users.assessor.id }),
    only({ iv: "ok", bAssessor: "NOT_FOUND" }),
  ],
  "internal-verification.listCentreAssessors": [
    (a) => internalVerification.listCentreAssessors(a),
    only({ iv: "ok", bAssessor: "ok" }),
  ],
  "iv-countersign.listIvCountersignQueue": [
    (a) => ivCountersign.listIvCountersignQueue(a),
    only({ iv: "ok", bAssessor: "ok" }),
  ],
  "iv-countersign.listEvCountersignQueue": [(a, w) => ivCountersign.listEvCountersignQueue(a, w.a.id), evOfCentre],
  "iv-countersign.countersignVerdictsAsEv": [
    (a, w) =>
      reached(
        ivCountersign.countersignVerdictsAsEv(a, {
          centreId: w.a.id,
          ids: [w.uncountersignedVerdictId],
          password: "wrong-password-for-the-check",
        }),
      ),
    evOfCentre,
  ],
  "iv-countersign.countersignVerdicts": [
    (a, w) => reached(ivCountersign.countersignVerdicts(a, { ids: [w.uncountersignedVerdictId], password: PASSWORD })),
    only({ iv: "ok", bAssessor: "NOT_FOUND" }),
  ],
  "standardisation.recordObservation": [
    (a, w) =>
      standardisation.recordObservation(a, {
        assessorId: w.users.assessor.id,
        candidateId: w.users.candidate.id,
        observedOn: "2026-10-01",
        seen: "Access check",
        outcome: "SATISFACTORY",
        feedback: "",
      }),
    only({ iv: "ok", bAssessor: "NOT_FOUND" }),
  ],
  "standardisation.recordMeeting": [
    (a, w) =>
      standardisation.recordMeeting(a, {
        heldOn: "2026-10-01",
        specId: w.specId,
        unitRefs: ["101"],
        evidenceIds: [w.evidenceSubmitted.evidenceId],
        discussed: "Access check",
        agreed: "Nothing",
        attended: [w.users.assessor.id],
        concerned: [],
      }),
    only({ iv: "ok", bAssessor: "NOT_FOUND" }),
  ],
  "standardisation.listStandardisation": [
    (a) => standardisation.listStandardisation(a),
    only({ iv: "ok", bAssessor: "ok" }),
  ],
  "standardisation.observationCandidates": [
    (a, w) => standardisation.observationCandidates(a, w.users.assessor.id),
    only({ iv: "ok", bAssessor: "ok" }),
  ],
  "standardisation.standardisationChoices": [
    (a) => standardisation.standardisationChoices(a),
    only({ iv: "ok", bAssessor: "ok" }),
  ],
  "iv-dashboard.getIvDashboard": [(a) => ivDashboard.getIvDashboard(a), only({ iv: "ok", bAssessor: "ok" })],
  "sampling-plans.createPlan": [
    (a, w) => samplingPlans.createPlan(a, { specId: w.specId, periodFrom: "2026-01-01", periodTo: "2026-06-30" }),
    only({ iv: "ok", bAssessor: "ok" }),
  ],
  "sampling-plans.listPlanQualifications": [
    (a) => samplingPlans.listPlanQualifications(a),
    only({ iv: "ok", bAssessor: "ok" }),
  ],
  "sampling-plans.listPlans": [(a) => samplingPlans.listPlans(a), only({ iv: "ok", bAssessor: "ok" })],
  "sampling-plans.getPlan": [(a, w) => samplingPlans.getPlan(a, w.planId), only({ iv: "ok", bAssessor: "NOT_FOUND" })],
  "sampling-plans.qualificationsWithoutPlan": [
    (a) => samplingPlans.qualificationsWithoutPlan(a),
    only({ admin: "ok", bAdmin: "ok" }),
  ],
  "sampling-plans.recomputePlan": [
    (a, w) => samplingPlans.recomputePlan(a, w.planId),
    only({ iv: "ok", bAssessor: "NOT_FOUND" }),
  ],
  "sampling-plans.adjustPlan": [
    (a, w) =>
      samplingPlans.adjustPlan(a, {
        planId: w.planId,
        assessorId: w.users.assessor.id,
        rating: "MEDIUM",
        target: 1,
        reason: "Access check",
      }),
    only({ iv: "ok", bAssessor: "NOT_FOUND" }),
  ],
  "assignments.unassignCandidate": [
    (a, w) =>
      assignments.unassignCandidate(a, {
        candidateId: w.users.otherCandidate.id,
        assessorId: w.users.assessorWithout.id,
      }),
    only({ admin: "ok", bAdmin: "NOT_FOUND" }),
  ],
  // Pure helpers other modules use (the declaration text, a where-clause): nothing to refuse.
  // The expert witness register: kept by assessors, read by the centre's IVs and administrators,
  // and by the EVs appointed to the centre.
  "witnesses.listWitnessRegister": [
    (a) => witnesses.listWitnessRegister(a, { page: 1 }),
    only({ assessor: "ok", assessorWithout: "ok", iv: "ok", admin: "ok", bAdmin: "ok", bAssessor: "ok" }),
  ],
  "witnesses.listVerifiedCentreWitnesses": [
    (a, w) => witnesses.listVerifiedCentreWitnesses(a, w.a.id, { page: 1 }),
    only({ ev: "ok", bEv: "NOT_FOUND" }),
  ],
  "witnesses.getRegisterChoices": [
    (a) => witnesses.getRegisterChoices(a),
    only({ assessor: "ok", assessorWithout: "ok", bAssessor: "ok" }),
  ],
  "witnesses.addWitness": [
    (a) => witnesses.addWitness(a, newWitness()),
    only({ assessor: "ok", assessorWithout: "ok", bAssessor: "ok" }),
  ],
  "witnesses.linkWitness": [
    (a, w) =>
      witnesses.linkWitness(a, {
        witnessId: w.users.witness.id,
        candidateId: w.users.candidate.id,
        relationship: "Team leader",
      }),
    // Only to a candidate on the assessor's own caseload.
    only({ assessor: "ok", assessorWithout: "NOT_FOUND", bAssessor: "NOT_FOUND" }),
  ],
  "witnesses.vetWitness": [
    (a, w) => witnesses.vetWitness(a, { witnessId: w.users.witness.id, approved: true, note: "Checked again." }),
    registerKeepers,
  ],
  // A yes/no that never throws: whether an expert witness may open this evidence (evidence.ts asks).
  "witnesses.witnessMaySeeEvidence": [
    (a, w) => witnesses.witnessMaySeeEvidence(a, { id: w.evidenceB.evidenceId, authorId: null }),
    everyone,
  ],
  "witness-invitations.createWitnessInvitation": [
    (a, w) => witnessInvitations.createWitnessInvitation(a, { witnessId: w.users.witness.id }),
    registerKeepers,
  ],
  // The link's token is the credential, so anyone holding a working one may use it (signed in or not).
  "witness-invitations.getInvitation": [
    async (_a, w) => witnessInvitations.getInvitation(await freshToken(w)),
    everyone,
  ],
  "witness-invitations.acceptInvitation": [
    async (_a, w) => witnessInvitations.acceptInvitation(await freshToken(w), { password: "a-new-password-1" }),
    everyone,
  ],
  "testimony-requests.getTestimonyRequestChoices": [
    (a, w) => testimonyRequests.getTestimonyRequestChoices(a, w.users.candidate.id),
    testimonyRequesters,
  ],
  "testimony-requests.requestTestimony": [
    (a, w) => testimonyRequests.requestTestimony(a, testimonyInput(w)),
    testimonyRequesters,
  ],
  "testimony-requests.listTestimonyRequests": [
    (a, w) => testimonyRequests.listTestimonyRequests(a, w.users.candidate.id, { page: 1 }),
    testimonyRequesters,
  ],
  "testimony.listWitnessRequests": [(a) => testimony.listWitnessRequests(a), witnessOnly],
  "testimony.getWitnessRequest": [(a) => testimony.getWitnessRequest(a, witnessWorld.requestId), witnessOnly],
  "testimony.startTestimonyDraft": [(a) => testimony.startTestimonyDraft(a, witnessWorld.requestId), witnessOnly],
  "testimony.signTestimony": [
    async (a, w) =>
      testimony.signTestimony(a, {
        requestId: (await freshRequest(w)).id,
        statements: { "101:1.1": "I saw it." },
        declared: true,
      }),
    witnessOnly,
  ],
};

const WORKFLOW_MODULES = {
  assessment,
  "assessment-view": assessmentView,
  "assessor-evidence": assessorEvidence,
  "internal-verification": internalVerification,
  "sampling-plans": samplingPlans,
  "iv-dashboard": ivDashboard,
  claims,
  "claim-exports": claimExports,
  "portfolio-export": portfolioExport,
  notifications,
  "subject-access": subjectAccess,
  "centre-records": centreRecords,
  "ev-visits": evVisits,
  "sample-packs": samplePacks,
  "centre-approvals": centreApprovals,
  "iv-countersign": ivCountersign,
  standardisation,
  assignments,
  candidates,
  caseload,
  catalogue,
  "unit-content": unitContent,
  competence,
  evidence,
  progress,
  registrations,
  reviews,
  testimony,
  "testimony-requests": testimonyRequests,
  uploads,
  users,
  verification,
  verifiers,
  "witness-invitations": witnessInvitations,
  witnesses,
};
// The shared kernel (errors, error references, re-authentication, health) is plumbing, not a
// workflow: its face is what pages need to report errors and confirm passwords. Every other
// folder's face (index.ts) exports only functions that take an Actor; its helpers, which take a
// transaction or no actor, live in its internal/ folder and are checked through their callers.
const PLUMBING_FOLDERS = ["core"];
const TOKEN_ENTRY_POINTS = ["witness-invitations.acceptInvitation", "witness-invitations.getInvitation"];

async function outcome(call: Promise<unknown>): Promise<Outcome> {
  try {
    await call;
    return "ok";
  } catch (error) {
    if (error instanceof AppError && (error.code === "FORBIDDEN" || error.code === "NOT_FOUND")) return error.code;
    throw error;
  }
}

describe("access table: every server function for every kind of actor", () => {
  let world: World;
  const actors = {} as Record<Persona, Actor>;
  beforeAll(async () => {
    world = await makeWorld();
    await setUpWitnessWorld(world);
    for (const p of PERSONAS) actors[p] = await actorFor(world.users[p].id);
  });

  it("covers every function of every workflow's face, and lib/server holds only workflow folders", async () => {
    const root = path.resolve("lib/server");
    const entries = readdirSync(root, { withFileTypes: true });
    expect(entries.filter((e) => !e.isDirectory()).map((e) => e.name)).toEqual([]);
    const named = new Map<unknown, string>();
    for (const [m, mod] of Object.entries(WORKFLOW_MODULES)) {
      for (const [name, v] of Object.entries(mod)) if (typeof v === "function") named.set(v, `${m}.${name}`);
    }
    const onFaces: string[] = [];
    for (const folder of entries.map((e) => e.name).filter((f) => !PLUMBING_FOLDERS.includes(f))) {
      const face: Record<string, unknown> = await import(path.join(root, folder, "index.ts"));
      for (const [name, v] of Object.entries(face))
        if (typeof v === "function") onFaces.push(named.get(v) ?? `${folder}/index.${name} (not in the table)`);
      // Every module at the folder's top level is part of its face; helpers live in internal/.
      for (const file of readdirSync(path.join(root, folder)).filter((f) => f.endsWith(".ts") && f !== "index.ts")) {
        const mod: Record<string, unknown> = await import(path.join(root, folder, file));
        for (const [name, v] of Object.entries(mod))
          if (typeof v === "function" && face[name] !== v)
            onFaces.push(`${folder}/${file}: ${name} is not on the face`);
      }
    }
    expect(onFaces.sort()).toEqual([...named.values()].sort());
    expect([...named.values()].sort()).toEqual(Object.keys(TABLE).sort());
    // Every face function takes the Actor first; the two run before sign-in take the invitation's
    // single-use token instead, which is their credential (decision 0021).
    const firstParameter = (fn: unknown) => /^[^(]*\(\s*([A-Za-z_$][\w$]*)/.exec(String(fn))?.[1];
    const notActor = [...named.entries()].filter(([fn]) => firstParameter(fn) !== "actor").map(([, key]) => key);
    expect(notActor.sort()).toEqual(TOKEN_ENTRY_POINTS);
  });

  for (const [name, [call, expected]] of Object.entries(TABLE)) {
    for (const persona of PERSONAS) {
      it(`${name} as ${persona}: ${expected[persona]}`, async () => {
        expect(await outcome(call(actors[persona], world))).toBe(expected[persona]);
      });
    }
  }

  it("the EV appointed to a centre reads its observations and standardisation records; another centre's EV does not", async () => {
    const expected = only({ iv: "ok", bAssessor: "ok", ev: "ok", bEv: "NOT_FOUND" });
    for (const persona of PERSONAS) {
      expect([persona, await outcome(standardisation.listStandardisation(actors[persona], world.a.id))]).toEqual([
        persona,
        expected[persona],
      ]);
    }
  });

  it("an administrator's user list holds only their own centre", async () => {
    const list = await users.listUsers(actors.bAdmin, { page: 1 });
    const ids = list.items.map((u) => u.id);
    expect(ids).toContain(world.users.bCandidate.id);
    expect(ids).not.toContain(world.users.candidate.id);
  });

  it("an IV's overview holds only their own centre's assessors", async () => {
    const overview = await verification.getIvOverview(actors.bAssessor);
    expect(overview.assessors.items.map((a) => a.id)).toEqual([world.users.bAssessor.id]);
  });

  it("an assessor's caseload holds only their own candidates", async () => {
    const caseload = await candidates.listCaseload(actors.assessor, { page: 1 });
    expect(caseload.items.map((c) => c.id)).toEqual([world.users.candidate.id]);
    expect((await candidates.listCaseload(actors.assessorWithout, { page: 1 })).total).toBe(0);
  });

  it("an EV's centre list holds only the centres they verify, not their home centre", async () => {
    const centres = await verification.listVerifiedCentres(actors.ev);
    expect(centres.map((c) => c.id)).toEqual([world.a.id]);
    const candidatesInA = await db().user.count({
      where: { centreId: world.a.id, roles: { some: { role: "CANDIDATE" } } },
    });
    expect(candidatesInA).toBeGreaterThan(1);
    expect(centres[0]!.candidates).toBe(candidatesInA);
  });
});
