// Plain British English for every input check that has no message of its own, instead of zod's
// defaults ("Invalid input: expected string, received number"). Messages a schema gives itself
// are kept. Imported by every validation module, so whatever parses with them speaks the same way.
import { z } from "zod";
import type { $ZodRawIssue } from "zod/v4/core";

type Issue = $ZodRawIssue;

function message(issue: Issue): string {
  const i = issue as Issue & {
    origin?: string;
    expected?: string;
    format?: string;
    maximum?: number | bigint;
    minimum?: number | bigint;
  };
  switch (i.code) {
    case "invalid_type":
      if (i.input === undefined || i.input === null) return "This is required.";
      if (i.expected === "string") return "Enter text here.";
      if (i.expected === "number" || i.expected === "int" || i.expected === "bigint") return "Enter a number.";
      if (i.expected === "boolean") return "Choose yes or no.";
      if (i.expected === "array") return "Choose from the list.";
      return "This is not in the right form.";
    case "too_big":
      if (i.origin === "string") return `This is too long: at most ${i.maximum} characters.`;
      if (i.origin === "array" || i.origin === "set") return `Choose at most ${i.maximum}.`;
      if (i.origin === "number" || i.origin === "int" || i.origin === "bigint")
        return `This is too large: at most ${i.maximum}.`;
      return "This is too large.";
    case "too_small":
      if (i.origin === "string")
        return Number(i.minimum) <= 1
          ? "This cannot be empty."
          : `This is too short: at least ${i.minimum} characters.`;
      if (i.origin === "array" || i.origin === "set")
        return Number(i.minimum) <= 1 ? "Choose at least one." : `Choose at least ${i.minimum}.`;
      if (i.origin === "number" || i.origin === "int" || i.origin === "bigint")
        return `This is too small: at least ${i.minimum}.`;
      return "This is too small.";
    case "invalid_format":
      if (i.format === "uuid" || i.format === "guid")
        return "That does not name anything here (it is not a valid reference).";
      if (i.format === "email") return "Enter an email address, like name@example.com.";
      if (i.format === "date" || i.format === "datetime") return "Enter a real date.";
      return "This is not in the expected format.";
    case "invalid_value":
      return "Choose one of the options given.";
    case "unrecognized_keys":
      return "The form sent something it should not.";
    default:
      return "This is not valid.";
  }
}

z.config({ customError: message });

/**
 * A search box's text from the address bar: anything odd (too long, control characters such as a
 * NUL byte, which PostgreSQL cannot take in text) means no search rather than an error page.
 */
export const searchText = () =>
  z
    .string()
    .trim()
    .max(100)
    .refine(
      (t) =>
        !/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/.test(t) &&
        !/[\uD800-\uDFFF]/.test(t.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, "")),
    )
    .optional()
    .catch(undefined);
