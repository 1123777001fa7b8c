import { describe, expect, it } from "vitest";
import { passwordIsRecent, REAUTH_MINUTES } from "@/lib/domain/identity/reauthentication";

describe("re-authentication window", () => {
  const now = new Date("2026-12-05T12:00:00Z");
  const ago = (ms: number) => ({ passwordAt: new Date(now.getTime() - ms) });
  it("is open for 10 minutes after the password was typed", () => {
    expect(REAUTH_MINUTES).toBe(10);
    expect(passwordIsRecent(ago(0), now)).toBe(true);
    expect(passwordIsRecent(ago(10 * 60_000 - 1), now)).toBe(true);
    expect(passwordIsRecent(ago(10 * 60_000), now)).toBe(false);
  });
  it("is closed without a time, and for a time in the future beyond clock drift", () => {
    expect(passwordIsRecent({ passwordAt: null }, now)).toBe(false);
    expect(passwordIsRecent({}, now)).toBe(false);
    expect(passwordIsRecent(ago(-30_000), now)).toBe(true);
    expect(passwordIsRecent(ago(-5 * 60_000), now)).toBe(false);
  });
});
