import "server-only";
// Asking for testimony: a candidate (for themselves) or their assessor asks an expert witness who
// is linked to the candidate on the register, and whose latest vetting approves them, about named
// criteria of the candidate's current registration. What the witness then does is in testimony.ts.
import { requirementGroupsFor, requirementsFor } from "@/lib/domain/catalogue/content";
import { pageWindow, toPage } from "@/lib/domain/pagination";
import type { Actor } from "@/lib/domain/policy";
import { vettingProblem } from "@/lib/domain/witnesses/vetting";
import type { RequestTestimonyInput } from "@/lib/validation/witness";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { notifyTestimonyRequested } from "@/lib/server/notifications/internal/notify-events";
import { db } from "@/lib/server/core/internal/db";
import { userNames } from "@/lib/server/core/internal/user-names";
import { AppError } from "@/lib/server/core/errors";
import { getRegistrations } from "@/lib/server/registrations/registrations";
import { latestVetting } from "./witness-register";
import { requestableCandidate } from "./internal/guards";

type Registration = Awaited<ReturnType<typeof getRegistrations>>[number];

/** The units of a registration that have criteria, as selected (unit refs, or area@level for unit values). */
function registeredUnits(r: Pick<Registration, "suite" | "units">) {
  return r.suite.units.filter(
    (u) =>
      (r.units.includes(u.ref) || r.units.some((s) => s.startsWith(`${u.ref}@`))) &&
      requirementsFor(u, r.units).length > 0,
  );
}

/** The witnesses linked to the candidate on the register, each with their latest vetting. */
async function linkedWitnesses(centreId: string, candidateId: string) {
  const nominations = await db().witnessNomination.findMany({
    where: { candidateId, witness: { centreId, active: true, witnessProfile: { isNot: null } } },
    select: {
      relationship: true,
      witness: {
        select: {
          id: true,
          name: true,
          witnessProfile: {
            select: {
              organisation: true,
              jobRole: true,
              vettings: { ...latestVetting, select: { approved: true, decidedAt: true } },
            },
          },
        },
      },
    },
    orderBy: { witness: { name: "asc" } },
  });
  return nominations.map((n) => {
    const vetting = n.witness.witnessProfile?.vettings[0] ?? null;
    return {
      id: n.witness.id,
      name: n.witness.name,
      organisation: n.witness.witnessProfile?.organisation ?? "",
      jobRole: n.witness.witnessProfile?.jobRole ?? "",
      relationship: n.relationship,
      vetting,
      problem: vettingProblem(vetting),
    };
  });
}

/** What the request form offers: linked witnesses (with why one cannot be asked), the registration's criteria, submitted evidence to attach. */
export async function getTestimonyRequestChoices(actor: Actor, candidateId: string) {
  const candidate = await requestableCandidate(actor, candidateId);
  const [witnesses, registrations, evidence] = await Promise.all([
    linkedWitnesses(candidate.centreId, candidate.id),
    getRegistrations(actor, candidate.id),
    db().evidence.findMany({
      where: { candidateId: candidate.id, status: "SUBMITTED" },
      select: { id: true, title: true, submittedAt: true },
      orderBy: [{ submittedAt: "desc" }, { id: "asc" }],
      take: 200,
    }),
  ]);
  return {
    candidate: { id: candidate.id, name: candidate.name },
    witnesses,
    qualifications: registrations.map((r) => ({
      spec: r.spec,
      units: registeredUnits(r).map((u) => ({
        ref: u.ref,
        title: u.title,
        groups: requirementGroupsFor(u, r.units).map((g) => ({
          key: g.key,
          label: g.short,
          text: g.text,
          criteria: g.requirements.map((c) => ({ key: `${u.ref}:${c.number}`, number: c.number, text: c.text })),
        })),
      })),
    })),
    evidence,
  };
}

/**
 * Asks a linked witness whose latest vetting approves them for testimony on criteria of the
 * candidate's current registration, with a message and optionally one piece of the candidate's
 * submitted evidence for the witness to see.
 */
export async function requestTestimony(actor: Actor, input: RequestTestimonyInput): Promise<{ id: string }> {
  const candidate = await requestableCandidate(actor, input.candidateId);
  const witness = (await linkedWitnesses(candidate.centreId, candidate.id)).find((w) => w.id === input.witnessId);
  if (!witness) {
    throw new AppError("INVALID_INPUT", {
      witnessId: [
        "That witness is not linked to this candidate on the expert witness register. An assessor links them first.",
      ],
    });
  }
  if (witness.problem) throw new AppError("WITNESS_NOT_APPROVED", { witnessId: [witness.problem] });
  const registration = (await getRegistrations(actor, candidate.id)).find((r) => r.spec.id === input.specId);
  if (!registration)
    throw new AppError("INVALID_INPUT", { specId: ["The candidate is not registered on that qualification."] });
  const valid = new Set(
    registeredUnits(registration).flatMap((u) =>
      requirementsFor(u, registration.units).map((c) => `${u.ref}:${c.number}`),
    ),
  );
  const unknown = input.criteria.filter((c) => !valid.has(c));
  if (unknown.length)
    throw new AppError("INVALID_INPUT", {
      criteria: [`Not criteria of the units the candidate is registered on: ${unknown.join(", ")}.`],
    });
  if (input.attachmentId) {
    const attachment = await db().evidence.findFirst({
      where: { id: input.attachmentId, candidateId: candidate.id, status: "SUBMITTED" },
      select: { id: true },
    });
    if (!attachment)
      throw new AppError("INVALID_INPUT", {
        attachmentId: ["Attach one of the candidate's submitted pieces of evidence."],
      });
  }
  return db().$transaction(async (tx) => {
    const request = await tx.testimonyRequest.create({
      data: {
        candidateId: candidate.id,
        witnessId: witness.id,
        requestedById: actor.userId,
        specId: registration.spec.id,
        criteria: input.criteria,
        message: input.message,
        attachmentId: input.attachmentId ?? null,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "testimony.request",
      subjectType: "TestimonyRequest",
      subjectId: request.id,
      detail: {
        candidateId: candidate.id,
        witnessId: witness.id,
        qualification: registration.spec.code,
        criteria: input.criteria,
        attachmentId: input.attachmentId ?? null,
      },
    });
    await notifyTestimonyRequested(tx, request.id);
    return request;
  });
}

/** The requests made about a candidate, newest first, with whether each has been signed. */
export async function listTestimonyRequests(actor: Actor, candidateId: string, query: { page: number }) {
  const candidate = await requestableCandidate(actor, candidateId);
  const where = { candidateId: candidate.id };
  const [rows, total] = await Promise.all([
    db().testimonyRequest.findMany({
      where,
      select: {
        id: true,
        criteria: true,
        message: true,
        createdAt: true,
        requestedById: true,
        witness: { select: { id: true, name: true } },
        testimony: { select: { signedAt: true, evidenceId: true } },
      },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      ...pageWindow(query.page),
    }),
    db().testimonyRequest.count({ where }),
  ]);
  const names = await userNames(rows.map((r) => r.requestedById));
  return toPage(
    rows.map(({ requestedById, ...r }) => ({ ...r, requestedBy: names.get(requestedById) ?? "Unknown" })),
    total,
    query.page,
  );
}
