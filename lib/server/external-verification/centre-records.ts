// What an external verifier reads of a centre they are appointed to, read-only: its staff
// competence records and its audit trail (C&G 3412; OCR: the EV "checks the assessment and internal
// verification processes and decisions made in the centre").
import "server-only";
import { pageWindow, toPage } from "@/lib/domain/pagination";
import type { Actor } from "@/lib/domain/policy";
import { recordCheckpoint, verifyChain } from "@/lib/audit/chain";
import {
  authorizeCentre,
  authorizeOwnCentre,
  authorizeVerifiedOrOwnCentre,
} from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { userNames } from "@/lib/server/core/internal/user-names";
import { AppError, notFound } from "@/lib/server/core/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { verifiedCentre } from "./internal/guards";

/** The centre's assessors and IVs with their current status in each role. */
export async function getVerifiedCentreCompetence(actor: Actor, centreId: string) {
  const centre = await verifiedCentre(actor, centreId);
  const staff = await db().user.findMany({
    where: { centreId, roles: { some: { role: { in: ["ASSESSOR", "INTERNAL_VERIFIER"] } } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, name: true, roles: { select: { role: true } } },
  });
  const latest = await db().$queryRaw<
    {
      userId: string;
      role: string;
      status: string;
      award: string | null;
      achievedOn: Date | null;
      certificateNumber: string | null;
      recordedAt: Date;
    }[]
  >`
    SELECT DISTINCT ON ("userId", role) "userId", role::text AS role, status::text AS status, award, "achievedOn", "certificateNumber", "recordedAt"
    FROM "AssessorCompetence" WHERE "userId" = ANY(${staff.map((s) => s.id)}::uuid[])
    ORDER BY "userId", role, "recordedAt" DESC, id DESC`;
  const cpd = await db().cpdEntry.groupBy({
    by: ["userId"],
    where: { userId: { in: staff.map((s) => s.id) } },
    _sum: { hours: true },
  });
  return {
    centre,
    staff: staff.map((s) => ({
      id: s.id,
      name: s.name,
      roles: s.roles.map((r) => r.role),
      records: latest.filter((l) => l.userId === s.id),
      cpdHours: cpd.find((c) => c.userId === s.id)?._sum.hours ?? 0,
    })),
  };
}

/** A page of a centre's audit trail (or of the events in `where`), newest first, with who did each thing. */
async function auditPage(centreId: string, page: number, where: Prisma.AuditEventWhereInput = {}) {
  const scoped = { ...where, centreId };
  const [events, total] = await Promise.all([
    db().auditEvent.findMany({
      where: scoped,
      orderBy: [{ at: "desc" }, { id: "desc" }],
      ...pageWindow(page, 50),
      select: { id: true, actorId: true, action: true, subjectType: true, subjectId: true, at: true },
    }),
    db().auditEvent.count({ where: scoped }),
  ]);
  const names = await userNames(events.map((e) => e.actorId));
  return toPage(
    events.map((e) => ({ ...e, id: e.id.toString(), actor: e.actorId ? (names.get(e.actorId) ?? "") : "the system" })),
    total,
    page,
    50,
  );
}

/** The centre's audit trail for the EV appointed to it. */
export async function getVerifiedCentreAudit(actor: Actor, centreId: string, query: { page: number }) {
  const centre = await verifiedCentre(actor, centreId);
  return { centre, events: await auditPage(centreId, query.page) };
}

/** The administrator's own centre's audit trail. */
export async function getOwnCentreAudit(actor: Actor, query: { page: number }) {
  const centreId = authorizeOwnCentre(actor, "audit.verify");
  return { events: await auditPage(centreId, query.page) };
}

/**
 * Checks the centre's hash chain from its first event (decision 0014): for its administrator, or
 * an EV appointed to it. The walk reads the chain a batch at a time.
 */
export async function verifyCentreAuditChain(actor: Actor, centreId: string) {
  if (actor.roles.includes("EXTERNAL_VERIFIER") && actor.centreId !== centreId) await verifiedCentre(actor, centreId);
  else authorizeCentre(actor, "audit.verify", centreId);
  return verifyChain(db(), centreId);
}

/**
 * The EV opening a centre anchors its audit chain: the head as it stands is recorded as a
 * checkpoint outside the centre's trail (once per head), so events removed later show in `verify`.
 */
export async function anchorCentreChain(actor: Actor, centreId: string) {
  authorizeCentre(actor, "centre.verify", centreId);
  return recordCheckpoint(db(), centreId, "external verifier's view");
}

/** The centre's name and code, for the EV appointed to it. */
export async function getVerifiedCentreName(actor: Actor, centreId: string) {
  return verifiedCentre(actor, centreId);
}

/**
 * One candidate's or one assessor's part of a centre's audit trail, for the centre's IVs and the
 * EVs appointed to it (an EV names the centre). A candidate's: events about them, their evidence,
 * sign-offs, IV samples, claims and testimony requests. An assessor's (or IV's): what they did.
 */
export async function getScopedAudit(
  actor: Actor,
  query: { centreId?: string; candidateId?: string; assessorId?: string; page: number },
) {
  const centreId = authorizeVerifiedOrOwnCentre(actor, "iv.overview", query.centreId);
  const personId = query.candidateId ?? query.assessorId;
  if (!personId || (query.candidateId && query.assessorId))
    throw new AppError("INVALID_INPUT", { scope: ["Choose a candidate or an assessor."] });
  const roles = query.candidateId ? (["CANDIDATE"] as const) : (["ASSESSOR", "INTERNAL_VERIFIER"] as const);
  const person = await db().user.findFirst({
    where: { id: personId, centreId, roles: { some: { role: { in: [...roles] } } } },
    select: { id: true, name: true },
  });
  if (!person) throw notFound();
  if (query.assessorId)
    return { person, kind: "assessor" as const, events: await auditPage(centreId, query.page, { actorId: person.id }) };
  const candidateId = person.id;
  const [evidence, signOffs, samples, claims, requests] = await Promise.all([
    db().evidence.findMany({ where: { candidateId }, select: { id: true } }),
    db().unitSignOff.findMany({ where: { candidateId }, select: { id: true } }),
    db().ivSample.findMany({ where: { candidateId }, select: { id: true } }),
    db().certificateClaim.findMany({ where: { candidateId }, select: { id: true } }),
    db().testimonyRequest.findMany({ where: { candidateId }, select: { id: true } }),
  ]);
  const about = (subjectType: string, rows: { id: string }[]) =>
    rows.length ? [{ subjectType, subjectId: { in: rows.map((r) => r.id) } }] : [];
  const where: Prisma.AuditEventWhereInput = {
    OR: [
      { subjectType: "User", subjectId: candidateId },
      ...about("Evidence", evidence),
      ...about("UnitSignOff", signOffs),
      ...about("IvSample", samples),
      ...about("CertificateClaim", claims),
      ...about("TestimonyRequest", requests),
    ],
  };
  return { person, kind: "candidate" as const, events: await auditPage(centreId, query.page, where) };
}

/** Whom the scoped audit views can be opened for: the centre's assessors and IVs, and candidates by name. */
export async function auditPeople(actor: Actor, query: { centreId?: string; q?: string }) {
  const centreId = authorizeVerifiedOrOwnCentre(actor, "iv.overview", query.centreId);
  const [staff, candidates] = await Promise.all([
    db().user.findMany({
      where: { centreId, roles: { some: { role: { in: ["ASSESSOR", "INTERNAL_VERIFIER"] } } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: 500,
      select: { id: true, name: true },
    }),
    query.q
      ? db().user.findMany({
          where: { centreId, name: { contains: query.q, mode: "insensitive" }, roles: { some: { role: "CANDIDATE" } } },
          orderBy: [{ name: "asc" }, { id: "asc" }],
          take: 20,
          select: { id: true, name: true },
        })
      : Promise.resolve([]),
  ]);
  return { staff, candidates };
}
