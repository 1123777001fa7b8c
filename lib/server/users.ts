import "server-only";
import type { Actor } from "@/lib/domain/policy";
import { pageWindow, toPage, type Page } from "@/lib/domain/pagination";
import type { Role } from "@/lib/domain/roles";
import { hashPassword } from "@/lib/auth/password";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CreateUserInput } from "@/lib/validation/user";
import { recordAudit } from "./audit";
import { authorizeCentre } from "./authorize";
import { db } from "./db";
import { AppError, notFound } from "./errors";

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

export async function listUsers(actor: Actor, query: { page: number; q?: string; role?: Role }): Promise<Page<UserRow>> {
  authorizeCentre(actor, "user.list", actor.centreId);
  const where: Prisma.UserWhereInput = {
    centreId: actor.centreId,
    ...(query.role ? { roles: { some: { role: query.role } } } : {}),
    ...(query.q
      ? { OR: [{ name: { contains: query.q, mode: "insensitive" } }, { email: { contains: query.q, mode: "insensitive" } }] }
      : {}),
  };
  const [users, total] = await Promise.all([
    db().user.findMany({ where, select: userRow, orderBy: [{ name: "asc" }, { id: "asc" }], ...pageWindow(query.page) }),
    db().user.count({ where }),
  ]);
  return toPage(users.map(toRow), total, query.page);
}

/** A user of the actor's centre, with the assignments an administrator manages. 404 for any other. */
export async function getUserForAdmin(actor: Actor, userId: string) {
  authorizeCentre(actor, "user.manage", actor.centreId);
  const user = await db().user.findFirst({
    where: { id: userId, centreId: actor.centreId },
    select: {
      ...userRow,
      createdAt: true,
      assessedBy: { select: { assessor: { select: { id: true, name: true } } }, orderBy: { assignedAt: "asc" } },
      assessing: { select: { candidate: { select: { id: true, name: true } } }, orderBy: { assignedAt: "asc" } },
    },
  });
  if (!user) throw notFound();
  return {
    ...toRow(user),
    createdAt: user.createdAt,
    assessors: user.assessedBy.map((a) => a.assessor),
    caseload: user.assessing.map((a) => a.candidate),
  };
}

export async function listCentreAssessors(actor: Actor) {
  authorizeCentre(actor, "assignment.manage", actor.centreId);
  return db().user.findMany({
    where: { centreId: actor.centreId, active: true, roles: { some: { role: "ASSESSOR" } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}

export async function createUser(actor: Actor, input: CreateUserInput): Promise<{ id: string }> {
  authorizeCentre(actor, "user.create", actor.centreId);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          centreId: actor.centreId,
          email: input.email,
          name: input.name,
          passwordHash,
          roles: { create: input.roles.map((role) => ({ role })) },
          // The account is registered by this centre, so it verifies this centre to begin with.
          ...(input.roles.includes("EXTERNAL_VERIFIER") ? { externalVerifierCentres: { create: { centreId: actor.centreId } } } : {}),
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, { action: "user.create", subjectType: "User", subjectId: user.id, detail: { roles: input.roles } });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw new AppError("EMAIL_TAKEN", { email: ["A user with that email address already exists."] });
    throw error;
  }
}

async function centreUser(actor: Actor, userId: string) {
  authorizeCentre(actor, "user.manage", actor.centreId);
  const user = await db().user.findFirst({ where: { id: userId, centreId: actor.centreId }, select: { id: true } });
  if (!user) throw notFound();
  return user;
}

export async function setUserRoles(actor: Actor, input: { userId: string; roles: Role[] }) {
  await centreUser(actor, input.userId);
  if (input.userId === actor.userId && !input.roles.includes("CENTRE_ADMIN")) throw new AppError("SELF_LOCKOUT");
  await db().$transaction(async (tx) => {
    await tx.userRole.deleteMany({ where: { userId: input.userId, role: { notIn: input.roles } } });
    await tx.userRole.createMany({ data: input.roles.map((role) => ({ userId: input.userId, role })), skipDuplicates: true });
    if (input.roles.includes("EXTERNAL_VERIFIER")) {
      await tx.externalVerifierCentre.createMany({ data: [{ userId: input.userId, centreId: actor.centreId }], skipDuplicates: true });
    }
    await recordAudit(tx, actor, { action: "user.roles.set", subjectType: "User", subjectId: input.userId, detail: { roles: input.roles } });
  });
}

/** Deactivating also ends the user's sessions: their next request finds a changed sessionVersion. */
export async function setUserActive(actor: Actor, input: { userId: string; active: boolean }) {
  await centreUser(actor, input.userId);
  if (input.userId === actor.userId) throw new AppError("SELF_LOCKOUT");
  await db().$transaction(async (tx) => {
    await tx.user.update({
      where: { id: input.userId },
      data: { active: input.active, ...(input.active ? {} : { sessionVersion: { increment: 1 } }) },
    });
    await recordAudit(tx, actor, { action: input.active ? "user.reactivate" : "user.deactivate", subjectType: "User", subjectId: input.userId });
  });
}
