import "server-only";
// What decides who may see a candidate (policy.mayViewCandidate): their centre and their assessors.
import type { CandidateFacts } from "@/lib/domain/policy";
import type { Prisma } from "@/lib/generated/prisma/client";

/** What decides who may see a candidate; candidateDetail holds it too. */
export const candidateFacts = {
  id: true,
  centreId: true,
  assessedBy: { select: { assessor: { select: { id: true } } } },
} satisfies Prisma.UserSelect;

export function toFacts(c: Prisma.UserGetPayload<{ select: typeof candidateFacts }>): CandidateFacts {
  return {
    id: c.id,
    centreId: c.centreId,
    assessorIds: c.assessedBy.map((a) => a.assessor.id),
  };
}

export const isCandidate = (candidateId: string) => ({
  id: candidateId,
  roles: { some: { role: "CANDIDATE" as const } },
});
