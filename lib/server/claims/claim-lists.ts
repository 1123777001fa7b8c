import "server-only";
// Reading claims: one claim with its pack, and the lists for the EV, the centre and the candidate.
import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/domain/claims/unit-claims";
import { pageWindow, toPage, windowTotal } from "@/lib/domain/pagination";
import type { Actor } from "@/lib/domain/policy";
import { authorize, authorizeCentre, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { assertCandidateVisible } from "@/lib/server/identity/internal/guards";
import { db } from "@/lib/server/core/internal/db";
import { forbidden, notFound } from "@/lib/server/core/errors";

/** One claim with its pack and decision: the centre's administrators and the EVs appointed to it. */
export async function getClaim(actor: Actor, claimId: string) {
  // Roles first, so a candidate or assessor learns nothing about which claim ids exist.
  if (!(["CENTRE_ADMIN", "EXTERNAL_VERIFIER", "AWARDING_BODY_ADMIN"] as const).some((r) => actor.roles.includes(r)))
    throw forbidden();
  const claim = await db().certificateClaim.findUnique({ where: { id: claimId }, include: { decision: true } });
  if (!claim) throw notFound();
  if (actor.roles.includes("EXTERNAL_VERIFIER")) authorizeCentre(actor, "claim.decide", claim.centreId);
  else if (actor.roles.includes("AWARDING_BODY_ADMIN")) {
    // The awarding body receives released claims only.
    authorize(actor, "claim.export");
    const released = claim.releasedDirectly || claim.decision?.outcome === "AUTHORISED";
    if (!released) throw notFound();
  } else if (authorizeOwnCentre(actor, "claim.raise") !== claim.centreId) throw notFound();
  const correction = await db().certificateClaim.findUnique({ where: { correctsId: claim.id }, select: { id: true } });
  const valid = createHash("sha256").update(canonicalJson(claim.pack)).digest("hex") === claim.packSha256;
  return { ...claim, correctedById: correction?.id ?? null, packIntact: valid };
}

/**
 * Claims of the centres the EV is appointed to, a page at a time: those waiting for a decision
 * first (all of them, however old), then the decided ones, newest first. Only the pack's few fields
 * the list shows are read, not whole packs.
 */
export async function listClaimsForVerifier(actor: Actor, query: { page: number } = { page: 1 }) {
  authorize(actor, "claim.decide");
  const { skip, take } = pageWindow(query.page);
  const rows = await db().$queryRaw<
    {
      id: string;
      kind: "UNITS" | "QUALIFICATION";
      units: string[];
      raisedAt: Date;
      releasedDirectly: boolean;
      candidate: string;
      centre: string | null;
      qualification: string;
      outcome: "AUTHORISED" | "REFUSED" | null;
      decidedAt: Date | null;
      total: number;
    }[]
  >`
    WITH page AS (
      -- The page's claims first (ids and order only), so the packs are read for 25 rows alone.
      SELECT c.id, (d.id IS NULL) AS waiting, c."raisedAt", (count(*) OVER ())::int AS total
      FROM "CertificateClaim" c LEFT JOIN "ClaimDecision" d ON d."claimId" = c.id
      WHERE c."centreId" = ANY(${actor.evCentreIds}::uuid[])
      ORDER BY (d.id IS NULL) DESC, c."raisedAt" DESC, c.id
      LIMIT ${take} OFFSET ${skip}
    )
    SELECT c.id, c.kind::text AS kind, c.units, c."raisedAt", c."releasedDirectly",
           c.pack->'candidate'->>'name' AS candidate, c.pack->'centre'->>'name' AS centre, c.pack->'qualification'->>'code' AS qualification,
           d.outcome::text AS outcome, d."decidedAt", p.total
    FROM page p JOIN "CertificateClaim" c ON c.id = p.id LEFT JOIN "ClaimDecision" d ON d."claimId" = c.id
    ORDER BY p.waiting DESC, p."raisedAt" DESC, p.id`;
  const total = await windowTotal(rows, query.page, () =>
    db().certificateClaim.count({ where: { centreId: { in: actor.evCentreIds } } }),
  );
  return toPage(
    rows.map((c) => ({
      id: c.id,
      kind: c.kind,
      units: c.units,
      raisedAt: c.raisedAt,
      decision: c.outcome ? { outcome: c.outcome, decidedAt: c.decidedAt! } : null,
      releasedDirectly: c.releasedDirectly,
      candidate: c.candidate,
      centre: c.centre ?? "",
      qualification: c.qualification,
    })),
    total,
    query.page,
  );
}

/** The centre's claims, newest first, for its administrators. */
export async function listCentreClaims(actor: Actor, query: { page: number }) {
  const centreId = authorizeOwnCentre(actor, "claim.raise");
  const [items, total] = await Promise.all([
    db().certificateClaim.findMany({
      where: { centreId },
      orderBy: [{ raisedAt: "desc" }, { id: "asc" }],
      ...pageWindow(query.page),
      select: {
        id: true,
        kind: true,
        units: true,
        raisedAt: true,
        candidateId: true,
        pack: true,
        releasedDirectly: true,
        decision: { select: { outcome: true, decidedAt: true } },
      },
    }),
    db().certificateClaim.count({ where: { centreId } }),
  ]);
  return toPage(
    items.map((c) => {
      const pack = c.pack as { candidate: { name: string }; qualification: { code: string } };
      return {
        id: c.id,
        kind: c.kind,
        units: c.units,
        raisedAt: c.raisedAt,
        candidateId: c.candidateId,
        candidate: pack.candidate.name,
        qualification: pack.qualification.code,
        decision: c.decision,
        releasedDirectly: c.releasedDirectly,
      };
    }),
    total,
    query.page,
  );
}

/** A candidate's claims and what became of them: on their own record, and for whoever may see the candidate. */
export async function listCandidateClaims(actor: Actor, candidateId: string) {
  await assertCandidateVisible(actor, candidateId);
  const claims = await db().certificateClaim.findMany({
    where: { candidateId },
    orderBy: { raisedAt: "desc" },
    take: 50,
    select: {
      id: true,
      kind: true,
      units: true,
      raisedAt: true,
      pack: true,
      releasedDirectly: true,
      decision: { select: { outcome: true, decidedAt: true, reasons: true } },
    },
  });
  return claims.map((c) => ({
    id: c.id,
    kind: c.kind,
    units: c.units,
    raisedAt: c.raisedAt,
    decision: c.decision,
    releasedDirectly: c.releasedDirectly,
    qualification: (c.pack as { qualification: { code: string; title: string } }).qualification,
  }));
}
