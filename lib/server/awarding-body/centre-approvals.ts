import "server-only";
// The awarding body records which units each centre is approved to offer, where a unit needs the
// centre's own approval (Edexcel: unit N, specialist and bespoke software). Registration and claims
// then use them (lib/server/awarding-body/internal/centre-approval-state.ts).
import { suiteShape } from "@/lib/domain/catalogue/spec";
import type { Actor } from "@/lib/domain/policy";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorize, authorizeCentre } from "@/lib/server/core/internal/authorize";
import { centreApprovalsFor, directClaimsCodes } from "./internal/centre-approval-state";
import { db } from "@/lib/server/core/internal/db";
import { AppError, forbidden, notFound } from "@/lib/server/core/errors";
import { requireRecentPassword } from "@/lib/server/core/reauthentication";

/** Every unit in the catalogue that needs a centre's approval, by qualification code (latest version of each). */
async function unitsNeedingApproval() {
  const specs = await db().qualificationSpec.findMany({
    orderBy: [{ code: "asc" }, { importedAt: "desc" }],
    select: { code: true, title: true, spec: true },
  });
  const seen = new Set<string>();
  const out: { specCode: string; qualification: string; unitRef: string; unitTitle: string }[] = [];
  for (const s of specs) {
    if (seen.has(s.code)) continue;
    seen.add(s.code);
    const suite = suiteShape.parse(s.spec);
    for (const u of suite.units)
      if (u.requiresCentreApproval)
        out.push({ specCode: s.code, qualification: s.title, unitRef: u.ref, unitTitle: u.title });
  }
  return out;
}

/** For the awarding body's screen: the centres, and for one of them each unit needing approval with its state. */
export async function getCentreApprovals(actor: Actor, centreId: string | null) {
  authorize(actor, "approval.manage");
  const centres = await db().centre.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, code: true },
    take: 500,
  });
  if (!centreId) return { centres, centre: null, units: [] };
  const centre = centres.find((c) => c.id === centreId);
  if (!centre) throw notFound();
  const units = await unitsNeedingApproval();
  const approved = new Map<string, string[]>();
  for (const code of new Set(units.map((u) => u.specCode)))
    approved.set(code, await centreApprovalsFor(centre.id, code));
  return {
    centres,
    centre,
    units: units.map((u) => ({ ...u, approved: approved.get(u.specCode)!.includes(u.unitRef) })),
  };
}

/** Grants or withdraws a centre's approval for a unit; a new row each time, audited. */
export async function setCentreApproval(
  actor: Actor,
  input: { centreId: string; specCode: string; unitRef: string; approved: boolean },
): Promise<void> {
  authorize(actor, "approval.manage");
  const centre = await db().centre.findUnique({ where: { id: input.centreId }, select: { id: true } });
  if (!centre) throw notFound();
  requireRecentPassword(actor);
  const needing = await unitsNeedingApproval();
  if (!needing.some((u) => u.specCode === input.specCode && u.unitRef === input.unitRef)) {
    throw new AppError("INVALID_INPUT", { unitRef: ["That unit does not need a centre's approval."] });
  }
  await db().$transaction(async (tx) => {
    const row = await tx.centreApproval.create({
      data: { ...input, recordedById: actor.userId },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: input.approved ? "approval.grant" : "approval.withdraw",
      subjectType: "Centre",
      subjectId: input.centreId,
      detail: { approvalId: row.id, qualification: input.specCode, unit: input.unitRef },
      centreId: input.centreId,
    });
  });
}

/**
 * Direct claims status for a centre and qualification: the awarding body's administrator grants it
 * (or withdraws it); an EV appointed to the centre can withdraw it. A reason is kept either way.
 */
export async function setDirectClaims(
  actor: Actor,
  input: { centreId: string; specCode: string; granted: boolean; reason: string },
): Promise<void> {
  if (actor.roles.includes("EXTERNAL_VERIFIER")) {
    authorizeCentre(actor, "claim.decide", input.centreId);
    if (input.granted) throw forbidden();
  } else authorize(actor, "approval.manage");
  const centre = await db().centre.findUnique({ where: { id: input.centreId }, select: { id: true } });
  if (!centre) throw notFound();
  requireRecentPassword(actor);
  const spec = await db().qualificationSpec.findFirst({ where: { code: input.specCode }, select: { id: true } });
  if (!spec) throw new AppError("INVALID_INPUT", { specCode: ["That qualification is not in the catalogue."] });
  if (input.reason.trim() === "") throw new AppError("INVALID_INPUT", { reason: ["Give the reason."] });
  await db().$transaction(async (tx) => {
    const row = await tx.directClaimsStatus.create({
      data: { ...input, recordedById: actor.userId },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: input.granted ? "direct-claims.grant" : "direct-claims.withdraw",
      subjectType: "Centre",
      subjectId: input.centreId,
      detail: { statusId: row.id, qualification: input.specCode, reason: input.reason },
      centreId: input.centreId,
    });
  });
}

/** The centre's direct claims status for each qualification its candidates are registered on. */
export async function listDirectClaims(actor: Actor, centreId: string) {
  if (actor.roles.includes("EXTERNAL_VERIFIER")) authorizeCentre(actor, "claim.decide", centreId);
  else authorize(actor, "approval.manage");
  const codes = await db().qualificationSpec.findMany({
    where: { registrations: { some: { candidate: { centreId } } } },
    distinct: ["code"],
    select: { code: true, title: true },
    orderBy: { code: "asc" },
  });
  const direct = await directClaimsCodes(
    centreId,
    codes.map((c) => c.code),
  );
  return codes.map((c) => ({ ...c, direct: direct.has(c.code) }));
}
