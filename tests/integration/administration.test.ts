import { beforeAll, describe, expect, it } from "vitest";
import { mayAttempt, type Actor } from "@/lib/domain/policy";
import { PAGE_SIZE } from "@/lib/domain/pagination";
import { assignCandidate, unassignCandidate } from "@/lib/server/identity";
import { listCaseload } from "@/lib/server/identity";
import { db } from "@/lib/server/core/internal/db";
import { AppError } from "@/lib/server/core";
import { createUser, getUserForAdmin, listUsers, setUserActive, setUserRoles } from "@/lib/server/identity";
import { actorFor, makeCentre, makeUser, unique } from "./fixtures";

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e) => (e instanceof AppError ? e.code : Promise.reject(e)),
  );

describe("centre administration", () => {
  let admin: Actor;
  let centreId: string;
  beforeAll(async () => {
    centreId = (await makeCentre()).id;
    admin = await actorFor((await makeUser(centreId, ["CENTRE_ADMIN"])).id);
  });

  it("creates a user with roles, hashes the password and records who did it", async () => {
    const email = `${unique("ada")}@test.example`;
    const { id } = await createUser(admin, {
      name: "Ada Lovelace",
      email,
      password: "a-long-password",
      roles: ["ASSESSOR", "INTERNAL_VERIFIER"],
    });
    const user = await getUserForAdmin(admin, id);
    expect(user.roles.sort()).toEqual(["ASSESSOR", "INTERNAL_VERIFIER"]);
    const stored = await db().user.findUniqueOrThrow({ where: { id } });
    expect(stored.centreId).toBe(centreId);
    expect(stored.passwordHash).not.toContain("a-long-password");
    const audit = await db().auditEvent.findFirstOrThrow({ where: { subjectId: id, action: "user.create" } });
    expect(audit.actorId).toBe(admin.userId);
  });

  it("refuses a second account with the same email, in any case, and says which field", async () => {
    const email = `${unique("dup")}@test.example`;
    await createUser(admin, { name: "First", email, password: "a-long-password", roles: ["CANDIDATE"] });
    const error = await createUser(admin, {
      name: "Second",
      email,
      password: "a-long-password",
      roles: ["CANDIDATE"],
    }).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("EMAIL_TAKEN");
    expect(error.fieldErrors.email).toBeDefined();
  });

  it("a centre cannot give platform roles: its external verifier is appointed by the awarding body", async () => {
    const email = `${unique("ev")}@test.example`;
    // The validation schema already refuses these; the data layer refuses them too.
    const platform = ["EXTERNAL_VERIFIER"] as unknown as ["CANDIDATE"];
    expect(await code(createUser(admin, { name: "Eve", email, password: "a-long-password", roles: platform }))).toBe(
      "PLATFORM_ROLE",
    );
    expect(await db().user.count({ where: { email } })).toBe(0);
    const user = await makeUser(centreId, ["ASSESSOR"]);
    expect(await code(setUserRoles(admin, { userId: user.id, roles: ["ASSESSOR", ...platform] }))).toBe(
      "PLATFORM_ROLE",
    );
    expect(
      await code(
        setUserRoles(admin, { userId: user.id, roles: ["ASSESSOR", "AWARDING_BODY_ADMIN"] as unknown as ["ASSESSOR"] }),
      ),
    ).toBe("PLATFORM_ROLE");
    expect((await actorFor(user.id)).roles).toEqual(["ASSESSOR"]);
  });

  it("a centre cannot see, change or deactivate the EV who verifies it", async () => {
    const ev = await makeUser(null, ["EXTERNAL_VERIFIER"], "ev", { verifies: [centreId] });
    expect(await code(getUserForAdmin(admin, ev.id))).toBe("NOT_FOUND");
    expect(await code(setUserActive(admin, { userId: ev.id, active: false }))).toBe("NOT_FOUND");
    expect(await code(setUserRoles(admin, { userId: ev.id, roles: ["CANDIDATE"] }))).toBe("NOT_FOUND");
    expect((await listUsers(admin, { page: 1, q: ev.email })).total).toBe(0);
    expect((await actorFor(ev.id)).evCentreIds).toEqual([centreId]);
  });

  it("an EV role on a centre account gives no EV access: the verifier must be independent of the centre", async () => {
    const user = await makeUser(centreId, ["INTERNAL_VERIFIER", "EXTERNAL_VERIFIER"], "mixed", {
      verifies: [centreId],
    });
    const actor = await actorFor(user.id);
    expect(actor.roles).toEqual(["INTERNAL_VERIFIER"]);
    expect(mayAttempt(actor, "centre.verify")).toBe(false);
  });

  it("changes roles, and will not let an administrator lock themself out", async () => {
    const user = await makeUser(centreId, ["CANDIDATE"]);
    await setUserRoles(admin, { userId: user.id, roles: ["ASSESSOR", "EXPERT_WITNESS"] });
    expect((await actorFor(user.id)).roles.sort()).toEqual(["ASSESSOR", "EXPERT_WITNESS"]);
    expect(await code(setUserRoles(admin, { userId: admin.userId, roles: ["ASSESSOR"] }))).toBe("SELF_LOCKOUT");
    expect(await code(setUserActive(admin, { userId: admin.userId, active: false }))).toBe("SELF_LOCKOUT");
  });

  it("assigns a candidate to an assessor (twice is harmless) and removes them", async () => {
    const candidate = await makeUser(centreId, ["CANDIDATE"], "cand");
    const assessorUser = await makeUser(centreId, ["ASSESSOR"], "ass");
    const assessor = await actorFor(assessorUser.id);
    await assignCandidate(admin, { candidateId: candidate.id, assessorId: assessorUser.id });
    await assignCandidate(admin, { candidateId: candidate.id, assessorId: assessorUser.id });
    expect((await listCaseload(assessor, { page: 1 })).items.map((c) => c.id)).toEqual([candidate.id]);
    expect(await db().auditEvent.count({ where: { subjectId: candidate.id, action: "assignment.create" } })).toBe(1);
    await unassignCandidate(admin, { candidateId: candidate.id, assessorId: assessorUser.id });
    expect((await listCaseload(assessor, { page: 1 })).total).toBe(0);
  });

  it("only candidates go on caseloads, only assessors hold them", async () => {
    const candidate = await makeUser(centreId, ["CANDIDATE"]);
    const witness = await makeUser(centreId, ["EXPERT_WITNESS"]);
    expect(await code(assignCandidate(admin, { candidateId: witness.id, assessorId: witness.id }))).toBe(
      "NOT_A_CANDIDATE",
    );
    expect(await code(assignCandidate(admin, { candidateId: candidate.id, assessorId: witness.id }))).toBe(
      "NOT_AN_ASSESSOR",
    );
  });

  it("pages and searches the user list", async () => {
    const centre = await makeCentre();
    const bigAdmin = await actorFor((await makeUser(centre.id, ["CENTRE_ADMIN"], "zz-admin")).id);
    await db().user.createMany({
      data: Array.from({ length: PAGE_SIZE + 5 }, (_, i) => ({
        centreId: centre.id,
        email: `${unique("bulk")}@test.example`,
        name: `Bulk ${String(i).padStart(2, "0")}`,
        passwordHash: "x",
      })),
    });
    const first = await listUsers(bigAdmin, { page: 1 });
    const second = await listUsers(bigAdmin, { page: 2 });
    expect(first.total).toBe(PAGE_SIZE + 6);
    expect(first.pageCount).toBe(2);
    expect(first.items).toHaveLength(PAGE_SIZE);
    expect(second.items).toHaveLength(6);
    expect(new Set([...first.items, ...second.items].map((u) => u.id)).size).toBe(PAGE_SIZE + 6);
    expect((await listUsers(bigAdmin, { page: 1, q: "bulk 07" })).items.map((u) => u.name)).toEqual(["Bulk 07"]);
    expect((await listUsers(bigAdmin, { page: 1, role: "CENTRE_ADMIN" })).total).toBe(1);
  });
});
