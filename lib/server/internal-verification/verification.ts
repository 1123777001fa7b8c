import "server-only";
import type { Actor } from "@/lib/domain/policy";
import { PAGE_SIZE, pageWindow, toPage } from "@/lib/domain/pagination";
import { DASHBOARD_ROWS } from "./dashboard";
import { authorize, authorizeCentre, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { notFound } from "@/lib/server/core/errors";
import { centreVersion, centreVersions, VersionedCache } from "@/lib/server/core/internal/portfolio-version";

/**
 * One page of the centre's assessors (by name) with the size of each one's caseload, counted for
 * the page's assessors only: a relation count here would aggregate every assignment in the centre.
 */
async function assessorsWithCaseloads(centreId: string, page: number, size = PAGE_SIZE) {
  const where = { centreId, roles: { some: { role: "ASSESSOR" as const } } };
  const [assessors, total] = await Promise.all([
    db().user.findMany({ where, select: { id: true, name: true, active: true }, orderBy: [{ name: "asc" }, { id: "asc" }], ...pageWindow(page, size) }),
    db().user.count({ where }),
  ]);
  const counts = new Map(
    (await db().assessorAssignment.groupBy({ by: ["assessorId"], where: { assessorId: { in: assessors.map((a) => a.id) } }, _count: { _all: true } }))
      .map((c) => [c.assessorId, c._count._all]),
  );
  return toPage(assessors.map((a) => ({ ...a, caseload: counts.get(a.id) ?? 0 })), total, page, size);
}

function countCandidates(centreId: string, extra: object = {}) {
  return db().user.count({ where: { centreId, roles: { some: { role: "CANDIDATE" } }, ...extra } });
}

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
const overviews = new VersionedCache<{ assessors: Awaited<ReturnType<typeof assessorsWithCaseloads>>; candidates: number; unassigned: number }>(1000);

/**
 * The centres an external verifier is appointed to, with their size. Each centre's count of
 * candidates reads all its users, so it is kept under the centre's version (users and roles move it).
 */
export async function listVerifiedCentres(actor: Actor) {
  authorize(actor, "centre.verify");
  const [centres, versions] = await Promise.all([
    db().centre.findMany({ where: { id: { in: actor.evCentreIds } }, select: { id: true, name: true, code: true }, orderBy: { name: "asc" } }),
    centreVersions(actor.evCentreIds),
  ]);
  const counts = await candidateCounts.load(new Map(centres.map((c) => [c.id, versions.get(c.id)!])), async (ids) => {
    const rows = await db().$queryRaw<{ centreId: string; n: number }[]>`
      SELECT c.id::text AS "centreId",
             (SELECT count(*) FROM "User" u WHERE u."centreId" = c.id AND EXISTS (SELECT 1 FROM "UserRole" r WHERE r."userId" = u.id AND r.role = 'CANDIDATE'))::int AS n
      FROM unnest(${ids}::uuid[]) AS c(id)`;
    return new Map(rows.map((r) => [r.centreId, r.n]));
  });
  return centres.map((c) => ({ ...c, candidates: counts.get(c.id) ?? 0 }));
}
const candidateCounts = new VersionedCache<number>(10_000);

/** One of the EV's centres, read-only: its assessors and candidates. 404 for centres not theirs. */
export async function getVerifiedCentre(actor: Actor, centreId: string, page: number, assessorsPage = 1) {
  authorizeCentre(actor, "centre.verify", centreId);
  // Kept under the centre's version (decision 0019); a centre that does not exist has none kept.
  return verifiedCentres.one(`${centreId}|${page}|${assessorsPage}`, await centreVersion(centreId), () => verifiedCentre(centreId, page, assessorsPage));
}
const verifiedCentres = new VersionedCache<Awaited<ReturnType<typeof verifiedCentre>>>(200);

async function verifiedCentre(centreId: string, page: number, assessorsPage: number) {
  const centre = await db().centre.findUnique({ where: { id: centreId }, select: { id: true, name: true, code: true } });
  if (!centre) throw notFound();
  const where = { centreId, roles: { some: { role: "CANDIDATE" as const } } };
  const [assessors, candidates, total] = await Promise.all([
    assessorsWithCaseloads(centreId, assessorsPage),
    db().user.findMany({ where, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }], ...pageWindow(page) }),
    db().user.count({ where }),
  ]);
  return { centre, assessors, candidates: toPage(candidates, total, page) };
}
