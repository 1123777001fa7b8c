import "server-only";
// Judgements of criteria against a piece of evidence (VARCS checks, accept or refer), each a new row.
import { simulationProblem, simulationRule, takesEffect, workingTowardsProblem } from "@/lib/domain/assessment/rules";
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import type { Actor } from "@/lib/domain/policy";
import { lockEvidence } from "@/lib/evidence/lock";
import type { AcceptAwaitingInput, JudgementInput } from "@/lib/validation/assessment";
import { currentJudgements, needsCountersignature, supersededEvidence } from "./internal/assessment-state";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { notifyFeedback } from "@/lib/server/notifications/internal/notify-events";
import { flagSignOffsOnChangedJudgement } from "./internal/sign-off-flags";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { assertOnCaseload } from "./internal/guards";

/**
 * Accepts a criterion on a piece of evidence or refers it back, with the VARCS checks. The form
 * carries the judgement it showed (`expected`); if another decision landed since, nothing is saved
 * and the assessor is told (STALE). Refused: own portfolio, drafts, replaced versions, criteria the
 * evidence is not mapped to, and simulated evidence where the qualification does not allow it.
 */
export async function judgeCriterion(actor: Actor, input: JudgementInput): Promise<{ id: string }> {
  const [created] = await judge(actor, input.evidenceId, input.specId, input.outcome, [
    {
      unitRef: input.unitRef,
      criterion: input.criterion,
      expected: input.expected,
      feedback: input.feedback,
      checksNote: input.checksNote,
      checks: input,
    },
  ]);
  return created!;
}

/**
 * Accepts, in one go, the criteria of one piece of evidence that the page showed as awaiting
 * judgement, with one set of VARCS checks. A criterion someone judged meanwhile stops the whole
 * decision (STALE), so nothing is accepted that the assessor did not see unjudged.
 */
export async function acceptAwaitingCriteria(actor: Actor, input: AcceptAwaitingInput): Promise<{ id: string }[]> {
  const decisions = [...new Set(input.criteria)].map((c) => {
    const [unitRef, criterion] = c.split(":") as [string, string];
    return { unitRef, criterion, expected: "", feedback: input.feedback, checksNote: "", checks: input };
  });
  return judge(actor, input.evidenceId, input.specId, "ACCEPTED", decisions);
}

type Checks = { valid: boolean; authentic: boolean; reliable: boolean; current: boolean; sufficient: boolean };
type Decision = {
  unitRef: string;
  criterion: string;
  expected: string;
  feedback: string;
  checksNote: string;
  checks: Checks;
};

async function judge(
  actor: Actor,
  evidenceId: string,
  specId: string,
  outcome: "ACCEPTED" | "REFERRED",
  decisions: Decision[],
): Promise<{ id: string }[]> {
  const evidence = await db().evidence.findUnique({
    where: { id: evidenceId },
    select: { candidateId: true, method: true, place: true, status: true },
  });
  if (!evidence) throw notFound();
  await assertOnCaseload(actor, evidence.candidateId);
  const spec = await db().qualificationSpec.findUnique({ where: { id: specId }, select: { code: true, spec: true } });
  if (!spec) throw notFound();
  const suite = suiteShape.parse(spec.spec) as Suite;
  if (outcome === "ACCEPTED") {
    const problem = simulationProblem(simulationRule(suite, spec.code), evidence);
    if (problem) throw new AppError("INVALID_INPUT", { outcome: [problem] });
  }
  const countersign = await needsCountersignature(db(), actor.userId);
  if (countersign) {
    const problem = workingTowardsProblem(suite, spec.code);
    if (problem) throw new AppError("INVALID_INPUT", { outcome: [problem] });
  }
  return db().$transaction(async (tx) => {
    // The candidate's row, shared (judges do not wait for each other): an IV's verdict or sample
    // takes it exclusively, so it sees either none or all of this decision.
    await tx.$queryRaw`SELECT id FROM "User" WHERE id = ${evidence.candidateId}::uuid FOR SHARE`;
    // Decisions are made on the version the candidate is registered on now: after a move to a new
    // version (decision 0022), the old version's mappings stay in the record but are not judged.
    const current = await tx.candidateRegistration.findFirst({
      where: { candidateId: evidence.candidateId, spec: { code: spec.code } },
      orderBy: { createdAt: "desc" },
      select: { specId: true, spec: { select: { version: true } } },
    });
    if (current && current.specId !== specId)
      throw new AppError("INVALID_INPUT", {
        outcome: [
          `The candidate is now registered on version ${current.spec.version} of ${spec.code}: judge the evidence against that version.`,
        ],
      });
    const locked = await lockEvidence(tx, evidenceId);
    if (!locked || locked.candidateId !== evidence.candidateId) throw notFound();
    if (locked.status !== "SUBMITTED")
      throw new AppError("INVALID_INPUT", { evidence: ["Only submitted evidence can be judged."] });
    if ((await supersededEvidence(tx, [evidenceId])).size > 0) {
      throw new AppError("INVALID_INPUT", {
        evidence: ["A newer version of this evidence has been submitted: judge that version instead."],
      });
    }
    // The mapping and the standing decisions, read once under the lock for all the criteria decided.
    const key = (unitRef: string, criterion: string) => `${unitRef}:${criterion}`;
    const [mappings, standing] = await Promise.all([
      tx.evidenceCriterion.findMany({ where: { evidenceId, specId }, select: { unitRef: true, criterion: true } }),
      currentJudgements(tx, { evidenceId, specId }),
    ]);
    const mapped = new Set(mappings.map((m) => key(m.unitRef, m.criterion)));
    const currentOf = new Map(standing.map((j) => [key(j.unitRef, j.criterion), j]));
    const created: { id: string }[] = [];
    for (const d of decisions) {
      if (!mapped.has(key(d.unitRef, d.criterion)))
        throw new AppError("INVALID_INPUT", {
          criterion: [`The evidence is not mapped to ${d.unitRef} ${d.criterion}.`],
        });
      const current = currentOf.get(key(d.unitRef, d.criterion));
      if ((current?.id ?? "") !== d.expected) throw new AppError("STALE");
      // C&G 3412 section 2: an assessor working towards the assessor units decides subject to a
      // qualified assessor's countersignature, so they cannot undo a decision already in effect.
      if (
        countersign &&
        current &&
        takesEffect({
          needsCountersignature: current.needsCountersignature,
          countersigned: current.countersignature !== null,
        })
      ) {
        throw new AppError("INVALID_INPUT", {
          outcome: [
            "This decision is in effect. Only a qualified assessor can change it: decisions of an assessor working towards the assessor units count once countersigned.",
          ],
        });
      }
      const row = await tx.criterionJudgement.create({
        data: {
          evidenceId,
          specId,
          unitRef: d.unitRef,
          criterion: d.criterion,
          outcome,
          feedback: d.feedback,
          valid: d.checks.valid,
          authentic: d.checks.authentic,
          reliable: d.checks.reliable,
          current: d.checks.current,
          sufficient: d.checks.sufficient,
          checksNote: d.checksNote,
          assessorId: actor.userId,
          needsCountersignature: countersign,
          supersedesId: current?.id ?? null,
        },
        select: { id: true },
      });
      if (current) await flagSignOffsOnChangedJudgement(tx, actor, current.id, evidenceId, specId, d.unitRef);
      await recordAudit(tx, actor, {
        action: "assessment.judge",
        subjectType: "Evidence",
        subjectId: evidenceId,
        detail: {
          judgementId: row.id,
          unit: d.unitRef,
          criterion: d.criterion,
          outcome,
          supersedes: current?.id ?? null,
          needsCountersignature: countersign,
        },
      });
      created.push(row);
    }
    if (created.length > 0) await notifyFeedback(tx, evidenceId, outcome, created.length, created[0]!.id, actor.name);
    return created;
  });
}
