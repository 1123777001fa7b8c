// Folds each candidate's "PortfolioChange" rows, and each centre's "CentreChange" and "NameChange"
// rows, into one row of the same total weight, so reading a version (lib/server/core/internal/portfolio-version.ts) stays one short
// index read however long the history. One statement each: a reader sees the rows before or after
// it, with the same sum; a change committed meanwhile keeps its own row and adds its weight. Rows of
// candidates or centres no longer in the database (erased) are dropped. Run hourly by the job queue.
import { Prisma, type PrismaClient } from "../generated/prisma/client";

/** One change log: its table, the key column, and the table whose rows the keys name. Constants, never input. */
const LOGS = {
  portfolios: { table: "PortfolioChange", key: "candidateId", owner: "User" },
  centres: { table: "CentreChange", key: "centreId", owner: "Centre" },
  names: { table: "NameChange", key: "centreId", owner: "Centre" },
} as const;

function fold(prisma: PrismaClient, log: (typeof LOGS)[keyof typeof LOGS]) {
  const [table, key, owner] = [Prisma.raw(`"${log.table}"`), Prisma.raw(`"${log.key}"`), Prisma.raw(`"${log.owner}"`)];
  return prisma.$executeRaw`
    WITH many AS (SELECT ${key} FROM ${table} GROUP BY 1 HAVING count(*) > 1 OR NOT EXISTS (SELECT 1 FROM ${owner} o WHERE o.id = ${table}.${key})),
    gone AS (DELETE FROM ${table} p USING many WHERE p.${key} = many.${key} RETURNING p.${key}, p.weight)
    INSERT INTO ${table} (${key}, weight)
    SELECT g.${key}, sum(g.weight)::int FROM gone g
    WHERE EXISTS (SELECT 1 FROM ${owner} o WHERE o.id = g.${key})
    GROUP BY 1`;
}

export async function compactPortfolioChanges(
  prisma: PrismaClient,
): Promise<{ portfolios: number; centres: number; names: number }> {
  return {
    portfolios: await fold(prisma, LOGS.portfolios),
    centres: await fold(prisma, LOGS.centres),
    names: await fold(prisma, LOGS.names),
  };
}
