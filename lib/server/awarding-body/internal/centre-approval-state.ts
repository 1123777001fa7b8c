import "server-only";
// The units a centre is approved to offer, for the rules engine's `centreApprovals`: the latest
// record per unit counts. Read inside the callers' own checks (registration, claims).
import { db } from "@/lib/server/core/internal/db";

type Client = Pick<ReturnType<typeof db>, "$queryRaw">;

export async function centreApprovalsFor(centreId: string, specCode: string, client: Client = db()): Promise<string[]> {
  const rows = await client.$queryRaw<{ unitRef: string; approved: boolean }[]>`
    SELECT DISTINCT ON ("unitRef") "unitRef", approved FROM "CentreApproval"
    WHERE "centreId" = ${centreId}::uuid AND "specCode" = ${specCode}
    ORDER BY "unitRef", "recordedAt" DESC, id DESC`;
  return rows.filter((r) => r.approved).map((r) => r.unitRef);
}

/** Whether the centre holds direct claims status for the qualification now (the latest record counts). */
export async function hasDirectClaims(centreId: string, specCode: string, client: Client = db()): Promise<boolean> {
  return (await directClaimsCodes(centreId, [specCode], client)).has(specCode);
}

/** The qualifications among `specCodes` for which the centre holds direct claims status now, in one statement (the latest record of each counts). */
export async function directClaimsCodes(
  centreId: string,
  specCodes: string[],
  client: Client = db(),
): Promise<Set<string>> {
  if (specCodes.length === 0) return new Set();
  const rows = await client.$queryRaw<{ specCode: string; granted: boolean }[]>`
    SELECT DISTINCT ON ("specCode") "specCode", granted FROM "DirectClaimsStatus"
    WHERE "centreId" = ${centreId}::uuid AND "specCode" = ANY(${specCodes}::text[])
    ORDER BY "specCode", "recordedAt" DESC, id DESC`;
  return new Set(rows.filter((r) => r.granted).map((r) => r.specCode));
}
