// The evidence row is the lock for everything that changes what a piece of evidence holds:
// submitting it, finishing an upload into it, removing a file, starting an upload, making a new
// version. Each takes this lock in its transaction and re-checks the status under it.
import type { Prisma } from "../generated/prisma/client";

export type LockedEvidence = { id: string; candidateId: string; status: "DRAFT" | "SUBMITTED" };

export async function lockEvidence(tx: Prisma.TransactionClient, evidenceId: string): Promise<LockedEvidence | null> {
  const rows = await tx.$queryRaw<LockedEvidence[]>`
    SELECT id, "candidateId", status::text AS status FROM "Evidence" WHERE id = ${evidenceId}::uuid FOR UPDATE`;
  return rows[0] ?? null;
}
