import "server-only";
// What the subject access export gathers about a candidate (UK GDPR Article 15): their evidence
// with its files and judgements, and every other record by or about them, each in one query.
import { db } from "@/lib/server/core/internal/db";

/** Audit events listed: the newest this many by or about the candidate (the trail keeps them all). */
export const AUDIT_LIMIT = 20_000;

/** Every piece of the candidate's evidence, oldest first, with its files, mapping and judgements. */
export async function candidateEvidence(candidateId: string) {
  return db().evidence.findMany({
    where: { candidateId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true,
      title: true,
      description: true,
      method: true,
      status: true,
      activityDate: true,
      place: true,
      declaration: true,
      createdAt: true,
      submittedAt: true,
      previousVersionId: true,
      authorId: true,
      files: {
        orderBy: { uploadedAt: "asc" },
        select: {
          id: true,
          displayName: true,
          contentType: true,
          size: true,
          sha256: true,
          scanStatus: true,
          uploadedAt: true,
          deletedAt: true,
          storageKey: true,
        },
      },
      criteria: { select: { unitRef: true, criterion: true, spec: { select: { code: true, version: true } } } },
      judgements: {
        orderBy: { decidedAt: "asc" },
        select: {
          id: true,
          unitRef: true,
          criterion: true,
          outcome: true,
          feedback: true,
          valid: true,
          authentic: true,
          reliable: true,
          current: true,
          sufficient: true,
          checksNote: true,
          decidedAt: true,
          supersedesId: true,
          assessor: { select: { name: true } },
        },
      },
    },
  });
}

/** The candidate's other records, and the audit events by them or about their records. */
export async function recordsAbout(candidateId: string, email: string, evidenceIds: string[]) {
  // The records about them whose audit events are theirs to see (as the IV's view of them lists).
  const [signOffIds, sampleIds, claimIds, requestIds] = await Promise.all([
    db().unitSignOff.findMany({ where: { candidateId }, select: { id: true } }),
    db().ivSample.findMany({ where: { candidateId }, select: { id: true } }),
    db().certificateClaim.findMany({ where: { candidateId }, select: { id: true } }),
    db().testimonyRequest.findMany({ where: { candidateId }, select: { id: true } }),
  ]);
  const about = (subjectType: string, ids: string[]) => (ids.length ? [{ subjectType, subjectId: { in: ids } }] : []);
  const [
    sessions,
    signInAttempts,
    registrations,
    uploads,
    signOffs,
    signatures,
    reviews,
    nominations,
    testimonyRequests,
    ivSamples,
    evSampleItems,
    claims,
    notifications,
    auditEvents,
  ] = await Promise.all([
    db().userSession.findMany({
      where: { userId: candidateId },
      orderBy: { createdAt: "asc" },
      select: { createdAt: true, lastSeenAt: true, endedAt: true, endReason: true, ip: true },
    }),
    db().loginAttempt.findMany({
      where: { email },
      orderBy: { at: "asc" },
      take: 10_000,
      select: { at: true, ip: true, outcome: true },
    }),
    db().candidateRegistration.findMany({
      where: { candidateId },
      orderBy: { createdAt: "asc" },
      select: {
        registeredOn: true,
        units: true,
        createdAt: true,
        enrolmentNumber: true,
        uln: true,
        spec: { select: { code: true, version: true, title: true } },
      },
    }),
    db().evidenceUpload.findMany({
      where: { candidateId },
      orderBy: { createdAt: "asc" },
      select: {
        evidenceId: true,
        displayName: true,
        size: true,
        state: true,
        reason: true,
        createdAt: true,
        endedAt: true,
      },
    }),
    db().unitSignOff.findMany({
      where: { candidateId },
      orderBy: { signedAt: "asc" },
      select: {
        id: true,
        unitRef: true,
        signed: true,
        signedAt: true,
        reason: true,
        declaration: true,
        evidence: true,
        supersedesId: true,
        specId: true,
        assessor: { select: { name: true } },
      },
    }),
    db().candidateSignature.findMany({
      where: { candidateId },
      orderBy: { signedAt: "asc" },
      select: { signOffId: true, declaration: true, signedAt: true },
    }),
    db().candidateReview.findMany({
      where: { candidateId },
      orderBy: { heldOn: "asc" },
      select: {
        heldOn: true,
        notes: true,
        nextVisitOn: true,
        createdAt: true,
        assessor: { select: { name: true } },
        actionPoints: { select: { text: true, targetOn: true, doneAt: true } },
      },
    }),
    db().witnessNomination.findMany({
      where: { candidateId },
      select: { relationship: true, createdAt: true, witness: { select: { name: true, email: true } } },
    }),
    db().testimonyRequest.findMany({
      where: { candidateId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true,
        criteria: true,
        message: true,
        createdAt: true,
        witness: { select: { name: true } },
        testimony: { select: { statements: true, declaration: true, signedAt: true, evidenceId: true } },
      },
    }),
    // The IV's feedback is addressed to the assessor about the assessor's decision (their personal
    // data, not the candidate's): the outcome and dates are given, the text is not.
    db().ivSample.findMany({
      where: { candidateId },
      orderBy: { selectedAt: "asc" },
      select: {
        unitRef: true,
        stage: true,
        criteria: true,
        selectedAt: true,
        verdicts: { orderBy: { decidedAt: "asc" }, select: { outcome: true, decidedAt: true } },
      },
    }),
    db().evSampleItem.findMany({
      where: { candidateId },
      orderBy: { addedAt: "asc" },
      select: {
        unitRef: true,
        addedAt: true,
        findings: { select: { agreesAssessment: true, agreesIv: true, text: true, recordedAt: true } },
      },
    }),
    db().certificateClaim.findMany({
      where: { candidateId },
      orderBy: { raisedAt: "asc" },
      select: {
        id: true,
        kind: true,
        units: true,
        raisedAt: true,
        packSha256: true,
        pack: true,
        releasedDirectly: true,
        decision: { select: { outcome: true, reasons: true, decidedAt: true } },
      },
    }),
    db().notification.findMany({
      where: { userId: candidateId },
      orderBy: { createdAt: "asc" },
      select: { kind: true, title: true, createdAt: true, readAt: true, emailedAt: true },
    }),
    db().auditEvent.findMany({
      where: {
        OR: [
          { actorId: candidateId },
          { subjectType: "User", subjectId: candidateId },
          ...about("Evidence", evidenceIds),
          ...about(
            "UnitSignOff",
            signOffIds.map((r) => r.id),
          ),
          ...about(
            "IvSample",
            sampleIds.map((r) => r.id),
          ),
          ...about(
            "CertificateClaim",
            claimIds.map((r) => r.id),
          ),
          ...about(
            "TestimonyRequest",
            requestIds.map((r) => r.id),
          ),
        ],
      },
      orderBy: { id: "desc" },
      take: AUDIT_LIMIT,
      select: { id: true, at: true, action: true, subjectType: true, subjectId: true, detail: true, actorId: true },
    }),
  ]);
  return {
    sessions,
    signInAttempts,
    registrations,
    uploads,
    signOffs,
    signatures,
    reviews,
    nominations,
    testimonyRequests,
    ivSamples,
    evSampleItems,
    claims,
    notifications,
    auditEvents,
  };
}

export const readme = (name: string, files: number, missing: number) => `Personal data held about ${name}

This is a copy of everything the NVQ e-portfolio holds about you (UK GDPR, Article 15).

personal-data.json  your account, sessions and sign-in attempts, registrations, every piece of
                    evidence (drafts, submitted and superseded versions) with each file's SHA-256,
                    assessors' decisions and feedback, sign-offs and your signatures, reviews and
                    action points, expert witnesses and testimony, internal and external
                    verification of your units, certificate claims, notifications, and the audit
                    events by you or about you.
files/              ${files} evidence file${files === 1 ? "" : "s"}, by evidence id${missing ? ` (${missing} could not be read from storage: listed in personal-data.json)` : ""}.

The internal verifier's written feedback is addressed to your assessor about their decisions and
is their personal data, so its outcome and date are given here but not its text. Ask your centre
if you want to know more about how your data is used.
`;
