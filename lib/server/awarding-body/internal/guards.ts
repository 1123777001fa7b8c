import "server-only";
// The awarding body's guards (vocabulary: docs/access-guards.md): which accounts are external
// verifiers the awarding body administers.
import { db } from "@/lib/server/core/internal/db";
import { notFound } from "@/lib/server/core/errors";

/** An external verifier's account: a platform account (no centre) holding the role. */
export const isVerifier = { centreId: null, roles: { some: { role: "EXTERNAL_VERIFIER" as const } } };

/**
 * Rule: an external verifier's platform account; 404 for any other user.
 * Why: OCR: "The external verifier is appointed by OCR": the awarding body manages its EVs, and
 * never a centre's own staff through this route.
 */
export async function platformVerifier(userId: string) {
  const user = await db().user.findFirst({ where: { id: userId, ...isVerifier }, select: { id: true } });
  if (!user) throw notFound();
}
