// The ULN's published check digit (Learning Records Service), as a table.
import { describe, expect, it } from "vitest";
import { ulnProblem } from "@/lib/domain/registrations/uln";

describe("ulnProblem", () => {
  it.each([
    ["1000000043", null], // 1×10 + 4×2 = 18; 18 mod 11 = 7; 10 − 7 = 3
    ["9999999999", "check"], // 9×54 = 486; mod 11 = 2; check digit 8, not 9
    ["9999999998", null],
    ["1000000042", "check"],
    ["1000000063", "check"], // 1×10 + 6×2 = 22: remainder 0, no valid ULN
    ["0000000042", "start"],
    ["100000004", "10 digits"],
    ["10000000433", "10 digits"],
    ["10000a0043", "10 digits"],
    ["", "10 digits"],
  ])("%s → %s", (uln, problem) => {
    const found = ulnProblem(uln);
    if (problem === null) expect(found).toBeNull();
    else
      expect(found).toMatch(
        new RegExp(
          problem === "check" ? "check digit" : problem === "start" ? "does not start with 0" : "is 10 digits",
        ),
      );
  });
});
