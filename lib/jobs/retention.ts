// Retention (UK GDPR storage limitation): RETENTION_MONTHS after a candidate is certified on every
// qualification they are registered on, or after the centre recorded their withdrawal, their
// personal data and evidence files are removed. What the awarding body requires is kept: the
// decision records (judgements, sign-offs, signatures, verifications, claims and their frozen
// packs, with the SHA-256 of every file) and the audit trail, now pointing at an anonymous account.
// Daily job "retention" and `npm run retention` (--dry-run lists who is due). Safe to re-run: each
// candidate is anonymised once, in one transaction under a lock on their row (checked again there);
// their files' bytes go after it commits, and a run that could not remove some (storage down, a
// crash) removes them on the next run. Someone who also holds a staff role is never anonymised.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client";
import type { EvidenceStorage } from "../storage/types";
import { config } from "../config";

export const DEFAULT_RETENTION_MONTHS = 36;

/** RETENTION_MONTHS (1 to 1200; lib/config). */
export const retentionMonths = (): number => config().RETENTION_MONTHS;

export const REMOVED = "(removed under the retention policy)";

export type RetentionDue = {
  candidateId: string;
  centreId: string | null;
  since: Date;
  why: "certified" | "withdrawn";
};
export type RetentionReport = { due: RetentionDue[]; anonymised: number; filesRemoved: number; fileErrors: number };

/** When each candidate's retention period started, if it has: the later certification, or withdrawal. */
export async function candidatesDue(
  prisma: PrismaClient,
  now = new Date(),
  months = retentionMonths(),
  centreId: string | null = null,
): Promise<RetentionDue[]> {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  // Candidates not yet anonymised who withdrew, or hold a released qualification claim, before the cutoff.
  const rows = await prisma.$queryRaw<{ id: string; centreId: string | null; withdrawnAt: Date | null }[]>`
    SELECT u.id, u."centreId", u."withdrawnAt" FROM "User" u
    WHERE u."anonymisedAt" IS NULL AND (${centreId}::uuid IS NULL OR u."centreId" = ${centreId}::uuid)
      AND EXISTS (SELECT 1 FROM "UserRole" r WHERE r."userId" = u.id AND r.role = 'CANDIDATE')
      -- Someone who is also staff (an assessor who took a qualification here) keeps their account:
      -- their name stands on the decisions they made.
      AND NOT EXISTS (SELECT 1 FROM "UserRole" r WHERE r."userId" = u.id AND r.role <> 'CANDIDATE')
      AND (u."withdrawnAt" <= ${cutoff}
        OR EXISTS (SELECT 1 FROM "CertificateClaim" c LEFT JOIN "ClaimDecision" d ON d."claimId" = c.id
                   WHERE c."candidateId" = u.id AND c.kind = 'QUALIFICATION'
                     AND ((d.outcome = 'AUTHORISED' AND d."decidedAt" <= ${cutoff}) OR (c."releasedDirectly" AND d.id IS NULL AND c."raisedAt" <= ${cutoff}))))`;
  const due: RetentionDue[] = [];
  for (const row of rows) {
    const found = await dueSince(prisma, row, cutoff);
    if (found) due.push(found);
  }
  return due;
}

type Reader = Pick<PrismaClient, "candidateRegistration" | "certificateClaim">;

/** Whether one candidate's retention period has run out (read again under the lock before acting). */
async function dueSince(
  prisma: Reader,
  row: { id: string; centreId: string | null; withdrawnAt: Date | null },
  cutoff: Date,
): Promise<RetentionDue | null> {
  if (row.withdrawnAt && row.withdrawnAt <= cutoff)
    return { candidateId: row.id, centreId: row.centreId, since: row.withdrawnAt, why: "withdrawn" };
  // Certified: every qualification they are registered on has a released qualification claim
  // (someone who went on to another qualification is still a candidate), and none waits.
  const [registrations, claims] = await Promise.all([
    prisma.candidateRegistration.findMany({
      where: { candidateId: row.id },
      select: { spec: { select: { code: true } } },
    }),
    prisma.certificateClaim.findMany({
      where: { candidateId: row.id },
      select: {
        kind: true,
        releasedDirectly: true,
        raisedAt: true,
        spec: { select: { code: true } },
        decision: { select: { outcome: true, decidedAt: true } },
      },
    }),
  ]);
  if (claims.some((c) => !c.decision && !c.releasedDirectly)) return null;
  const released = new Map<string, Date>();
  for (const c of claims) {
    if (c.kind !== "QUALIFICATION") continue;
    const at =
      c.decision?.outcome === "AUTHORISED"
        ? c.decision.decidedAt
        : c.releasedDirectly && c.decision?.outcome !== "REFUSED"
          ? c.raisedAt
          : null;
    if (at && (!released.has(c.spec.code) || released.get(c.spec.code)! < at)) released.set(c.spec.code, at);
  }
  const codes = [...new Set(registrations.map((r) => r.spec.code))];
  if (codes.length === 0 || codes.some((code) => !released.has(code))) return null;
  const since = new Date(Math.max(...codes.map((code) => released.get(code)!.getTime())));
  return since <= cutoff ? { candidateId: row.id, centreId: row.centreId, since, why: "certified" } : null;
}

/**
 * Anonymises one candidate in one transaction, under a lock on their row and after checking again
 * that they are due (a withdrawal cancelled meanwhile stops it); their files are marked deleted
 * there and their bytes removed once it has committed.
 */
async function anonymise(
  prisma: PrismaClient,
  storage: EvidenceStorage,
  due: RetentionDue,
  months: number,
  cutoff: Date,
): Promise<{ files: number; errors: number } | null> {
  const keys = await prisma.$transaction(async (tx) => {
    // The row locked, and checked again: another run (another worker) may have done it meanwhile,
    // or the centre cancelled the withdrawal, or they were given a staff role.
    const [user] = await tx.$queryRaw<
      { email: string; anonymisedAt: Date | null; withdrawnAt: Date | null; staff: boolean }[]
    >`
      SELECT email, "anonymisedAt", "withdrawnAt", EXISTS (SELECT 1 FROM "UserRole" r WHERE r."userId" = u.id AND r.role <> 'CANDIDATE') AS staff
      FROM "User" u WHERE id = ${due.candidateId}::uuid FOR UPDATE`;
    if (!user || user.anonymisedAt || user.staff) return null;
    if (!(await dueSince(tx, { id: due.candidateId, centreId: due.centreId, withdrawnAt: user.withdrawnAt }, cutoff)))
      return null;
    const tag = due.candidateId.slice(0, 8);
    const files = await tx.evidenceFile.findMany({
      where: { evidence: { candidateId: due.candidateId } },
      select: { storageKey: true },
    });
    const uploads = await tx.evidenceUpload.findMany({ where: { candidateId: due.candidateId }, select: { id: true } });
    await tx.user.update({
      where: { id: due.candidateId },
      data: {
        name: `Former candidate ${tag}`,
        email: `anonymised-${due.candidateId}@invalid`,
        // Nobody knows this password: the account can never be signed into again.
        passwordHash: `!anonymised:${randomBytes(16).toString("hex")}`,
        dateOfBirth: null,
        active: false,
        withdrawalReason: due.why === "withdrawn" ? REMOVED : null,
        anonymisedAt: new Date(),
      },
    });
    // The awarding body's enrolment numbers and the ULN identify the person: the claim packs keep
    // what was certificated, the registrations keep no identifier.
    await tx.candidateRegistration.updateMany({
      where: { candidateId: due.candidateId },
      data: { enrolmentNumber: null, uln: null },
    });
    await tx.userSession.deleteMany({ where: { userId: due.candidateId } });
    await tx.loginAttempt.deleteMany({ where: { email: user.email } });
    // Their own notifications, and other people's that name them or their records.
    const [evidenceIds, sampleIds, claimIds, requestIds] = await Promise.all([
      tx.evidence.findMany({ where: { candidateId: due.candidateId }, select: { id: true } }),
      tx.ivSample.findMany({ where: { candidateId: due.candidateId }, select: { id: true } }),
      tx.certificateClaim.findMany({ where: { candidateId: due.candidateId }, select: { id: true } }),
      tx.testimonyRequest.findMany({ where: { candidateId: due.candidateId }, select: { id: true } }),
    ]);
    const about = [
      ...evidenceIds.map((e) => `evidence.to-review:${e.id}`),
      ...sampleIds.map((e) => `sample.due:${e.id}`),
      ...claimIds.map((e) => `claim.to-authorise:${e.id}`),
      ...requestIds.map((e) => `testimony.requested:${e.id}`),
    ];
    await tx.notification.deleteMany({
      where: {
        OR: [{ userId: due.candidateId }, { dedupeKey: { in: about } }, { href: { contains: due.candidateId } }],
      },
    });
    await tx.witnessNomination.deleteMany({ where: { candidateId: due.candidateId } });
    await tx.assessorAssignment.deleteMany({ where: { candidateId: due.candidateId } });
    await tx.evidenceUpload.deleteMany({ where: { candidateId: due.candidateId } });
    // Free text about them goes; titles, methods, dates and hashes stay with the decisions.
    await tx.evidence.updateMany({ where: { candidateId: due.candidateId }, data: { description: "", place: null } });
    await tx.evidenceFile.updateMany({
      where: { evidence: { candidateId: due.candidateId }, deletedAt: null },
      data: { deletedAt: new Date() },
    });
    await tx.candidateReview.updateMany({ where: { candidateId: due.candidateId }, data: { notes: REMOVED } });
    await tx.actionPoint.updateMany({ where: { candidateId: due.candidateId }, data: { text: REMOVED } });
    await tx.testimonyRequest.updateMany({ where: { candidateId: due.candidateId }, data: { message: REMOVED } });
    await tx.auditEvent.create({
      data: {
        centreId: due.centreId,
        actorId: null,
        action: "retention.anonymise",
        subjectType: "User",
        subjectId: due.candidateId,
        detail: {
          why: due.why,
          since: due.since.toISOString(),
          retentionMonths: months,
          files: files.length,
          uploads: uploads.length,
        },
      },
    });
    return files.map((f) => f.storageKey);
  });
  if (!keys) return null;
  let errors = 0;
  for (const key of keys) await storage.remove(key).catch(() => errors++);
  return { files: keys.length, errors };
}

/** Files of candidates anonymised in the last week whose removal failed (storage down, a crash): again. */
async function removeLeftovers(
  prisma: PrismaClient,
  storage: EvidenceStorage,
  now: Date,
): Promise<{ removed: number; errors: number }> {
  const since = new Date(now.getTime() - 7 * 86_400_000);
  const files = await prisma.evidenceFile.findMany({
    where: { deletedAt: { not: null }, evidence: { candidate: { anonymisedAt: { gte: since } } } },
    select: { storageKey: true },
    take: 5000,
  });
  let removed = 0;
  let errors = 0;
  for (const f of files) {
    if (!(await storage.exists(f.storageKey).catch(() => false))) continue;
    await storage.remove(f.storageKey).then(
      () => removed++,
      () => errors++,
    );
  }
  return { removed, errors };
}

/** The whole service, or one centre (`centreId`: `npm run retention -- --centre <code>`). */
export async function runRetention(
  prisma: PrismaClient,
  storage: EvidenceStorage,
  options: { now?: Date; dryRun?: boolean; months?: number; centreId?: string } = {},
): Promise<RetentionReport> {
  const months = options.months ?? retentionMonths();
  const due = await candidatesDue(prisma, options.now, months, options.centreId ?? null);
  const report: RetentionReport = { due, anonymised: 0, filesRemoved: 0, fileErrors: 0 };
  if (options.dryRun) return report;
  const cutoff = new Date(options.now ?? new Date());
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  for (const d of due) {
    const done = await anonymise(prisma, storage, d, months, cutoff);
    if (!done) continue;
    report.anonymised++;
    report.filesRemoved += done.files - done.errors;
    report.fileErrors += done.errors;
  }
  const leftovers = await removeLeftovers(prisma, storage, options.now ?? new Date());
  report.filesRemoved += leftovers.removed;
  report.fileErrors += leftovers.errors;
  return report;
}
