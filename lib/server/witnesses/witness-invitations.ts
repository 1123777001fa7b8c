import "server-only";
// Invitation links: a witness added to the register has a password nobody knows; the assessor
// gives them a link with which they set their own, once. Only the SHA-256 of the link's random
// token is stored, so the table cannot be turned back into working links. Reading and accepting an
// invitation needs no session: the token is the credential (the page is public, like /login).
import { createHash, randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { Actor } from "@/lib/domain/policy";
import type { Prisma } from "@/lib/generated/prisma/client";
import { INVITATION_TOKEN_PATTERN } from "@/lib/validation/witness";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { endUserSessions } from "@/lib/server/identity/internal/sessions";

/**
 * How long a link works: long enough to reach a line manager at another organisation by email and
 * for them to get round to it, short enough that a link forgotten in an inbox soon stops being a
 * way into the account. Creating a new link ends the witness's earlier unused ones at once.
 */
export const INVITATION_VALID_DAYS = 7;

const hashToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** Creates a link for a registered witness of the assessor's centre. The token is returned once and never stored. */
export async function createWitnessInvitation(
  actor: Actor,
  input: { witnessId: string },
): Promise<{ token: string; expiresAt: Date; name: string }> {
  const centreId = authorizeOwnCentre(actor, "witness.register.manage");
  const witness = await db().expertWitness.findFirst({
    where: { userId: input.witnessId, user: { centreId } },
    select: { accountCreated: true, user: { select: { active: true, name: true } } },
  });
  if (!witness) throw notFound();
  const problem = await invitationProblem(db(), input.witnessId, witness.accountCreated);
  if (problem) throw new AppError("INVALID_INPUT", { witnessId: [problem] });
  if (!witness.user.active) {
    throw new AppError("INVALID_INPUT", {
      witnessId: ["This witness's account is deactivated. The centre administrator can reactivate it first."],
    });
  }
  const token = randomBytes(32).toString("base64url");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + INVITATION_VALID_DAYS * 24 * 60 * 60 * 1000);
  await db().$transaction(async (tx) => {
    const replaced = await tx.witnessInvitation.updateMany({
      where: { userId: input.witnessId, usedAt: null, expiresAt: { gt: now } },
      data: { expiresAt: now },
    });
    const invitation = await tx.witnessInvitation.create({
      data: { userId: input.witnessId, tokenHash: hashToken(token), expiresAt, createdById: actor.userId },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "witness.invite",
      subjectType: "User",
      subjectId: input.witnessId,
      detail: { invitationId: invitation.id, expiresAt: expiresAt.toISOString(), replacedLinks: replaced.count },
    });
  });
  return { token, expiresAt, name: witness.user.name };
}

/**
 * Why this account may not be sent a link: a link sets the password, so it is only for an account
 * the register made, that nobody has set a password for yet, and that is only a witness's. Anything
 * else (an account an administrator made, a witness already signed up, an account that has since
 * been given another role) would let an assessor take over someone's sign-in.
 */
async function invitationProblem(
  client: Prisma.TransactionClient | ReturnType<typeof db>,
  userId: string,
  accountCreated: boolean,
  except?: string,
) {
  if (!accountCreated)
    return "This witness's account was not made by the register, so it already has its own password. The centre administrator manages it.";
  const roles = await client.userRole.findMany({ where: { userId }, select: { role: true } });
  if (roles.length !== 1 || roles[0]!.role !== "EXPERT_WITNESS")
    return "This account has other roles besides expert witness, so it cannot be sent an invitation link.";
  const used = await client.witnessInvitation.count({
    where: { userId, usedAt: { not: null }, ...(except ? { id: { not: except } } : {}) },
  });
  if (used > 0)
    return "This witness has already set their password with an earlier link. If they have forgotten it, the centre administrator can help.";
  return null;
}

const invitationSelect = {
  id: true,
  expiresAt: true,
  usedAt: true,
  userId: true,
} satisfies Prisma.WitnessInvitationSelect;

/** Why an invitation cannot be used now, as the error the user sees. */
function refusal(invitation: { expiresAt: Date; usedAt: Date | null }, now: Date): AppError | null {
  if (invitation.usedAt) return new AppError("INVITATION_USED");
  if (invitation.expiresAt.getTime() <= now.getTime()) return new AppError("INVITATION_EXPIRED");
  return null;
}

async function usableInvitation(token: string, now: Date) {
  if (!INVITATION_TOKEN_PATTERN.test(token)) throw new AppError("INVITATION_UNKNOWN");
  const invitation = await db().witnessInvitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: invitationSelect,
  });
  if (!invitation) throw new AppError("INVITATION_UNKNOWN");
  const problem = refusal(invitation, now);
  if (problem) throw problem;
  // A deactivated account is not to be brought back by an old link.
  const user = await db().user.findUnique({
    where: { id: invitation.userId },
    select: { id: true, centreId: true, name: true, email: true, active: true },
  });
  if (!user?.active) throw new AppError("INVITATION_UNKNOWN");
  return { invitation, user };
}

/** Whom a link is for, while it can still be used; otherwise the reason as an AppError. */
export async function getInvitation(token: string): Promise<{ name: string; email: string; expiresAt: Date }> {
  const { invitation, user } = await usableInvitation(token, new Date());
  return { name: user.name, email: user.email, expiresAt: invitation.expiresAt };
}

/**
 * Sets the witness's password from a link, once. The link is claimed by a conditional update (not
 * yet used, not expired), so of two submissions at the same moment exactly one wins; the other is
 * told the link has been used. Any session the account had is ended.
 */
export async function acceptInvitation(token: string, input: { password: string }): Promise<void> {
  const { invitation, user } = await usableInvitation(token, new Date());
  const passwordHash = await hashPassword(input.password);
  // The witness is not signed in: the audit event is theirs, in their centre.
  const witness: Actor = {
    userId: user.id,
    centreId: user.centreId,
    name: user.name,
    email: user.email,
    roles: [],
    evCentreIds: [],
  };
  await db().$transaction(async (tx) => {
    const now = new Date();
    const claimed = await tx.witnessInvitation.updateMany({
      where: { id: invitation.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (claimed.count === 0) {
      const current = await tx.witnessInvitation.findUniqueOrThrow({
        where: { id: invitation.id },
        select: invitationSelect,
      });
      throw refusal(current, now) ?? new AppError("INVITATION_USED");
    }
    // Again, inside the claim: roles or the account may have changed since the link was made.
    const profile = await tx.expertWitness.findUnique({ where: { userId: user.id }, select: { accountCreated: true } });
    if (!profile || (await invitationProblem(tx, user.id, profile.accountCreated, invitation.id)))
      throw new AppError("INVITATION_UNKNOWN");
    await tx.user.update({ where: { id: user.id }, data: { passwordHash } });
    await endUserSessions(tx, user.id, "password-set");
    await recordAudit(tx, witness, {
      action: "witness.invitation.accept",
      subjectType: "User",
      subjectId: user.id,
      detail: { invitationId: invitation.id },
    });
  });
}
