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
import { db } from "@/lib/server/core/internal/db";
import { segment, storedFilesZip } from "./internal/portfolio-archive";
import { subjectCandidate } from "./internal/guards";
import { AUDIT_LIMIT, candidateEvidence, readme, recordsAbout } from "./internal/subject-records";
import { isoDay } from "@/lib/domain/today";

export async function subjectAccessExport(
  actor: Actor,
  candidateId: string,
): Promise<{ name: string; stream: Readable }> {
  const person = await subjectCandidate(actor, candidateId);
  const evidence = await candidateEvidence(candidateId);
  const evidenceIds = evidence.map((e) => e.id);
  const records = await recordsAbout(candidateId, person.email, evidenceIds);

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
    sessions: records.sessions,
    signInAttempts: records.signInAttempts,
    registrations: records.registrations.map((r) => ({ ...r, registeredOn: isoDay(r.registeredOn) })),
    evidence: evidence.map(({ files: fs, ...e }) => ({
      ...e,
      activityDate: isoDay(e.activityDate),
      files: fs.map(({ storageKey: _key, size, ...f }) => ({
        ...f,
        size: Number(size),
        inThisExport: files.find((x) => x.storageKey === _key)?.path ?? null,
      })),
    })),
    unfinishedOrFailedUploads: records.uploads.map((u) => ({ ...u, size: Number(u.size) })),
    signOffs: records.signOffs,
    candidateSignatures: records.signatures,
    reviews: records.reviews,
    expertWitnesses: records.nominations,
    testimonyRequests: records.testimonyRequests,
    internalVerification: records.ivSamples,
    externalVerification: records.evSampleItems,
    certificateClaims: records.claims,
    notifications: records.notifications,
    auditEvents: records.auditEvents
      .map((a) => ({
        ...a,
        id: a.id.toString(),
        by: a.actorId === candidateId ? "the candidate" : a.actorId === null ? "the system" : "a member of staff",
      }))
      .map(({ actorId: _a, ...a }) => a),
    auditEventsListed: records.auditEvents.length === AUDIT_LIMIT ? `the newest ${AUDIT_LIMIT}` : "all",
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
