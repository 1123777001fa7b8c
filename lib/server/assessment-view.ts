import "server-only";
// Read models for judging: one piece of evidence with, for each criterion it is mapped to, the
// criterion's text, the decision standing now and every earlier decision.
import { simulationProblem, simulationRule } from "@/lib/domain/assessment";
import type { Actor } from "@/lib/domain/policy";
import { supersededEvidence } from "./assessment-state";
import { db } from "./db";
import { suitesFor } from "./suites";
import { getEvidence } from "./evidence";

/** The evidence as the assessor judges it; anyone who may see the candidate's portfolio may read it. */
export async function getEvidenceForAssessment(actor: Actor, evidenceId: string) {
  const evidence = await getEvidence(actor, evidenceId);
  const specIds = [...new Set(evidence.criteria.map((c) => c.specId))];
  const [specs, judgements, superseded, next, author] = await Promise.all([
    db().qualificationSpec.findMany({ where: { id: { in: specIds } }, select: { id: true, code: true, title: true } }),
    db().criterionJudgement.findMany({
      where: { evidenceId },
      orderBy: { decidedAt: "asc" },
      select: {
        id: true, specId: true, unitRef: true, criterion: true, outcome: true, feedback: true, checksNote: true,
        valid: true, authentic: true, reliable: true, current: true, sufficient: true, decidedAt: true, needsCountersignature: true,
        supersedesId: true,
        assessor: { select: { name: true } },
        countersignature: { select: { signedAt: true } },
      },
    }),
    supersededEvidence(db(), [evidenceId]),
    db().evidence.findUnique({ where: { previousVersionId: evidenceId }, select: { id: true, status: true } }),
    evidence.authorId ? db().user.findUnique({ where: { id: evidence.authorId }, select: { name: true } }) : null,
  ]);
  const questioned = evidence.witnessId ? await db().user.findUnique({ where: { id: evidence.witnessId }, select: { name: true } }) : null;
  const parsed = await suitesFor(specIds);
  const suites = new Map(specs.map((s) => [s.id, { code: s.code, title: s.title, suite: parsed.get(s.id)! }]));
  const replacedIds = new Set(judgements.map((j) => j.supersedesId).filter(Boolean));
  const criteria = evidence.criteria.map((c) => {
    const spec = suites.get(c.specId)!;
    const text = spec.suite.units.find((u) => u.ref === c.unitRef)?.outcomes.flatMap((o) => o.criteria).find((x) => x.number === c.criterion)?.text ?? "";
    const history = judgements.filter((j) => j.specId === c.specId && j.unitRef === c.unitRef && j.criterion === c.criterion);
    const current = history.find((j) => !replacedIds.has(j.id)) ?? null;
    return {
      specId: c.specId,
      qualification: spec.code,
      unitRef: c.unitRef,
      criterion: c.criterion,
      text,
      current,
      history,
      simulationProblem: simulationProblem(simulationRule(spec.suite, spec.code), evidence),
    };
  });
  return {
    ...evidence,
    authorName: author?.name ?? null,
    /** For questioning of an expert witness: whom. */
    questionedWitness: questioned?.name ?? null,
    superseded: superseded.has(evidenceId),
    nextVersion: next,
    criteria,
  };
}
