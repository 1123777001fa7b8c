import "server-only";
// The EV's sample on a visit: drawing signed-off units by assessor, IV, qualification or unit, and
// adding them to the visit's sample as they stand (the sign-off record and the IV's latest verdict).
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/domain/policy";
import type { SampleFilter } from "@/lib/validation/external-verification";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { db } from "@/lib/server/core/internal/db";
import { userNames } from "@/lib/server/core/internal/user-names";
import { AppError } from "@/lib/server/core/errors";
import { ownVisit } from "./internal/guards";

export const DRAW_PAGE_SIZE = 25;

/** The latest IV verdict (id and IV) on the unit of the sign-off row `alias`: the IV shown, stored and filtered by. */
const latestVerdict = (alias: "s" | "p") => Prisma.sql`
  SELECT v.id, v."ivId" FROM "IvSample" x JOIN "IvVerdict" v ON v."sampleId" = x.id
  WHERE x."candidateId" = ${Prisma.raw(alias)}."candidateId" AND x."specId" = ${Prisma.raw(alias)}."specId" AND x."unitRef" = ${Prisma.raw(alias)}."unitRef"
  ORDER BY v."decidedAt" DESC LIMIT 1`;

export type DrawnUnit = {
  signOffId: string;
  candidateId: string;
  candidate: string;
  qualification: string;
  unitRef: string;
  assessor: string;
  iv: string | null;
  signedAt: Date;
  inSample: boolean;
};

/**
 * Standing signed-off units of the visit's centre matching the filter, newest first, a page at a
 * time (one more row is read to know whether another page follows). Each condition is added only
 * when asked for, so the plan stays a walk of the centre's sign-offs by date.
 */
export async function drawSample(
  actor: Actor,
  visitId: string,
  filter: SampleFilter,
  page: number,
): Promise<{ units: DrawnUnit[]; hasNext: boolean }> {
  const visit = await ownVisit(actor, visitId);
  const where = [
    Prisma.sql`c."centreId" = ${visit.centreId}::uuid`,
    Prisma.sql`s.signed`,
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "UnitSignOff" t WHERE t."supersedesId" = s.id)`,
  ];
  if (filter.assessorId) where.push(Prisma.sql`s."assessorId" = ${filter.assessorId}::uuid`);
  if (filter.unitRef) where.push(Prisma.sql`s."unitRef" = ${filter.unitRef.toUpperCase()}`);
  // The IV shown for a unit is the one whose verdict is the latest: filter on the same.
  if (filter.ivId) where.push(Prisma.sql`(SELECT "ivId" FROM (${latestVerdict("s")}) lv) = ${filter.ivId}::uuid`);
  if (filter.method) {
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM jsonb_array_elements(s.evidence) k, jsonb_array_elements(k->'accepted') a WHERE a->>'method' = ${filter.method})`,
    );
  }
  if (filter.site) {
    const pattern = `%${filter.site.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Evidence" e WHERE e."candidateId" = s."candidateId" AND e.id = ANY(s."evidenceIds") AND lower(e.place) LIKE ${pattern})`,
    );
  }
  // The page of sign-offs first (narrow rows, top-N by date), then names, the IV and "in the
  // sample" for those rows alone, so the cost does not follow the centre's size.
  const rows = await db().$queryRaw<
    {
      signOffId: string;
      candidateId: string;
      candidate: string;
      qualification: string;
      unitRef: string;
      assessor: string;
      ivId: string | null;
      signedAt: Date;
      inSample: boolean;
    }[]
  >`
    WITH page AS (
      SELECT s.id, s."candidateId", s."specId", s."unitRef", s."assessorId", s."signedAt"
      FROM "UnitSignOff" s JOIN "User" c ON c.id = s."candidateId"
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY s."signedAt" DESC, s.id DESC
      LIMIT ${DRAW_PAGE_SIZE + 1} OFFSET ${(page - 1) * DRAW_PAGE_SIZE})
    SELECT p.id AS "signOffId", p."candidateId", c.name AS candidate, q.code AS qualification, p."unitRef", a.name AS assessor, lv."ivId", p."signedAt",
           EXISTS (SELECT 1 FROM "EvSampleItem" i WHERE i."visitId" = ${visitId}::uuid AND i."signOffId" = p.id) AS "inSample"
    FROM page p
    JOIN "User" c ON c.id = p."candidateId"
    JOIN "User" a ON a.id = p."assessorId"
    JOIN "QualificationSpec" q ON q.id = p."specId"
    LEFT JOIN LATERAL (${latestVerdict("p")}) lv ON true
    ORDER BY p."signedAt" DESC, p.id DESC`;
  const ivs = await userNames(rows.map((r) => r.ivId));
  return {
    units: rows.slice(0, DRAW_PAGE_SIZE).map(({ ivId, ...r }) => ({ ...r, iv: ivId ? (ivs.get(ivId) ?? "") : null })),
    hasNext: rows.length > DRAW_PAGE_SIZE,
  };
}

/** The assessors and IVs of the visit's centre, for the filter's choices. */
export async function sampleChoices(actor: Actor, visitId: string) {
  const visit = await ownVisit(actor, visitId);
  const staff = await db().user.findMany({
    where: { centreId: visit.centreId, roles: { some: { role: { in: ["ASSESSOR", "INTERNAL_VERIFIER"] } } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, name: true, roles: { select: { role: true } } },
  });
  return {
    assessors: staff.filter((s) => s.roles.some((r) => r.role === "ASSESSOR")).map(({ id, name }) => ({ id, name })),
    ivs: staff.filter((s) => s.roles.some((r) => r.role === "INTERNAL_VERIFIER")).map(({ id, name }) => ({ id, name })),
  };
}

/**
 * Adds standing signed-off units of the visit's centre to its sample, each as it stands now (the
 * sign-off record and the IV whose verdict is the latest). Adding one twice changes nothing.
 */
export async function addToSample(
  actor: Actor,
  input: { visitId: string; signOffIds: string[] },
): Promise<{ added: number }> {
  return db().$transaction(async (tx) => {
    const visit = await ownVisit(actor, input.visitId, tx);
    const signOffs = await tx.$queryRaw<
      {
        id: string;
        candidateId: string;
        specId: string;
        unitRef: string;
        assessorId: string;
        ivVerdictId: string | null;
        ivId: string | null;
      }[]
    >`
      SELECT s.id, s."candidateId", s."specId", s."unitRef", s."assessorId", lv.id AS "ivVerdictId", lv."ivId"
      FROM "UnitSignOff" s JOIN "User" c ON c.id = s."candidateId"
      LEFT JOIN LATERAL (${latestVerdict("s")}) lv ON true
      WHERE s.id = ANY(${input.signOffIds}::uuid[]) AND c."centreId" = ${visit.centreId}::uuid AND s.signed
        AND NOT EXISTS (SELECT 1 FROM "UnitSignOff" t WHERE t."supersedesId" = s.id)`;
    if (signOffs.length !== new Set(input.signOffIds).size) {
      throw new AppError("STALE", {
        signOffIds: [
          "A unit ticked is no longer signed off at this centre (its sign-off was corrected). The list now shows the standing sign-offs.",
        ],
      });
    }
    const { count } = await tx.evSampleItem.createMany({
      data: signOffs.map((s) => ({
        visitId: visit.id,
        signOffId: s.id,
        candidateId: s.candidateId,
        specId: s.specId,
        unitRef: s.unitRef,
        assessorId: s.assessorId,
        ivVerdictId: s.ivVerdictId,
        ivId: s.ivId,
      })),
      skipDuplicates: true,
    });
    await recordAudit(tx, actor, {
      action: "ev.sample.add",
      subjectType: "EvVisit",
      subjectId: visit.id,
      detail: { signOffIds: signOffs.map((s) => s.id), added: count },
      centreId: visit.centreId,
    });
    return { added: count };
  });
}
