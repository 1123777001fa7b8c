import "server-only";
// IV samples: the IV takes a candidate's unit into the sample and sees the evidence (with hashes),
// the assessor's decisions and the sign-off. Nobody internally verifies their own assessments.
import type { Actor } from "@/lib/domain/policy";
import { pageWindow, toPage } from "@/lib/domain/pagination";
import type { SampleInput } from "@/lib/validation/assessment";
import { assertOnCaseload } from "@/lib/server/assessment/internal/guards";
import { needsCountersignature } from "@/lib/server/assessment/internal/assessment-state";
import { lockCandidate } from "@/lib/server/core/internal/signing";
import { isHeld, sampleState } from "@/lib/domain/internal-verification/sample-state";
import { unitsDecidedBy } from "./internal/iv-state";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { assertCandidateVisible } from "@/lib/server/identity/internal/guards";
import { db } from "@/lib/server/core/internal/db";
import { userNames } from "@/lib/server/core/internal/user-names";
import { AppError, notFound } from "@/lib/server/core/errors";
import { assertNotOwn, centreCandidate } from "./internal/guards";
import { loadSample } from "./internal/sample-reads";
import { sampledJudgements, standingSignOffs } from "./internal/sample-reads";

/** Takes a candidate's unit into the sample; refused for the IV's own decisions, with the reason. */
export async function sampleUnit(actor: Actor, input: SampleInput): Promise<{ id: string }> {
  const centreId = authorizeOwnCentre(actor, "iv.sample");
  await centreCandidate(centreId, input.candidateId);
  await assertNotOwn(actor, input);
  const criteria = [...new Set(input.criteria ?? [])].sort();
  const unit = { candidateId: input.candidateId, specId: input.specId, unitRef: input.unitRef };
  if (input.stage === "SUMMATIVE") {
    const signOff = await db().unitSignOff.findFirst({
      where: { ...unit, signed: true, supersededBy: { is: null } },
      select: { id: true },
    });
    if (!signOff)
      throw new AppError("INVALID_INPUT", {
        stage: [
          "A summative sample is of a signed-off unit, and this unit is not signed off. Take an interim sample of its judgements instead.",
        ],
      });
    if (criteria.length > 0)
      throw new AppError("INVALID_INPUT", { criteria: ["A summative sample is of the whole signed-off unit."] });
  } else {
    // Interim: from judgements already made; the criteria chosen must each have one standing.
    const judged = await db().criterionJudgement.findMany({
      where: {
        evidence: { candidateId: input.candidateId },
        specId: input.specId,
        unitRef: input.unitRef,
        supersededBy: { is: null },
      },
      select: { criterion: true },
      distinct: ["criterion"],
    });
    if (judged.length === 0)
      throw new AppError("INVALID_INPUT", {
        criteria: ["No criterion of this unit has been judged yet: there is nothing to verify."],
      });
    const missing = criteria.filter((c) => !judged.some((j) => j.criterion === c));
    if (missing.length > 0)
      throw new AppError("INVALID_INPUT", { criteria: [`Criteria ${missing.join(", ")} have no judgement yet.`] });
  }
  return db().$transaction(async (tx) => {
    // The candidate's row, as judging and signing off take it: the own-decisions check and the
    // sample cannot be overtaken by a decision of the IV's landing in between.
    await lockCandidate(tx, input.candidateId);
    await assertNotOwn(actor, input, tx);
    const existing = await tx.ivSample.findUnique({
      where: {
        candidateId_specId_unitRef_stage: {
          candidateId: input.candidateId,
          specId: input.specId,
          unitRef: input.unitRef,
          stage: input.stage,
        },
      },
      select: { id: true, criteria: true },
    });
    if (existing) {
      // The same request again (a double click, a replay) opens the sample already taken; a
      // different choice of criteria is refused rather than silently ignored.
      if (existing.criteria.join(",") === criteria.join(",")) return { id: existing.id };
      throw new AppError("INVALID_INPUT", {
        criteria: [
          `This unit already has an ${input.stage === "INTERIM" ? "interim" : "summative"} sample${existing.criteria.length > 0 ? ` of criteria ${existing.criteria.join(", ")}` : ""}: open it from the list of sampled items. A unit has one interim and one summative sample.`,
        ],
      });
    }
    const created = await tx.ivSample.create({
      data: {
        centreId,
        candidateId: input.candidateId,
        specId: input.specId,
        unitRef: input.unitRef,
        stage: input.stage,
        criteria,
        reason: input.reason,
        selectedById: actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "iv.sample",
      subjectType: "IvSample",
      subjectId: created.id,
      detail: { ...input },
    });
    return created;
  });
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
      where: {
        candidateId: sample.candidateId,
        specId: sample.specId,
        unitRef: sample.unitRef,
        supersededBy: { is: null },
      },
      select: {
        signed: true,
        declaration: true,
        signedAt: true,
        evidenceIds: true,
        candidateSignature: { select: { declaration: true, signedAt: true } },
      },
    }),
    db().criterionJudgement.findMany({ where: sampledJudgements(sample), select: { evidenceId: true }, take: 500 }),
    db().candidateReview.findMany({
      where: { candidateId: sample.candidateId },
      orderBy: [{ heldOn: "desc" }, { createdAt: "desc" }],
      take: 5,
      select: {
        id: true,
        heldOn: true,
        notes: true,
        nextVisitOn: true,
        assessorId: true,
        actionPoints: { select: { id: true, text: true, targetOn: true, doneAt: true } },
      },
    }),
  ]);
  const evidenceIds = [...new Set([...(signOff?.evidenceIds ?? []), ...judged.map((j) => j.evidenceId)])];
  const [declarations, names] = await Promise.all([
    db().evidence.findMany({
      where: { id: { in: evidenceIds }, candidateId: sample.candidateId },
      select: { id: true, title: true, declaration: true, submittedAt: true },
      orderBy: { submittedAt: "asc" },
    }),
    userNames([...new Set(reviews.map((r) => r.assessorId))]),
  ]);
  return {
    signOff,
    declarations,
    reviews: reviews.map((r) => ({ ...r, assessor: names.get(r.assessorId) ?? "" })),
  };
}

/** The evidence behind the standing judgements the sample covers, with each file's SHA-256. */
async function sampledEvidence(sample: { candidateId: string; specId: string; unitRef: string; criteria: string[] }) {
  const judgements = await db().criterionJudgement.findMany({
    where: sampledJudgements(sample),
    select: {
      criterion: true,
      outcome: true,
      evidence: {
        select: {
          id: true,
          title: true,
          method: true,
          files: {
            where: { deletedAt: null },
            select: { id: true, displayName: true, sha256: true },
            orderBy: { displayName: "asc" },
          },
        },
      },
    },
    orderBy: { criterion: "asc" },
    take: 500,
  });
  const byEvidence = new Map<
    string,
    {
      id: string;
      title: string;
      method: string;
      files: { id: string; displayName: string; sha256: string }[];
      criteria: string[];
    }
  >();
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
      countersignedBy: v.countersignature
        ? { name: people.get(v.countersignature.ivId) ?? "", at: v.countersignature.signedAt }
        : null,
      counts: !v.needsCountersignature || v.countersignature !== null,
    })),
    responses: sample.responses.map((r) => ({ ...r, assessor: people.get(r.assessorId) ?? "" })),
    state: sampleState(
      sample.verdicts,
      sample.responses,
      (await standingSignOffs([sample])).get(`${sample.candidateId}|${sample.specId}|${sample.unitRef}`) ?? null,
    ),
    onHold: isHeld(sample.verdicts),
    latestVerdictId: latest?.id ?? "",
  };
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
        verdicts: {
          orderBy: { decidedAt: "desc" },
          take: 1,
          select: {
            outcome: true,
            decidedAt: true,
            needsCountersignature: true,
            signOffId: true,
            countersignature: { select: { id: true } },
          },
        },
        responses: { orderBy: { respondedAt: "desc" }, take: 1, select: { respondedAt: true } },
      },
    }),
    db().ivSample.count({ where }),
  ]);
  const [names, own, standing] = await Promise.all([
    db()
      .user.findMany({ where: { id: { in: items.map((i) => i.candidateId) } }, select: { id: true, name: true } })
      .then((rows) => new Map(rows.map((u) => [u.id, u.name]))),
    unitsDecidedBy(
      actor.userId,
      items.map((i) => i.candidateId),
    ),
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
