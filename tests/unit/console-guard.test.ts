// The console guard (tests/support/console-guard.ts) fails a test that logs an unexpected error.
import { describe, it } from "vitest";
import { expectConsoleError } from "../support/console-guard";

describe("console guard", () => {
  it.fails("fails a test that calls console.error unexpectedly", () => {
    console.error("TEST an unexpected error");
  });

  it("lets a test that expects the error pass", () => {
    expectConsoleError(/^TEST an expected error$/);
    console.error("TEST an expected error");
  });

  it.fails("still fails on an error other than the one expected", () => {
    expectConsoleError(/^TEST an expected error$/);
    console.error("TEST something else");
  });
});
