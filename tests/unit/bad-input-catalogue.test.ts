// The bad-input catalogue, part 1: every field of every input schema (the edge of every server
// action and API) against a catalogue of bad values. Each is refused at that field with a clear
// message in plain English (never zod's own wording), or, for text that is merely hostile (SQL,
// markup, paths, spreadsheet formulas), taken as the plain text it is: it is stored through
// parameterised queries, shown through React's escaping and exported with formulas defused.
// Part 2 (tests/integration/bad-input-catalogue.test.ts) sends the same through the real server
// functions and checks that nothing changed.
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import * as assessment from "@/lib/validation/assessment";
import * as claims from "@/lib/validation/claims";
import * as evidence from "@/lib/validation/evidence";
import * as externalVerification from "@/lib/validation/external-verification";
import * as notifications from "@/lib/validation/notifications";
import * as registration from "@/lib/validation/registration";
import * as user from "@/lib/validation/user";
import * as witness from "@/lib/validation/witness";
import { ALWAYS_BAD, HOSTILE_TEXT } from "../support/bad-inputs";

const MODULES = { assessment, claims, evidence, externalVerification, notifications, registration, user, witness };

const ZOD_WORDING = /Invalid input|expected \w+, received|Too (big|small)|Invalid (string|uuid|email|enum)|Required$/;

type AnyObject = z.ZodObject<Record<string, z.ZodType>>;
const schemas = Object.entries(MODULES).flatMap(([m, mod]) =>
  Object.entries(mod)
    .filter(
      ([name, value]) =>
        name.endsWith("Schema") && typeof value === "object" && value !== null && "shape" in (value as object),
    )
    .map(([name, value]) => ({ name: `${m}.${name}`, schema: value as unknown as AnyObject })),
);

/** Fields that take a password: compared with the stored hash, never shown, so any character is allowed. */
const PASSWORD_FIELDS = new Set(["password", "newPassword", "confirm"]);

describe("bad-input catalogue: every field of every input schema", () => {
  it("covers the schemas of every validation module", () => {
    expect(schemas.length).toBeGreaterThan(50);
  });

  for (const { name, schema } of schemas) {
    for (const field of Object.keys(schema.shape)) {
      it(`${name}.${field}`, () => {
        // Searches and sorts from the address bar: an odd value is dropped (no search, the default
        // order) rather than answered with an error page, and never reaches a query as it is.
        if (name.endsWith("QuerySchema")) {
          for (const value of [...Object.values(ALWAYS_BAD), HOSTILE_TEXT["unusual Unicode"]]) {
            const result = schema.safeParse({ [field]: value });
            if (result.success && typeof value !== "string")
              expect((result.data as Record<string, unknown>)[field]).not.toEqual(value);
            if (result.success && typeof value === "string" && /[\u0000\u202E\uD800]|x{1000}/.test(value))
              expect((result.data as Record<string, unknown>)[field]).not.toEqual(value);
          }
          return;
        }
        for (const [label, value] of Object.entries(ALWAYS_BAD)) {
          if (PASSWORD_FIELDS.has(field) && typeof value === "string" && label !== "100,001 characters") continue;
          // A number is a fine answer where a number is asked for (hours, a sample size).
          if (label === "a number" && schema.shape[field]!.safeParse(42).success) continue;
          const result = schema.safeParse({ [field]: value });
          const issues = result.success ? [] : result.error.issues.filter((i) => i.path[0] === field);
          expect(issues.length, `${label} in ${field} was accepted`).toBeGreaterThan(0);
          for (const issue of issues) expect(issue.message, `${label} in ${field}`).not.toMatch(ZOD_WORDING);
        }
        for (const [label, value] of Object.entries(HOSTILE_TEXT)) {
          const result = schema.safeParse({ [field]: value });
          const issues = result.success ? [] : result.error.issues.filter((i) => i.path[0] === field);
          for (const issue of issues) {
            expect(issue.message.trim().length, `${label} in ${field}`).toBeGreaterThan(0);
            expect(issue.message, `${label} in ${field}`).not.toMatch(ZOD_WORDING);
          }
        }
      });
    }
  }
});
