// The IV's and EV's per-candidate and per-assessor views of the audit trail: a candidate's view
// holds the events about them and their records and nobody else's; an assessor's holds what they did.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/policy";
import { auditPeople, getScopedAudit } from "@/lib/server/external-verification";
import { db } from "@/lib/server/core/internal/db";
import { createEvidence, submitEvidence } from "@/lib/server/evidence";
import { actorFor, makeWorld, unique, type World } from "./fixtures";

describe("audit views by person", () => {
  let w: World;
  let iv: Actor;
  let ev: Actor;
  let mine: string;
  let others: string;

  beforeAll(async () => {
    w = await makeWorld();
    iv = await actorFor(w.users.iv.id);
    ev = await actorFor(w.users.ev.id);
    const candidate = await actorFor(w.users.candidate.id);
    const other = await actorFor(w.users.otherCandidate.id);
    const make = async (actor: Actor) => {
      const { id } = await createEvidence(actor, {
        title: unique("evidence"),
        description: "",
        activityDate: "2026-10-01",
        method: "PRODUCT",
      });
      await db().evidenceFile.create({
        data: {
          evidenceId: id,
          storageKey: `test/${unique("k")}`,
          displayName: "a.pdf",
          contentType: "application/pdf",
          size: 1n,
          sha256: "d".repeat(64),
          scanStatus: "not-scanned",
          scanDetail: "",
        },
      });
      await submitEvidence(actor, id, { declared: true });
      return id;
    };
    mine = await make(candidate);
    others = await make(other);
  });

  it("a candidate's view holds their evidence's events and not another candidate's", async () => {
    const view = await getScopedAudit(iv, { candidateId: w.users.candidate.id, page: 1 });
    expect(view.kind).toBe("candidate");
    const subjects = view.events.items.map((e) => e.subjectId);
    expect(subjects).toContain(mine);
    expect(subjects).not.toContain(others);
    expect(view.events.items.filter((e) => e.subjectId === mine).map((e) => e.action)).toEqual(
      expect.arrayContaining(["evidence.create", "evidence.submit"]),
    );
    // The EV reads the same, naming the centre.
    const evView = await getScopedAudit(ev, { centreId: w.a.id, candidateId: w.users.candidate.id, page: 1 });
    expect(evView.events.total).toBe(view.events.total);
  });

  it("an assessor's view holds only what they did; people of other centres or roles are not found", async () => {
    const view = await getScopedAudit(iv, { assessorId: w.users.assessor.id, page: 1 });
    expect(view.kind).toBe("assessor");
    const events = await db().auditEvent.findMany({
      where: { id: { in: view.events.items.map((e) => BigInt(e.id)) } },
      select: { actorId: true },
    });
    expect(events.every((e) => e.actorId === w.users.assessor.id)).toBe(true);
    await expect(getScopedAudit(iv, { assessorId: w.users.candidate.id, page: 1 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getScopedAudit(iv, { candidateId: w.users.bCandidate.id, page: 1 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(getScopedAudit(iv, { page: 1 })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const people = await auditPeople(iv, { q: w.users.candidate.name.slice(0, 12) });
    expect(people.candidates.map((c) => c.id)).toContain(w.users.candidate.id);
    expect(people.staff.map((s) => s.id)).toContain(w.users.assessor.id);
    expect(people.staff.map((s) => s.id)).not.toContain(w.users.bAssessor.id);
  });
});
