import "server-only";
// The IV's overview of the centre: assessors with their caseloads and candidate counts.
import type { Actor } from "@/lib/domain/policy";
import { DASHBOARD_ROWS } from "./dashboard";
import { authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { centreVersion, VersionedCache } from "@/lib/server/core/internal/portfolio-version";
import { assessorsWithCaseloads, countCandidates } from "./internal/centre-overview";

/** The internal verifier's view of their centre: assessors and their caseloads, who is unassigned. */
export async function getIvOverview(actor: Actor, query: { assessorsPage?: number } = {}) {
  const centreId = authorizeOwnCentre(actor, "iv.overview");
  const page = query.assessorsPage ?? 1;
  // Centre-wide counts, kept under the centre's version (decision 0019).
  return overviews.one(`${centreId}|${page}`, await centreVersion(centreId), async () => {
    const [assessors, candidates, unassigned] = await Promise.all([
      assessorsWithCaseloads(centreId, page, DASHBOARD_ROWS), // shown on the IV's dashboard
      countCandidates(centreId),
      countCandidates(centreId, { assessedBy: { none: {} } }),
    ]);
    return { assessors, candidates, unassigned };
  });
}
const overviews = new VersionedCache<{
  assessors: Awaited<ReturnType<typeof assessorsWithCaseloads>>;
  candidates: number;
  unassigned: number;
}>(1000);
