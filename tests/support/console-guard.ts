// Tests fail on an unexpected console.error (a habit from the Epic Stack): an error the product logs
// is a bug or an outage, and a test that causes one should say so. A test that expects the product
// to log an error (an outage, a failing job, an error page's reference) calls expectConsoleError()
// first; the messages are still shown.
import { afterEach, beforeEach, expect, vi } from "vitest";

let logged: unknown[][] = [];
let allowed: RegExp | null = null;
const original = console.error;

/** The test expects console.error: with a pattern, only messages matching it are allowed. */
export function expectConsoleError(pattern: RegExp = /[\s\S]*/) {
  allowed = pattern;
}

const text = (args: unknown[]) =>
  args
    .map((a) => (a instanceof Error ? `${a.name}: ${a.message}` : typeof a === "string" ? a : JSON.stringify(a)))
    .join(" ");

beforeEach(() => {
  logged = [];
  allowed = null;
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    logged.push(args);
    original(...args);
  });
});

afterEach(() => {
  const unexpected = logged.map(text).filter((message) => !allowed?.test(message));
  (console.error as unknown as { mockRestore?: () => void }).mockRestore?.();
  expect(unexpected, "console.error was called: call expectConsoleError() in a test that expects it").toEqual([]);
});
