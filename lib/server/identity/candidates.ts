import "server-only";
import type { Actor } from "@/lib/domain/policy";
import { mayViewCandidate } from "@/lib/domain/policy";
import { pageWindow, toPage } from "@/lib/domain/pagination";
import type { Prisma } from "@/lib/generated/prisma/client";
import { authorize, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { notFound } from "@/lib/server/core/errors";
import { toFacts, isCandidate } from "./internal/candidate-facts";

const person = { select: { id: true, name: true, email: true } } as const;
const candidateDetail = {
  id: true,
  name: true,
  email: true,
  centreId: true,
  createdAt: true,
  centre: { select: { name: true, code: true } },
  assessedBy: { select: { assessor: person }, orderBy: { assignedAt: "asc" } },
  witnesses: { select: { witness: person }, orderBy: { createdAt: "asc" } },
} satisfies Prisma.UserSelect;

type CandidateRow = Prisma.UserGetPayload<{ select: typeof candidateDetail }>;

function present(c: CandidateRow) {
  return {
    id: c.id,
    name: c.name,
    email: c.email,
    centreId: c.centreId,
    centre: c.centre,
    registeredAt: c.createdAt,
    assessors: c.assessedBy.map((a) => a.assessor),
    witnesses: c.witnesses.map((w) => w.witness),
  };
}
export type CandidateRecord = ReturnType<typeof present>;

/** The signed-in candidate's own record: who assesses them and which witnesses they named. */
export async function getOwnCandidateRecord(actor: Actor): Promise<CandidateRecord> {
  authorize(actor, "portfolio.own");
  const candidate = await db().user.findUnique({ where: { id: actor.userId }, select: candidateDetail });
  if (!candidate) throw notFound();
  return present(candidate);
}

/** Any candidate the actor has a working relationship with; 404 for everyone else. */
export async function getCandidateRecord(actor: Actor, candidateId: string): Promise<CandidateRecord> {
  const candidate = await db().user.findFirst({ where: isCandidate(candidateId), select: candidateDetail });
  if (!candidate || !mayViewCandidate(actor, toFacts(candidate))) throw notFound();
  return present(candidate);
}

/** The assessor's caseload, searchable and paginated. */
export async function listCaseload(actor: Actor, query: { page: number; q?: string }) {
  const centreId = authorizeOwnCentre(actor, "caseload.list");
  const where: Prisma.UserWhereInput = {
    centreId,
    assessedBy: { some: { assessorId: actor.userId } },
    ...(query.q ? { name: { contains: query.q, mode: "insensitive" } } : {}),
  };
  const [items, total] = await Promise.all([
    db().user.findMany({
      where,
      select: { id: true, name: true, email: true, createdAt: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...pageWindow(query.page),
    }),
    db().user.count({ where }),
  ]);
  return toPage(items, total, query.page);
}

/**
 * The candidates the signed-in expert witness is linked to, by name and relationship only: a
 * witness does not see portfolios (their requests are in lib/server/witnesses/testimony.ts).
 */
export async function listWitnessCandidates(actor: Actor) {
  authorize(actor, "witness.candidates.list");
  const nominations = await db().witnessNomination.findMany({
    where: { witnessId: actor.userId },
    select: {
      createdAt: true,
      relationship: true,
      candidate: { select: { id: true, name: true, centre: { select: { name: true } } } },
    },
    orderBy: { candidate: { name: "asc" } },
  });
  return nominations.map((n) => ({ ...n.candidate, relationship: n.relationship, nominatedAt: n.createdAt }));
}
