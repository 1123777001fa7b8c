// Every unexpected error of a page, route or server action is logged here with the reference the
// user is shown on the error page (app/error.tsx shows Next's digest of the same error), so a
// quoted reference finds the detail in the server's log.
import type { Instrumentation } from "next";

/** At start-up: a bad environment variable stops the server with a message naming it (lib/config). */
export async function register() {
  const { config } = await import("./lib/config");
  config();
}

export const onRequestError: Instrumentation.onRequestError = (error, request, context) => {
  const digest = (error as { digest?: unknown } | null)?.digest;
  const reference = typeof digest === "string" ? digest : "none";
  console.error(`[reference ${reference}] ${request.method} ${request.path} failed (${context.routeType})`, error);
};
