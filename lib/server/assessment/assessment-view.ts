import "server-only";
// Read models for judging: one piece of evidence with, for each criterion it is mapped to, the
// criterion's text, the decision standing now and every earlier decision.
import { requirementTexts } from "@/lib/domain/catalogue/content";
import { contentOf } from "@/lib/domain/catalogue/spec";
import { simulationProblem, simulationRule } from "@/lib/domain/assessment/rules";
import type { Actor } from "@/lib/domain/policy";
import { supersededEvidence } from "./internal/assessment-state";
import { db } from "@/lib/server/core/internal/db";
import { selectionOn, suitesFor } from "@/lib/server/catalogue/internal/suites";
import { getEvidence } from "@/lib/server/evidence/evidence-reading";
import { visibleEvidence } from "@/lib/server/evidence/internal/guards";
import { portfolioAndNamesVersion, VersionedCache } from "@/lib/server/core/internal/portfolio-version";

/**
 * The evidence as the assessor judges it; anyone who may see the candidate's portfolio may read it.
 * Kept per viewer and evidence under the portfolio's version (its files, criteria and decisions
 * move it) and that of the centre's people's names, who are named in it (decision 0019).
 */
export async function getEvidenceForAssessment(actor: Actor, evidenceId: string): Promise<EvidenceForAssessment> {
  const { candidateId } = await visibleEvidence(actor, evidenceId);
  return kept.one(`${actor.userId}|${evidenceId}`, await portfolioAndNamesVersion(candidateId), () =>
    evidenceForAssessment(actor, evidenceId),
  );
}

export type EvidenceForAssessment = Awaited<ReturnType<typeof evidenceForAssessment>>;

/** A few kilobytes each (one piece of evidence, its criteria and their decisions). */
const kept = new VersionedCache<EvidenceForAssessment>(1000);

async function evidenceForAssessment(actor: Actor, evidenceId: string) {
  const evidence = await getEvidence(actor, evidenceId);
  const specIds = [...new Set(evidence.criteria.map((c) => c.specId))];
  const [specs, judgements, superseded, next, author] = await Promise.all([
    db().qualificationSpec.findMany({ where: { id: { in: specIds } }, select: { id: true, code: true, title: true } }),
    db().criterionJudgement.findMany({
      where: { evidenceId },
      orderBy: { decidedAt: "asc" },
      select: {
        id: true,
        specId: true,
        unitRef: true,
        criterion: true,
        outcome: true,
        feedback: true,
        checksNote: true,
        valid: true,
        authentic: true,
        reliable: true,
        current: true,
        sufficient: true,
        decidedAt: true,
        needsCountersignature: true,
        supersedesId: true,
        assessor: { select: { name: true } },
        countersignature: { select: { signedAt: true } },
      },
    }),
    supersededEvidence(db(), [evidenceId]),
    db().evidence.findUnique({ where: { previousVersionId: evidenceId }, select: { id: true, status: true } }),
    evidence.authorId ? db().user.findUnique({ where: { id: evidence.authorId }, select: { name: true } }) : null,
  ]);
  const questioned = evidence.witnessId
    ? await db().user.findUnique({ where: { id: evidence.witnessId }, select: { name: true } })
    : null;
  const [parsed, selections] = await Promise.all([
    suitesFor(specIds),
    Promise.all(specIds.map((id) => selectionOn(evidence.candidateId, id))),
  ]);
  const suites = new Map(
    specs.map((s) => [
      s.id,
      { code: s.code, title: s.title, suite: parsed.get(s.id)!, units: selections[specIds.indexOf(s.id)]! },
    ]),
  );
  const replacedIds = new Set(judgements.map((j) => j.supersedesId).filter(Boolean));
  const criteria = evidence.criteria.map((c) => {
    const spec = suites.get(c.specId)!;
    const text = requirementTexts(contentOf(spec.suite, c.unitRef, spec.units)).get(c.criterion)?.text ?? "";
    const history = judgements.filter(
      (j) => j.specId === c.specId && j.unitRef === c.unitRef && j.criterion === c.criterion,
    );
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
