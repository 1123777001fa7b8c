import "server-only";
// A centre's assessors with their caseload sizes, and candidate counts, for overviews.
import { PAGE_SIZE, pageWindow, toPage } from "@/lib/domain/pagination";
import { db } from "@/lib/server/core/internal/db";

/**
 * One page of the centre's assessors (by name) with the size of each one's caseload, counted for
 * the page's assessors only: a relation count here would aggregate every assignment in the centre.
 */
export async function assessorsWithCaseloads(centreId: string, page: number, size = PAGE_SIZE) {
  const where = { centreId, roles: { some: { role: "ASSESSOR" as const } } };
  const [assessors, total] = await Promise.all([
    db().user.findMany({
      where,
      select: { id: true, name: true, active: true },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      ...pageWindow(page, size),
    }),
    db().user.count({ where }),
  ]);
  const counts = new Map(
    (
      await db().assessorAssignment.groupBy({
        by: ["assessorId"],
        where: { assessorId: { in: assessors.map((a) => a.id) } },
        _count: { _all: true },
      })
    ).map((c) => [c.assessorId, c._count._all]),
  );
  return toPage(
    assessors.map((a) => ({ ...a, caseload: counts.get(a.id) ?? 0 })),
    total,
    page,
    size,
  );
}

export function countCandidates(centreId: string, extra: object = {}) {
  return db().user.count({ where: { centreId, roles: { some: { role: "CANDIDATE" } }, ...extra } });
}
