// Assessor and internal verifier competence: the staff record of each assessor's status (qualified
// with A1/D32/D33 or a TAQA successor, or working towards it) and each IV's (V1/D34 or TAQA IQA),
// occupational competence and CPD. C&G 3412 section 2:
// staff "should hold, or be working towards, the relevant Assessor/Verifier (A/V) units"; OCR:
// assessors "maintain their occupational competence … through … CPD". Records are append-only:
// the latest counts, and the history shows every change.
import "server-only";
import type { Actor } from "@/lib/domain/policy";
import type { CompetenceInput } from "@/lib/validation/assessment";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorize, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { standardisationOf } from "./internal/standardisation-records";
import { AppError, forbidden, notFound } from "@/lib/server/core/errors";
import { centreStaff, STAFF_ROLES, type StaffRole } from "./internal/guards";
import { storedDate } from "@/lib/domain/today";

export async function recordCompetence(actor: Actor, input: CompetenceInput): Promise<void> {
  const centreId = authorizeOwnCentre(actor, "competence.manage");
  await centreStaff(centreId, input.userId, input.role);
  // An administrator who also assesses or verifies cannot declare themselves qualified: that would
  // lift the countersignature their decisions need.
  if (input.userId === actor.userId)
    throw new AppError("INVALID_INPUT", {
      userId: ["Nobody records their own status: another administrator records it."],
    });
  await db().$transaction(async (tx) => {
    const record = await tx.assessorCompetence.create({
      data: {
        userId: input.userId,
        role: input.role,
        status: input.status,
        award: input.award || null,
        achievedOn: input.achievedOn ? storedDate(input.achievedOn) : null,
        certificateNumber: input.certificateNumber || null,
        occupationalCompetence: input.occupationalCompetence,
        recordedById: actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "competence.record",
      subjectType: "User",
      subjectId: input.userId,
      detail: { recordId: record.id, role: input.role, status: input.status, award: input.award },
    });
  });
}

/** CPD: the centre administrator or the assessor or IV themselves records it. */
export async function addCpd(
  actor: Actor,
  input: { userId: string; activityOn: string; activity: string; hours: number },
): Promise<void> {
  if (
    input.userId === actor.userId &&
    (actor.roles.includes("ASSESSOR") || actor.roles.includes("INTERNAL_VERIFIER")) &&
    actor.centreId
  ) {
    await centreStaff(actor.centreId, actor.userId);
  } else {
    const centreId = authorizeOwnCentre(actor, "competence.manage");
    await centreStaff(centreId, input.userId);
  }
  await db().$transaction(async (tx) => {
    const entry = await tx.cpdEntry.create({
      data: {
        userId: input.userId,
        activityOn: storedDate(input.activityOn),
        activity: input.activity,
        hours: input.hours,
        recordedById: actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "competence.cpd",
      subjectType: "User",
      subjectId: input.userId,
      detail: { entryId: entry.id, hours: input.hours },
    });
  });
}

/** The latest record for each role: the current status. */
function currentByRole<T extends { role: StaffRole }>(records: T[]): Record<StaffRole, T | null> {
  return {
    ASSESSOR: records.find((r) => r.role === "ASSESSOR") ?? null,
    INTERNAL_VERIFIER: records.find((r) => r.role === "INTERNAL_VERIFIER") ?? null,
  };
}

/** The centre's assessors and IVs with their current status in each role they hold, for the administrator and IVs. */
export async function listAssessorCompetence(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "competence.view");
  if (!actor.roles.includes("CENTRE_ADMIN") && !actor.roles.includes("INTERNAL_VERIFIER")) throw forbidden();
  const staff = await db().user.findMany({
    where: { centreId, roles: { some: { role: { in: STAFF_ROLES } } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, name: true, active: true, roles: { select: { role: true } } },
  });
  // The latest record per person and role, in one query.
  const latest = await db().$queryRaw<
    {
      userId: string;
      role: StaffRole;
      status: "QUALIFIED" | "WORKING_TOWARDS";
      award: string | null;
      recordedAt: Date;
    }[]
  >`
    SELECT DISTINCT ON ("userId", role) "userId", role::text AS role, status::text AS status, award, "recordedAt"
    FROM "AssessorCompetence" WHERE "userId" = ANY(${staff.map((s) => s.id)}::uuid[])
    ORDER BY "userId", role, "recordedAt" DESC, id DESC`;
  return staff.map((a) => ({
    id: a.id,
    name: a.name,
    active: a.active,
    roles: STAFF_ROLES.filter((r) => a.roles.some((x) => x.role === r)),
    current: currentByRole(latest.filter((l) => l.userId === a.id)),
  }));
}

/** One assessor's or IV's record with its history and CPD: their centre's administrator and IVs, and the person themselves. */
export async function getAssessorCompetence(actor: Actor, userId: string) {
  const self =
    userId === actor.userId && (actor.roles.includes("ASSESSOR") || actor.roles.includes("INTERNAL_VERIFIER"));
  if (!self) authorize(actor, "competence.view");
  if (actor.centreId === null) throw notFound();
  if (!self && !actor.roles.includes("CENTRE_ADMIN") && !actor.roles.includes("INTERNAL_VERIFIER")) throw forbidden();
  const user = await centreStaff(actor.centreId, userId);
  const [history, cpd, standardisation] = await Promise.all([
    db().assessorCompetence.findMany({
      where: { userId },
      orderBy: [{ recordedAt: "desc" }, { id: "desc" }],
      take: 100,
    }),
    db().cpdEntry.findMany({ where: { userId }, orderBy: [{ activityOn: "desc" }, { id: "desc" }], take: 200 }),
    standardisationOf(userId),
  ]);
  const recorders = await db().user.findMany({
    where: { id: { in: [...new Set([...history, ...cpd].map((r) => r.recordedById))] } },
    select: { id: true, name: true },
  });
  const nameOf = new Map(recorders.map((r) => [r.id, r.name]));
  return {
    user,
    current: currentByRole(history),
    history: history.map((h) => ({ ...h, recordedBy: nameOf.get(h.recordedById) ?? "" })),
    cpd: cpd.map((c) => ({ ...c, recordedBy: nameOf.get(c.recordedById) ?? "" })),
    cpdHours: cpd.reduce((s, c) => s + c.hours, 0),
    standardisation,
  };
}
