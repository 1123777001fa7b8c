import "server-only";
// The awarding body's side of external verification: EV accounts (platform accounts, no centre)
// and their appointments to centres. A centre administrator can do none of this (decision 0007).
import type { Actor } from "@/lib/domain/policy";
import { pageWindow, toPage } from "@/lib/domain/pagination";
import { hashPassword } from "@/lib/auth/password";
import { Prisma } from "@/lib/generated/prisma/client";
import type { CreateVerifierInput } from "@/lib/validation/user";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorize } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { requireRecentPassword } from "@/lib/server/core/reauthentication";
import { endUserSessions } from "@/lib/server/identity/internal/sessions";
import { isVerifier, platformVerifier } from "./internal/guards";

/** EV accounts are platform accounts: no centre (decision 0007). */

export async function listVerifiers(actor: Actor, query: { page: number }) {
  authorize(actor, "verifier.manage");
  const [items, total] = await Promise.all([
    db().user.findMany({
      where: isVerifier,
      select: {
        id: true,
        name: true,
        email: true,
        active: true,
        externalVerifierCentres: {
          select: { centre: { select: { id: true, name: true, code: true } } },
          orderBy: { centre: { name: "asc" } },
        },
      },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...pageWindow(query.page),
    }),
    db().user.count({ where: isVerifier }),
  ]);
  return toPage(
    items.map(({ externalVerifierCentres, ...v }) => ({ ...v, centres: externalVerifierCentres.map((c) => c.centre) })),
    total,
    query.page,
  );
}

/** One EV with their appointments; 404 for any account that is not an EV. */
export async function getVerifier(actor: Actor, userId: string) {
  authorize(actor, "verifier.manage");
  const user = await db().user.findFirst({
    where: { id: userId, ...isVerifier },
    select: {
      id: true,
      name: true,
      email: true,
      active: true,
      createdAt: true,
      externalVerifierCentres: {
        select: { assignedAt: true, centre: { select: { id: true, name: true, code: true } } },
        orderBy: { centre: { name: "asc" } },
      },
    },
  });
  if (!user) throw notFound();
  const { externalVerifierCentres, ...rest } = user;
  return { ...rest, appointments: externalVerifierCentres.map((a) => ({ ...a.centre, appointedAt: a.assignedAt })) };
}

/** Every centre on the platform, for appointing EVs. */
export async function listCentres(actor: Actor) {
  authorize(actor, "verifier.manage");
  return db().centre.findMany({
    select: { id: true, name: true, code: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/** An EV account: a platform account with no centre, so no centre's administrator can manage it. */
export async function createVerifier(actor: Actor, input: CreateVerifierInput): Promise<{ id: string }> {
  authorize(actor, "verifier.manage");
  requireRecentPassword(actor);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db().$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          centreId: null,
          email: input.email,
          name: input.name,
          passwordHash,
          roles: { create: { role: "EXTERNAL_VERIFIER" } },
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, {
        action: "verifier.create",
        subjectType: "User",
        subjectId: user.id,
        centreId: null,
      });
      return user;
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new AppError("EMAIL_TAKEN", { email: ["A user with that email address already exists."] });
    throw error;
  }
}

/** Deactivating ends every session the EV has, at once. */
export async function setVerifierActive(actor: Actor, input: { userId: string; active: boolean }) {
  authorize(actor, "verifier.manage");
  await platformVerifier(input.userId);
  requireRecentPassword(actor);
  if (input.userId === actor.userId) throw new AppError("SELF_LOCKOUT");
  await db().$transaction(async (tx) => {
    await tx.user.update({ where: { id: input.userId }, data: { active: input.active } });
    if (!input.active) await endUserSessions(tx, input.userId, "deactivated");
    await recordAudit(tx, actor, {
      action: input.active ? "verifier.reactivate" : "verifier.deactivate",
      subjectType: "User",
      subjectId: input.userId,
      centreId: null,
    });
  });
}

/** Appoints an EV to a centre. Appointing twice is harmless; the audit event belongs to that centre. */
export async function appointVerifier(actor: Actor, input: { userId: string; centreId: string }) {
  authorize(actor, "verifier.manage");
  await platformVerifier(input.userId);
  requireRecentPassword(actor);
  const centre = await db().centre.findUnique({ where: { id: input.centreId }, select: { id: true } });
  if (!centre) throw new AppError("INVALID_INPUT", { centreId: ["Choose a centre from the list."] });
  await db().$transaction(async (tx) => {
    const { count } = await tx.externalVerifierCentre.createMany({
      data: [{ userId: input.userId, centreId: input.centreId }],
      skipDuplicates: true,
    });
    if (count)
      await recordAudit(tx, actor, {
        action: "verifier.appoint",
        subjectType: "User",
        subjectId: input.userId,
        centreId: input.centreId,
      });
  });
}

/** Ends an appointment: from the EV's next request, the centre's records are closed to them. */
export async function endAppointment(actor: Actor, input: { userId: string; centreId: string }) {
  authorize(actor, "verifier.manage");
  await platformVerifier(input.userId);
  requireRecentPassword(actor);
  await db().$transaction(async (tx) => {
    const { count } = await tx.externalVerifierCentre.deleteMany({
      where: { userId: input.userId, centreId: input.centreId },
    });
    if (count)
      await recordAudit(tx, actor, {
        action: "verifier.appointment.end",
        subjectType: "User",
        subjectId: input.userId,
        centreId: input.centreId,
      });
  });
}
