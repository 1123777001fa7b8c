import "server-only";
// What an external verifier reads of a centre they are appointed to, read-only: its staff
// competence records and its audit trail (C&G 3412; OCR: the EV "checks the assessment and internal
// verification processes and decisions made in the centre").
import { pageWindow, toPage } from "@/lib/domain/pagination";
import type { Actor } from "@/lib/domain/policy";
import { verifyChain } from "@/lib/audit/chain";
import { authorizeCentre, authorizeOwnCentre } from "./authorize";
import { db } from "./db";
import { userNames } from "./user-names";
import { notFound } from "./errors";

async function verifiedCentre(actor: Actor, centreId: string) {
  authorizeCentre(actor, "centre.verify", centreId);
  const centre = await db().centre.findUnique({ where: { id: centreId }, select: { id: true, name: true, code: true } });
  if (!centre) throw notFound();
  return centre;
}

/** The centre's assessors and IVs with their current status in each role. */
export async function getVerifiedCentreCompetence(actor: Actor, centreId: string) {
  const centre = await verifiedCentre(actor, centreId);
  const staff = await db().user.findMany({
    where: { centreId, roles: { some: { role: { in: ["ASSESSOR", "INTERNAL_VERIFIER"] } } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, name: true, roles: { select: { role: true } } },
  });
  const latest = await db().$queryRaw<{ userId: string; role: string; status: string; award: string | null; achievedOn: Date | null; certificateNumber: string | null; recordedAt: Date }[]>`
    SELECT DISTINCT ON ("userId", role) "userId", role::text AS role, status::text AS status, award, "achievedOn", "certificateNumber", "recordedAt"
    FROM "AssessorCompetence" WHERE "userId" = ANY(${staff.map((s) => s.id)}::uuid[])
    ORDER BY "userId", role, "recordedAt" DESC, id DESC`;
  const cpd = await db().cpdEntry.groupBy({ by: ["userId"], where: { userId: { in: staff.map((s) => s.id) } }, _sum: { hours: true } });
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

/** A page of a centre's audit trail, newest first, with who did each thing. */
async function auditPage(centreId: string, page: number) {
  const [events, total] = await Promise.all([
    db().auditEvent.findMany({ where: { centreId }, orderBy: [{ at: "desc" }, { id: "desc" }], ...pageWindow(page, 50), select: { id: true, actorId: true, action: true, subjectType: true, subjectId: true, at: true } }),
    db().auditEvent.count({ where: { centreId } }),
  ]);
  const names = await userNames(events.map((e) => e.actorId));
  return toPage(events.map((e) => ({ ...e, id: e.id.toString(), actor: e.actorId ? (names.get(e.actorId) ?? "") : "the system" })), total, page, 50);
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

/** The centre's name and code, for the EV appointed to it. */
export async function getVerifiedCentreName(actor: Actor, centreId: string) {
  return verifiedCentre(actor, centreId);
}
