// The audit trail on real PostgreSQL (decision 0014): every event is hash-chained to its centre's
// previous one by the database; the app's database user cannot change, delete or truncate events;
// tampering done around the guard (as the database's owner) is found by the check, which points at
// the first broken link; many writers at once still make one unbroken chain.
import { beforeAll, describe, expect, it } from "vitest";
import { eventHash, recordCheckpoint, verifyChain } from "@/lib/audit/chain";
import type { Actor } from "@/lib/domain/policy";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { getOwnCentreAudit, verifyCentreAuditChain } from "@/lib/server/external-verification";
import { db } from "@/lib/server/core/internal/db";
import { AppError } from "@/lib/server/core";
import { getEvidenceFile } from "@/lib/server/evidence";
import { actorFor, makeCentre, makeUser, makeWorld, unique } from "./fixtures";

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)),
  );

describe("audit chain", () => {
  let admin: Actor;
  let centreId: string;
  const record = (action: string, detail: object = {}) =>
    db().$transaction((tx) =>
      recordAudit(tx, admin, {
        action,
        subjectType: "Test",
        subjectId: unique("s"),
        detail: { ...detail, note: "Line one\nline two, “quoted”, £5" },
      }),
    );

  /** Changes events as the database's owner would, with the append-only guard off for that moment. */
  async function tamper(sql: string, ...values: unknown[]) {
    await db().$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"`);
      await tx.$executeRawUnsafe(sql, ...values);
      await tx.$executeRawUnsafe(`ALTER TABLE "AuditEvent" ENABLE TRIGGER "AuditEvent_append_only"`);
    });
  }

  beforeAll(async () => {
    const centre = await makeCentre("chain");
    centreId = centre.id;
    admin = await actorFor((await makeUser(centreId, ["CENTRE_ADMIN"], "chainadmin")).id);
  });

  it("links each event to the centre's one before, and the check recomputes every hash", async () => {
    for (let i = 0; i < 5; i++) await record("test.event", { i });
    const events = await db().auditEvent.findMany({ where: { centreId }, orderBy: { id: "asc" } });
    expect(events[0]!.prevHash).toBe("");
    for (let i = 1; i < events.length; i++) expect(events[i]!.prevHash).toBe(events[i - 1]!.hash);
    expect(events.every((e) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    const report = await verifyChain(db(), centreId);
    expect(report).toEqual({ centreId, events: 5, firstBreak: null });
    expect(await verifyCentreAuditChain(admin, centreId)).toMatchObject({ firstBreak: null });
    // The hash is Node's SHA-256 over the stored fields: the same formula as the database's.
    const [row] = await db().$queryRaw<{ id: string; detail: string; atMs: string }[]>`
      SELECT id::text, detail::text AS detail, (extract(epoch FROM at) * 1000)::bigint::text AS "atMs" FROM "AuditEvent" WHERE id = ${events[2]!.id}`;
    const e = events[2]!;
    expect(
      eventHash({
        id: row!.id,
        centreId,
        actorId: e.actorId,
        action: e.action,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        detail: row!.detail,
        atMs: row!.atMs,
        prevHash: e.prevHash,
      }),
    ).toBe(e.hash);
  });

  it("refuses any change, deletion or truncation through the app's database user", async () => {
    await record("test.guarded");
    const [last] = await db().auditEvent.findMany({ where: { centreId }, orderBy: { id: "desc" }, take: 1 });
    await expect(
      db().auditEvent.update({ where: { id: last!.id }, data: { action: "test.rewritten" } }),
    ).rejects.toThrow(/append-only/);
    await expect(db().auditEvent.delete({ where: { id: last!.id } })).rejects.toThrow(/append-only/);
    await expect(db().$executeRawUnsafe(`TRUNCATE "AuditEvent"`)).rejects.toThrow(/append-only/);
    // Inserting a forged link does not work either: the database sets the link and the hash itself.
    const forged = await db().auditEvent.create({
      data: {
        centreId,
        action: "test.forged",
        subjectType: "Test",
        subjectId: "x",
        prevHash: "f".repeat(64),
        hash: "0".repeat(64),
      },
    });
    expect(forged.prevHash).toBe(last!.hash);
    expect(forged.hash).not.toBe("0".repeat(64));
    expect((await verifyChain(db(), centreId)).firstBreak).toBeNull();
  });

  it("many writers at once make one unbroken chain", async () => {
    await Promise.all(Array.from({ length: 24 }, (_, i) => record("test.race", { i })));
    const report = await verifyChain(db(), centreId);
    expect(report.firstBreak).toBeNull();
    const links = await db().auditEvent.groupBy({ by: ["prevHash"], where: { centreId }, _count: { _all: true } });
    expect(links.every((l) => l._count._all === 1)).toBe(true); // no event has two successors
  });

  it("finds a changed event, then a removed one, and points at the first broken link", async () => {
    const other = await makeCentre("chain2");
    const otherAdmin = await actorFor((await makeUser(other.id, ["CENTRE_ADMIN"], "chainadmin2")).id);
    for (let i = 0; i < 4; i++)
      await db().$transaction((tx) =>
        recordAudit(tx, otherAdmin, { action: "test.event", subjectType: "Test", subjectId: String(i) }),
      );
    const events = await db().auditEvent.findMany({ where: { centreId: other.id }, orderBy: { id: "asc" } });

    await tamper(`UPDATE "AuditEvent" SET detail = '{"softened": true}' WHERE id = $1`, events[1]!.id);
    expect((await verifyChain(db(), other.id)).firstBreak).toMatchObject({
      id: events[1]!.id.toString(),
      reason: expect.stringMatching(/content no longer matches its hash/),
    });
    expect((await verifyCentreAuditChain(otherAdmin, other.id)).firstBreak?.id).toBe(events[1]!.id.toString());

    // Put it back as it was (the hash still matches the original content), then remove an event.
    await tamper(`UPDATE "AuditEvent" SET detail = '{}' WHERE id = $1`, events[1]!.id);
    expect((await verifyChain(db(), other.id)).firstBreak).toBeNull();
    await tamper(`DELETE FROM "AuditEvent" WHERE id = $1`, events[2]!.id);
    expect((await verifyChain(db(), other.id)).firstBreak).toMatchObject({
      id: events[3]!.id.toString(),
      reason: expect.stringMatching(/link to the event before does not match/),
    });
    // Other centres' chains are their own: this one is untouched.
    expect((await verifyChain(db(), centreId)).firstBreak).toBeNull();
  });

  it("removing the newest events, which the chain alone cannot show, is found against the checkpoint recorded outside it", async () => {
    const other = await makeCentre("chain-tail");
    const otherAdmin = await actorFor((await makeUser(other.id, ["CENTRE_ADMIN"], "chainadmin-tail")).id);
    for (let i = 0; i < 4; i++)
      await db().$transaction((tx) =>
        recordAudit(tx, otherAdmin, { action: "test.event", subjectType: "Test", subjectId: String(i) }),
      );
    const head = await recordCheckpoint(db(), other.id, "test");
    const events = await db().auditEvent.findMany({ where: { centreId: other.id }, orderBy: { id: "asc" } });
    expect(head).toEqual({ eventId: events.at(-1)!.id.toString(), hash: events.at(-1)!.hash });
    // Recorded once per head: a second view with nothing new adds no checkpoint.
    await recordCheckpoint(db(), other.id, "test again");
    expect(await db().auditCheckpoint.count({ where: { centreId: other.id } })).toBe(1);
    await expect(db().auditCheckpoint.deleteMany({ where: { centreId: other.id } })).rejects.toThrow(/permanent/);
    expect((await verifyChain(db(), other.id)).firstBreak).toBeNull();

    // The owner, triggers off, deletes the two newest events: every remaining link still holds.
    await tamper(`DELETE FROM "AuditEvent" WHERE id >= $1`, events[2]!.id);
    const report = await verifyChain(db(), other.id);
    expect(report.firstBreak).toMatchObject({
      id: events[3]!.id.toString(),
      reason: expect.stringMatching(/no longer in the chain \(it now ends at event \d+\): events were removed/),
    });
    expect((await verifyCentreAuditChain(otherAdmin, other.id)).firstBreak?.id).toBe(events[3]!.id.toString());
    // A head given to verify (as from a claim pack or the awarding body's copy) is checked the same way.
    const third = await makeCentre("chain-expected");
    const thirdAdmin = await actorFor((await makeUser(third.id, ["CENTRE_ADMIN"], "chainadmin-exp")).id);
    await db().$transaction((tx) =>
      recordAudit(tx, thirdAdmin, { action: "test.event", subjectType: "Test", subjectId: "1" }),
    );
    const [only] = await db().auditEvent.findMany({ where: { centreId: third.id } });
    expect(
      (await verifyChain(db(), third.id, [{ eventId: only!.id.toString(), hash: only!.hash, what: "the given head" }]))
        .firstBreak,
    ).toBeNull();
    expect(
      (
        await verifyChain(db(), third.id, [
          { eventId: only!.id.toString(), hash: "0".repeat(64), what: "the given head" },
        ])
      ).firstBreak?.reason,
    ).toMatch(/rewritten/);
    expect(
      (
        await verifyChain(db(), third.id, [
          { eventId: (only!.id + 1000n).toString(), hash: "0".repeat(64), what: "the given head" },
        ])
      ).firstBreak?.reason,
    ).toMatch(/no longer in the chain/);
  });

  it("a file opened by anyone but its candidate is on the candidate's centre's trail", async () => {
    const w = await makeWorld();
    const [assessor, candidate, ev] = await Promise.all(
      [w.users.assessor, w.users.candidate, w.users.ev].map((u) => actorFor(u.id)),
    );
    const opened = () =>
      db().auditEvent.findMany({
        where: { action: "evidence.file.download", subjectId: w.evidenceSubmitted.evidenceId },
        orderBy: { id: "asc" },
        select: { actorId: true, centreId: true, detail: true },
      });
    await getEvidenceFile(candidate!, w.evidenceSubmitted.fileId, { download: true });
    await getEvidenceFile(assessor!, w.evidenceSubmitted.fileId); // a later range of the same opening
    expect(await opened()).toEqual([]);
    await getEvidenceFile(assessor!, w.evidenceSubmitted.fileId, { download: true });
    await getEvidenceFile(ev!, w.evidenceSubmitted.fileId, { download: true });
    expect(await opened()).toEqual([
      {
        actorId: assessor!.userId,
        centreId: w.a.id,
        detail: { fileId: w.evidenceSubmitted.fileId, name: "submitted.pdf", sha256: "0".repeat(64) },
      },
      {
        actorId: ev!.userId,
        centreId: w.a.id,
        detail: { fileId: w.evidenceSubmitted.fileId, name: "submitted.pdf", sha256: "0".repeat(64) },
      },
    ]);
  });

  it("only the centre's administrator (or its EV) checks its chain and reads its trail", async () => {
    const candidate = await actorFor((await makeUser(centreId, ["CANDIDATE"], "chaincand")).id);
    const elsewhere = await makeCentre("chain3");
    const otherAdmin = await actorFor((await makeUser(elsewhere.id, ["CENTRE_ADMIN"], "chainadmin3")).id);
    expect((await failure(verifyCentreAuditChain(candidate, centreId)))?.code).toBe("FORBIDDEN");
    expect((await failure(verifyCentreAuditChain(otherAdmin, centreId)))?.code).toBe("NOT_FOUND");
    expect((await getOwnCentreAudit(admin, { page: 1 })).events.total).toBeGreaterThan(5);
    expect((await getOwnCentreAudit(otherAdmin, { page: 1 })).events.total).toBe(0);
  });
});
