// Each test file builds its own centres and people, named uniquely, so files can run in parallel
// on one database without seeing each other's data.
import { createHash, randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/domain/policy";
import type { Role } from "@/lib/domain/roles";
import { loadActor } from "@/lib/server/identity/internal/sessions";
import { db } from "@/lib/server/core/internal/db";

export const PASSWORD = "fixture-password-1";
let passwordHash: Promise<string> | undefined;

export const unique = (label: string) => `${label}-${randomBytes(4).toString("hex")}`;

export async function makeCentre(label = "centre") {
  return db().centre.create({ data: { code: unique("C"), name: unique(label) } });
}

/** A user of a centre, or (centreId null) a platform account: an EV or awarding-body administrator. */
export async function makeUser(
  centreId: string | null,
  roles: Role[],
  label = "user",
  extra: { verifies?: string[] } = {},
) {
  passwordHash ??= hashPassword(PASSWORD);
  const user = await db().user.create({
    data: {
      centreId,
      email: `${unique(label)}@test.example`,
      name: unique(label),
      passwordHash: await passwordHash,
      // Candidates are adults unless a test says otherwise (C&G 3412-04/-05 have minimum ages).
      dateOfBirth: roles.includes("CANDIDATE") ? new Date("1990-01-01T00:00:00Z") : null,
      roles: { create: roles.map((role) => ({ role })) },
      externalVerifierCentres: { create: (extra.verifies ?? []).map((id) => ({ centreId: id })) },
    },
  });
  return user;
}

export async function actorFor(userId: string): Promise<Actor> {
  const actor = await loadActor(userId);
  if (!actor) throw new Error("fixture user is not active");
  // As if they had just signed in: sensitive actions need the password typed in the last 10 minutes.
  return { ...actor, passwordAt: new Date() };
}

/**
 * Two centres: A with one person per role (and the relationships that matter), B with its own
 * administrator, assessor and candidate. The EV verifies A only.
 */
export async function makeWorld() {
  const a = await makeCentre("alpha");
  const b = await makeCentre("beta");
  const u = {
    candidate: await makeUser(a.id, ["CANDIDATE"], "candidate"),
    otherCandidate: await makeUser(a.id, ["CANDIDATE"], "candidate2"),
    assessor: await makeUser(a.id, ["ASSESSOR"], "assessor"),
    assessorWithout: await makeUser(a.id, ["ASSESSOR"], "assessor2"),
    witness: await makeUser(a.id, ["EXPERT_WITNESS"], "witness"),
    iv: await makeUser(a.id, ["INTERNAL_VERIFIER"], "iv"),
    ev: await makeUser(null, ["EXTERNAL_VERIFIER"], "ev", { verifies: [a.id] }),
    abAdmin: await makeUser(null, ["AWARDING_BODY_ADMIN"], "abadmin"),
    admin: await makeUser(a.id, ["CENTRE_ADMIN"], "admin"),
    spare: await makeUser(a.id, ["CANDIDATE"], "spare"),
    bAdmin: await makeUser(b.id, ["CENTRE_ADMIN"], "badmin"),
    bAssessor: await makeUser(b.id, ["ASSESSOR", "INTERNAL_VERIFIER"], "bassessor"),
    bCandidate: await makeUser(b.id, ["CANDIDATE"], "bcandidate"),
    bEv: await makeUser(null, ["EXTERNAL_VERIFIER"], "bev", { verifies: [b.id] }),
  };
  await db().assessorAssignment.createMany({
    data: [
      { candidateId: u.candidate.id, assessorId: u.assessor.id },
      { candidateId: u.bCandidate.id, assessorId: u.bAssessor.id },
    ],
  });
  await db().witnessNomination.create({ data: { candidateId: u.candidate.id, witnessId: u.witness.id } });
  // The shipped catalogue is loaded once by global-setup.ts.
  const spec = await db().qualificationSpec.findUniqueOrThrow({
    where: { code_version: { code: "3412-01", version: "3.0" } },
  });
  await db().candidateRegistration.create({
    data: {
      candidateId: u.candidate.id,
      specId: spec.id,
      registeredOn: new Date("2025-09-01T00:00:00Z"),
      units: ["101", "201", "102", "103"],
      createdById: u.admin.id,
    },
  });
  // Two drafts of the candidate's, each with a file record (no stored bytes: access checks only).
  const evidence = async (title: string) => {
    const e = await db().evidence.create({
      data: {
        candidateId: u.candidate.id,
        title,
        description: "",
        activityDate: new Date("2026-10-01T00:00:00Z"),
        method: "PRODUCT",
      },
    });
    const f = await db().evidenceFile.create({
      data: {
        evidenceId: e.id,
        storageKey: `test/${unique("key").toLowerCase()}`,
        displayName: `${title}.pdf`,
        contentType: "application/pdf",
        size: 10n,
        sha256: "0".repeat(64),
        scanStatus: "not-scanned",
        scanDetail: "fixture",
      },
    });
    return { evidenceId: e.id, fileId: f.id };
  };
  const evidenceA = await evidence("call-log");
  const evidenceB = await evidence("observation");
  const evidenceSubmitted = await evidence("submitted");
  await db().evidence.update({
    where: { id: evidenceSubmitted.evidenceId },
    data: { status: "SUBMITTED", submittedAt: new Date() },
  });
  const upload = await db().evidenceUpload.create({
    data: {
      id: unique("upload").replace(/-/g, ""),
      evidenceId: evidenceA.evidenceId,
      candidateId: u.candidate.id,
      displayName: "x.pdf",
      size: 10n,
    },
  });
  // Decisions for the access checks: a judgement and a unit sign-off by the assessor, an action point.
  await db().evidenceCriterion.create({
    data: { evidenceId: evidenceSubmitted.evidenceId, specId: spec.id, unitRef: "101", criterion: "1.2" },
  });
  const judgement = await db().criterionJudgement.create({
    data: {
      evidenceId: evidenceSubmitted.evidenceId,
      specId: spec.id,
      unitRef: "101",
      criterion: "1.2",
      outcome: "ACCEPTED",
      feedback: "",
      valid: true,
      authentic: true,
      reliable: true,
      current: true,
      sufficient: true,
      checksNote: "",
      assessorId: u.assessor.id,
      needsCountersignature: true,
    },
  });
  const signOff = await db().unitSignOff.create({
    data: {
      candidateId: u.candidate.id,
      specId: spec.id,
      unitRef: "101",
      assessorId: u.assessor.id,
      declaration: "fixture",
      evidence: [],
      evidenceIds: [],
      needsCountersignature: false,
    },
  });
  const review = await db().candidateReview.create({
    data: {
      candidateId: u.candidate.id,
      assessorId: u.assessor.id,
      heldOn: new Date("2026-10-01T00:00:00Z"),
      notes: "fixture",
      actionPoints: {
        create: { candidateId: u.candidate.id, text: "Collect a call log", targetOn: new Date("2026-11-01T00:00:00Z") },
      },
    },
    select: { actionPoints: { select: { id: true } } },
  });
  const ivSample = await db().ivSample.create({
    data: {
      centreId: a.id,
      candidateId: u.candidate.id,
      specId: spec.id,
      unitRef: "102",
      stage: "INTERIM",
      reason: "fixture",
      selectedById: u.iv.id,
    },
  });
  // A disagreement with an action point for the assessor, on another candidate's unit, so the
  // candidate's own units stay off hold.
  const heldSample = await db().ivSample.create({
    data: {
      centreId: a.id,
      candidateId: u.otherCandidate.id,
      specId: spec.id,
      unitRef: "102",
      stage: "INTERIM",
      reason: "fixture",
      selectedById: u.iv.id,
    },
  });
  const ivVerdict = await db().ivVerdict.create({
    data: {
      sampleId: heldSample.id,
      outcome: "DISAGREE",
      feedback: "fixture",
      ivId: u.iv.id,
      judgementIds: [],
      actionPoints: {
        create: { assessorId: u.assessor.id, text: "Fix it", targetOn: new Date("2099-01-01T00:00:00Z") },
      },
    },
    select: { actionPoints: { select: { id: true } } },
  });
  // An agreement by an IV working towards the verifier units, awaiting a qualified IV's countersignature.
  const toCountersign = await db().ivSample.create({
    data: {
      centreId: a.id,
      candidateId: u.candidate.id,
      specId: spec.id,
      unitRef: "104",
      stage: "INTERIM",
      reason: "fixture",
      selectedById: u.admin.id,
    },
  });
  const uncountersigned = await db().ivVerdict.create({
    data: {
      sampleId: toCountersign.id,
      outcome: "AGREE",
      feedback: "fixture",
      ivId: u.admin.id,
      judgementIds: [],
      needsCountersignature: true,
    },
  });
  // A claim waiting for the EV, for the access checks (its pack is a stand-in: the claims tests make real ones).
  const registration = await db().candidateRegistration.findFirstOrThrow({
    where: { candidateId: u.candidate.id },
    select: { id: true },
  });
  const claim = await db().certificateClaim.create({
    data: {
      centreId: a.id,
      candidateId: u.candidate.id,
      registrationId: registration.id,
      specId: spec.id,
      kind: "UNITS",
      units: ["101"],
      pack: {
        kind: "UNITS",
        candidate: { name: "x", dateOfBirth: null },
        centre: { name: "x", code: "x" },
        qualification: { code: "3412-01", title: "x", version: "3.0", awardingBody: "City & Guilds" },
        registration: { registeredOn: "2025-09-01", units: ["101"] },
        units: [],
      },
      packSha256: "0".repeat(64),
      raisedById: u.admin.id,
    },
  });
  const line = {
    assessorId: u.assessor.id,
    name: u.assessor.name,
    facts: {},
    factors: [],
    computed: "LOW",
    rating: "LOW",
    proposed: 0,
    target: 0,
    override: null,
  };
  const plan = await db().samplingPlan.create({
    data: {
      centreId: a.id,
      specId: spec.id,
      periodFrom: new Date("2026-01-01T00:00:00Z"),
      periodTo: new Date("2099-12-31T00:00:00Z"),
      createdById: u.iv.id,
      assessors: [line],
    },
  });
  // The EV's visit with an action point for the centre, and sample-pack links for the EV (one to withdraw).
  const visit = await db().evVisit.create({
    data: {
      centreId: a.id,
      evId: u.ev.id,
      visitedOn: new Date("2026-11-01T00:00:00Z"),
      remote: false,
      actionPoints: { create: { text: "fixture", targetOn: new Date("2027-01-01T00:00:00Z") } },
    },
    select: { id: true, actionPoints: { select: { id: true } } },
  });
  const packToken = randomBytes(32).toString("base64url");
  const packLink = (token: string) =>
    db().samplePackLink.create({
      data: {
        centreId: a.id,
        createdById: u.admin.id,
        evId: u.ev.id,
        tokenSha256: createHash("sha256").update(token).digest("hex"),
        candidateIds: [u.candidate.id],
        note: "",
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
  await packLink(packToken);
  const toWithdraw = await packLink(randomBytes(32).toString("base64url"));
  return {
    visitId: visit.id,
    evActionPointId: visit.actionPoints[0]!.id,
    packToken,
    packToWithdrawId: toWithdraw.id,
    planId: plan.id,
    claimId: claim.id,
    registrationId: registration.id,
    uncountersignedVerdictId: uncountersigned.id,
    ivActionPointId: ivVerdict.actionPoints[0]!.id,
    a,
    b,
    users: u,
    specId: spec.id,
    evidenceA,
    evidenceB,
    evidenceSubmitted,
    uploadId: upload.id,
    judgementId: judgement.id,
    signOffId: signOff.id,
    actionPointId: review.actionPoints[0]!.id,
    ivSampleId: ivSample.id,
  };
}
export type World = Awaited<ReturnType<typeof makeWorld>>;
