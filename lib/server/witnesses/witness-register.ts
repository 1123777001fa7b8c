// The centre's expert witness register. OCR (scheme overview, "Assessor"): the assessor vets expert
// witnesses, "including evidence of occupational competence", and keeps "an up-to-date register of
// all accepted expert witnesses and the candidates to whom they refer", which the internal and
// external verifiers review. Vetting decisions are append-only rows (a trigger refuses UPDATE and
// DELETE); the latest one counts.
import "server-only";
import { randomBytes } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import { pageWindow, toPage } from "@/lib/domain/pagination";
import { type Actor } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AddWitnessInput, LinkWitnessInput, VetWitnessInput } from "@/lib/validation/witness";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorizeCentre, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { userNames } from "@/lib/server/core/internal/user-names";
import { AppError, notFound } from "@/lib/server/core/errors";
import { registeredWitness } from "./internal/guards";

/** The latest vetting decision comes first. */
export const latestVetting = {
  orderBy: [{ decidedAt: "desc" }, { id: "desc" }] as Prisma.WitnessVettingOrderByWithRelationInput[],
  take: 1,
};

async function registerPage(centreId: string, page: number) {
  const where: Prisma.ExpertWitnessWhereInput = { user: { centreId } };
  const [rows, total] = await Promise.all([
    db().expertWitness.findMany({
      where,
      orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
      ...pageWindow(page),
      select: {
        userId: true,
        organisation: true,
        jobRole: true,
        occupationalCompetence: true,
        addedAt: true,
        user: {
          select: {
            name: true,
            email: true,
            active: true,
            witnessFor: {
              where: { candidate: { centreId } },
              select: { relationship: true, createdAt: true, candidate: { select: { id: true, name: true } } },
              orderBy: { candidate: { name: "asc" } },
            },
          },
        },
        vettings: { ...latestVetting, select: { approved: true, note: true, decidedAt: true, decidedById: true } },
      },
    }),
    db().expertWitness.count({ where }),
  ]);
  const deciders = await userNames(rows.flatMap((r) => r.vettings.map((v) => v.decidedById)));
  const entries = rows.map((r) => {
    const vetting = r.vettings[0];
    return {
      id: r.userId,
      name: r.user.name,
      email: r.user.email,
      active: r.user.active,
      organisation: r.organisation,
      jobRole: r.jobRole,
      occupationalCompetence: r.occupationalCompetence,
      addedAt: r.addedAt,
      vetting: vetting
        ? {
            approved: vetting.approved,
            note: vetting.note,
            decidedAt: vetting.decidedAt,
            decidedBy: deciders.get(vetting.decidedById) ?? "Unknown",
          }
        : null,
      candidates: r.user.witnessFor.map((n) => ({
        id: n.candidate.id,
        name: n.candidate.name,
        relationship: n.relationship,
        linkedAt: n.createdAt,
      })),
    };
  });
  return toPage(entries, total, page);
}
export type WitnessRegisterPage = Awaited<ReturnType<typeof registerPage>>;
export type WitnessRegisterEntry = WitnessRegisterPage["items"][number];

/** The register of the actor's own centre: for its assessors, internal verifiers and administrators. */
export async function listWitnessRegister(actor: Actor, query: { page: number }): Promise<WitnessRegisterPage> {
  const centreId = authorizeOwnCentre(actor, "witness.register.view");
  return registerPage(centreId, query.page);
}

/** The register of a centre the external verifier is appointed to; 404 for any other centre. */
export async function listVerifiedCentreWitnesses(actor: Actor, centreId: string, query: { page: number }) {
  authorizeCentre(actor, "centre.verify", centreId);
  const centre = await db().centre.findUnique({
    where: { id: centreId },
    select: { id: true, name: true, code: true },
  });
  if (!centre) throw notFound();
  return { centre, register: await registerPage(centreId, query.page) };
}

/** What the assessor's register forms choose from: the centre's witnesses and the assessor's caseload. */
export async function getRegisterChoices(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "witness.register.manage");
  const [witnesses, candidates] = await Promise.all([
    db().expertWitness.findMany({
      where: { user: { centreId } },
      select: { userId: true, organisation: true, user: { select: { name: true, active: true } } },
      orderBy: [{ user: { name: "asc" } }, { userId: "asc" }],
    }),
    db().user.findMany({
      where: { centreId, roles: { some: { role: "CANDIDATE" } }, assessedBy: { some: { assessorId: actor.userId } } },
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
    }),
  ]);
  return {
    witnesses: witnesses.map((w) => ({
      id: w.userId,
      name: w.user.name,
      organisation: w.organisation,
      active: w.user.active,
    })),
    candidates,
  };
}

const emailTaken = () => new AppError("EMAIL_TAKEN", { email: ["A user with that email address already exists."] });

/**
 * Puts a witness on the register. A new person gets a centre account with the expert witness role
 * and a random password nobody knows: they set their own from an invitation link. An existing
 * witness account of the centre (made by its administrator) that is not yet on the register gets
 * its entry; any other existing email is refused.
 */
export async function addWitness(actor: Actor, input: AddWitnessInput): Promise<{ id: string }> {
  const centreId = authorizeOwnCentre(actor, "witness.register.manage");
  const entry = {
    organisation: input.organisation,
    jobRole: input.jobRole,
    occupationalCompetence: input.occupationalCompetence,
    addedById: actor.userId,
  };
  const existing = await db().user.findUnique({
    where: { email: input.email },
    select: {
      id: true,
      centreId: true,
      roles: { select: { role: true } },
      witnessProfile: { select: { userId: true } },
    },
  });
  // Only a witness-only account of the centre may be taken onto the register: never one with other
  // roles (an administrator or IV), whose sign-in an invitation must not be able to take over.
  const witnessOnly = existing?.roles.length === 1 && existing.roles[0]!.role === "EXPERT_WITNESS";
  if (existing && (existing.centreId !== centreId || existing.witnessProfile || !witnessOnly)) throw emailTaken();
  const passwordHash = existing ? null : await hashPassword(randomBytes(32).toString("base64url"));
  try {
    return await db().$transaction(async (tx) => {
      const id = existing
        ? (await tx.expertWitness.create({ data: { userId: existing.id, ...entry }, select: { userId: true } })).userId
        : (
            await tx.user.create({
              data: {
                centreId,
                email: input.email,
                name: input.name,
                passwordHash: passwordHash!,
                roles: { create: [{ role: "EXPERT_WITNESS" }] },
                witnessProfile: { create: { ...entry, accountCreated: true } },
              },
              select: { id: true },
            })
          ).id;
      await recordAudit(tx, actor, {
        action: "witness.register.add",
        subjectType: "User",
        subjectId: id,
        detail: { organisation: input.organisation, jobRole: input.jobRole, newAccount: !existing },
      });
      return { id };
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw emailTaken();
    throw error;
  }
}

/**
 * Records that a registered witness may give testimony for a candidate on the assessor's own
 * caseload, and how they know the candidate's work. Linking again changes the relationship.
 */
export async function linkWitness(actor: Actor, input: LinkWitnessInput): Promise<void> {
  const centreId = authorizeOwnCentre(actor, "witness.register.manage");
  await registeredWitness(centreId, input.witnessId);
  const onCaseload = await db().assessorAssignment.findFirst({
    where: {
      assessorId: actor.userId,
      candidateId: input.candidateId,
      candidate: { centreId, roles: { some: { role: "CANDIDATE" } } },
    },
    select: { candidateId: true },
  });
  if (!onCaseload) throw notFound();
  const key = { candidateId: input.candidateId, witnessId: input.witnessId };
  await db().$transaction(async (tx) => {
    const before = await tx.witnessNomination.findUnique({
      where: { candidateId_witnessId: key },
      select: { relationship: true },
    });
    await tx.witnessNomination.upsert({
      where: { candidateId_witnessId: key },
      create: { ...key, relationship: input.relationship },
      update: { relationship: input.relationship },
    });
    await recordAudit(tx, actor, {
      action: "witness.link",
      subjectType: "User",
      subjectId: input.witnessId,
      detail: {
        candidateId: input.candidateId,
        relationship: input.relationship,
        before: before ? before.relationship : null,
      },
    });
  });
}

/** An assessor's vetting decision on a registered witness: a new row each time; the latest counts. */
export async function vetWitness(actor: Actor, input: VetWitnessInput): Promise<void> {
  const centreId = authorizeOwnCentre(actor, "witness.register.manage");
  await registeredWitness(centreId, input.witnessId);
  if (input.witnessId === actor.userId)
    throw new AppError("INVALID_INPUT", {
      witnessId: ["Nobody vets themselves as an expert witness: another assessor decides."],
    });
  await db().$transaction(async (tx) => {
    const vetting = await tx.witnessVetting.create({
      data: { witnessId: input.witnessId, approved: input.approved, note: input.note, decidedById: actor.userId },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "witness.vet",
      subjectType: "User",
      subjectId: input.witnessId,
      detail: { vettingId: vetting.id, approved: input.approved, note: input.note },
    });
  });
}
