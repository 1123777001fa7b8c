// The EV's list of claims, a page at a time: every claim waiting for a decision comes before the
// decided ones however old it is (the list once took the newest 200 and could miss an old waiting
// claim), each group newest first; the EV sees only the centres they are appointed to.
import { beforeAll, describe, expect, it } from "vitest";
import { listClaimsForVerifier } from "@/lib/server/claims";
import { db } from "@/lib/server/core/internal/db";
import { actorFor, makeWorld, type World } from "./fixtures";

describe("the EV's claims list", () => {
  let w: World;

  beforeAll(async () => {
    w = await makeWorld();
    const pack = (name: string) => ({
      kind: "UNITS",
      candidate: { name, dateOfBirth: null },
      centre: { name: "Alpha", code: "A" },
      qualification: { code: "3412-01", title: "x", version: "3.0", awardingBody: "City & Guilds" },
      registration: { registeredOn: "2025-09-01", units: ["101"] },
      units: [],
    });
    // 30 decided claims raised this year, and one waiting claim raised long before them.
    const decided = Array.from({ length: 30 }, (_, i) => ({
      id: crypto.randomUUID(),
      raisedAt: new Date(Date.UTC(2026, 0, 1 + i)),
      name: `Decided ${String(i).padStart(2, "0")}`,
    }));
    const base = {
      centreId: w.a.id,
      candidateId: w.users.candidate.id,
      registrationId: w.registrationId,
      specId: w.specId,
      kind: "UNITS" as const,
      units: ["101"],
      packSha256: "0".repeat(64),
      raisedById: w.users.admin.id,
    };
    await db().certificateClaim.createMany({
      data: decided.map((d) => ({ ...base, id: d.id, raisedAt: d.raisedAt, pack: pack(d.name) })),
    });
    await db().claimDecision.createMany({
      data: decided.map((d) => ({ claimId: d.id, outcome: "AUTHORISED" as const, reasons: "", evId: w.users.ev.id })),
    });
    await db().certificateClaim.create({
      data: { ...base, raisedAt: new Date("2024-01-01T00:00:00Z"), pack: pack("Waiting since 2024") },
    });
  });

  it("puts every waiting claim first, then the decided ones newest first, 25 a page", async () => {
    const ev = await actorFor(w.users.ev.id);
    const first = await listClaimsForVerifier(ev, { page: 1 });
    // The world's own waiting claim, the old one, then decided claims.
    expect(first.total).toBe(32);
    expect(first.pageCount).toBe(2);
    const waiting = first.items.filter((c) => !c.decision);
    expect(waiting.map((c) => c.candidate)).toEqual(["x", "Waiting since 2024"]);
    expect(first.items.slice(0, 2).every((c) => !c.decision)).toBe(true);
    expect(first.items[2]).toMatchObject({
      candidate: "Decided 29",
      centre: "Alpha",
      qualification: "3412-01",
      decision: { outcome: "AUTHORISED" },
    });
    const second = await listClaimsForVerifier(ev, { page: 2 });
    expect(second.items.map((c) => c.candidate)).toEqual([
      "Decided 06",
      "Decided 05",
      "Decided 04",
      "Decided 03",
      "Decided 02",
      "Decided 01",
      "Decided 00",
    ]);
    // Past the last page: nothing, with the total still right.
    expect(await listClaimsForVerifier(ev, { page: 3 })).toMatchObject({ items: [], total: 32 });
    // Another centre's EV sees none of them.
    expect(
      (await listClaimsForVerifier(await actorFor(w.users.bEv.id), { page: 1 })).items.some((c) =>
        c.candidate.startsWith("Decided"),
      ),
    ).toBe(false);
  });
});
