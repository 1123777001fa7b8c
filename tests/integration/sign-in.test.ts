import { describe, expect, it } from "vitest";
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from "@/lib/domain/login-throttle";
import { loadActor } from "@/lib/server/actor";
import { authenticate } from "@/lib/server/authenticate";
import { db } from "@/lib/server/db";
import { setUserActive } from "@/lib/server/users";
import { actorFor, makeCentre, makeUser, PASSWORD } from "./fixtures";

describe("signing in", () => {
  it("accepts the right password, whatever the email's case and spacing", async () => {
    const centre = await makeCentre();
    const user = await makeUser(centre.id, ["ASSESSOR"]);
    const result = await authenticate(`  ${user.email.toUpperCase()} `, PASSWORD, "10.0.0.1");
    expect(result).toEqual({ ok: true, userId: user.id, sessionVersion: 0 });
  });

  it("gives the same answer for a wrong password and an unknown email", async () => {
    const centre = await makeCentre();
    const user = await makeUser(centre.id, ["ASSESSOR"]);
    expect(await authenticate(user.email, "wrong-password", "10.0.0.2")).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
    expect(await authenticate("nobody@test.example", PASSWORD, "10.0.0.2")).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
  });

  it("refuses a deactivated user even with the right password", async () => {
    const centre = await makeCentre();
    const user = await makeUser(centre.id, ["ASSESSOR"]);
    await db().user.update({ where: { id: user.id }, data: { active: false } });
    expect(await authenticate(user.email, PASSWORD, "10.0.0.3")).toEqual({ ok: false, reason: "INVALID_CREDENTIALS" });
  });

  it(`locks an email after ${MAX_FAILURES_PER_EMAIL} failures, even for the right password, from any address`, async () => {
    const centre = await makeCentre();
    const user = await makeUser(centre.id, ["ASSESSOR"]);
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await authenticate(user.email, "wrong", `10.1.0.${i}`);
    expect((await authenticate(user.email, PASSWORD, "10.1.1.1")).ok).toBe(true); // one below the limit: fine
    await authenticate(user.email, "wrong", "10.1.0.99");
    expect(await authenticate(user.email, PASSWORD, "10.1.1.2")).toEqual({ ok: false, reason: "RATE_LIMITED" });
  });

  it("limits one address spraying many accounts, but never pools unknown addresses", async () => {
    const ip = "10.2.0.1";
    await db().loginAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_IP }, (_, i) => ({ email: `spray${i}@test.example`, ip, succeeded: false })),
    });
    const centre = await makeCentre();
    const user = await makeUser(centre.id, ["ASSESSOR"]);
    expect(await authenticate(user.email, PASSWORD, ip)).toEqual({ ok: false, reason: "RATE_LIMITED" });
    await db().loginAttempt.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_IP }, (_, i) => ({ email: `anon${i}@test.example`, ip: "unknown", succeeded: false })),
    });
    expect((await authenticate(user.email, PASSWORD, "unknown")).ok).toBe(true);
  });

  it("records every attempt, for the throttle and for audit", async () => {
    const centre = await makeCentre();
    const user = await makeUser(centre.id, ["ASSESSOR"]);
    await authenticate(user.email, "wrong", "10.3.0.1");
    await authenticate(user.email, PASSWORD, "10.3.0.1");
    const attempts = await db().loginAttempt.findMany({ where: { email: user.email }, orderBy: { id: "asc" } });
    expect(attempts.map((a) => a.succeeded)).toEqual([false, true]);
  });
});

describe("ending sessions", () => {
  it("deactivating a user ends the sessions they already have, and reactivating does not revive them", async () => {
    const centre = await makeCentre();
    const admin = await makeUser(centre.id, ["CENTRE_ADMIN"]);
    const user = await makeUser(centre.id, ["CANDIDATE"]);
    const session = await authenticate(user.email, PASSWORD, "10.4.0.1");
    if (!session.ok) throw new Error("sign-in failed");
    expect(await loadActor(session.userId, session.sessionVersion)).not.toBeNull();

    await setUserActive(await actorFor(admin.id), { userId: user.id, active: false });
    expect(await loadActor(session.userId, session.sessionVersion)).toBeNull();

    await setUserActive(await actorFor(admin.id), { userId: user.id, active: true });
    expect(await loadActor(session.userId, session.sessionVersion)).toBeNull(); // old session stays dead
    const fresh = await authenticate(user.email, PASSWORD, "10.4.0.1");
    expect(fresh.ok && (await loadActor(fresh.userId, fresh.sessionVersion))?.userId).toBe(user.id);
  });

  it("reads roles fresh: a role removed takes effect on the next request", async () => {
    const centre = await makeCentre();
    const user = await makeUser(centre.id, ["ASSESSOR", "INTERNAL_VERIFIER"]);
    expect((await loadActor(user.id, 0))?.roles.sort()).toEqual(["ASSESSOR", "INTERNAL_VERIFIER"]);
    await db().userRole.delete({ where: { userId_role: { userId: user.id, role: "INTERNAL_VERIFIER" } } });
    expect((await loadActor(user.id, 0))?.roles).toEqual(["ASSESSOR"]);
  });
});
