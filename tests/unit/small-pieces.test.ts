import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { contentSecurityPolicy } from "@/lib/domain/csp";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import { PAGE_SIZE, pageWindow, parsePage, toPage } from "@/lib/domain/pagination";
import { areasFor } from "@/lib/domain/roles";
import { createUserSchema } from "@/lib/validation/user";

describe("passwords", () => {
  it("hashes with Argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse batterY")).toBe(false);
  });
  it("treats a malformed stored hash as a wrong password", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
  });
});

describe("pagination", () => {
  it("reads odd page parameters as page 1", () => {
    for (const v of [undefined, "", "0", "-3", "2.5", "abc", "999999999"]) expect(parsePage(v)).toBe(1);
    expect(parsePage("4")).toBe(4);
    expect(parsePage(["3", "5"])).toBe(3);
  });
  it("computes windows and page counts", () => {
    expect(pageWindow(3)).toEqual({ skip: 2 * PAGE_SIZE, take: PAGE_SIZE });
    expect(toPage([], 0, 1).pageCount).toBe(1);
    expect(toPage([], PAGE_SIZE + 1, 1).pageCount).toBe(2);
  });
});

describe("dates are shown in UK time whatever the server's zone", () => {
  it("shows a summer evening in BST on the right day", () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London; the test process runs in Los Angeles.
    const d = new Date("2026-06-30T23:30:00Z");
    expect(formatDate(d)).toBe("1 July 2026");
    expect(formatDateTime(d)).toBe("1 Jul 2026, 00:30");
  });
  it("shows winter times in GMT", () => {
    expect(formatDateTime(new Date("2026-12-01T09:05:00Z"))).toBe("1 Dec 2026, 09:05");
  });
});

describe("CSP", () => {
  it("allows scripts only with the nonce and forbids framing", () => {
    const csp = contentSecurityPolicy("abc");
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});

describe("roles", () => {
  it("lands a multi-role user on their first area in a fixed order", () => {
    expect(areasFor(["CENTRE_ADMIN", "ASSESSOR"])).toEqual(["assessor", "admin"]);
  });
});

describe("creating a user: input rules", () => {
  const valid = {
    name: " Ada Lovelace ",
    email: " Ada@Example.COM ",
    password: "0123456789",
    roles: ["ASSESSOR", "ASSESSOR"],
  };
  it("normalises name, email and duplicate roles", () => {
    expect(createUserSchema.parse(valid)).toEqual({
      name: "Ada Lovelace",
      email: "ada@example.com",
      password: "0123456789",
      roles: ["ASSESSOR"],
    });
  });
  it.each([
    ["an empty name", { name: "  " }, "name"],
    ["a name over 120 characters", { name: "x".repeat(121) }, "name"],
    ["a bad email", { email: "ada@" }, "email"],
    ["a 9-character password", { password: "012345678" }, "password"],
    ["no role", { roles: [] }, "roles"],
    ["an unknown role", { roles: ["SUPERUSER"] }, "roles"],
  ])("rejects %s", (_, change, field) => {
    const result = createUserSchema.safeParse({ ...valid, ...change });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path[0]).toBe(field);
  });
});

describe("UK days as instants", () => {
  it("midnight in London is 00:00 UTC in winter and 23:00 UTC the day before in summer, also on the days the clocks change", async () => {
    const { londonMidnight, londonPeriod } = await import("@/lib/domain/today");
    expect(londonMidnight("2026-01-15").toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(londonMidnight("2026-09-01").toISOString()).toBe("2026-08-31T23:00:00.000Z");
    expect(londonMidnight("2026-03-29").toISOString()).toBe("2026-03-29T00:00:00.000Z"); // clocks go forward at 01:00 UTC
    expect(londonMidnight("2026-03-30").toISOString()).toBe("2026-03-29T23:00:00.000Z");
    expect(londonMidnight("2026-10-25").toISOString()).toBe("2026-10-24T23:00:00.000Z"); // clocks go back at 01:00 UTC
    expect(londonMidnight("2026-10-26").toISOString()).toBe("2026-10-26T00:00:00.000Z");
    const period = londonPeriod(new Date("2026-09-01T00:00:00Z"), new Date("2027-08-31T00:00:00Z"));
    expect(period).toEqual({ start: new Date("2026-08-31T23:00:00Z"), end: new Date("2027-08-31T23:00:00Z") });
  });
});
