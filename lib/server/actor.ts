import "server-only";
import type { Actor } from "@/lib/domain/policy";
import { db } from "./db";

/**
 * The Actor behind a session, read fresh from the database on every request: a deactivated user,
 * or one whose sessions were ended (sessionVersion bumped), gets null and is signed out.
 */
export async function loadActor(userId: string, sessionVersion: number): Promise<Actor | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    include: { roles: true, externalVerifierCentres: true },
  });
  if (!user || !user.active || user.sessionVersion !== sessionVersion) return null;
  return {
    userId: user.id,
    centreId: user.centreId,
    name: user.name,
    email: user.email,
    roles: user.roles.map((r) => r.role),
    evCentreIds: user.externalVerifierCentres.map((c) => c.centreId),
  };
}
