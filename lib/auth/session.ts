import "server-only";
import { getServerSession } from "next-auth";
import { forbidden, notFound, redirect } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import type { Actor } from "@/lib/domain/policy";
import { mayViewArea } from "@/lib/domain/policy";
import type { Area } from "@/lib/domain/roles";
import { actorForSession } from "@/lib/server/identity/internal/sessions";
import { authOptions, type SessionUser } from "./auth-options";

/** The signed-in, still-active user of a live session, or null. Checked against the database on every request. */
export const getActor = cache(async function getActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions);
  const sessionId = (session?.user as Partial<SessionUser> | undefined)?.sessionId;
  if (typeof sessionId !== "string" || !z.uuid().safeParse(sessionId).success) return null;
  return actorForSession(sessionId);
});

export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For pages of a role's area: anonymous visitors go to sign-in, users without the role get 403. */
export async function requireArea(area: Area): Promise<Actor> {
  const actor = await requireActor();
  if (!mayViewArea(actor, area)) forbidden();
  return actor;
}

/** A route's id segment, or the 404 page: ids that are not UUIDs cannot name anything. */
export function idParam(value: string): string {
  const parsed = z.uuid().safeParse(value);
  if (!parsed.success) notFound();
  return parsed.data;
}
