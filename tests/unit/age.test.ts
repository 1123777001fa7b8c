import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ageOn, minimumAgeProblem } from "@/lib/domain/registrations/age";
import { suiteSchema } from "@/lib/domain/catalogue/spec";

const cg = suiteSchema.parse(JSON.parse(readFileSync("prisma/catalogue/cg-3412.json", "utf8")));

describe("minimum ages (C&G 3412 section 2)", () => {
  it("counts whole years; a 29 February birthday comes on 1 March in other years", () => {
    expect(ageOn("2009-09-01", "2025-08-31")).toBe(15);
    expect(ageOn("2009-09-01", "2025-09-01")).toBe(16);
    expect(ageOn("2008-02-29", "2026-02-28")).toBe(17);
    expect(ageOn("2008-02-29", "2026-03-01")).toBe(18);
  });

  it("3412-04 needs 16 and 3412-05 18 on the registration date, in the handbook's words; other levels have no limit", () => {
    expect(cg.qualifications.find((q) => q.code === "3412-04")?.minimumAge?.years).toBe(16);
    expect(cg.qualifications.find((q) => q.code === "3412-05")?.minimumAge?.years).toBe(18);
    expect(minimumAgeProblem(cg, "3412-04", "2009-09-02", "2025-09-01")).toBe(
      'The candidate is 15 on 1 September 2025, under the minimum age of 16 for 3412-04. C&G 3412 handbook, section 2: "For the level 3 Diploma City & Guilds cannot accept any registrations for candidates under 16 as this qualification is not approved for under 16s."',
    );
    expect(minimumAgeProblem(cg, "3412-04", "2009-09-01", "2025-09-01")).toBeNull();
    expect(minimumAgeProblem(cg, "3412-05", "2008-02-10", "2025-09-01")).toMatch(
      /^The candidate is 17 .* under the minimum age of 18 for 3412-05\. .*under 18s\."$/,
    );
    expect(minimumAgeProblem(cg, "3412-05", null, "2025-09-01")).toMatch(
      /^Record the candidate's date of birth first: 3412-05 has a minimum age of 18\./,
    );
    for (const code of ["3412-01", "3412-02", "3412-03"])
      expect(minimumAgeProblem(cg, code, null, "2025-09-01")).toBeNull();
  });
});
