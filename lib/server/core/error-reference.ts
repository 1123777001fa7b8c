// Unexpected errors never reach a user as text: they are logged under a short reference that the
// user is shown and can quote, so support can find the detail (scanner addresses, paths, SQL).
// No "server-only" marker: the upload pipeline (lib/evidence/tus.ts) also runs in scripts.
import { randomBytes } from "node:crypto";

export function logWithReference(context: string, error: unknown): string {
  const reference = `E-${randomBytes(4).toString("hex").toUpperCase()}`;
  console.error(`[${reference}] ${context}`, error);
  return reference;
}

export const quoteReference = (reference: string) =>
  `If it happens again, contact your centre and quote reference ${reference}.`;
