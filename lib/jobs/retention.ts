// Retention (UK GDPR storage limitation): RETENTION_MONTHS after a candidate is certified on every
// qualification they are registered on, or after the centre recorded their withdrawal, their
// personal data and evidence files are removed. What the awarding body requires is kept: the
// decision records (judgements, sign-offs, signatures, verifications, claims and their frozen
// packs, with the SHA-256 of every file) and the audit trail, now pointing at an anonymous account.
// Daily job "retention" and `npm run retention` (--dry-run lists who is due). Safe to re-run: the
// files go first (a file already gone is fine), then the candidate is anonymised in one
// transaction, so a crash part-way leaves them due and the next run finishes the work.
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client";
import type { EvidenceStorage } from "../storage/types";

export const DEFAULT_RETENTION_MONTHS = 36;

export function retentionMonths(env = process.env): number {
  const n = Number(env.RETENTION_MONTHS ?? DEFAULT_RETENTION_MONTHS);
  return Number.isInteger(n) && n >= 1 && n <= 1200 ? n : DEFAULT_RETENTION_MONTHS;
}

export const REMOVED = "(removed under the retention policy)";

export type RetentionDue = { candidateId: string; centreId: string | null; since: Date; why: "certified" | "withdrawn" };
export type RetentionReport = { due: RetentionDue[]; anonymised: number; filesRemoved: number; fileErrors: number };

/** When each candidate's retention period started, if it has: the later certification, or withdrawal. */
export async function candidatesDue(prisma: PrismaClient, now = new Date(), months = retentionMonths(), centreId: string | null = null): Promise<RetentionDue[]> {
  const cutoff = new Date(now);
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months);
  // Candidates not yet anonymised who withdrew, or hold a released qualification claim, before the cutoff.
  const rows = await prisma.$queryRaw<{ id: string; centreId: string | null; withdrawnAt: Date | null }[]>`
    SELECT u.id, u."centreId", u."withdrawnAt" FROM "User" u
    WHERE u."anonymisedAt" IS NULL AND (${centreId}::uuid IS NULL OR u."centreId" = ${centreId}::uuid)
      AND EXISTS (SELECT 1 FROM "UserRole" r WHERE r."userId" = u.id AND r.role = 'CANDIDATE')
      AND (u."withdrawnAt" <= ${cutoff}
        OR EXISTS (SELECT 1 FROM "CertificateClaim" c LEFT JOIN "ClaimDecision" d ON d."claimId" = c.id
                   WHERE c."candidateId" = u.id AND c.kind = 'QUALIFICATION'
                     AND ((d.outcome = 'AUTHORISED' AND d."decidedAt" <= ${cutoff}) OR (c."releasedDirectly" AND c."raisedAt" <= ${cutoff}))))`;
  const due: RetentionDue[] = [];
  for (const row of rows) {
    if (row.withdrawnAt && row.withdrawnAt <= cutoff) {
      due.push({ candidateId: row.id, centreId: row.centreId, since: row.withdrawnAt, why: "withdrawn" });
      continue;
    }
    // Certified: every qualification they are registered on has a released qualification claim
    // (someone who went on to another qualification is still a candidate), and none waits.
    const [registrations, claims] = await Promise.all([
      prisma.candidateRegistration.findMany({ where: { candidateId: row.id }, select: { spec: { select: { code: true } } } }),
      prisma.certificateClaim.findMany({
        where: { candidateId: row.id },
        select: { kind: true, releasedDirectly: true, raisedAt: true, spec: { select: { code: true } }, decision: { select: { outcome: true, decidedAt: true } } },
      }),
    ]);
    if (claims.some((c) => !c.decision && !c.releasedDirectly)) continue;
    const released = new Map<string, Date>();
    for (const c of claims) {
      if (c.kind !== "QUALIFICATION") continue;
      const at = c.decision?.outcome === "AUTHORISED" ? c.decision.decidedAt : c.releasedDirectly && c.decision?.outcome !== "REFUSED" ? c.raisedAt : null;
      if (at && (!released.has(c.spec.code) || released.get(c.spec.code)! < at)) released.set(c.spec.code, at);
    }
    const codes = [...new Set(registrations.map((r) => r.spec.code))];
    if (codes.length === 0 || codes.some((code) => !released.has(code))) continue;
    const since = new Date(Math.max(...codes.map((code) => released.get(code)!.getTime())));
    if (since <= cutoff) due.push({ candidateId: row.id, centreId: row.centreId, since, why: "certified" });
  }
  return due;
}

/** Removes one candidate's files from storage, then anonymises them (one transaction). */
async function anonymise(prisma: PrismaClient, storage: EvidenceStorage, due: RetentionDue, months: number): Promise<{ files: number; errors: number } | null> {
  const stored = await prisma.evidenceFile.findMany({ where: { evidence: { candidateId: due.candidateId } }, select: { storageKey: true } });
  let errors = 0;
  for (const f of stored) {
    await storage.remove(f.storageKey).catch(() => errors++);
  }
  // A file that could not be removed (storage down): leave the candidate due, for the next run.
  if (errors > 0) return { files: 0, errors };
  const done = await prisma.$transaction(async (tx) => {
    // The row locked, and checked again: another run (another worker) may have done it meanwhile.
    const [user] = await tx.$queryRaw<{ email: string; anonymisedAt: Date | null }[]>`SELECT email, "anonymisedAt" FROM "User" WHERE id = ${due.candidateId}::uuid FOR UPDATE`;
    if (!user || user.anonymisedAt) return null;
    const tag = due.candidateId.slice(0, 8);
    const files = await tx.evidenceFile.findMany({ where: { evidence: { candidateId: due.candidateId } }, select: { storageKey: true } });
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
    await tx.userSession.deleteMany({ where: { userId: due.candidateId } });
    await tx.loginAttempt.deleteMany({ where: { email: user.email } });
    await tx.notification.deleteMany({ where: { userId: due.candidateId } });
    await tx.witnessNomination.deleteMany({ where: { candidateId: due.candidateId } });
    await tx.assessorAssignment.deleteMany({ where: { candidateId: due.candidateId } });
    await tx.evidenceUpload.deleteMany({ where: { candidateId: due.candidateId } });
    // Free text about them goes; titles, methods, dates and hashes stay with the decisions.
    await tx.evidence.updateMany({ where: { candidateId: due.candidateId }, data: { description: "", place: null } });
    await tx.evidenceFile.updateMany({ where: { evidence: { candidateId: due.candidateId }, deletedAt: null }, data: { deletedAt: new Date() } });
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
        detail: { why: due.why, since: due.since.toISOString(), retentionMonths: months, files: files.length, uploads: uploads.length },
      },
    });
    return true;
  });
  return done ? { files: stored.length, errors: 0 } : null;
}

/** The whole service, or one centre (`centreId`: `npm run retention -- --centre <code>`). */
export async function runRetention(prisma: PrismaClient, storage: EvidenceStorage, options: { now?: Date; dryRun?: boolean; months?: number; centreId?: string } = {}): Promise<RetentionReport> {
  const months = options.months ?? retentionMonths();
  const due = await candidatesDue(prisma, options.now, months, options.centreId ?? null);
  const report: RetentionReport = { due, anonymised: 0, filesRemoved: 0, fileErrors: 0 };
  if (options.dryRun) return report;
  for (const d of due) {
    const done = await anonymise(prisma, storage, d, months);
    if (!done) continue;
    report.fileErrors += done.errors;
    if (done.errors > 0) continue;
    report.anonymised++;
    report.filesRemoved += done.files;
  }
  return report;
}
