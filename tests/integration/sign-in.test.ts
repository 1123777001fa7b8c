import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { THROTTLE_RULES } from "@/lib/domain/identity/login-throttle";
import { authenticate } from "@/lib/server/identity/internal/authenticate";
import { db } from "@/lib/server/core/internal/db";
import { actorForSession, endSession, loadActor, startSession } from "@/lib/server/identity/internal/sessions";
import { setUserActive } from "@/lib/server/identity";
import { actorFor, makeCentre, makeUser, PASSWORD, unique } from "./fixtures";

const ip = () =>
  `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
const failures = (rows: { email: string; ip: string; secondsAgo: number }[]) =>
  db().loginAttempt.createMany({
    data: rows.map((r) => ({
      email: r.email,
      ip: r.ip,
      outcome: "failed",
      at: new Date(Date.now() - r.secondsAgo * 1000),
    })),
  });

describe("signing in", () => {
  it("accepts the right password, whatever the email's case and spacing", async () => {
    const user = await makeUser((await makeCentre()).id, ["ASSESSOR"]);
    expect(await authenticate(`  ${user.email.toUpperCase()} `, PASSWORD, ip())).toEqual({ ok: true, userId: user.id });
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const user = await makeUser((await makeCentre()).id, ["ASSESSOR"]);
    const address = ip();
    expect(await authenticate(user.email, "wrong-password", address)).toEqual({
      ok: false,
      reason: "INVALID_CREDENTIALS",
    });
    expect(await authenticate("nobody@test.example", PASSWORD, address)).toEqual({
      ok: false,
      reason: "INVALID_CREDENTIALS",
    });
  });

  it("refuses a deactivated user even with the right password", async () => {
    const user = await makeUser((await makeCentre()).id, ["ASSESSOR"]);
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await authenticate(user.email, PASSWORD, ip())).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
  });

  it("records every attempt before checking it, and settles its outcome", async () => {
    const user = await makeUser((await makeCentre()).id, ["ASSESSOR"]);
    const address = ip();
    await authenticate(user.email, "wrong", address);
    await authenticate(user.email, PASSWORD, address);
    const attempts = await db().loginAttempt.findMany({ where: { email: user.email }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => a.outcome)).toEqual(["failed", "succeeded"]);
  });
});

describe("throttling by progressive delays", () => {
  const { threshold } = THROTTLE_RULES.accountFromAddress;

  it("of many parallel guesses from one address, only the threshold's worth reach the password check", async () => {
    const user = await makeUser((await makeCentre()).id, ["ASSESSOR"]);
    const address = ip();
    const results = await Promise.all(
      Array.from({ length: 16 }, () => authenticate(user.email, "wrong-guess", address)),
    );
    const checked = results.filter((r) => !r.ok && r.reason === "INVALID_CREDENTIALS").length;
    expect(checked).toBeLessThanOrEqual(threshold);
    expect(results.filter((r) => !r.ok && r.reason === "RATE_LIMITED").length).toBeGreaterThanOrEqual(16 - threshold);
    // Refused attempts were never checked, so they are not counted as guesses.
    expect(await db().loginAttempt.count({ where: { email: user.email, outcome: "delayed" } })).toBe(16 - checked);
  });

  it("delays the guesser's address, even for the right password, but not the real user elsewhere", async () => {
    const user = await makeUser((await makeCentre()).id, ["ASSESSOR"]);
    const attacker = ip();
    await failures(Array.from({ length: threshold }, () => ({ email: user.email, ip: attacker, secondsAgo: 0 })));
    const delayed = await authenticate(user.email, PASSWORD, attacker);
    expect(delayed).toMatchObject({ ok: false, reason: "RATE_LIMITED" });
    expect(delayed.ok === false && delayed.reason === "RATE_LIMITED" && delayed.retryAfterSeconds).toBe(2);
    expect((await authenticate(user.email, PASSWORD, ip())).ok).toBe(true);
  });

  it("lets an attempt through once the delay has passed, and doubles the delay with each failure", async () => {
    const user = await makeUser((await makeCentre()).id, ["ASSESSOR"]);
    const address = ip();
    await failures(Array.from({ length: threshold }, () => ({ email: user.email, ip: address, secondsAgo: 3 })));
    expect(await authenticate(user.email, "wrong", address)).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" }); // 2 s had passed
    const next = await authenticate(user.email, "wrong", address);
    expect(next.ok === false && next.reason === "RATE_LIMITED" && next.retryAfterSeconds).toBe(4);
  });

  it("caps what an attacker spread over many addresses can do to one account at a minute's wait", async () => {
    const user = await makeUser((await makeCentre()).id, ["ASSESSOR"]);
    await failures(Array.from({ length: 40 }, () => ({ email: user.email, ip: ip(), secondsAgo: 0 })));
    const result = await authenticate(user.email, PASSWORD, ip());
    expect(result.ok === false && result.reason === "RATE_LIMITED" && result.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("an attacker failing against an account cannot keep its owner out on a browser they signed in on before", async () => {
    const user = await makeUser((await makeCentre()).id, ["ASSESSOR"]);
    const attacker = ip();
    // Failures against the account from many places, and from the owner's own shared address.
    await failures(Array.from({ length: 40 }, () => ({ email: user.email, ip: ip(), secondsAgo: 0 })));
    await failures(Array.from({ length: 10 }, () => ({ email: user.email, ip: attacker, secondsAgo: 0 })));
    expect(await authenticate(user.email, PASSWORD, attacker)).toMatchObject({ ok: false, reason: "RATE_LIMITED" });
    const device = randomUUID();
    expect(await authenticate(user.email, PASSWORD, attacker, device)).toEqual({ ok: true, userId: user.id });
  });

  it("on a shared computer, one account's failures do not slow another account known there", async () => {
    const centre = await makeCentre();
    const [typist, other] = [await makeUser(centre.id, ["CANDIDATE"]), await makeUser(centre.id, ["CANDIDATE"])];
    const device = randomUUID();
    for (let i = 0; i < 8; i++) await authenticate(typist.email, "wrong", ip(), device);
    expect(await authenticate(other.email, PASSWORD, ip(), device)).toEqual({ ok: true, userId: other.id });
  });

  it("a known browser is throttled by its own failures", async () => {
    const user = await makeUser((await makeCentre()).id, ["ASSESSOR"]);
    const device = randomUUID();
    for (let i = 0; i < THROTTLE_RULES.knownDevice.threshold; i++) {
      expect(await authenticate(user.email, "wrong", ip(), device)).toEqual({
        ok: false,
        reason: "INVALID_CREDENTIALS",
      });
    }
    expect(await authenticate(user.email, PASSWORD, ip(), device)).toMatchObject({ ok: false, reason: "RATE_LIMITED" });
  });

  it("slows one address spraying many accounts (at most a minute), but never pools unknown addresses", async () => {
    const address = ip();
    await failures(
      Array.from({ length: THROTTLE_RULES.address.threshold }, (_, i) => ({
        email: `${unique("spray")}${i}@test.example`,
        ip: address,
        secondsAgo: 0,
      })),
    );
    const user = await makeUser((await makeCentre()).id, ["ASSESSOR"]);
    const result = await authenticate(user.email, PASSWORD, address);
    expect(result.ok === false && result.reason === "RATE_LIMITED" && result.retryAfterSeconds).toBeLessThanOrEqual(60);
    await failures(
      Array.from({ length: 40 }, (_, i) => ({
        email: `${unique("anon")}${i}@test.example`,
        ip: "unknown",
        secondsAgo: 0,
      })),
    );
    expect((await authenticate(user.email, PASSWORD, "unknown")).ok).toBe(true);
  });
});

describe("sessions", () => {
  it("a session works until it is signed out, and a copy of it stops working then too", async () => {
    const user = await makeUser((await makeCentre()).id, ["CANDIDATE"]);
    const sessionId = await startSession(user.id, "10.9.0.1");
    expect((await actorForSession(sessionId))?.userId).toBe(user.id);
    await endSession(sessionId, "sign-out");
    await endSession(sessionId, "sign-out"); // twice: on the trail once
    expect(await actorForSession(sessionId)).toBeNull();
    expect(await db().userSession.findUnique({ where: { id: sessionId } })).toMatchObject({ endReason: "sign-out" });
    // Signing in and out are on the user's centre's audit trail.
    const events = await db().auditEvent.findMany({
      where: { subjectId: user.id },
      orderBy: { id: "asc" },
      select: { action: true, actorId: true, centreId: true, detail: true },
    });
    expect(events).toEqual([
      { action: "session.sign-in", actorId: user.id, centreId: user.centreId, detail: { sessionId, ip: "10.9.0.1" } },
      { action: "session.sign-out", actorId: user.id, centreId: user.centreId, detail: { sessionId } },
    ]);
  });

  it("ends after 30 minutes without a request", async () => {
    const user = await makeUser((await makeCentre()).id, ["CANDIDATE"]);
    const sessionId = await startSession(user.id, null);
    await db().userSession.update({
      where: { id: sessionId },
      data: { lastSeenAt: new Date(Date.now() - 31 * 60_000) },
    });
    expect(await actorForSession(sessionId)).toBeNull();
    expect(await db().userSession.findUnique({ where: { id: sessionId } })).toMatchObject({ endReason: "idle" });
    expect(await db().auditEvent.count({ where: { subjectId: user.id, action: "session.idle-timeout" } })).toBe(1);
  });

  it("ends 8 hours after sign-in however busy it is: activity moves lastSeenAt, never the expiry", async () => {
    const user = await makeUser((await makeCentre()).id, ["CANDIDATE"]);
    const sessionId = await startSession(user.id, null);
    const start = await db().userSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(start.expiresAt.getTime() - start.createdAt.getTime()).toBe(8 * 3_600_000);
    const later = new Date(start.createdAt.getTime() + 5 * 60_000);
    expect(await actorForSession(sessionId, later)).not.toBeNull();
    const touched = await db().userSession.findUniqueOrThrow({ where: { id: sessionId } });
    expect(touched.lastSeenAt).toEqual(later);
    expect(touched.expiresAt).toEqual(start.expiresAt);
    await db().userSession.update({
      where: { id: sessionId },
      data: { lastSeenAt: new Date(start.expiresAt.getTime() - 60_000) },
    });
    expect(await actorForSession(sessionId, start.expiresAt)).toBeNull();
  });

  it("deactivating a user ends the sessions they already have, and reactivating does not revive them", async () => {
    const centre = await makeCentre();
    const admin = await makeUser(centre.id, ["CENTRE_ADMIN"]);
    const user = await makeUser(centre.id, ["CANDIDATE"]);
    const sessionId = await startSession(user.id, null);
    expect(await actorForSession(sessionId)).not.toBeNull();
    await setUserActive(await actorFor(admin.id), { userId: user.id, active: false });
    expect(await actorForSession(sessionId)).toBeNull();
    await setUserActive(await actorFor(admin.id), { userId: user.id, active: true });
    expect(await actorForSession(sessionId)).toBeNull(); // the old session stays dead
    expect((await actorForSession(await startSession(user.id, null)))?.userId).toBe(user.id);
  });

  it("reads roles fresh: a role removed takes effect on the next request", async () => {
    const user = await makeUser((await makeCentre()).id, ["ASSESSOR", "INTERNAL_VERIFIER"]);
    expect((await loadActor(user.id))?.roles.sort()).toEqual(["ASSESSOR", "INTERNAL_VERIFIER"]);
    await db().userRole.delete({ where: { userId_role: { userId: user.id, role: "INTERNAL_VERIFIER" } } });
    expect((await loadActor(user.id))?.roles).toEqual(["ASSESSOR"]);
  });
});
