import "server-only";
// UK GDPR subject access (Article 15): everything the service holds about a candidate, as a
// streamed ZIP: `personal-data.json` (their account, sessions and sign-in attempts, registrations,
// every piece of evidence in any state with its files' details, the decisions about it, sign-offs
// and signatures, reviews and action points, witnesses and testimony, internal and external
// verification of their units, claims, notifications and the audit events about them or by them),
// and every stored file of theirs under files/. The candidate downloads their own; an
// administrator of their centre can download it for them, having confirmed their password.
import type { Actor } from "@/lib/domain/policy";
import type { Readable } from "node:stream";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorize, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { notFound } from "@/lib/server/core/errors";
import { segment, storedFilesZip } from "./internal/portfolio-archive";
import { requireRecentPassword } from "@/lib/server/core/reauthentication";

/** Audit events listed: the newest this many by or about the candidate (the trail keeps them all). */
const AUDIT_LIMIT = 20_000;

async function subjectCandidate(actor: Actor, candidateId: string) {
  if (actor.userId === candidateId) {
    authorize(actor, "portfolio.own");
  } else {
    const centreId = authorizeOwnCentre(actor, "user.manage");
    const other = await db().user.findFirst({
      where: { id: candidateId, centreId, roles: { some: { role: "CANDIDATE" } } },
      select: { id: true },
    });
    if (!other) throw notFound();
    // Someone else's personal data: the password must have been typed in the last 10 minutes.
    requireRecentPassword(actor);
  }
  return db().user.findUniqueOrThrow({
    where: { id: candidateId },
    select: {
      id: true,
      email: true,
      name: true,
      dateOfBirth: true,
      active: true,
      emailPreference: true,
      createdAt: true,
      updatedAt: true,
      centreId: true,
      withdrawnAt: true,
      withdrawalReason: true,
      centre: { select: { code: true, name: true } },
      roles: { select: { role: true } },
    },
  });
}

export async function subjectAccessExport(
  actor: Actor,
  candidateId: string,
): Promise<{ name: string; stream: Readable }> {
  const person = await subjectCandidate(actor, candidateId);
  const evidence = await db().evidence.findMany({
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
  const evidenceIds = evidence.map((e) => e.id);
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
      where: { email: person.email },
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

  // A file still waiting for its virus check goes to nobody but its candidate (as the download
  // route): an administrator's export lists it, without its bytes, and says why.
  const byCandidate = actor.userId === candidateId;
  const unchecked = evidence.flatMap((e) => e.files.filter((f) => f.deletedAt === null && f.scanStatus === "pending"));
  const files = evidence.flatMap((e) =>
    e.files
      .filter((f) => f.deletedAt === null && (byCandidate || f.scanStatus !== "pending"))
      .map((f) => ({
        path: `files/${e.id}/${f.id.slice(0, 8)}-${segment(f.displayName)}`,
        storageKey: f.storageKey,
        contentType: f.contentType,
        sha256: f.sha256,
      })),
  );
  const data = {
    format: "subject-access/1",
    exportedAt: new Date().toISOString(),
    exportedBy: byCandidate ? "the candidate" : actor.name,
    controller: person.centre,
    account: {
      ...person,
      centreId: undefined,
      roles: person.roles.map((r) => r.role),
      dateOfBirth: person.dateOfBirth?.toISOString().slice(0, 10) ?? null,
    },
    withheld: [
      "The internal verifier's written feedback on your units: it is addressed to your assessor about their decisions (their personal data). The outcome and date of each verdict are given.",
      "Who on the staff made each audit event: shown as 'a member of staff'. Their names are on the decisions themselves (judgements, sign-offs, reviews).",
      ...(unchecked.length > 0 && !byCandidate
        ? [
            `${unchecked.length === 1 ? "One file" : `${unchecked.length} files`} still waiting for a virus check: listed with your evidence, not included. You can download them yourself, or ask again once they are checked.`,
          ]
        : []),
    ],
    sessions,
    signInAttempts,
    registrations: registrations.map((r) => ({ ...r, registeredOn: r.registeredOn.toISOString().slice(0, 10) })),
    evidence: evidence.map(({ files: fs, ...e }) => ({
      ...e,
      activityDate: e.activityDate.toISOString().slice(0, 10),
      files: fs.map(({ storageKey: _key, size, ...f }) => ({
        ...f,
        size: Number(size),
        inThisExport: files.find((x) => x.storageKey === _key)?.path ?? null,
      })),
    })),
    unfinishedOrFailedUploads: uploads.map((u) => ({ ...u, size: Number(u.size) })),
    signOffs,
    candidateSignatures: signatures,
    reviews,
    expertWitnesses: nominations,
    testimonyRequests,
    internalVerification: ivSamples,
    externalVerification: evSampleItems,
    certificateClaims: claims,
    notifications,
    auditEvents: auditEvents
      .map((a) => ({
        ...a,
        id: a.id.toString(),
        by: a.actorId === candidateId ? "the candidate" : a.actorId === null ? "the system" : "a member of staff",
      }))
      .map(({ actorId: _a, ...a }) => a),
    auditEventsListed: auditEvents.length === AUDIT_LIMIT ? `the newest ${AUDIT_LIMIT}` : "all",
  };

  await db().$transaction(async (tx) => {
    await recordAudit(tx, actor, {
      action: "gdpr.subject-access-export",
      subjectType: "User",
      subjectId: candidateId,
      detail: { files: files.length, byCandidate: actor.userId === candidateId },
      centreId: person.centreId,
    });
  });
  const stream = storedFilesZip(files, (missing) => [
    { name: "personal-data.json", content: JSON.stringify({ ...data, filesMissingFromStorage: missing }, null, 2) },
    { name: "README.txt", content: readme(person.name, files.length, missing.length) },
  ]);
  return { name: `personal-data-${segment(person.name).replace(/\s+/g, "-")}.zip`, stream };
}

const readme = (name: string, files: number, missing: number) => `Personal data held about ${name}

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
