import "server-only";
// Assessor competence: the staff record of each assessor's status (qualified with A1/D32/D33 or a
// TAQA successor, or working towards it), occupational competence and CPD. C&G 3412 section 2:
// staff "should hold, or be working towards, the relevant Assessor/Verifier (A/V) units"; OCR:
// assessors "maintain their occupational competence … through … CPD". Records are append-only:
// the latest counts, and the history shows every change.
import type { Actor } from "@/lib/domain/policy";
import type { CompetenceInput } from "@/lib/validation/assessment";
import { recordAudit } from "./audit";
import { authorize, authorizeOwnCentre } from "./authorize";
import { db } from "./db";
import { AppError, forbidden, notFound } from "./errors";

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** An assessor of the actor's centre; 404 for anyone else. */
async function centreAssessor(centreId: string, userId: string) {
  const user = await db().user.findFirst({ where: { id: userId, centreId, roles: { some: { role: "ASSESSOR" } } }, select: { id: true, name: true, email: true, active: true } });
  if (!user) throw notFound();
  return user;
}

export async function recordCompetence(actor: Actor, input: CompetenceInput): Promise<void> {
  const centreId = authorizeOwnCentre(actor, "competence.manage");
  await centreAssessor(centreId, input.userId);
  // An administrator who also assesses cannot declare themselves qualified: that would lift the
  // countersignature their decisions need.
  if (input.userId === actor.userId) throw new AppError("INVALID_INPUT", { userId: ["Nobody records their own assessor status: another administrator records it."] });
  await db().$transaction(async (tx) => {
    const record = await tx.assessorCompetence.create({
      data: {
        userId: input.userId,
        status: input.status,
        award: input.award || null,
        achievedOn: input.achievedOn ? day(input.achievedOn) : null,
        certificateNumber: input.certificateNumber || null,
        occupationalCompetence: input.occupationalCompetence,
        recordedById: actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, { action: "competence.record", subjectType: "User", subjectId: input.userId, detail: { recordId: record.id, status: input.status, award: input.award } });
  });
}

/** CPD: the centre administrator or the assessor themselves records it. */
export async function addCpd(actor: Actor, input: { userId: string; activityOn: string; activity: string; hours: number }): Promise<void> {
  if (input.userId === actor.userId && actor.roles.includes("ASSESSOR") && actor.centreId) {
    await centreAssessor(actor.centreId, actor.userId);
  } else {
    const centreId = authorizeOwnCentre(actor, "competence.manage");
    await centreAssessor(centreId, input.userId);
  }
  await db().$transaction(async (tx) => {
    const entry = await tx.cpdEntry.create({
      data: { userId: input.userId, activityOn: day(input.activityOn), activity: input.activity, hours: input.hours, recordedById: actor.userId },
      select: { id: true },
    });
    await recordAudit(tx, actor, { action: "competence.cpd", subjectType: "User", subjectId: input.userId, detail: { entryId: entry.id, hours: input.hours } });
  });
}

/** The centre's assessors with their current status, for the administrator and IVs. */
export async function listAssessorCompetence(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "competence.view");
  if (!actor.roles.includes("CENTRE_ADMIN") && !actor.roles.includes("INTERNAL_VERIFIER")) throw forbidden();
  const assessors = await db().user.findMany({
    where: { centreId, roles: { some: { role: "ASSESSOR" } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
    select: {
      id: true, name: true, active: true,
      competence: { orderBy: [{ recordedAt: "desc" }, { id: "desc" }], take: 1, select: { status: true, award: true, achievedOn: true, recordedAt: true } },
    },
  });
  return assessors.map((a) => ({ id: a.id, name: a.name, active: a.active, current: a.competence[0] ?? null }));
}

/** One assessor's record with its history and CPD: their centre's administrator and IVs, and the assessor. */
export async function getAssessorCompetence(actor: Actor, userId: string) {
  const self = userId === actor.userId && actor.roles.includes("ASSESSOR");
  if (!self) authorize(actor, "competence.view");
  if (actor.centreId === null) throw notFound();
  if (!self && !actor.roles.includes("CENTRE_ADMIN") && !actor.roles.includes("INTERNAL_VERIFIER")) throw forbidden();
  const user = await centreAssessor(actor.centreId, userId);
  const [history, cpd] = await Promise.all([
    db().assessorCompetence.findMany({ where: { userId }, orderBy: [{ recordedAt: "desc" }, { id: "desc" }], take: 100 }),
    db().cpdEntry.findMany({ where: { userId }, orderBy: [{ activityOn: "desc" }, { id: "desc" }], take: 200 }),
  ]);
  const recorders = await db().user.findMany({ where: { id: { in: [...new Set([...history, ...cpd].map((r) => r.recordedById))] } }, select: { id: true, name: true } });
  const nameOf = new Map(recorders.map((r) => [r.id, r.name]));
  return {
    user,
    current: history[0] ?? null,
    history: history.map((h) => ({ ...h, recordedBy: nameOf.get(h.recordedById) ?? "" })),
    cpd: cpd.map((c) => ({ ...c, recordedBy: nameOf.get(c.recordedById) ?? "" })),
    cpdHours: cpd.reduce((s, c) => s + c.hours, 0),
  };
}
