import "server-only";
// Countersigning verifications. C&G 3412 section 2: staff "should hold, or be working towards, the
// relevant Assessor/Verifier (A/V) units"; as with assessors, the verdicts of an IV working towards
// the verifier units count once a qualified IV countersigns them. The countersigning IV verifies
// too, so the own-decisions rule binds them: never a unit on which they made or countersigned an
// assessment decision, and never their own verdict. Where no qualified IV of the centre may (each
// took part in assessing the unit, as when the only qualified IV also assessed it), the verdict
// goes to the EV appointed to the centre, who verifies the centre's verification (OCR: the EV
// "checks the assessment and internal verification processes and decisions made in the centre").
import { IV_COUNTERSIGN_DECLARATION } from "@/lib/domain/declarations";
import type { Actor } from "@/lib/domain/policy";
import { checkPassword, isUniqueViolation, lockCandidate } from "@/lib/server/core/internal/signing";
import { needsCountersignature } from "@/lib/server/assessment/internal/assessment-state";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorizeCentre, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { unitsDecidedBy } from "./internal/iv-state";

const key = (s: { candidateId: string; specId: string; unitRef: string }) =>
  `${s.candidateId}|${s.specId}|${s.unitRef}`;
type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/** The centre's verdicts awaiting a countersignature, oldest first (at most 200). */
const pendingVerdicts = (centreId: string) =>
  db().ivVerdict.findMany({
    where: { needsCountersignature: true, countersignature: { is: null }, sample: { centreId } },
    orderBy: [{ decidedAt: "asc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      outcome: true,
      feedback: true,
      decidedAt: true,
      ivId: true,
      sample: { select: { id: true, candidateId: true, specId: true, unitRef: true, criteria: true, stage: true } },
    },
  });

/** The verdicts named, all of them of the centre (else NOT_FOUND), and each a countersignature's to give. */
async function verdictsToSign(centreId: string, ids: string[]) {
  const verdicts = await db().ivVerdict.findMany({
    where: { id: { in: ids }, sample: { centreId } },
    select: {
      id: true,
      ivId: true,
      needsCountersignature: true,
      sample: { select: { candidateId: true, specId: true, unitRef: true } },
    },
  });
  if (verdicts.length !== ids.length) throw notFound();
  if (verdicts.some((v) => !v.needsCountersignature))
    throw new AppError("INVALID_INPUT", {
      ids: ["A verdict by a qualified internal verifier needs no countersignature."],
    });
  return verdicts;
}

/** Takes each verdict's candidate lock, in a fixed order (judging, signing off and verdicts take them too). */
async function lockCandidatesOf(tx: Tx, verdicts: Pending[]) {
  const candidateIds = [...new Set(verdicts.map((v) => v.sample.candidateId))].sort();
  for (const candidateId of candidateIds) await lockCandidate(tx, candidateId);
  return candidateIds;
}

/** Verdicts of the centre awaiting a qualified IV's countersignature, with whether the actor may countersign each and why not. */
export async function listIvCountersignQueue(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "iv.countersign");
  const qualified = !(await needsCountersignature(db(), actor.userId, "INTERNAL_VERIFIER"));
  const verdicts = await pendingVerdicts(centreId);
  const [own, people] = await Promise.all([
    unitsDecidedBy(actor.userId, [...new Set(verdicts.map((v) => v.sample.candidateId))]),
    db().user.findMany({
      where: { id: { in: [...new Set(verdicts.flatMap((v) => [v.ivId, v.sample.candidateId]))] } },
      select: { id: true, name: true },
    }),
  ]);
  const name = new Map(people.map((p) => [p.id, p.name]));
  const forEv = await withoutCentreCountersigner(centreId, verdicts);
  return {
    qualified,
    verdicts: verdicts.map((v) => ({
      ...v,
      iv: name.get(v.ivId) ?? "",
      candidate: name.get(v.sample.candidateId) ?? "",
      blocked:
        v.ivId === actor.userId
          ? "This is your own verdict."
          : own.has(key(v.sample))
            ? "You took part in assessing this unit."
            : null,
      toEv: forEv.has(v.id),
    })),
  };
}

type Pending = { id: string; ivId: string; sample: { candidateId: string; specId: string; unitRef: string } };

/**
 * Ids of these verdicts that no qualified IV of the centre may countersign: every one is the
 * verdict's author or took part in assessing the unit. One own-decisions query per qualified IV
 * (a centre has a handful).
 */
async function withoutCentreCountersigner(
  centreId: string,
  verdicts: Pending[],
  client: Parameters<typeof unitsDecidedBy>[2] = db(),
): Promise<Set<string>> {
  if (verdicts.length === 0) return new Set();
  const qualified = await client.$queryRaw<{ userId: string }[]>`
    SELECT x."userId" FROM (
      SELECT DISTINCT ON (c."userId") c."userId", c.status FROM "AssessorCompetence" c JOIN "User" u ON u.id = c."userId"
      WHERE u."centreId" = ${centreId}::uuid AND u.active AND c.role = 'INTERNAL_VERIFIER'
        AND EXISTS (SELECT 1 FROM "UserRole" r WHERE r."userId" = u.id AND r.role = 'INTERNAL_VERIFIER')
      ORDER BY c."userId", c."recordedAt" DESC, c.id DESC) x
    WHERE x.status = 'QUALIFIED'`;
  const candidateIds = [...new Set(verdicts.map((v) => v.sample.candidateId))];
  const decided = await Promise.all(
    qualified.map(async (q) => [q.userId, await unitsDecidedBy(q.userId, candidateIds, client)] as const),
  );
  return new Set(
    verdicts
      .filter((v) => !decided.some(([userId, own]) => userId !== v.ivId && !own.has(key(v.sample))))
      .map((v) => v.id),
  );
}

/** For the EV appointed to the centre: its verdicts awaiting a countersignature that no qualified IV of the centre may give. */
export async function listEvCountersignQueue(actor: Actor, centreId: string) {
  authorizeCentre(actor, "centre.verify", centreId);
  const verdicts = await pendingVerdicts(centreId);
  const forEv = await withoutCentreCountersigner(centreId, verdicts);
  const mine = verdicts.filter((v) => forEv.has(v.id));
  const people = await db().user.findMany({
    where: { id: { in: [...new Set(mine.flatMap((v) => [v.ivId, v.sample.candidateId]))] } },
    select: { id: true, name: true },
  });
  const name = new Map(people.map((p) => [p.id, p.name]));
  return mine.map((v) => ({ ...v, iv: name.get(v.ivId) ?? "", candidate: name.get(v.sample.candidateId) ?? "" }));
}

/**
 * The EV countersigns verdicts that no qualified IV of the centre may: with their password and the
 * declaration, all or none, checked again under the candidates' locks.
 */
export async function countersignVerdictsAsEv(
  actor: Actor,
  input: { centreId: string; ids: string[]; password: string },
): Promise<void> {
  authorizeCentre(actor, "centre.verify", input.centreId);
  const verdicts = await verdictsToSign(input.centreId, [...new Set(input.ids)]);
  await checkPassword(actor, input.password);
  try {
    await db().$transaction(async (tx) => {
      await lockCandidatesOf(tx, verdicts);
      // Under the locks: a qualified IV of the centre able to countersign is the first route.
      const forEv = await withoutCentreCountersigner(input.centreId, verdicts, tx);
      if (verdicts.some((v) => !forEv.has(v.id))) {
        throw new AppError("INVALID_INPUT", {
          ids: [
            "A qualified internal verifier of the centre can countersign this verdict: it is theirs to countersign.",
          ],
        });
      }
      for (const v of verdicts) {
        const created = await tx.ivCountersignature.create({
          data: { verdictId: v.id, ivId: actor.userId, declaration: IV_COUNTERSIGN_DECLARATION },
          select: { id: true },
        });
        await recordAudit(tx, actor, {
          action: "iv.countersign.ev",
          subjectType: "IvVerdict",
          subjectId: v.id,
          detail: { countersignatureId: created.id },
          centreId: input.centreId,
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("ALREADY_SIGNED");
    throw error;
  }
}

/** A qualified IV countersigns verdicts of an IV working towards the verifier units: several at once, all or none. */
export async function countersignVerdicts(actor: Actor, input: { ids: string[]; password: string }): Promise<void> {
  const centreId = authorizeOwnCentre(actor, "iv.countersign");
  const verdicts = await verdictsToSign(centreId, [...new Set(input.ids)]);
  if (await needsCountersignature(db(), actor.userId, "INTERNAL_VERIFIER")) throw new AppError("NOT_QUALIFIED_IV");
  if (verdicts.some((v) => v.ivId === actor.userId))
    throw new AppError("INVALID_INPUT", { ids: ["Nobody countersigns their own verdict."] });
  const own = await unitsDecidedBy(actor.userId, [...new Set(verdicts.map((v) => v.sample.candidateId))]);
  if (verdicts.some((v) => own.has(key(v.sample)))) throw new AppError("OWN_VERIFICATION");
  await checkPassword(actor, input.password);
  try {
    await db().$transaction(async (tx) => {
      const candidateIds = await lockCandidatesOf(tx, verdicts);
      // Again under the locks: a decision of the countersigner's cannot have landed meanwhile.
      const ownNow = await unitsDecidedBy(actor.userId, candidateIds, tx);
      if (verdicts.some((v) => ownNow.has(key(v.sample)))) throw new AppError("OWN_VERIFICATION");
      for (const v of verdicts) {
        const created = await tx.ivCountersignature.create({
          data: { verdictId: v.id, ivId: actor.userId, declaration: IV_COUNTERSIGN_DECLARATION },
          select: { id: true },
        });
        await recordAudit(tx, actor, {
          action: "iv.countersign",
          subjectType: "IvVerdict",
          subjectId: v.id,
          detail: { countersignatureId: created.id },
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("ALREADY_SIGNED");
    throw error;
  }
}
