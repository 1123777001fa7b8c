import "server-only";
// The EV's centres: those they are appointed to verify (never their home centre), with counts.
import type { Actor } from "@/lib/domain/policy";
import { pageWindow, toPage } from "@/lib/domain/pagination";
import { authorize, authorizeCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { notFound } from "@/lib/server/core/errors";
import { centreVersion, centreVersions, VersionedCache } from "@/lib/server/core/internal/portfolio-version";
import { assessorsWithCaseloads } from "../internal-verification/internal/centre-overview";

/**
 * The centres an external verifier is appointed to, with their size. Each centre's count of
 * candidates reads all its users, so it is kept under the centre's version (users and roles move it).
 */
export async function listVerifiedCentres(actor: Actor) {
  authorize(actor, "centre.verify");
  const [centres, versions] = await Promise.all([
    db().centre.findMany({
      where: { id: { in: actor.evCentreIds } },
      select: { id: true, name: true, code: true },
      orderBy: { name: "asc" },
    }),
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
  return verifiedCentres.one(`${centreId}|${page}|${assessorsPage}`, await centreVersion(centreId), () =>
    readCentreOverview(centreId, page, assessorsPage),
  );
}
const verifiedCentres = new VersionedCache<Awaited<ReturnType<typeof readCentreOverview>>>(200);

async function readCentreOverview(centreId: string, page: number, assessorsPage: number) {
  const centre = await db().centre.findUnique({
    where: { id: centreId },
    select: { id: true, name: true, code: true },
  });
  if (!centre) throw notFound();
  const where = { centreId, roles: { some: { role: "CANDIDATE" as const } } };
  const [assessors, candidates, total] = await Promise.all([
    assessorsWithCaseloads(centreId, assessorsPage),
    db().user.findMany({
      where,
      select: { id: true, name: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...pageWindow(page),
    }),
    db().user.count({ where }),
  ]);
  return { centre, assessors, candidates: toPage(candidates, total, page) };
}
