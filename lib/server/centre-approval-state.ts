import "server-only";
// The units a centre is approved to offer, for the rules engine's `centreApprovals`: the latest
// record per unit counts. Read inside the callers' own checks (registration, claims).
import { db } from "./db";

type Client = Pick<ReturnType<typeof db>, "$queryRaw">;

export async function centreApprovalsFor(centreId: string, specCode: string, client: Client = db()): Promise<string[]> {
  const rows = await client.$queryRaw<{ unitRef: string; approved: boolean }[]>`
    SELECT DISTINCT ON ("unitRef") "unitRef", approved FROM "CentreApproval"
    WHERE "centreId" = ${centreId}::uuid AND "specCode" = ${specCode}
    ORDER BY "unitRef", "recordedAt" DESC, id DESC`;
  return rows.filter((r) => r.approved).map((r) => r.unitRef);
}
