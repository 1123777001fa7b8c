import "server-only";
import type { Action, Actor } from "@/lib/domain/policy";
import { mayAccessCentre, mayAttempt } from "@/lib/domain/policy";
import { forbidden, notFound } from "../errors";

type RoleAction = Exclude<Action, "area.view" | "candidate.view">;

/** Function-level check: the actor's roles allow this action at all (else 403). */
export function authorize(actor: Actor, action: RoleAction): void {
  if (!mayAttempt(actor, action)) throw forbidden();
}

/** Object-level check on top: the object's centre is one the actor works in (else 404). */
export function authorizeCentre(actor: Actor, action: RoleAction, centreId: string): void {
  authorize(actor, action);
  if (!mayAccessCentre(actor, action, centreId)) throw notFound();
}

/**
 * For actions on the actor's own centre: checks the role and returns the centre's id. Platform
 * accounts (no centre) are refused here, so `centreId: null` can never reach a query as a filter.
 */
export function authorizeOwnCentre(actor: Actor, action: RoleAction): string {
  authorize(actor, action);
  if (actor.centreId === null) throw forbidden();
  authorizeCentre(actor, action, actor.centreId);
  return actor.centreId;
}

/**
 * For records an EV reads at the centres they verify and a centre's own staff use at theirs: an EV
 * names one of their centres (else 404); anyone else gets their own centre, for `action`.
 */
export function authorizeVerifiedOrOwnCentre(actor: Actor, action: RoleAction, centreId?: string): string {
  if (centreId !== undefined && actor.roles.includes("EXTERNAL_VERIFIER")) {
    authorizeCentre(actor, "centre.verify", centreId);
    return centreId;
  }
  return authorizeOwnCentre(actor, action);
}
