import "server-only";
import type { Actor } from "@/lib/domain/policy";
import { pageWindow, toPage, type Page } from "@/lib/domain/pagination";
import { CENTRE_ROLES, isPlatformRole, type Role } from "@/lib/domain/roles";
import { hashPassword } from "@/lib/auth/password";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CreateUserInput } from "@/lib/validation/user";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, ERROR_TEXT, notFound } from "@/lib/server/core/errors";
import { requireRecentPassword } from "@/lib/server/core/reauthentication";
import { endUserSessions } from "./internal/sessions";
import { centreUser } from "./internal/guards";
import { storedDate } from "@/lib/domain/today";

export interface UserRow {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  active: boolean;
}

const userRow = { id: true, name: true, email: true, active: true, roles: { select: { role: true } } } as const;
const toRow = (u: { id: string; name: string; email: string; active: boolean; roles: { role: Role }[] }): UserRow => ({
  ...u,
  roles: u.roles.map((r) => r.role),
});

export async function listUsers(
  actor: Actor,
  query: { page: number; q?: string; role?: Role },
): Promise<Page<UserRow>> {
  const centreId = authorizeOwnCentre(actor, "user.list");
  const where: Prisma.UserWhereInput = {
    centreId,
    ...(query.role ? { roles: { some: { role: query.role } } } : {}),
    ...(query.q
      ? {
          OR: [
            { name: { contains: query.q, mode: "insensitive" } },
            { email: { contains: query.q, mode: "insensitive" } },
          ],
        }
      : {}),
  };
  const [users, total] = await Promise.all([
    db().user.findMany({
      where,
      select: userRow,
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...pageWindow(query.page),
    }),
    db().user.count({ where }),
  ]);
  return toPage(users.map(toRow), total, query.page);
}

/** A user of the actor's centre, with the assignments an administrator manages. 404 for any other. */
export async function getUserForAdmin(actor: Actor, userId: string) {
  const centreId = authorizeOwnCentre(actor, "user.manage");
  const user = await db().user.findFirst({
    where: { id: userId, centreId },
    select: {
      ...userRow,
      createdAt: true,
      dateOfBirth: true,
      startedAtCentreOn: true,
      withdrawnAt: true,
      withdrawalReason: true,
      anonymisedAt: true,
      assessedBy: { select: { assessor: { select: { id: true, name: true } } }, orderBy: { assignedAt: "asc" } },
      assessing: { select: { candidate: { select: { id: true, name: true } } }, orderBy: { assignedAt: "asc" } },
    },
  });
  if (!user) throw notFound();
  return {
    ...toRow(user),
    createdAt: user.createdAt,
    dateOfBirth: user.dateOfBirth,
    startedAtCentreOn: user.startedAtCentreOn,
    withdrawnAt: user.withdrawnAt,
    withdrawalReason: user.withdrawalReason,
    anonymisedAt: user.anonymisedAt,
    assessors: user.assessedBy.map((a) => a.assessor),
    caseload: user.assessing.map((a) => a.candidate),
  };
}

export async function listCentreAssessors(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "assignment.manage");
  return db().user.findMany({
    where: { centreId, active: true, roles: { some: { role: "ASSESSOR" } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

/**
 * A centre gives only centre roles. External verifiers are appointed by the awarding body
 * (lib/server/awarding-body/verifiers.ts): the centre being verified must not control its verifier.
 */
function refusePlatformRoles(roles: readonly Role[]) {
  const platform = roles.filter(isPlatformRole);
  if (platform.length) throw new AppError("PLATFORM_ROLE", { roles: [ERROR_TEXT.PLATFORM_ROLE] });
}

export async function createUser(actor: Actor, input: CreateUserInput): Promise<{ id: string }> {
  const centreId = authorizeOwnCentre(actor, "user.create");
  refusePlatformRoles(input.roles);
  requireRecentPassword(actor); // gives roles
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          centreId,
          email: input.email,
          name: input.name,
          passwordHash,
          dateOfBirth: input.roles.includes("CANDIDATE") && input.dateOfBirth ? storedDate(input.dateOfBirth) : null,
          roles: { create: input.roles.map((role) => ({ role })) },
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "user.create",
        subjectType: "User",
        subjectId: user.id,
        detail: { roles: input.roles },
      });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError("EMAIL_TAKEN", { email: ["A user with that email address already exists."] });
    throw error;
  }
}

/** Records or corrects a candidate's date of birth (audited with the value it replaces). */
export async function setDateOfBirth(actor: Actor, input: { userId: string; dateOfBirth: string }): Promise<void> {
  const centreId = authorizeOwnCentre(actor, "user.manage");
  const user = await db().user.findFirst({
    where: { id: input.userId, centreId },
    select: { id: true, dateOfBirth: true, roles: { select: { role: true } } },
  });
  if (!user) throw notFound();
  if (!user.roles.some((r) => r.role === "CANDIDATE")) throw new AppError("NOT_A_CANDIDATE");
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { dateOfBirth: storedDate(input.dateOfBirth) } });
    await recordAudit(tx, actor, {
      action: "user.date-of-birth",
      subjectType: "User",
      subjectId: user.id,
      detail: { before: user.dateOfBirth?.toISOString().slice(0, 10) ?? null, after: input.dateOfBirth },
    });
  });
}

/**
 * Records when a member of staff started at the centre: the sampling plan's "new to the centre"
 * reads it (an account made when records moved from paper says nothing of someone's years here).
 */
export async function setStartedAtCentre(actor: Actor, input: { userId: string; startedOn: string }): Promise<void> {
  const centreId = authorizeOwnCentre(actor, "user.manage");
  const user = await db().user.findFirst({
    where: { id: input.userId, centreId },
    select: { id: true, startedAtCentreOn: true },
  });
  if (!user) throw notFound();
  await db().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { startedAtCentreOn: storedDate(input.startedOn) },
    });
    await recordAudit(tx, actor, {
      action: "user.started-at-centre",
      subjectType: "User",
      subjectId: user.id,
      detail: { before: user.startedAtCentreOn?.toISOString().slice(0, 10) ?? null, after: input.startedOn },
    });
  });
}

export async function setUserRoles(actor: Actor, input: { userId: string; roles: Role[] }) {
  await centreUser(actor, input.userId);
  refusePlatformRoles(input.roles);
  requireRecentPassword(actor);
  if (input.userId === actor.userId && !input.roles.includes("CENTRE_ADMIN")) throw new AppError("SELF_LOCKOUT");
  await db().$transaction(async (tx) => {
    // Only centre roles change here; a platform role the user may hold is not the centre's to remove.
    await tx.userRole.deleteMany({
      where: { userId: input.userId, role: { notIn: input.roles, in: [...CENTRE_ROLES] } },
    });
    await tx.userRole.createMany({
      data: input.roles.map((role) => ({ userId: input.userId, role })),
      skipDuplicates: true,
    });
    await recordAudit(tx, actor, {
      action: "user.roles.set",
      subjectType: "User",
      subjectId: input.userId,
      detail: { roles: input.roles },
    });
  });
}

/** Deactivating also ends the user's sessions: their next request finds the session over. */
export async function setUserActive(actor: Actor, input: { userId: string; active: boolean }) {
  await centreUser(actor, input.userId);
  if (input.userId === actor.userId) throw new AppError("SELF_LOCKOUT");
  requireRecentPassword(actor);
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: input.userId }, data: { active: input.active } });
    if (!input.active) await endUserSessions(tx, input.userId, "deactivated");
    await recordAudit(tx, actor, {
      action: input.active ? "user.reactivate" : "user.deactivate",
      subjectType: "User",
      subjectId: input.userId,
    });
  });
}

/**
 * Records that a candidate has left the programme without certification (the retention period
 * runs from it), or, with `withdrawn: false`, that they are back. Each is audited with the reason.
 * Refused once the retention job has anonymised them: there is nobody left to come back.
 */
export async function setWithdrawal(
  actor: Actor,
  input: { userId: string; withdrawn: boolean; reason: string },
): Promise<void> {
  const centreId = authorizeOwnCentre(actor, "user.manage");
  const user = await db().user.findFirst({
    where: { id: input.userId, centreId, roles: { some: { role: "CANDIDATE" } } },
    select: { id: true },
  });
  if (!user) throw notFound();
  if (input.withdrawn && input.reason.trim() === "")
    throw new AppError("INVALID_INPUT", { reason: ["Give the reason for the withdrawal."] });
  requireRecentPassword(actor); // starts the clock on removing their personal data
  await db().$transaction(async (tx) => {
    // Conditional on the state shown, so a double submit records one change.
    const { count } = await tx.user.updateMany({
      where: { id: input.userId, anonymisedAt: null, withdrawnAt: input.withdrawn ? null : { not: null } },
      data: input.withdrawn
        ? { withdrawnAt: new Date(), withdrawalReason: input.reason.trim() }
        : { withdrawnAt: null, withdrawalReason: null },
    });
    if (count === 0) throw new AppError("STALE");
    await recordAudit(tx, actor, {
      action: input.withdrawn ? "candidate.withdraw" : "candidate.return",
      subjectType: "User",
      subjectId: input.userId,
      detail: { reason: input.reason.trim() },
    });
  });
}
