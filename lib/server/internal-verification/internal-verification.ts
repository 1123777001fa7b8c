import "server-only";
// Internal verification of assessment decisions: the IV takes a candidate's unit into the sample,
// sees the evidence (with hashes), the assessor's decisions and the sign-off, and agrees or
// disagrees. A disagreement puts the unit on hold (it does not count) until the assessor responds
// and the IV agrees. Every step is a new row. Above all: nobody internally verifies their own
// assessments (C&G 3412 section 2, "cannot internally verify their own assessments"; OCR: each
// assessor's work is checked by an internal verifier), including a unit they judged only in part.
import type { Actor } from "@/lib/domain/policy";
import { Prisma } from "@/lib/generated/prisma/client";
import { pageWindow, toPage } from "@/lib/domain/pagination";
import type { SampleInput, VerdictInput } from "@/lib/validation/assessment";
import { verifierWorkingTowardsProblem } from "@/lib/domain/assessment";
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import { assertOnCaseload } from "@/lib/server/assessment/assessment";
import { heldUnits, needsCountersignature } from "@/lib/server/assessment/internal/assessment-state";
import { lockCandidate } from "@/lib/server/core/internal/signing";
import { isHeld, sampleState, unitsDecidedBy } from "./internal/iv-state";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { notifySampleDisagreed } from "@/lib/server/notifications/internal/notify-events";
import { authorize, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { assertCandidateVisible } from "@/lib/server/identity/candidates";
import { db } from "@/lib/server/core/internal/db";
import { userNames } from "@/lib/server/core/internal/user-names";
import { AppError, notFound } from "@/lib/server/core/errors";
import { requireRecentPassword } from "@/lib/server/core/reauthentication";

type Unit = { candidateId: string; specId: string; unitRef: string };
type Tx = Prisma.TransactionClient;

/**
 * Did the IV make or countersign any decision on the unit: a judgement of any criterion of it
 * (standing or since replaced), a countersignature of one, a sign-off of it or its countersignature?
 */
async function assertNotOwn(actor: Actor, unit: Unit, client?: Parameters<typeof unitsDecidedBy>[2]) {
  const decided = await unitsDecidedBy(actor.userId, [unit.candidateId], client);
  if (decided.has(`${unit.candidateId}|${unit.specId}|${unit.unitRef}`)) throw new AppError("OWN_VERIFICATION");
}

/** A candidate of the IV's centre; 404 otherwise. */
async function centreCandidate(centreId: string, candidateId: string) {
  const candidate = await db().user.findFirst({ where: { id: candidateId, centreId, roles: { some: { role: "CANDIDATE" } } }, select: { id: true } });
  if (!candidate) throw notFound();
}

/**
 * Signed-off units of the centre not yet in a summative sample, newest first, each with whether the
 * IV may verify it (not if they made decisions on it) and why not.
 */
export async function listSignedOffUnits(actor: Actor, query: { page: number }) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const base = { signed: true, supersededBy: { is: null }, candidate: { centreId } } as const;
  const [items, total] = await Promise.all([
    db().unitSignOff.findMany({ where: base, orderBy: [{ signedAt: "desc" }, { id: "asc" }], ...pageWindow(query.page), select: signedOffSelect }),
    db().unitSignOff.count({ where: base }),
  ]);
  const rows = await withVerificationFacts(actor, items);
  // On the page, units with authenticity signals first: they are the ones to sample.
  rows.sort((a, b) => Number(b.signals.length > 0) - Number(a.signals.length > 0));
  return toPage(rows, total, query.page);
}

const signedOffSelect = {
  id: true, candidateId: true, specId: true, unitRef: true, signedAt: true, evidenceIds: true,
  assessor: { select: { id: true, name: true } }, candidate: { select: { name: true } },
} as const;

/** How many of the latest unsampled sign-offs the signal search looks through: its cost is bounded by this, not the centre. */
const FLAGGED_WINDOW = 200;

/**
 * Beyond the page: of the centre's 200 most recent standing sign-offs (of the last year) not yet
 * in a summative sample, those whose evidence raises an authenticity signal, newest first (at most
 * 10), each with its reasons. The database finds the candidates for a signal; the reasons are then
 * worked out as on the list.
 */
export async function listFlaggedUnits(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const since = new Date(Date.now() - STALE_EVIDENCE_DAYS * 24 * 60 * 60 * 1000);
  const candidates = await db().$queryRaw<{ id: string }[]>`
    WITH recent AS (
      SELECT s.id, s."candidateId", s."evidenceIds", s."signedAt" FROM "UnitSignOff" s JOIN "User" c ON c.id = s."candidateId"
      WHERE c."centreId" = ${centreId}::uuid AND s.signed AND s."signedAt" >= ${since}
        AND NOT EXISTS (SELECT 1 FROM "UnitSignOff" t WHERE t."supersedesId" = s.id)
        AND NOT EXISTS (SELECT 1 FROM "IvSample" x WHERE x."candidateId" = s."candidateId" AND x."specId" = s."specId" AND x."unitRef" = s."unitRef" AND x.stage = 'SUMMATIVE')
      ORDER BY s."signedAt" DESC, s.id LIMIT ${FLAGGED_WINDOW})
    SELECT r.id FROM recent r WHERE EXISTS (
      SELECT 1 FROM "Evidence" e WHERE e.id = ANY(r."evidenceIds") AND (
        e."activityDate" < (SELECT min(x."registeredOn") FROM "CandidateRegistration" x WHERE x."candidateId" = r."candidateId")
        OR EXISTS (SELECT 1 FROM "CriterionJudgement" j WHERE j."evidenceId" = e.id AND j."decidedAt" > e."activityDate" + ${`${STALE_EVIDENCE_DAYS} days`}::interval)
        OR EXISTS (SELECT 1 FROM "EvidenceFile" f WHERE f."evidenceId" = e.id AND f."deletedAt" IS NULL AND EXISTS (
             SELECT 1 FROM "EvidenceFile" g JOIN "Evidence" o ON o.id = g."evidenceId" JOIN "User" oc ON oc.id = o."candidateId"
             WHERE g.sha256 = f.sha256 AND g."deletedAt" IS NULL AND o."candidateId" <> r."candidateId" AND oc."centreId" = ${centreId}::uuid))
        OR (e.method = 'WITNESS_TESTIMONY' AND e."authorId" IS NOT NULL)))
    ORDER BY r."signedAt" DESC, r.id LIMIT 30`;
  const items = await db().unitSignOff.findMany({ where: { id: { in: candidates.map((c) => c.id) } }, orderBy: [{ signedAt: "desc" }, { id: "asc" }], select: signedOffSelect });
  return (await withVerificationFacts(actor, items)).filter((r) => r.signals.length > 0).slice(0, 10);
}

/** Each signed-off unit with its sample (if any), whether the IV may verify it, and its authenticity signals: four queries for the lot. */
async function withVerificationFacts<T extends { id: string; candidateId: string; specId: string; unitRef: string; evidenceIds: string[]; assessor: { id: string } }>(actor: Actor, items: T[]) {
  const [sampled, own, signals] = await Promise.all([
    db().ivSample.findMany({ where: { candidateId: { in: items.map((i) => i.candidateId) }, stage: "SUMMATIVE" }, select: { id: true, candidateId: true, specId: true, unitRef: true } }),
    unitsDecidedBy(actor.userId, items.map((i) => i.candidateId)),
    authenticitySignals(items),
  ]);
  return items.map((i) => ({
    ...i,
    sampleId: sampled.find((s) => s.candidateId === i.candidateId && s.specId === i.specId && s.unitRef === i.unitRef)?.id ?? null,
    own: own.has(`${i.candidateId}|${i.specId}|${i.unitRef}`),
    signals: signals.get(i.id) ?? [],
  }));
}

/**
 * Units an assessor of the centre is assessing, for interim sampling: criteria they judged on a
 * unit with no standing sign-off and no interim sample yet; most recently judged first, each with
 * its judged criteria and whether the IV may verify it. One assessor at a time (the plan says whose
 * work to sample), so the cost follows their caseload, not the centre.
 */
export async function listUnitsInProgress(actor: Actor, query: { page: number; assessorId: string }) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const assessor = await db().user.findFirst({ where: { id: query.assessorId, centreId, roles: { some: { role: "ASSESSOR" } } }, select: { id: true } });
  if (!assessor) throw notFound();
  const { skip, take } = pageWindow(query.page);
  const base = Prisma.sql`
    FROM "CriterionJudgement" j JOIN "Evidence" e ON e.id = j."evidenceId" JOIN "User" u ON u.id = e."candidateId"
    WHERE j."assessorId" = ${assessor.id}::uuid AND u."centreId" = ${centreId}::uuid
      AND NOT EXISTS (SELECT 1 FROM "CriterionJudgement" n WHERE n."supersedesId" = j.id)
      AND NOT EXISTS (SELECT 1 FROM "UnitSignOff" s WHERE s."candidateId" = e."candidateId" AND s."specId" = j."specId" AND s."unitRef" = j."unitRef" AND s.signed
                        AND NOT EXISTS (SELECT 1 FROM "UnitSignOff" t WHERE t."supersedesId" = s.id))
      AND NOT EXISTS (SELECT 1 FROM "IvSample" x WHERE x."candidateId" = e."candidateId" AND x."specId" = j."specId" AND x."unitRef" = j."unitRef" AND x.stage = 'INTERIM')`;
  const [rows, [count]] = await Promise.all([
    db().$queryRaw<{ candidateId: string; candidate: string; specId: string; unitRef: string; criteria: string[]; lastJudged: Date }[]>`
      SELECT e."candidateId", min(u.name) AS candidate, j."specId", j."unitRef", array_agg(DISTINCT j.criterion ORDER BY j.criterion) AS criteria,
             max(j."decidedAt") AS "lastJudged"
      ${base}
      GROUP BY e."candidateId", j."specId", j."unitRef"
      ORDER BY "lastJudged" DESC, e."candidateId", j."unitRef"
      LIMIT ${take} OFFSET ${skip}`,
    db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM (SELECT 1 ${base} GROUP BY e."candidateId", j."specId", j."unitRef") g`,
  ]);
  const own = await unitsDecidedBy(actor.userId, [...new Set(rows.map((r) => r.candidateId))]);
  return toPage(
    rows.map((r) => ({ ...r, own: own.has(`${r.candidateId}|${r.specId}|${r.unitRef}`) })),
    Number(count?.n ?? 0),
    query.page,
  );
}

/** The centre's assessors, for choosing whose work to sample. */
export async function listCentreAssessors(actor: Actor) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  return db().user.findMany({ where: { centreId, roles: { some: { role: "ASSESSOR" } } }, select: { id: true, name: true }, orderBy: [{ name: "asc" }, { id: "asc" }], take: 500 });
}

/** Evidence dated this long before it was judged raises a signal. */
/**
 * Other portfolios of the same centre holding the same file are counted up to this many (a blank
 * template can be in thousands). Other centres' portfolios are not looked at: an IV learns nothing
 * about another centre's candidates.
 */
const SHARED_FILE_CAP = 10;
export const STALE_EVIDENCE_DAYS = 365;

/**
 * Signals that raise a signed-off unit's sampling priority, each with its reason: a file behind it
 * also in another candidate's portfolio (same SHA-256); evidence dated before the candidate's
 * registration, or more than a year before it was judged. Three queries for the whole page.
 */
async function authenticitySignals(units: { id: string; candidateId: string; specId: string; evidenceIds: string[]; assessor: { id: string } }[]) {
  const evidenceIds = [...new Set(units.flatMap((u) => u.evidenceIds))];
  const signals = new Map<string, string[]>();
  if (evidenceIds.length === 0) return signals;
  const add = (unitId: string, reason: string) => signals.set(unitId, [...new Set([...(signals.get(unitId) ?? []), reason])]);
  const [shared, dated] = await Promise.all([
    db().$queryRaw<{ evidenceId: string; name: string; others: bigint }[]>`
      SELECT f."evidenceId", f."displayName" AS name,
             (SELECT count(*) FROM (SELECT DISTINCT o."candidateId" FROM "EvidenceFile" g JOIN "Evidence" o ON o.id = g."evidenceId" JOIN "User" oc ON oc.id = o."candidateId"
               WHERE g.sha256 = f.sha256 AND g."deletedAt" IS NULL AND o."candidateId" <> e."candidateId" AND oc."centreId" = ce."centreId"
               LIMIT ${SHARED_FILE_CAP + 1}) x) AS others
      FROM "EvidenceFile" f JOIN "Evidence" e ON e.id = f."evidenceId" JOIN "User" ce ON ce.id = e."candidateId"
      WHERE f."evidenceId" = ANY(${evidenceIds}::uuid[]) AND f."deletedAt" IS NULL`,
    db().$queryRaw<{ evidenceId: string; title: string; activityDate: Date; registeredOn: Date | null; judgedAt: Date | null }[]>`
      SELECT e.id AS "evidenceId", e.title, e."activityDate",
             (SELECT min(r."registeredOn") FROM "CandidateRegistration" r WHERE r."candidateId" = e."candidateId") AS "registeredOn",
             (SELECT min(j."decidedAt") FROM "CriterionJudgement" j WHERE j."evidenceId" = e.id) AS "judgedAt"
      FROM "Evidence" e WHERE e.id = ANY(${evidenceIds}::uuid[])`,
  ]);
  const share = await witnessShares(units, evidenceIds);
  for (const u of units) {
    for (const w of share.filter((x) => u.evidenceIds.includes(x.evidenceId) && x.assessorId === u.assessor.id)) {
      add(u.id, `${w.witness} gave testimony for ${w.testified} of the ${w.caseload} candidates on the assessor's caseload: an unusually large share.`);
    }
    for (const s of shared.filter((x) => u.evidenceIds.includes(x.evidenceId) && Number(x.others) > 0)) {
      const n = Number(s.others);
      const where = n === 1 ? "another candidate's portfolio" : n > SHARED_FILE_CAP ? `more than ${SHARED_FILE_CAP} other candidates' portfolios` : `${n} other candidates' portfolios`;
      add(u.id, `The file "${s.name}" (same SHA-256) is also in ${where}.`);
    }
    for (const d of dated.filter((x) => u.evidenceIds.includes(x.evidenceId))) {
      if (d.registeredOn && d.activityDate < d.registeredOn) add(u.id, `"${d.title}" is dated before the candidate's registration.`);
      if (d.judgedAt && d.judgedAt.getTime() - d.activityDate.getTime() > STALE_EVIDENCE_DAYS * 24 * 60 * 60 * 1000) {
        add(u.id, `"${d.title}" is dated more than a year before it was judged.`);
      }
    }
  }
  return signals;
}

/** A witness testifying for at least this share of an assessor's caseload, and at least WITNESS_MINIMUM candidates, raises a signal. */
export const WITNESS_SHARE = 0.25;
const WITNESS_MINIMUM = 3;

/**
 * Testimony behind these units whose witness has testified for an unusually large share of the
 * unit's assessor's caseload: for each (witness, assessor) pair on the page, candidates on the
 * caseload with submitted testimony by that witness, against the caseload. Two queries.
 */
async function witnessShares(units: { evidenceIds: string[]; assessor: { id: string } }[], evidenceIds: string[]) {
  const testimony = await db().evidence.findMany({
    where: { id: { in: evidenceIds }, method: "WITNESS_TESTIMONY", authorId: { not: null } },
    select: { id: true, authorId: true, author: { select: { name: true } } },
  });
  const pairs = [
    ...new Map(
      testimony.flatMap((t) => units.filter((u) => u.evidenceIds.includes(t.id)).map((u) => [`${t.authorId}|${u.assessor.id}`, { witnessId: t.authorId!, assessorId: u.assessor.id }] as const)),
    ).values(),
  ];
  if (pairs.length === 0) return [];
  const counts = await db().$queryRaw<{ witnessId: string; assessorId: string; testified: bigint; caseload: bigint }[]>`
    SELECT p.w AS "witnessId", p.a AS "assessorId",
           (SELECT count(DISTINCT t."candidateId") FROM "AssessorAssignment" aa JOIN "Evidence" t ON t."candidateId" = aa."candidateId"
             WHERE aa."assessorId" = p.a AND t."authorId" = p.w AND t.method = 'WITNESS_TESTIMONY' AND t.status = 'SUBMITTED') AS testified,
           (SELECT count(*) FROM "AssessorAssignment" aa WHERE aa."assessorId" = p.a) AS caseload
    FROM unnest(${pairs.map((p) => p.witnessId)}::uuid[], ${pairs.map((p) => p.assessorId)}::uuid[]) AS p(w, a)`;
  return testimony.flatMap((t) =>
    counts
      .filter((c) => c.witnessId === t.authorId && Number(c.testified) >= WITNESS_MINIMUM && Number(c.testified) >= WITNESS_SHARE * Number(c.caseload))
      .map((c) => ({ evidenceId: t.id, assessorId: c.assessorId, witness: t.author?.name ?? "A witness", testified: Number(c.testified), caseload: Number(c.caseload) })),
  );
}

/** Takes a candidate's unit into the sample; refused for the IV's own decisions, with the reason. */
export async function sampleUnit(actor: Actor, input: SampleInput): Promise<{ id: string }> {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  await centreCandidate(centreId, input.candidateId);
  await assertNotOwn(actor, input);
  const criteria = [...new Set(input.criteria ?? [])].sort();
  const unit = { candidateId: input.candidateId, specId: input.specId, unitRef: input.unitRef };
  if (input.stage === "SUMMATIVE") {
    const signOff = await db().unitSignOff.findFirst({ where: { ...unit, signed: true, supersededBy: { is: null } }, select: { id: true } });
    if (!signOff) throw new AppError("INVALID_INPUT", { stage: ["A summative sample is of a signed-off unit, and this unit is not signed off. Take an interim sample of its judgements instead."] });
    if (criteria.length > 0) throw new AppError("INVALID_INPUT", { criteria: ["A summative sample is of the whole signed-off unit."] });
  } else {
    // Interim: from judgements already made; the criteria chosen must each have one standing.
    const judged = await db().criterionJudgement.findMany({
      where: { evidence: { candidateId: input.candidateId }, specId: input.specId, unitRef: input.unitRef, supersededBy: { is: null } },
      select: { criterion: true },
      distinct: ["criterion"],
    });
    if (judged.length === 0) throw new AppError("INVALID_INPUT", { criteria: ["No criterion of this unit has been judged yet: there is nothing to verify."] });
    const missing = criteria.filter((c) => !judged.some((j) => j.criterion === c));
    if (missing.length > 0) throw new AppError("INVALID_INPUT", { criteria: [`Criteria ${missing.join(", ")} have no judgement yet.`] });
  }
  return db().$transaction(async (tx) => {
    // The candidate's row, as judging and signing off take it: the own-decisions check and the
    // sample cannot be overtaken by a decision of the IV's landing in between.
    await lockCandidate(tx, input.candidateId);
    await assertNotOwn(actor, input, tx);
    const existing = await tx.ivSample.findUnique({
      where: { candidateId_specId_unitRef_stage: { candidateId: input.candidateId, specId: input.specId, unitRef: input.unitRef, stage: input.stage } },
      select: { id: true, criteria: true },
    });
    if (existing) {
      // The same request again (a double click, a replay) opens the sample already taken; a
      // different choice of criteria is refused rather than silently ignored.
      if (existing.criteria.join(",") === criteria.join(",")) return { id: existing.id };
      throw new AppError("INVALID_INPUT", {
        criteria: [`This unit already has an ${input.stage === "INTERIM" ? "interim" : "summative"} sample${existing.criteria.length > 0 ? ` of criteria ${existing.criteria.join(", ")}` : ""}: open it from the list of sampled items. A unit has one interim and one summative sample.`],
      });
    }
    const created = await tx.ivSample.create({
      data: { centreId, candidateId: input.candidateId, specId: input.specId, unitRef: input.unitRef, stage: input.stage, criteria, reason: input.reason, selectedById: actor.userId },
      select: { id: true },
    });
    await recordAudit(tx, actor, { action: "iv.sample", subjectType: "IvSample", subjectId: created.id, detail: { ...input } });
    return created;
  });
}

/** The sample with the IV's verdicts and the assessor's responses; its unit's decisions and evidence come from the progress read model. */
async function loadSample(sampleId: string) {
  const sample = await db().ivSample.findUnique({
    where: { id: sampleId },
    include: {
      verdicts: { orderBy: { decidedAt: "asc" }, include: { actionPoints: { orderBy: { targetOn: "asc" } }, countersignature: { select: { ivId: true, signedAt: true } } } },
      responses: { orderBy: { respondedAt: "asc" } },
    },
  });
  if (!sample) throw notFound();
  return sample;
}

/** A sample for the IV of its centre; their own decisions are refused with the reason. */
export async function getSample(actor: Actor, sampleId: string) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const sample = await loadSample(sampleId);
  if (sample.centreId !== centreId) throw notFound();
  await assertNotOwn(actor, sample);
  const [named, workingTowards, evidence, records] = await Promise.all([
    withNames(sample),
    needsCountersignature(db(), actor.userId, "INTERNAL_VERIFIER"),
    sampledEvidence(sample),
    sampleRecords(sample),
  ]);
  return { ...named, workingTowards, evidence, records };
}

/**
 * The assessment records behind a sampled unit (the R of CAMERA): the standing sign-off's
 * declaration, the candidates' declarations on the evidence behind it, and the candidate's latest
 * progress reviews with their action points.
 */
async function sampleRecords(sample: { candidateId: string; specId: string; unitRef: string; criteria: string[] }) {
  const [signOff, judged, reviews] = await Promise.all([
    db().unitSignOff.findFirst({
      where: { candidateId: sample.candidateId, specId: sample.specId, unitRef: sample.unitRef, supersededBy: { is: null } },
      select: { signed: true, declaration: true, signedAt: true, evidenceIds: true, candidateSignature: { select: { declaration: true, signedAt: true } } },
    }),
    db().criterionJudgement.findMany({ where: sampledJudgements(sample), select: { evidenceId: true }, take: 500 }),
    db().candidateReview.findMany({
      where: { candidateId: sample.candidateId },
      orderBy: [{ heldOn: "desc" }, { createdAt: "desc" }],
      take: 5,
      select: { id: true, heldOn: true, notes: true, nextVisitOn: true, assessorId: true, actionPoints: { select: { id: true, text: true, targetOn: true, doneAt: true } } },
    }),
  ]);
  const evidenceIds = [...new Set([...(signOff?.evidenceIds ?? []), ...judged.map((j) => j.evidenceId)])];
  const [declarations, names] = await Promise.all([
    db().evidence.findMany({ where: { id: { in: evidenceIds }, candidateId: sample.candidateId }, select: { id: true, title: true, declaration: true, submittedAt: true }, orderBy: { submittedAt: "asc" } }),
    userNames([...new Set(reviews.map((r) => r.assessorId))]),
  ]);
  return {
    signOff,
    declarations,
    reviews: reviews.map((r) => ({ ...r, assessor: names.get(r.assessorId) ?? "" })),
  };
}

/** The standing judgements a sample covers: every criterion of the unit, or the criteria sampled. */
const sampledJudgements = (sample: { candidateId: string; specId: string; unitRef: string; criteria: string[] }) => ({
  evidence: { candidateId: sample.candidateId },
  specId: sample.specId,
  unitRef: sample.unitRef,
  supersededBy: { is: null },
  ...(sample.criteria.length > 0 ? { criterion: { in: sample.criteria } } : {}),
});

/** The evidence behind the standing judgements the sample covers, with each file's SHA-256. */
async function sampledEvidence(sample: { candidateId: string; specId: string; unitRef: string; criteria: string[] }) {
  const judgements = await db().criterionJudgement.findMany({
    where: sampledJudgements(sample),
    select: {
      criterion: true,
      outcome: true,
      evidence: { select: { id: true, title: true, method: true, files: { where: { deletedAt: null }, select: { id: true, displayName: true, sha256: true }, orderBy: { displayName: "asc" } } } },
    },
    orderBy: { criterion: "asc" },
    take: 500,
  });
  const byEvidence = new Map<string, { id: string; title: string; method: string; files: { id: string; displayName: string; sha256: string }[]; criteria: string[] }>();
  for (const j of judgements) {
    const entry = byEvidence.get(j.evidence.id) ?? { ...j.evidence, criteria: [] };
    entry.criteria.push(`${j.criterion} (${j.outcome === "ACCEPTED" ? "accepted" : "referred back"})`);
    byEvidence.set(j.evidence.id, entry);
  }
  return [...byEvidence.values()];
}

async function withNames(sample: Awaited<ReturnType<typeof loadSample>>) {
  const ids = [
    ...new Set([
      sample.candidateId,
      sample.selectedById,
      ...sample.verdicts.flatMap((v) => [v.ivId, ...(v.countersignature ? [v.countersignature.ivId] : [])]),
      ...sample.responses.map((r) => r.assessorId),
    ]),
  ];
  const people = await userNames(ids);
  const latest = sample.verdicts.at(-1) ?? null;
  return {
    ...sample,
    candidateName: people.get(sample.candidateId) ?? "",
    selectedBy: people.get(sample.selectedById) ?? "",
    verdicts: sample.verdicts.map((v) => ({
      ...v,
      iv: people.get(v.ivId) ?? "",
      countersignedBy: v.countersignature ? { name: people.get(v.countersignature.ivId) ?? "", at: v.countersignature.signedAt } : null,
      counts: !v.needsCountersignature || v.countersignature !== null,
    })),
    responses: sample.responses.map((r) => ({ ...r, assessor: people.get(r.assessorId) ?? "" })),
    state: sampleState(sample.verdicts, sample.responses, (await standingSignOffs([sample])).get(`${sample.candidateId}|${sample.specId}|${sample.unitRef}`) ?? null),
    onHold: isHeld(sample.verdicts),
    latestVerdictId: latest?.id ?? "",
  };
}

/**
 * Agrees or disagrees, with feedback and optional action points for the assessors concerned. The
 * form names the verdict it saw (`expected`): a verdict recorded meanwhile stops this one (STALE).
 * Agreeing after a disagreement needs the assessor's response first.
 */
export async function recordVerdict(actor: Actor, input: VerdictInput): Promise<{ id: string; needsCountersignature: boolean }> {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const sample = await loadSample(input.sampleId);
  if (sample.centreId !== centreId) throw notFound();
  await assertNotOwn(actor, sample);
  requireRecentPassword(actor);
  const countersign = await needsCountersignature(db(), actor.userId, "INTERNAL_VERIFIER");
  if (countersign) await assertMayVerifyWorkingTowards(sample.specId);
  return db().$transaction(async (tx) => {
    // Under the candidate's lock (judging and signing off take it too): the decisions verified and
    // the own-decisions check are those standing when the verdict is written.
    await lockCandidate(tx, sample.candidateId);
    await assertNotOwn(actor, sample, tx);
    const { signOff, judgements } = await decisionsVerified(tx, sample);
    const assessorIds = [...new Set([...(signOff ? [signOff.assessorId] : []), ...judgements.map((j) => j.assessorId)])];
    if (input.actions.length > 0 && assessorIds.length === 0) throw new AppError("INVALID_INPUT", { actions: ["There is no assessor's decision on this unit to set actions for."] });
    const latest = await tx.ivVerdict.findFirst({ where: { sampleId: sample.id }, orderBy: { decidedAt: "desc" }, select: { id: true, outcome: true, decidedAt: true } });
    if ((latest?.id ?? "") !== input.expected) throw new AppError("STALE");
    if (latest?.outcome === "DISAGREE" && input.outcome === "AGREE") {
      const answered = await tx.ivResponse.count({ where: { sampleId: sample.id, respondedAt: { gt: latest.decidedAt } } });
      if (answered === 0) throw new AppError("INVALID_INPUT", { outcome: ["The assessor has not yet responded to the disagreement."] });
    }
    const created = await tx.ivVerdict.create({
      data: {
        sampleId: sample.id,
        outcome: input.outcome,
        feedback: input.feedback,
        ivId: actor.userId,
        signOffId: signOff?.id ?? null,
        judgementIds: judgements.map((j) => j.id),
        followsId: latest?.id ?? null,
        needsCountersignature: countersign,
        actionPoints: {
          create: assessorIds.flatMap((assessorId) => input.actions.map((a) => ({ assessorId, text: a.text, targetOn: new Date(`${a.targetOn}T00:00:00Z`) }))),
        },
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "iv.verdict",
      subjectType: "IvSample",
      subjectId: sample.id,
      detail: { verdictId: created.id, outcome: input.outcome, signOffId: signOff?.id ?? null, judgements: judgements.length, follows: latest?.id ?? null, needsCountersignature: countersign },
    });
    if (input.outcome === "DISAGREE") {
      const iv = await tx.user.findUnique({ where: { id: actor.userId }, select: { name: true } });
      await notifySampleDisagreed(tx, { id: created.id, candidateId: sample.candidateId, unitRef: sample.unitRef, assessorIds, ivName: iv?.name ?? "The internal verifier" });
    }
    return { id: created.id, needsCountersignature: countersign };
  });
}

/** The decisions a verdict on the sample covers: the standing sign-off, and the standing judgements of its criteria (all, or those sampled). */
async function decisionsVerified(client: Tx, sample: { candidateId: string; specId: string; unitRef: string; criteria: string[] }) {
  const [signOff, judgements] = await Promise.all([
    client.unitSignOff.findFirst({
      where: { candidateId: sample.candidateId, specId: sample.specId, unitRef: sample.unitRef, supersededBy: { is: null } },
      select: { id: true, assessorId: true },
    }),
    client.criterionJudgement.findMany({
      where: sampledJudgements(sample),
      select: { id: true, assessorId: true },
    }),
  ]);
  return { signOff, judgements };
}

/** OCR (and any specification saying so) lets only qualified IVs verify: refuse the rest, with the reason. */
async function assertMayVerifyWorkingTowards(specId: string) {
  const spec = await db().qualificationSpec.findUnique({ where: { id: specId }, select: { code: true, spec: true } });
  if (!spec) throw notFound();
  const problem = verifierWorkingTowardsProblem(suiteShape.parse(spec.spec) as Suite, spec.code);
  if (problem) throw new AppError("INVALID_INPUT", { outcome: [problem] });
}

/** The standing signed sign-off of each sample's unit, by "candidate|spec|unit": one query. */
async function standingSignOffs(units: Unit[]) {
  if (units.length === 0) return new Map<string, string>();
  const rows = await db().unitSignOff.findMany({
    where: { OR: units.map((u) => ({ candidateId: u.candidateId, specId: u.specId, unitRef: u.unitRef })), signed: true, supersededBy: { is: null } },
    select: { id: true, candidateId: true, specId: true, unitRef: true },
  });
  return new Map(rows.map((r) => [`${r.candidateId}|${r.specId}|${r.unitRef}`, r.id]));
}

/** The assessor answers a disagreement on a candidate of theirs: what they re-judged or added. */
export async function respondToSample(actor: Actor, input: { sampleId: string; note: string }): Promise<void> {
  authorize(actor, "iv.respond");
  const sample = await loadSample(input.sampleId);
  await assertOnCaseload(actor, sample.candidateId, "assessment.judge");
  const held = await heldUnits(db(), [sample.candidateId]);
  if (!held.has(`${sample.candidateId}|${sample.specId}|${sample.unitRef}`)) {
    throw new AppError("INVALID_INPUT", { sampleId: ["This unit is not on hold: there is nothing to respond to."] });
  }
  // The answer comes from an assessor whose decision the disagreement was about: not another
  // assessor of the candidate, and never an IV who gave a verdict on the sample.
  const disagreement = sample.verdicts.findLast((v) => v.outcome === "DISAGREE")!;
  const concerned = new Set(
    (await db().criterionJudgement.findMany({ where: { id: { in: disagreement.judgementIds } }, select: { assessorId: true } })).map((j) => j.assessorId),
  );
  if (disagreement.signOffId) {
    const signOff = await db().unitSignOff.findUnique({ where: { id: disagreement.signOffId }, select: { assessorId: true } });
    if (signOff) concerned.add(signOff.assessorId);
  }
  if (!concerned.has(actor.userId) || sample.verdicts.some((v) => v.ivId === actor.userId)) {
    throw new AppError("INVALID_INPUT", { sampleId: ["Only an assessor whose decision the internal verifier disagreed with can respond."] });
  }
  await db().$transaction(async (tx) => {
    const response = await tx.ivResponse.create({ data: { sampleId: sample.id, assessorId: actor.userId, note: input.note }, select: { id: true } });
    await recordAudit(tx, actor, { action: "iv.response", subjectType: "IvSample", subjectId: sample.id, detail: { responseId: response.id } });
  });
}

/** The IV's queue: samples of the centre with their state, newest first. */
export async function listSamples(actor: Actor, query: { page: number }) {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  const where = { centreId };
  const [items, total] = await Promise.all([
    db().ivSample.findMany({
      where,
      orderBy: [{ selectedAt: "desc" }, { id: "asc" }],
      ...pageWindow(query.page),
      include: {
        verdicts: { orderBy: { decidedAt: "desc" }, take: 1, select: { outcome: true, decidedAt: true, needsCountersignature: true, signOffId: true, countersignature: { select: { id: true } } } },
        responses: { orderBy: { respondedAt: "desc" }, take: 1, select: { respondedAt: true } },
      },
    }),
    db().ivSample.count({ where }),
  ]);
  const [names, own, standing] = await Promise.all([
    db().user.findMany({ where: { id: { in: items.map((i) => i.candidateId) } }, select: { id: true, name: true } }).then((rows) => new Map(rows.map((u) => [u.id, u.name]))),
    unitsDecidedBy(actor.userId, items.map((i) => i.candidateId)),
    standingSignOffs(items),
  ]);
  return toPage(
    items.map((i) => ({
      id: i.id,
      candidate: names.get(i.candidateId) ?? "",
      unitRef: i.unitRef,
      criteria: i.criteria,
      stage: i.stage,
      reason: i.reason,
      selectedAt: i.selectedAt,
      state: sampleState(i.verdicts, i.responses, standing.get(`${i.candidateId}|${i.specId}|${i.unitRef}`) ?? null),
      own: own.has(`${i.candidateId}|${i.specId}|${i.unitRef}`),
    })),
    total,
    query.page,
  );
}

/** Samples on hold or agreed for one candidate, for their assessor's page: the IV's feedback and actions. */
export async function listCandidateSamples(actor: Actor, candidateId: string) {
  // The candidate's assessor answers them; an EV appointed to the centre reads them.
  if (actor.roles.includes("EXTERNAL_VERIFIER")) await assertCandidateVisible(actor, candidateId);
  else await assertOnCaseload(actor, candidateId, "assessment.judge");
  const samples = await db().ivSample.findMany({ where: { candidateId }, select: { id: true } });
  return Promise.all(samples.map(async (s) => withNames(await loadSample(s.id))));
}

/** The assessor marks an action point from a verdict done; doing it twice changes nothing. */
export async function markIvActionDone(actor: Actor, actionPointId: string): Promise<void> {
  authorize(actor, "iv.respond");
  const point = await db().ivActionPoint.findUnique({ where: { id: actionPointId }, select: { assessorId: true, verdict: { select: { sampleId: true } } } });
  if (!point || point.assessorId !== actor.userId) throw notFound();
  await db().$transaction(async (tx) => {
    const { count } = await tx.ivActionPoint.updateMany({ where: { id: actionPointId, doneAt: null }, data: { doneAt: new Date() } });
    if (count === 1) await recordAudit(tx, actor, { action: "iv.action-done", subjectType: "IvSample", subjectId: point.verdict.sampleId, detail: { actionPointId } });
  });
}
