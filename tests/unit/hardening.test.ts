// Pure pieces of the security review's fixes: where sign-in may send you, whose address a request
// has, how long a guesser waits, when a session ends, and which day "today" is.
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { clientAddress, UNKNOWN_ADDRESS } from "@/lib/auth/client-address";
import { knownDeviceFor, readDevice, rememberAccount } from "@/lib/auth/device-cookie";
import { delaySeconds, describeWait, retryAfterSeconds, THROTTLE_RULES } from "@/lib/domain/identity/login-throttle";
import { safeRedirectPath } from "@/lib/domain/identity/redirect";
import { sessionVerdict } from "@/lib/domain/identity/session-lifetime";
import { evidenceDetailsSchema } from "@/lib/validation/evidence";
import { registrationSchema } from "@/lib/validation/registration";

const ORIGIN = "http://localhost:3000";

describe("after sign-in, only somewhere on this site", () => {
  it.each([
    ["/\\evil.example", "/"],
    ["/\t/evil.example", "/"],
    ["/\n/evil.example", "/"],
    ["//evil.example", "/"],
    ["\\\\evil.example", "/"],
    ["https://evil.example/candidate", "/"],
    ["http://localhost:3000.evil.example/", "/"],
    ["javascript:alert(1)", "/"],
    ["/.//evil.example", "/"],
    ["/a/..//evil.example", "/"],
    ["/%2e//evil.example", "/"],
    ["/./\\evil.example", "/"],
    ["", "/"],
    [undefined, "/"],
    ["/candidate/evidence?page=2#files", "/candidate/evidence?page=2#files"],
    ["http://localhost:3000/admin", "/admin"],
    ["candidate", "/candidate"],
  ])("%j goes to %j", (target, expected) => {
    expect(safeRedirectPath(target, ORIGIN)).toBe(expected);
  });
});

describe("the client's address", () => {
  it("is the socket's unless proxies are trusted, whatever X-Forwarded-For says", () => {
    expect(clientAddress("127.0.0.1", "6.6.6.6", 0)).toBe("127.0.0.1");
    expect(clientAddress("::ffff:10.0.0.5", undefined, 0)).toBe("10.0.0.5");
  });
  it("with n trusted proxies, is n hops back from the socket, never a client-written entry further left", () => {
    // The client forged 6.6.6.6; the proxy appended the address it saw, 203.0.113.9.
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9", 1)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 203.0.113.9, 10.0.0.1", 2)).toBe("203.0.113.9");
    expect(clientAddress("10.0.0.2", ["6.6.6.6", "203.0.113.9"], 1)).toBe("203.0.113.9");
  });
  it("groups IPv6 addresses by their /64, so one household cannot rotate through endless addresses", () => {
    expect(clientAddress("2001:db8:abcd:12:1::5", undefined, 0)).toBe("2001:db8:abcd:12::/64");
    expect(clientAddress("2001:0db8:abcd:0012:ffff:1:2:3", undefined, 0)).toBe("2001:db8:abcd:12::/64");
    expect(clientAddress("2001:db8::1", undefined, 0)).toBe("2001:db8:0:0::/64");
  });
  it("is unknown when the chosen entry is not an address", () => {
    expect(clientAddress("10.0.0.2", "not-an-ip", 1)).toBe(UNKNOWN_ADDRESS);
    expect(clientAddress(undefined, undefined, 0)).toBe(UNKNOWN_ADDRESS);
  });
});

describe("progressive sign-in delays", () => {
  const none = { count: 0, lastAt: null };
  it("grow from 2 seconds, doubling, to each bucket's cap", () => {
    const rule = THROTTLE_RULES.accountFromAddress;
    expect(delaySeconds(rule.threshold - 1, rule)).toBe(0);
    expect([0, 1, 2, 3].map((i) => delaySeconds(rule.threshold + i, rule))).toEqual([2, 4, 8, 16]);
    expect(delaySeconds(100, rule)).toBe(15 * 60);
    expect(delaySeconds(100, THROTTLE_RULES.account)).toBe(60);
    expect(delaySeconds(100, THROTTLE_RULES.address)).toBe(60);
  });
  it("count from the latest failure, and the longest wait wins", () => {
    const now = new Date("2026-11-25T10:00:10Z");
    const at = new Date("2026-11-25T10:00:00Z");
    const failures = { accountFromAddress: { count: 8, lastAt: at }, account: none, address: none }; // 16 s
    expect(retryAfterSeconds(failures, now)).toBe(6);
    expect(retryAfterSeconds(failures, new Date("2026-11-25T10:00:16Z"))).toBe(0);
    expect(
      retryAfterSeconds({ accountFromAddress: none, account: { count: 40, lastAt: at }, address: none }, now),
    ).toBe(50);
  });
  it("read as plain English", () => {
    expect(describeWait(1)).toBe("1 second");
    expect(describeWait(30)).toBe("30 seconds");
    expect(describeWait(61)).toBe("2 minutes");
  });
});

describe("session lifetime", () => {
  const created = new Date("2026-11-25T09:00:00Z");
  const session = { expiresAt: new Date("2026-11-25T17:00:00Z"), lastSeenAt: created, endedAt: null };
  it("is live within both clocks, idle after 30 minutes, expired at 8 hours, over once ended", () => {
    expect(sessionVerdict(session, new Date("2026-11-25T09:29:00Z"))).toBe("live");
    expect(sessionVerdict(session, new Date("2026-11-25T09:30:00Z"))).toBe("idle");
    expect(
      sessionVerdict({ ...session, lastSeenAt: new Date("2026-11-25T16:59:00Z") }, new Date("2026-11-25T17:00:00Z")),
    ).toBe("expired");
    expect(sessionVerdict({ ...session, endedAt: created }, created)).toBe("ended");
  });
});

describe("one notion of today: Europe/London", () => {
  afterEach(() => vi.useRealTimers());
  it("accepts today's date between 00:00 and 01:00 BST, when UTC is still yesterday", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-06-01T23:30:00Z")); // 00:30 on 2 June in London
    const evidence = evidenceDetailsSchema.safeParse({
      title: "Shift",
      description: "",
      activityDate: "2026-06-02",
      method: "PRODUCT",
    });
    expect(evidence.success).toBe(true);
    const registration = registrationSchema.safeParse({
      candidateId: crypto.randomUUID(),
      specId: crypto.randomUUID(),
      registeredOn: "2026-06-02",
      units: ["101"],
    });
    expect(registration.success).toBe(true);
    expect(
      evidenceDetailsSchema.safeParse({
        title: "Shift",
        description: "",
        activityDate: "2026-06-03",
        method: "PRODUCT",
      }).success,
    ).toBe(false);
  });
});

describe("the known-device cookie", () => {
  it("names the accounts signed in on this browser, and cannot be forged or edited", () => {
    process.env.NEXTAUTH_SECRET = "unit-test-secret";
    const first = rememberAccount(null, "Jordan@Example.com")!;
    const device = readDevice(`other=1; eportfolio-device=${first}`);
    expect(device).not.toBeNull();
    expect(knownDeviceFor(device, "jordan@example.com")).toBe(device!.id);
    expect(knownDeviceFor(device, "someone@example.com")).toBeNull();
    const both = readDevice(`eportfolio-device=${rememberAccount(device, "someone@example.com")}`);
    expect(both!.id).toBe(device!.id);
    expect(knownDeviceFor(both, "jordan@example.com")).toBe(device!.id);
    const [payload] = first.split(".");
    const forged = Buffer.from(JSON.stringify({ id: "x", accounts: ["anything"] })).toString("base64url");
    expect(readDevice(`eportfolio-device=${forged}.${first.split(".")[1]}`)).toBeNull();
    expect(readDevice(`eportfolio-device=${payload}.AAAA`)).toBeNull();
    process.env.NEXTAUTH_SECRET = "another-secret";
    expect(readDevice(`eportfolio-device=${first}`)).toBeNull();
    delete process.env.NEXTAUTH_SECRET;
    expect(rememberAccount(null, "jordan@example.com")).toBeNull(); // no key, no cookie
    expect(readDevice(`eportfolio-device=${first}`)).toBeNull();
  });
  it("does not reveal which emails have signed in: account keys are keyed hashes", () => {
    process.env.NEXTAUTH_SECRET = "unit-test-secret";
    const payload = rememberAccount(null, "jordan@example.com")!.split(".")[0]!;
    const { accounts } = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { accounts: string[] };
    const plain = createHash("sha256").update("jordan@example.com").digest("base64url").slice(0, 22);
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).not.toBe(plain);
    delete process.env.NEXTAUTH_SECRET;
  });
});
