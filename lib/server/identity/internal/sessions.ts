import "server-only";
// Server-side sessions (decision 0006): the signed cookie carries only a session id; this table
// decides whether it still works, so signing out, deactivation and both timeouts take effect on
// the very next request, whatever copy of the cookie someone holds.
import type { Actor } from "@/lib/domain/policy";
import { isPlatformRole, type Role } from "@/lib/domain/roles";
import { SESSION_TOUCH_SECONDS, sessionVerdict } from "@/lib/domain/identity/session-lifetime";
import { config } from "@/lib/config";
import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/server/core/internal/db";

const actorUser = {
  id: true,
  centreId: true,
  name: true,
  email: true,
  active: true,
  roles: { select: { role: true } },
  externalVerifierCentres: { select: { centreId: true } },
} satisfies Prisma.UserSelect;
type ActorUser = Prisma.UserGetPayload<{ select: typeof actorUser }>;

function toActor(user: ActorUser): Actor | null {
  if (!user.active) return null;
  // Centre roles need a centre, and platform roles (EV, awarding body) need to belong to none: an EV
  // who works in a centre is not independent of it. A role on the wrong kind of account is ignored.
  const roles = user.roles.map((r) => r.role).filter((role: Role) => (user.centreId === null) === isPlatformRole(role));
  return {
    userId: user.id,
    centreId: user.centreId,
    name: user.name,
    email: user.email,
    roles,
    evCentreIds: user.externalVerifierCentres.map((c) => c.centreId),
  };
}

/** The Actor for an active user, read fresh (roles, appointments). For sessions and scripts. */
export async function loadActor(userId: string): Promise<Actor | null> {
  const user = await db().user.findUnique({ where: { id: userId }, select: actorUser });
  return user ? toActor(user) : null;
}

/** A new session for a user who has just proved who they are. */
export async function startSession(userId: string, ip: string | null): Promise<string> {
  const now = new Date();
  return db().$transaction(async (tx) => {
    const session = await tx.userSession.create({
      data: {
        userId,
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + config().SESSION_MAX_MINUTES * 60_000),
        ip,
      },
      select: { id: true, user: { select: { centreId: true } } },
    });
    // On the user's centre's trail (a platform account's on the platform's), with where from.
    await tx.auditEvent.create({
      data: {
        centreId: session.user.centreId,
        actorId: userId,
        action: "session.sign-in",
        subjectType: "User",
        subjectId: userId,
        detail: { sessionId: session.id, ip },
      },
    });
    return session.id;
  });
}

/**
 * The Actor behind a session id, or null when the session is over or its user inactive. Every
 * signed-in request starts here, so it is one statement (the session, its user, their roles and EV
 * appointments), not the four that a nested Prisma read sends.
 */
export async function actorForSession(sessionId: string, now = new Date()): Promise<Actor | null> {
  const [session] = await db().$queryRaw<
    {
      expiresAt: Date;
      lastSeenAt: Date;
      endedAt: Date | null;
      passwordAt: Date;
      id: string;
      centreId: string | null;
      name: string;
      email: string;
      active: boolean;
      roles: Role[];
      evCentreIds: string[];
    }[]
  >`
    SELECT s."expiresAt", s."lastSeenAt", s."endedAt", s."passwordAt", u.id, u."centreId"::text AS "centreId", u.name, u.email, u.active,
           ARRAY(SELECT r.role::text FROM "UserRole" r WHERE r."userId" = u.id) AS roles,
           ARRAY(SELECT e."centreId"::text FROM "ExternalVerifierCentre" e WHERE e."userId" = u.id) AS "evCentreIds"
    FROM "UserSession" s JOIN "User" u ON u.id = s."userId"
    WHERE s.id = ${sessionId}::uuid`;
  if (!session) return null;
  const verdict = sessionVerdict(session, now, config().SESSION_IDLE_MINUTES);
  if (verdict !== "live") {
    if (verdict === "idle") await endSession(sessionId, "idle");
    return null;
  }
  const user = toActor({
    id: session.id,
    centreId: session.centreId,
    name: session.name,
    email: session.email,
    active: session.active,
    roles: session.roles.map((role) => ({ role })),
    externalVerifierCentres: session.evCentreIds.map((centreId) => ({ centreId })),
  });
  if (!user) return null;
  const actor: Actor = { ...user, sessionId, passwordAt: session.passwordAt };
  if (now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_SECONDS * 1000) {
    // Conditional, so parallel requests write once and an ended session stays ended.
    await db().userSession.updateMany({
      where: { id: sessionId, endedAt: null, lastSeenAt: session.lastSeenAt },
      data: { lastSeenAt: now },
    });
  }
  return actor;
}

/** Ends one session (sign-out). Safe to repeat: an ended session keeps its first reason. */
export async function endSession(sessionId: string, reason: "sign-out" | "idle"): Promise<void> {
  await db().$transaction(async (tx) => {
    const { count } = await tx.userSession.updateMany({
      where: { id: sessionId, endedAt: null },
      data: { endedAt: new Date(), endReason: reason },
    });
    if (count === 0) return; // ended already: its end is on the trail once
    const session = await tx.userSession.findUniqueOrThrow({
      where: { id: sessionId },
      select: { userId: true, user: { select: { centreId: true } } },
    });
    await tx.auditEvent.create({
      data: {
        centreId: session.user.centreId,
        actorId: session.userId,
        action: reason === "sign-out" ? "session.sign-out" : "session.idle-timeout",
        subjectType: "User",
        subjectId: session.userId,
        detail: { sessionId },
      },
    });
  });
}

/** Ends every session of a user, inside the caller's transaction (deactivation, a password set from an invitation). */
export async function endUserSessions(
  tx: Prisma.TransactionClient,
  userId: string,
  reason: "deactivated" | "password-set",
): Promise<void> {
  await tx.userSession.updateMany({
    where: { userId, endedAt: null },
    data: { endedAt: new Date(), endReason: reason },
  });
}
