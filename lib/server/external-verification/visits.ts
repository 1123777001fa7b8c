// The external verifier's own sample of a centre (C&G 3412; OCR: the EV "checks the assessment and
// internal verification processes and decisions made in the centre"): a visit, or a remote
// sample, holds the signed-off units the EV drew (by assessor, IV, unit, method or site), what they
// found about each and about the centre, and action points the centre's administrator answers.
// Every record is permanent and attributable (decision 0013).
import "server-only";
import type { Actor } from "@/lib/domain/policy";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorizeCentre, authorizeVerifiedOrOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { userNames } from "@/lib/server/core/internal/user-names";
import { isEv, readableVisit } from "./internal/guards";
import { storedDate } from "@/lib/domain/today";

export async function createVisit(
  actor: Actor,
  input: { centreId: string; visitedOn: string; remote: boolean },
): Promise<{ id: string }> {
  authorizeCentre(actor, "ev.sample", input.centreId);
  return db().$transaction(async (tx) => {
    const visit = await tx.evVisit.create({
      data: {
        centreId: input.centreId,
        evId: actor.userId,
        visitedOn: storedDate(input.visitedOn),
        remote: input.remote,
      },
    });
    await recordAudit(tx, actor, {
      action: "ev.visit.create",
      subjectType: "EvVisit",
      subjectId: visit.id,
      detail: { visitedOn: input.visitedOn, remote: input.remote },
      centreId: input.centreId,
    });
    return { id: visit.id };
  });
}

/** A centre's visits, newest first: for the EVs appointed to it, or its own administrator. */
export async function listVisits(actor: Actor, centreId?: string) {
  const centre = authorizeVerifiedOrOwnCentre(actor, "ev.respond", centreId);
  const visits = await db().evVisit.findMany({
    where: { centreId: centre },
    orderBy: [{ visitedOn: "desc" }, { createdAt: "desc" }],
    take: 100,
  });
  if (visits.length === 0) return [];
  const [evs, counts, open] = await Promise.all([
    userNames(visits.map((v) => v.evId)),
    db().evSampleItem.groupBy({
      by: ["visitId"],
      where: { visitId: { in: visits.map((v) => v.id) } },
      _count: { _all: true },
    }),
    db().evActionPoint.findMany({
      where: { visitId: { in: visits.map((v) => v.id) }, responses: { none: {} } },
      select: { visitId: true },
    }),
  ]);
  return visits.map((v) => ({
    ...v,
    ev: evs.get(v.evId) ?? "",
    sampled: counts.find((c) => c.visitId === v.id)?._count._all ?? 0,
    unanswered: open.filter((o) => o.visitId === v.id).length,
  }));
}

/** The visit with its sample, findings, and action points with the centre's responses. */
export async function getVisit(actor: Actor, visitId: string) {
  const visit = await readableVisit(actor, visitId);
  const [centre, items, findings, actionPoints] = await Promise.all([
    db().centre.findUniqueOrThrow({ where: { id: visit.centreId }, select: { id: true, name: true, code: true } }),
    db().evSampleItem.findMany({
      where: { visitId },
      orderBy: [{ addedAt: "asc" }, { unitRef: "asc" }, { id: "asc" }],
      take: 500,
    }),
    db().evFinding.findMany({ where: { visitId }, orderBy: [{ recordedAt: "asc" }, { id: "asc" }], take: 1000 }),
    db().evActionPoint.findMany({
      where: { visitId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { responses: { orderBy: { respondedAt: "asc" } } },
    }),
  ]);
  const [people, specs, standing, verdicts] = await Promise.all([
    userNames([
      visit.evId,
      ...items.flatMap((i) => [i.candidateId, i.assessorId, i.ivId]),
      ...actionPoints.flatMap((a) => a.responses.map((r) => r.adminId)),
    ]),
    db().qualificationSpec.findMany({
      where: { id: { in: [...new Set(items.map((i) => i.specId))] } },
      select: { id: true, code: true },
    }),
    db().unitSignOff.findMany({
      where: { supersedesId: { in: items.map((i) => i.signOffId) } },
      select: { supersedesId: true },
    }),
    db().ivVerdict.findMany({
      where: { id: { in: items.flatMap((i) => (i.ivVerdictId ? [i.ivVerdictId] : [])) } },
      select: { id: true, outcome: true, decidedAt: true },
    }),
  ]);
  const corrected = new Set(standing.map((s) => s.supersedesId));
  return {
    id: visit.id,
    centre,
    ev: people.get(visit.evId) ?? "",
    evId: visit.evId,
    visitedOn: visit.visitedOn,
    remote: visit.remote,
    createdAt: visit.createdAt,
    mayRecord: visit.evId === actor.userId && isEv(actor),
    mayRespond: actor.roles.includes("CENTRE_ADMIN") && actor.centreId === visit.centreId,
    items: items.map((i) => ({
      ...i,
      candidate: people.get(i.candidateId) ?? "",
      assessor: people.get(i.assessorId) ?? "",
      iv: i.ivId ? (people.get(i.ivId) ?? "") : null,
      ivVerdict: verdicts.find((v) => v.id === i.ivVerdictId) ?? null,
      // Nobody internally verifies their own assessments (C&G 3412 section 2; OCR): flag it if it happened.
      ownVerification: i.ivId !== null && i.ivId === i.assessorId,
      qualification: specs.find((s) => s.id === i.specId)?.code ?? "",
      // The sign-off drawn has since been corrected: what the EV looked at is no longer the standing record.
      correctedSince: corrected.has(i.signOffId),
      findings: findings.filter((f) => f.itemId === i.id),
    })),
    findings: findings.filter((f) => f.itemId === null),
    actionPoints: actionPoints.map((a) => ({
      ...a,
      responses: a.responses.map((r) => ({ ...r, admin: people.get(r.adminId) ?? "" })),
    })),
  };
}
export type Visit = Awaited<ReturnType<typeof getVisit>>;
