// Folds each candidate's "PortfolioChange" rows, and each centre's "CentreChange" rows, into one row
// of the same total weight, so reading a version (lib/server/portfolio-version.ts) stays one short
// index read however long the history. One statement each: a reader sees the rows before or after
// it, with the same sum; a change committed meanwhile keeps its own row and adds its weight. Rows of
// candidates or centres no longer in the database (erased) are dropped. Run hourly by the job queue.
import type { PrismaClient } from "../generated/prisma/client";

export async function compactPortfolioChanges(prisma: PrismaClient): Promise<{ portfolios: number; centres: number }> {
  const portfolios = await prisma.$executeRaw`
    WITH many AS (SELECT "candidateId" FROM "PortfolioChange" GROUP BY 1 HAVING count(*) > 1 OR NOT EXISTS (SELECT 1 FROM "User" u WHERE u.id = "candidateId")),
    gone AS (DELETE FROM "PortfolioChange" p USING many WHERE p."candidateId" = many."candidateId" RETURNING p."candidateId", p.weight)
    INSERT INTO "PortfolioChange" ("candidateId", weight)
    SELECT g."candidateId", sum(g.weight)::int FROM gone g
    WHERE EXISTS (SELECT 1 FROM "User" u WHERE u.id = g."candidateId")
    GROUP BY 1`;
  const centres = await prisma.$executeRaw`
    WITH many AS (SELECT "centreId" FROM "CentreChange" GROUP BY 1 HAVING count(*) > 1 OR NOT EXISTS (SELECT 1 FROM "Centre" c WHERE c.id = "centreId")),
    gone AS (DELETE FROM "CentreChange" p USING many WHERE p."centreId" = many."centreId" RETURNING p."centreId", p.weight)
    INSERT INTO "CentreChange" ("centreId", weight)
    SELECT g."centreId", sum(g.weight)::int FROM gone g
    WHERE EXISTS (SELECT 1 FROM "Centre" c WHERE c.id = g."centreId")
    GROUP BY 1`;
  return { portfolios, centres };
}
