// UK GDPR subject access on real PostgreSQL and the real evidence store, and re-authentication:
// the candidate's own export holds every file (drafts too) with matching hashes and the data about
// them; an administrator of their centre needs their password typed in the last 10 minutes.
import { createHash } from "node:crypto";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { unzip } from "../e2e/support/zip";
import type { Actor } from "@/lib/domain/policy";
import { db } from "@/lib/server/core/internal/db";
import { confirmPassword, requireRecentPassword } from "@/lib/server/core";
import { actorForSession, startSession } from "@/lib/server/identity/internal/sessions";
import { subjectAccessExport } from "@/lib/server/personal-data";
import { decideClaim, raiseClaim } from "@/lib/server/claims";
import { createSamplePackLink } from "@/lib/server/external-verification";
import { releasedClaimsCsv } from "@/lib/server/claims";
import { setCentreApproval, setDirectClaims } from "@/lib/server/awarding-body";
import { recordFinding } from "@/lib/server/external-verification";
import { recordVerdict } from "@/lib/server/internal-verification";
import { portfolioExport } from "@/lib/server/personal-data";
import { createUser, setUserActive, setUserRoles, setWithdrawal } from "@/lib/server/identity";
import { appointVerifier, createVerifier, endAppointment, setVerifierActive } from "@/lib/server/awarding-body";
import { evidenceStorage } from "@/lib/storage";
import { actorFor, makeWorld, PASSWORD, unique, type World } from "./fixtures";

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

type Export = {
  account: { email: string; dateOfBirth: string };
  evidence: { title: string; status: string; files: { sha256: string; inThisExport: string | null }[] }[];
  sessions: unknown[];
  auditEvents: { action: string }[];
  internalVerification: unknown[];
};

describe("subject access export", () => {
  let w: World;
  let candidate: Actor;
  let admin: Actor;
  const bytes = Buffer.from("Draft notes about the stock check.\n".repeat(200));
  const sha256 = createHash("sha256").update(bytes).digest("hex");

  beforeAll(async () => {
    w = await makeWorld();
    candidate = await actorFor(w.users.candidate.id);
    admin = await actorFor(w.users.admin.id);
    const dir = await mkdtemp(path.join(tmpdir(), "sar-"));
    const draft = await db().evidence.create({
      data: {
        candidateId: w.users.candidate.id,
        title: "Draft stock check",
        description: "",
        activityDate: new Date("2026-10-01T00:00:00Z"),
        method: "PRODUCT",
      },
    });
    const key = `test/${unique("sar")}`;
    const source = path.join(dir, "notes.txt");
    await writeFile(source, bytes);
    await evidenceStorage().putFile(key, source, bytes.length);
    await db().evidenceFile.create({
      data: {
        evidenceId: draft.id,
        storageKey: key,
        displayName: "notes.txt",
        contentType: "text/plain",
        size: BigInt(bytes.length),
        sha256,
        scanStatus: "not-scanned",
        scanDetail: "",
      },
    });
  });

  it("gives the candidate everything held about them: account, evidence of every state with its files, audit events", async () => {
    const zip = await subjectAccessExport(candidate, candidate.userId);
    expect(zip.name).toMatch(/^personal-data-.*\.zip$/);
    const entries = await unzip(await collect(zip.stream));
    expect(entries.has("README.txt")).toBe(true);
    const data = JSON.parse(entries.get("personal-data.json")!.toString()) as Export;
    expect(data.account.email).toBe(candidate.email);
    expect(data.account.dateOfBirth).toBe("1990-01-01");
    const draft = data.evidence.find((e) => e.title === "Draft stock check")!;
    expect(draft.status).toBe("DRAFT");
    const file = draft.files.find((f) => f.sha256 === sha256)!;
    const inZip = entries.get(file.inThisExport!)!;
    expect(createHash("sha256").update(inZip).digest("hex")).toBe(sha256);
    // The fixture's submitted evidence is there too (its file has no stored bytes: listed as missing).
    expect(data.evidence.map((e) => e.title)).toEqual(expect.arrayContaining(["call-log", "submitted"]));
    expect((data as unknown as { filesMissingFromStorage: string[] }).filesMissingFromStorage.length).toBeGreaterThan(
      0,
    );
    // Nobody else's: not another candidate's evidence or account.
    const other = await db().user.findUniqueOrThrow({
      where: { id: w.users.otherCandidate.id },
      select: { email: true, name: true },
    });
    const text = entries.get("personal-data.json")!.toString();
    expect(text).not.toContain(other.email);
    expect(text).not.toContain(other.name);
    // The export itself is on the trail, on the candidate's centre.
    const event = await db().auditEvent.findFirstOrThrow({
      where: { action: "gdpr.subject-access-export", subjectId: candidate.userId },
      orderBy: { id: "desc" },
    });
    expect(event.centreId).toBe(w.a.id);
  });

  it("an administrator of the centre exports it only with a recently confirmed password; nobody else can", async () => {
    const zip = await subjectAccessExport(admin, candidate.userId);
    zip.stream.destroy();
    const stale = { ...admin, passwordAt: new Date(Date.now() - 11 * 60_000) };
    await expect(subjectAccessExport(stale, candidate.userId)).rejects.toMatchObject({ code: "REAUTH_REQUIRED" });
    await expect(subjectAccessExport({ ...admin, passwordAt: null }, candidate.userId)).rejects.toMatchObject({
      code: "REAUTH_REQUIRED",
    });
    // Another centre's administrator, or a user who is not a candidate: not found.
    await expect(subjectAccessExport(await actorFor(w.users.bAdmin.id), candidate.userId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(subjectAccessExport(admin, w.users.assessor.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    // Other roles, and another candidate: refused.
    for (const who of ["assessor", "iv", "ev", "otherCandidate", "abAdmin"] as const) {
      await expect(subjectAccessExport(await actorFor(w.users[who].id), candidate.userId)).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
  });

  it("confirming the password renews it for 10 minutes in that session only; a wrong one does not", async () => {
    const sessionId = await startSession(w.users.admin.id, "192.0.2.1");
    await db().userSession.update({
      where: { id: sessionId },
      data: { passwordAt: new Date(Date.now() - 30 * 60_000) },
    });
    const old = (await actorForSession(sessionId))!;
    expect(() => requireRecentPassword(old)).toThrow(expect.objectContaining({ code: "REAUTH_REQUIRED" }));
    await expect(confirmPassword(old, "not the password")).rejects.toMatchObject({ code: "WRONG_PASSWORD" });
    const stillOld = (await actorForSession(sessionId))!;
    expect(() => requireRecentPassword(stillOld)).toThrow();
    // The actor it returns may go on at once (a form that carries the password with it).
    const confirmed = await confirmPassword(old, PASSWORD);
    expect(() => requireRecentPassword(confirmed)).not.toThrow();
    const fresh = (await actorForSession(sessionId))!;
    expect(() => requireRecentPassword(fresh)).not.toThrow();
    expect(fresh.passwordAt).toEqual(confirmed.passwordAt);
    expect(
      (
        await db().auditEvent.findFirstOrThrow({
          where: { action: "session.password-confirmed", actorId: w.users.admin.id },
        })
      ).detail,
    ).toMatchObject({ sessionId });
    // Guessing is limited: the fifth wrong password within 15 minutes ends the session.
    const guessing = await startSession(w.users.admin.id, "192.0.2.9");
    const thief = (await actorForSession(guessing))!;
    // Counted per person, across sessions: the wrong password typed above is one of the five.
    const already = await db().auditEvent.count({
      where: { action: "session.password-confirm-failed", actorId: w.users.admin.id },
    });
    expect(already).toBe(1);
    for (let i = already + 1; i < 5; i++)
      await expect(confirmPassword(thief, `guess-${i}`)).rejects.toMatchObject({ code: "WRONG_PASSWORD" });
    await expect(confirmPassword(thief, "guess-5")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(await actorForSession(guessing)).toBeNull();
    await expect(confirmPassword(thief, PASSWORD)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect(
      await db().auditEvent.count({ where: { action: "session.password-confirm-failed", actorId: w.users.admin.id } }),
    ).toBeGreaterThanOrEqual(5);
    // An ended session cannot be confirmed.
    await db().userSession.update({ where: { id: sessionId }, data: { endedAt: new Date(), endReason: "sign-out" } });
    await expect(confirmPassword(fresh, PASSWORD)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("every sensitive action refuses a password typed more than 10 minutes ago, and changes nothing", async () => {
    const stale = async (who: keyof World["users"]) => ({
      ...(await actorFor(w.users[who].id)),
      passwordAt: new Date(Date.now() - 10 * 60_000 - 1000),
    });
    const [iv, ev, adminStale, abAdmin] = [
      await stale("iv"),
      await stale("ev"),
      await stale("admin"),
      await stale("abAdmin"),
    ];
    const events = await db().auditEvent.count();
    const attempts: [string, () => Promise<unknown>][] = [
      [
        "IV verdict",
        () =>
          recordVerdict(iv, {
            sampleId: w.ivSampleId,
            outcome: "AGREE",
            feedback: "Sound decisions.",
            expected: "",
            actionPoints: [],
          } as never),
      ],
      ["EV authorises a claim", () => decideClaim(ev, { claimId: w.claimId, outcome: "AUTHORISED", reasons: "" })],
      ["EV finding", () => recordFinding(ev, { visitId: w.visitId, text: "Records are well kept." })],
      ["role change", () => setUserRoles(adminStale, { userId: w.users.spare.id, roles: ["CANDIDATE", "ASSESSOR"] })],
      ["deactivation", () => setUserActive(adminStale, { userId: w.users.spare.id, active: false })],
      [
        "new user with roles",
        () =>
          createUser(adminStale, {
            name: "New Admin",
            email: `${unique("new")}@test.example`,
            password: "a-long-password-1",
            roles: ["CENTRE_ADMIN"],
          } as never),
      ],
      ["someone else's portfolio", () => portfolioExport(adminStale, w.users.candidate.id)],
      ["released claims CSV", () => releasedClaimsCsv(adminStale)],
      [
        "EV account",
        () =>
          createVerifier(abAdmin, {
            name: "New EV",
            email: `${unique("ev")}@test.example`,
            password: "a-long-password-1",
          } as never),
      ],
      ["EV appointment", () => appointVerifier(abAdmin, { userId: w.users.bEv.id, centreId: w.a.id })],
      ["end of appointment", () => endAppointment(abAdmin, { userId: w.users.ev.id, centreId: w.a.id })],
      ["EV deactivation", () => setVerifierActive(abAdmin, { userId: w.users.ev.id, active: false })],
      [
        "centre approval",
        () => setCentreApproval(abAdmin, { centreId: w.a.id, specCode: "3412-01", unitRef: "101", approved: true }),
      ],
      [
        "direct claims status",
        () =>
          setDirectClaims(abAdmin, { centreId: w.a.id, specCode: "3412-01", granted: true, reason: "Strong record." }),
      ],
      [
        "certificate claim",
        () =>
          raiseClaim(adminStale, {
            candidateId: w.users.candidate.id,
            registrationId: w.registrationId,
            kind: "UNITS",
            units: ["101"],
          }),
      ],
      [
        "sample-pack link",
        () =>
          createSamplePackLink(adminStale, {
            evEmail: w.users.ev.email,
            candidateEmails: [w.users.candidate.email],
            days: 3,
            note: "",
          }),
      ],
      [
        "withdrawal",
        () => setWithdrawal(adminStale, { userId: w.users.spare.id, withdrawn: true, reason: "Moved away" }),
      ],
    ];
    for (const [what, attempt] of attempts) {
      await expect(attempt(), what).rejects.toMatchObject({ code: "REAUTH_REQUIRED" });
    }
    expect(await db().auditEvent.count()).toBe(events);
    expect(
      (await db().user.findUniqueOrThrow({ where: { id: w.users.spare.id }, select: { active: true } })).active,
    ).toBe(true);
    expect(await db().externalVerifierCentre.count({ where: { userId: w.users.ev.id, centreId: w.a.id } })).toBe(1);
  });
});
