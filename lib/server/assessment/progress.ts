import "server-only";
// The portfolio by unit, outcome and criterion with what has been decided: each criterion's state
// and the evidence behind it with the assessor's feedback, each unit's sign-off, and the totals.
import { requirementGroupsFor } from "@/lib/domain/catalogue/content";
import { CRITERION_STATE_LABEL, takesEffect } from "@/lib/domain/assessment/rules";
import type { Actor } from "@/lib/domain/policy";
import {
  criterionEvidence,
  currentJudgements,
  earlierSignOffs,
  signOffFacts,
  signOffState,
  supersededEvidence,
} from "./internal/assessment-state";
import { listedFor } from "@/lib/server/evidence/internal/guards";
import { assertCandidateVisible } from "@/lib/server/identity/internal/guards";
import { db } from "@/lib/server/core/internal/db";
import { portfolioAndNamesVersion, VersionedCache } from "@/lib/server/core/internal/portfolio-version";
import { getRegistrationsWithDecisions } from "@/lib/server/registrations/registrations";

export type EvidenceStanding = "draft" | "submitted" | "superseded";

/**
 * The portfolio as `actor` may see it (others' drafts left out). Kept per viewer and candidate
 * under the portfolio's version and that of the names of the centre's people, who are
 * named in it (decision 0019). Nothing in it depends on the date.
 */
export async function getPortfolioProgress(actor: Actor, candidateId: string): Promise<PortfolioProgress> {
  await assertCandidateVisible(actor, candidateId);
  return kept.one(`${actor.userId}|${candidateId}`, await portfolioAndNamesVersion(candidateId), () =>
    portfolioProgress(actor, candidateId),
  );
}

/** A few hundred kilobytes each at most (a portfolio's criteria, evidence and decisions). */
const kept = new VersionedCache<PortfolioProgress>(200);

async function portfolioProgress(actor: Actor, candidateId: string) {
  const { registrations, signOffs, held } = await getRegistrationsWithDecisions(actor, candidateId);
  const specIds = registrations.map((r) => r.spec.id);
  const mappings = await db().evidenceCriterion.findMany({
    // Other people's unfinished records (an assessor's or witness's draft) are not shown to anyone else.
    where: { evidence: { candidateId, ...listedFor(actor) }, specId: { in: specIds } },
    select: {
      evidenceId: true,
      specId: true,
      unitRef: true,
      criterion: true,
      evidence: { select: { id: true, title: true, status: true } },
    },
  });
  const evidenceIds = [...new Set(mappings.map((m) => m.evidenceId))];
  const [judgements, superseded, earlier] = await Promise.all([
    currentJudgements(db(), { evidenceId: { in: evidenceIds } }),
    supersededEvidence(db(), evidenceIds),
    // A corrected sign-off shows the records it corrected: both stay in the unit's history.
    earlierSignOffs(db(), candidateId, specIds),
  ]);
  const coverage = criterionEvidence(
    mappings.map((m) => ({ ...m, status: m.evidence.status })),
    judgements,
    superseded,
  );
  const judgementOf = new Map(judgements.map((j) => [`${j.evidenceId}|${j.specId}|${j.unitRef}|${j.criterion}`, j]));
  // Each criterion's mappings by key: one pass over the mappings, not one per criterion.
  const mappingsOf = new Map<string, typeof mappings>();
  for (const m of mappings) {
    const key = `${m.specId}|${m.unitRef}|${m.criterion}`;
    const list = mappingsOf.get(key);
    if (list) list.push(m);
    else mappingsOf.set(key, [m]);
  }
  return registrations.map((r) => {
    const units = r.suite.units
      .filter((u) => r.units.includes(u.ref) || r.units.some((s) => s.startsWith(`${u.ref}@`)))
      .map((u) => {
        const outcomes = requirementGroupsFor(u, r.units).map((o) => ({
          key: o.key,
          label: o.short,
          text: o.text,
          criteria: o.requirements.map((c) => {
            const state = coverage.state(r.spec.id, u.ref, c.number);
            const evidence = (mappingsOf.get(`${r.spec.id}|${u.ref}|${c.number}`) ?? []).map((m) => {
              const j = judgementOf.get(`${m.evidenceId}|${r.spec.id}|${u.ref}|${c.number}`);
              const standing: EvidenceStanding =
                m.evidence.status === "DRAFT" ? "draft" : superseded.has(m.evidenceId) ? "superseded" : "submitted";
              return {
                id: m.evidence.id,
                title: m.evidence.title,
                standing,
                judgement: j
                  ? {
                      id: j.id,
                      outcome: j.outcome,
                      feedback: j.feedback,
                      decidedAt: j.decidedAt,
                      assessor: j.assessor.name,
                      inEffect: takesEffect({
                        needsCountersignature: j.needsCountersignature,
                        countersigned: j.countersignature !== null,
                      }),
                    }
                  : null,
              };
            });
            return {
              number: c.number,
              text: c.text,
              kind: c.kind,
              state,
              stateLabel: CRITERION_STATE_LABEL[state],
              evidence,
            };
          }),
        }));
        const all = outcomes.flatMap((o) => o.criteria);
        const signOff = signOffs.find((s) => s.specId === r.spec.id && s.unitRef === u.ref) ?? null;
        return {
          ref: u.ref,
          title: u.title,
          criteriaInSource: u.criteriaInSource,
          /** False while the awarding body has published nothing to assess the unit against. */
          assessable: outcomes.length > 0,
          outcomes,
          total: all.length,
          accepted: all.filter((c) => c.state === "accepted").length,
          withEvidence: all.filter((c) => c.evidence.length > 0).length,
          signOff: signOff && { ...signOff, facts: signOffFacts(signOff) },
          earlierSignOffs: earlier.filter((e) => e.specId === r.spec.id && e.unitRef === u.ref),
          state: signOffState(signOff, held.has(`${candidateId}|${r.spec.id}|${u.ref}`)),
        };
      });
    const measurable = units.filter((u) => u.total > 0);
    return {
      registration: r,
      units,
      criteriaTotal: measurable.reduce((s, u) => s + u.total, 0),
      criteriaAccepted: measurable.reduce((s, u) => s + u.accepted, 0),
      criteriaWithEvidence: measurable.reduce((s, u) => s + u.withEvidence, 0),
      unitsAchieved: units.filter((u) => u.state === "achieved").length,
    };
  });
}
export type PortfolioProgress = Awaited<ReturnType<typeof portfolioProgress>>;
