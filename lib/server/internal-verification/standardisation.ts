import "server-only";
// The IV's observations of assessors at work and the centre's standardisation meetings (OCR: the
// internal verifier "checks and standardises assessment decisions made by the assessors in the
// centre"). Both are permanent records attached to the assessors concerned, shown on their
// competence records, and both feed each assessor's risk rating (lib/domain/internal-verification/risk.ts).
import { suiteShape } from "@/lib/domain/catalogue/spec";
import type { Actor } from "@/lib/domain/policy";
import type { MeetingInput, ObservationInput } from "@/lib/validation/assessment";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorizeOwnCentre, authorizeVerifiedOrOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { withNames } from "./internal/standardisation-records";
import { storedDate } from "@/lib/domain/today";

const STAFF = ["ASSESSOR", "INTERNAL_VERIFIER"] as const;

/** The IV records an observation of an assessor of their centre; never of themselves. */
export async function recordObservation(actor: Actor, input: ObservationInput): Promise<{ id: string }> {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  if (input.assessorId === actor.userId)
    throw new AppError("INVALID_INPUT", {
      assessorId: ["Nobody observes their own assessment: another internal verifier observes you."],
    });
  const assessor = await db().user.findFirst({
    where: { id: input.assessorId, centreId, roles: { some: { role: "ASSESSOR" } } },
    select: { id: true },
  });
  if (!assessor) throw notFound();
  if (input.candidateId) {
    const candidate = await db().user.findFirst({
      where: { id: input.candidateId, centreId, roles: { some: { role: "CANDIDATE" } } },
      select: { id: true },
    });
    if (!candidate) throw notFound();
  }
  return db().$transaction(async (tx) => {
    const created = await tx.ivObservation.create({
      data: {
        centreId,
        assessorId: input.assessorId,
        ivId: actor.userId,
        candidateId: input.candidateId || null,
        observedOn: storedDate(input.observedOn),
        seen: input.seen,
        outcome: input.outcome,
        feedback: input.feedback,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "iv.observation",
      subjectType: "User",
      subjectId: input.assessorId,
      detail: { observationId: created.id, outcome: input.outcome },
    });
    return created;
  });
}

/** The IV records a standardisation meeting: who attended, the assessors concerned, units and evidence discussed, what was agreed. */
export async function recordMeeting(actor: Actor, input: MeetingInput): Promise<{ id: string }> {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const people = [...new Set([...input.attended, ...input.concerned])];
  const staff = await db().user.findMany({
    where: { id: { in: people }, centreId, roles: { some: { role: { in: [...STAFF] } } } },
    select: { id: true },
  });
  if (staff.length !== people.length) throw notFound();
  if (input.specId) {
    const spec = await db().qualificationSpec.findUnique({ where: { id: input.specId }, select: { spec: true } });
    if (!spec) throw new AppError("INVALID_INPUT", { specId: ["That qualification is not in the catalogue."] });
    const refs = new Set(suiteShape.parse(spec.spec).units.map((u) => u.ref));
    const unknown = input.unitRefs.filter((u) => !refs.has(u));
    if (unknown.length > 0)
      throw new AppError("INVALID_INPUT", { unitRefs: [`The qualification has no unit ${unknown.join(", ")}.`] });
  }
  const evidenceIds = [...new Set(input.evidenceIds)];
  const evidence = await db().evidence.count({ where: { id: { in: evidenceIds }, candidate: { centreId } } });
  if (evidence !== evidenceIds.length) throw notFound();
  return db().$transaction(async (tx) => {
    const created = await tx.standardisationMeeting.create({
      data: {
        centreId,
        heldOn: storedDate(input.heldOn),
        specId: input.specId || null,
        unitRefs: [...new Set(input.unitRefs)],
        evidenceIds,
        discussed: input.discussed,
        agreed: input.agreed,
        recordedById: actor.userId,
        people: { create: people.map((userId) => ({ userId, attended: input.attended.includes(userId) })) },
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "iv.standardisation",
      subjectType: "StandardisationMeeting",
      subjectId: created.id,
      detail: { people: people.length, units: input.unitRefs, evidence: evidenceIds.length },
    });
    return created;
  });
}

/**
 * The centre's latest observations and meetings: for the IV's standardisation page, and read-only
 * for an EV appointed to the centre (OCR: the EV "checks the assessment and internal verification
 * processes and decisions made in the centre").
 */
export async function listStandardisation(actor: Actor, verifiedCentreId?: string) {
  const centreId = authorizeVerifiedOrOwnCentre(actor, "iv.sample", verifiedCentreId);
  const [observations, meetings] = await Promise.all([
    db().ivObservation.findMany({
      where: { centreId },
      orderBy: [{ observedOn: "desc" }, { recordedAt: "desc" }],
      take: 50,
    }),
    db().standardisationMeeting.findMany({
      where: { centreId },
      orderBy: [{ heldOn: "desc" }, { recordedAt: "desc" }],
      take: 50,
      include: { people: true },
    }),
  ]);
  return withNames(observations, meetings);
}

/** The candidates of one assessor of the centre (first 300 by name), for an observation of that assessor. */
export async function observationCandidates(actor: Actor, assessorId: string) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  return db().user.findMany({
    where: { centreId, active: true, assessedBy: { some: { assessorId } } },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 300,
  });
}

/** What the forms offer: the centre's assessors and IVs, the qualifications in use, and evidence behind recent samples. */
export async function standardisationChoices(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const [staff, specs, samples] = await Promise.all([
    db().user.findMany({
      where: { centreId, active: true, roles: { some: { role: { in: [...STAFF] } } } },
      select: { id: true, name: true, roles: { select: { role: true } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      take: 500,
    }),
    db().candidateRegistration.findMany({
      where: { candidate: { centreId } },
      distinct: ["specId"],
      select: { spec: { select: { id: true, code: true, title: true } } },
    }),
    db().ivSample.findMany({
      where: { centreId },
      orderBy: { selectedAt: "desc" },
      take: 20,
      select: { candidateId: true, specId: true, unitRef: true },
    }),
  ]);
  const signOffs = await db().unitSignOff.findMany({
    where: {
      OR: samples.map((s) => ({ candidateId: s.candidateId, specId: s.specId, unitRef: s.unitRef })),
      supersededBy: { is: null },
    },
    select: { evidenceIds: true },
  });
  const evidence = await db().evidence.findMany({
    where: { id: { in: [...new Set(signOffs.flatMap((s) => s.evidenceIds))] }, candidate: { centreId } },
    select: { id: true, title: true, candidate: { select: { name: true } } },
    orderBy: { title: "asc" },
    take: 60,
  });
  return {
    staff: staff.map((s) => ({ id: s.id, name: s.name, assessor: s.roles.some((r) => r.role === "ASSESSOR") })),
    qualifications: specs.map((s) => s.spec).sort((a, b) => a.code.localeCompare(b.code)),
    evidence: evidence.map((e) => ({ id: e.id, label: `${e.title} (${e.candidate.name})` })),
  };
}
