import "server-only";
// Observations and standardisation meetings as read records with names: for the IV's page and an
// assessor's competence record, called after those callers' own authorisation checks.
import { db } from "@/lib/server/core/internal/db";

/** Observations of one assessor and the meetings they were attached to, for their competence record. */
export async function standardisationOf(userId: string) {
  const [observations, meetings] = await Promise.all([
    db().ivObservation.findMany({
      where: { assessorId: userId },
      orderBy: [{ observedOn: "desc" }, { recordedAt: "desc" }],
      take: 50,
    }),
    db().standardisationMeeting.findMany({
      where: { people: { some: { userId } } },
      orderBy: [{ heldOn: "desc" }, { recordedAt: "desc" }],
      take: 50,
      include: { people: true },
    }),
  ]);
  return withNames(observations, meetings);
}

type Observation = Awaited<ReturnType<ReturnType<typeof db>["ivObservation"]["findMany"]>>[number];
type Meeting = Awaited<ReturnType<ReturnType<typeof db>["standardisationMeeting"]["findMany"]>>[number] & {
  people: { userId: string; attended: boolean }[];
};

export async function withNames(observations: Observation[], meetings: Meeting[]) {
  const ids = new Set<string>();
  for (const o of observations)
    [o.assessorId, o.ivId, ...(o.candidateId ? [o.candidateId] : [])].forEach((id) => ids.add(id));
  for (const m of meetings) [m.recordedById, ...m.people.map((p) => p.userId)].forEach((id) => ids.add(id));
  const [users, specs, evidence] = await Promise.all([
    db().user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } }),
    db().qualificationSpec.findMany({
      where: { id: { in: meetings.flatMap((m) => (m.specId ? [m.specId] : [])) } },
      select: { id: true, code: true },
    }),
    db().evidence.findMany({
      where: { id: { in: meetings.flatMap((m) => m.evidenceIds) } },
      select: { id: true, title: true, candidate: { select: { name: true } } },
    }),
  ]);
  const name = new Map(users.map((u) => [u.id, u.name]));
  return {
    observations: observations.map((o) => ({
      ...o,
      assessor: name.get(o.assessorId) ?? "",
      iv: name.get(o.ivId) ?? "",
      candidate: o.candidateId ? (name.get(o.candidateId) ?? "") : null,
    })),
    meetings: meetings.map((m) => ({
      ...m,
      qualification: specs.find((s) => s.id === m.specId)?.code ?? null,
      recordedBy: name.get(m.recordedById) ?? "",
      attended: m.people.filter((p) => p.attended).map((p) => name.get(p.userId) ?? ""),
      absent: m.people.filter((p) => !p.attended).map((p) => name.get(p.userId) ?? ""),
      evidence: evidence.filter((e) => m.evidenceIds.includes(e.id)).map((e) => `${e.title} (${e.candidate.name})`),
    })),
  };
}
