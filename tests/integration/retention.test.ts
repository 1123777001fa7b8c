// Retention on real PostgreSQL and the real evidence store: a candidate certified, or withdrawn,
// more than RETENTION_MONTHS ago loses their personal data and files; the decision records and
// claim pack stay; the run is audited and safe to repeat; nobody else is touched.
import { createHash } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { candidatesDue, REMOVED, runRetention } from "@/lib/jobs/retention";
import { db } from "@/lib/server/core/internal/db";
import { setWithdrawal } from "@/lib/server/identity";
import { evidenceStorage } from "@/lib/storage";
import { actorFor, makeUser, makeWorld, unique, type World } from "./fixtures";

const MONTHS = 36;
const later = (from: Date, months: number) => {
  const d = new Date(from);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d;
};

describe("retention", () => {
  let w: World;
  let specId: string;

  /** A candidate of centre A with a registration, a submitted piece of evidence with a stored file, a sign-off and a review. */
  async function candidateWithRecords(label: string) {
    const user = await makeUser(w.a.id, ["CANDIDATE"], label);
    await db().assessorAssignment.create({ data: { candidateId: user.id, assessorId: w.users.assessor.id } });
    const registration = await db().candidateRegistration.create({
      data: {
        candidateId: user.id,
        specId,
        registeredOn: new Date("2022-09-01T00:00:00Z"),
        units: ["101"],
        createdById: w.users.admin.id,
      },
    });
    const evidence = await db().evidence.create({
      data: {
        candidateId: user.id,
        title: "Stock check",
        description: "At Greenway Foods, Leeds",
        place: "Greenway Foods",
        activityDate: new Date("2022-10-01T00:00:00Z"),
        method: "PRODUCT",
        status: "SUBMITTED",
        submittedAt: new Date(),
        declaration: "x",
      },
    });
    const bytes = Buffer.from(`${label} evidence\n`.repeat(100));
    const key = `test/${unique("retention")}`;
    const dir = await mkdtemp(path.join(tmpdir(), "retention-"));
    await writeFile(path.join(dir, "f"), bytes);
    await evidenceStorage().putFile(key, path.join(dir, "f"), bytes.length);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    await db().evidenceFile.create({
      data: {
        evidenceId: evidence.id,
        storageKey: key,
        displayName: "stock.pdf",
        contentType: "application/pdf",
        size: BigInt(bytes.length),
        sha256,
        scanStatus: "not-scanned",
        scanDetail: "",
      },
    });
    const signOff = await db().unitSignOff.create({
      data: {
        candidateId: user.id,
        specId,
        unitRef: "101",
        assessorId: w.users.assessor.id,
        declaration: "fixture",
        evidence: [{ criterion: "1.1", accepted: [{ evidenceId: evidence.id, files: [{ sha256 }] }] }],
        evidenceIds: [evidence.id],
        needsCountersignature: false,
      },
    });
    await db().candidateReview.create({
      data: {
        candidateId: user.id,
        assessorId: w.users.assessor.id,
        heldOn: new Date("2022-11-01T00:00:00Z"),
        notes: "Talked about their new job at Greenway",
        actionPoints: {
          create: { candidateId: user.id, text: "Bring payslip", targetOn: new Date("2022-12-01T00:00:00Z") },
        },
      },
    });
    await db().userSession.create({ data: { userId: user.id, expiresAt: new Date(), ip: "192.0.2.7" } });
    return { user, registration, evidence, key, sha256, signOff };
  }

  async function claim(
    c: Awaited<ReturnType<typeof candidateWithRecords>>,
    decided: { at: Date; outcome: "AUTHORISED" | "REFUSED" } | null,
  ) {
    const row = await db().certificateClaim.create({
      data: {
        centreId: w.a.id,
        candidateId: c.user.id,
        registrationId: c.registration.id,
        specId,
        kind: "QUALIFICATION",
        units: ["101"],
        pack: { candidate: { name: c.user.name } },
        packSha256: "1".repeat(64),
        raisedById: w.users.admin.id,
        raisedAt: decided?.at ?? new Date(),
      },
    });
    if (decided)
      await db().claimDecision.create({
        data: { claimId: row.id, outcome: decided.outcome, reasons: "", evId: w.users.ev.id, decidedAt: decided.at },
      });
    return row;
  }

  beforeAll(async () => {
    w = await makeWorld();
    specId = w.specId;
  });

  it("anonymises a candidate certified more than the period ago, keeping decisions and the claim pack", async () => {
    const certifiedAt = new Date("2023-01-15T12:00:00Z");
    const c = await candidateWithRecords("certified");
    const claimRow = await claim(c, { at: certifiedAt, outcome: "AUTHORISED" });

    // A day short of the period: not due; the day after it ends: due.
    const dayShort = new Date(later(certifiedAt, MONTHS).getTime() - 86_400_000);
    expect((await candidatesDue(db(), dayShort, MONTHS, w.a.id)).map((d) => d.candidateId)).not.toContain(c.user.id);
    expect(
      (await candidatesDue(db(), new Date(later(certifiedAt, MONTHS).getTime() + 86_400_000), MONTHS, w.a.id)).map(
        (d) => d.candidateId,
      ),
    ).toContain(c.user.id);
    const now = later(certifiedAt, MONTHS + 1);
    const due = await candidatesDue(db(), now, MONTHS, w.a.id);
    expect(due.find((d) => d.candidateId === c.user.id)).toMatchObject({ why: "certified", since: certifiedAt });

    // The registration carries the awarding body's enrolment number and the ULN until retention.
    await db().candidateRegistration.updateMany({
      where: { candidateId: c.user.id },
      data: { enrolmentNumber: "NG-7", uln: "1000000043" },
    });
    // A dry run changes nothing.
    await runRetention(db(), evidenceStorage(), { now, months: MONTHS, dryRun: true, centreId: w.a.id });
    expect((await db().user.findUniqueOrThrow({ where: { id: c.user.id } })).anonymisedAt).toBeNull();

    // The assessor was told about their evidence: that notification names them, and goes too.
    const told = await db().notification.create({
      data: {
        userId: w.users.assessor.id,
        kind: "evidence.to-review",
        title: `${c.user.name} submitted evidence to review`,
        href: `/assessor/candidates/${c.user.id}/evidence/${c.evidence.id}`,
        dedupeKey: `evidence.to-review:${c.evidence.id}`,
      },
    });
    const report = await runRetention(db(), evidenceStorage(), { now, months: MONTHS, centreId: w.a.id });
    expect(await db().notification.findUnique({ where: { id: told.id } })).toBeNull();
    expect(report.anonymised).toBeGreaterThanOrEqual(1);
    const user = await db().user.findUniqueOrThrow({ where: { id: c.user.id } });
    expect(user).toMatchObject({
      name: `Former candidate ${c.user.id.slice(0, 8)}`,
      email: `anonymised-${c.user.id}@invalid`,
      dateOfBirth: null,
      active: false,
    });
    expect(user.anonymisedAt).not.toBeNull();
    expect(user.passwordHash.startsWith("!anonymised:")).toBe(true);
    // Files gone from storage; the rows keep their hashes.
    expect(await evidenceStorage().exists(c.key)).toBe(false);
    const file = await db().evidenceFile.findFirstOrThrow({ where: { evidenceId: c.evidence.id } });
    expect(file.sha256).toBe(c.sha256);
    expect(file.deletedAt).not.toBeNull();
    const evidence = await db().evidence.findUniqueOrThrow({ where: { id: c.evidence.id } });
    expect(evidence).toMatchObject({ description: "", place: null, title: "Stock check" });
    expect((await db().candidateReview.findFirstOrThrow({ where: { candidateId: c.user.id } })).notes).toBe(REMOVED);
    expect(await db().userSession.count({ where: { userId: c.user.id } })).toBe(0);
    expect(
      await db().candidateRegistration.findMany({
        where: { candidateId: c.user.id },
        select: { enrolmentNumber: true, uln: true },
      }),
    ).toEqual([{ enrolmentNumber: null, uln: null }]);
    expect(await db().assessorAssignment.count({ where: { candidateId: c.user.id } })).toBe(0);
    // The decision records and the claim pack as they were.
    expect(await db().unitSignOff.findUniqueOrThrow({ where: { id: c.signOff.id } })).toMatchObject({
      evidenceIds: [c.evidence.id],
    });
    expect((await db().certificateClaim.findUniqueOrThrow({ where: { id: claimRow.id } })).packSha256).toBe(
      "1".repeat(64),
    );
    // Audited, without personal data.
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "retention.anonymise", subjectId: c.user.id },
    });
    expect(event).toMatchObject({ centreId: w.a.id, actorId: null });
    expect(JSON.stringify(event.detail)).not.toContain("certified-");

    // Again: nothing more to do for them.
    await runRetention(db(), evidenceStorage(), { now, months: MONTHS, centreId: w.a.id });
    expect(await db().auditEvent.count({ where: { action: "retention.anonymise", subjectId: c.user.id } })).toBe(1);
  });

  it("counts from a withdrawal the centre recorded, and not once it is cancelled", async () => {
    const admin = await actorFor(w.users.admin.id);
    const c = await candidateWithRecords("withdrawn");
    await expect(setWithdrawal(admin, { userId: c.user.id, withdrawn: true, reason: "" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    await setWithdrawal(admin, { userId: c.user.id, withdrawn: true, reason: "Moved away" });
    await expect(
      setWithdrawal(admin, { userId: c.user.id, withdrawn: true, reason: "Moved away" }),
    ).rejects.toMatchObject({ code: "STALE" });
    await expect(
      setWithdrawal(await actorFor(w.users.bAdmin.id), { userId: c.user.id, withdrawn: false, reason: "" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    const now = later(new Date(), MONTHS + 1);
    expect((await candidatesDue(db(), now, MONTHS, w.a.id)).find((d) => d.candidateId === c.user.id)?.why).toBe(
      "withdrawn",
    );
    await setWithdrawal(admin, { userId: c.user.id, withdrawn: false, reason: "" });
    expect((await candidatesDue(db(), now, MONTHS, w.a.id)).map((d) => d.candidateId)).not.toContain(c.user.id);
    await setWithdrawal(admin, { userId: c.user.id, withdrawn: true, reason: "Left for good" });
    await runRetention(db(), evidenceStorage(), { now, months: MONTHS, centreId: w.a.id });
    expect((await db().user.findUniqueOrThrow({ where: { id: c.user.id } })).anonymisedAt).not.toBeNull();
    await expect(setWithdrawal(admin, { userId: c.user.id, withdrawn: false, reason: "" })).rejects.toMatchObject({
      code: "STALE",
    });
  });

  it("leaves alone a candidate still working towards another qualification, or with a claim waiting", async () => {
    const certifiedAt = new Date("2023-01-15T12:00:00Z");
    const now = later(certifiedAt, MONTHS + 1);
    const onward = await candidateWithRecords("onward");
    await claim(onward, { at: certifiedAt, outcome: "AUTHORISED" });
    const next = await db().qualificationSpec.findFirstOrThrow({ where: { code: "3412-02" }, select: { id: true } });
    await db().candidateRegistration.create({
      data: {
        candidateId: onward.user.id,
        specId: next.id,
        registeredOn: new Date("2023-02-01T00:00:00Z"),
        units: ["201"],
        createdById: w.users.admin.id,
      },
    });
    const waiting = await candidateWithRecords("waiting");
    await claim(waiting, { at: certifiedAt, outcome: "AUTHORISED" });
    await claim(waiting, null);
    // An assessor who took the qualification here keeps their account and name: it stands on their decisions.
    const staff = await candidateWithRecords("staff");
    await claim(staff, { at: certifiedAt, outcome: "AUTHORISED" });
    await db().userRole.create({ data: { userId: staff.user.id, role: "ASSESSOR" } });
    const refused = await candidateWithRecords("refused");
    await claim(refused, { at: certifiedAt, outcome: "REFUSED" });
    const ids = (await candidatesDue(db(), now, MONTHS, w.a.id)).map((d) => d.candidateId);
    for (const c of [onward, waiting, refused, staff]) expect(ids).not.toContain(c.user.id);
    // Nor anyone of the fixture's world.
    for (const u of Object.values(w.users)) expect(ids).not.toContain(u.id);
  });
});
