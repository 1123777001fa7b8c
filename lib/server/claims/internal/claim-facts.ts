import "server-only";
// The facts a claim rests on, per unit of a registration: sign-off state, IV sample status, plans
// covering the sign-off, live claims; and the frozen claim pack.
import { latestPerQualification } from "@/lib/domain/registrations/current-registrations";
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import type { SampleStatus, UnitClaimFacts } from "@/lib/domain/claims/unit-claims";
import { londonToday } from "@/lib/domain/today";
import type { Actor } from "@/lib/domain/policy";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  currentSignOffs,
  earlierSignOffs,
  heldUnits,
  signOffState,
} from "@/lib/server/assessment/internal/assessment-state";
import { db } from "@/lib/server/core/internal/db";
import { sampleState } from "@/lib/domain/internal-verification/sample-state";
import { isoDay } from "@/lib/domain/today";

type Client = Prisma.TransactionClient | ReturnType<typeof db>;

/** The candidate's current registrations (latest per qualification) at the administrator's centre. */
export async function currentRegistrations(client: Client, candidateId: string) {
  const records = await client.candidateRegistration.findMany({
    where: { candidateId },
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      registeredOn: true,
      units: true,
      enrolmentNumber: true,
      uln: true,
      spec: {
        select: { id: true, code: true, version: true, title: true, awardingBody: true, sha256: true, spec: true },
      },
    },
  });
  return latestPerQualification(records).map((r) => ({ ...r, suite: suiteShape.parse(r.spec.spec) as Suite }));
}
type Registration = Awaited<ReturnType<typeof currentRegistrations>>[number];

/** For each unit of the registration: its state, its IV sample status, and whether a live claim holds it. */
export async function unitFacts(client: Client, candidateId: string, r: Registration) {
  const [signOffs, held, samples, claims, plans] = await Promise.all([
    currentSignOffs(client, candidateId, [r.spec.id]),
    heldUnits(client, [candidateId]),
    client.ivSample.findMany({
      where: { candidateId, specId: r.spec.id },
      select: {
        unitRef: true,
        stage: true,
        verdicts: {
          orderBy: { decidedAt: "asc" },
          select: {
            outcome: true,
            decidedAt: true,
            needsCountersignature: true,
            signOffId: true,
            countersignature: { select: { id: true } },
          },
        },
        responses: { select: { respondedAt: true } },
      },
    }),
    // Every version of the qualification: a unit claimed under one version is not claimed again
    // after a re-registration on the next.
    client.certificateClaim.findMany({
      where: { candidateId, spec: { code: r.spec.code } },
      select: { units: true, releasedDirectly: true, decision: { select: { outcome: true } } },
    }),
    plansCovering(client, candidateId, r.spec.id),
  ]);
  const standing = new Map(signOffs.filter((s) => s.signed).map((s) => [s.unitRef, s]));
  // Live: waiting or authorised. A claim released directly is live until the EV refuses it, and a
  // refusal takes it out of the released claims (and its units may then be claimed again).
  const live = new Set(claims.filter((c) => c.decision?.outcome !== "REFUSED").flatMap((c) => c.units));
  const facts: (UnitClaimFacts & { signOff: (typeof signOffs)[number] | null; plan: (typeof plans)[number] | null })[] =
    r.units.map((entry) => {
      const ref = entry.split("@")[0]!;
      const signOff = signOffs.find((s) => s.unitRef === ref) ?? null;
      const mine = samples.filter((s) => s.unitRef === ref);
      const states = mine.map((s) => ({
        stage: s.stage,
        state: sampleState(s.verdicts, s.responses, standing.get(ref)?.id ?? null),
      }));
      const signedOn = signOff?.signed ? londonToday(signOff.signedAt) : null;
      const plan = signedOn ? (plans.find((p) => p.from <= signedOn && signedOn <= p.to) ?? null) : null;
      // Any sample not yet agreed holds the unit. An agreed interim sample looked at some judgements
      // before the sign-off, not at the sign-off: only a summative agreement, or a plan that covered
      // the sign-off and did not select it, stands for internal verification of the unit.
      const sample: SampleStatus = states.some((x) => x.state !== "agreed")
        ? "outstanding"
        : states.some((x) => x.stage === "SUMMATIVE")
          ? "agreed"
          : plan
            ? "none"
            : "unplanned";
      return {
        entry,
        state: signOff ? signOffState(signOff, held.has(`${candidateId}|${r.spec.id}|${ref}`)) : "not-signed-off",
        sample,
        claimed: live.has(entry),
        signOff,
        signedOn,
        plan,
      };
    });
  return facts;
}

/**
 * The centre's sampling plans for this qualification (newest first), by period: a unit signed off
 * in a plan's period went through its selection, at sign-off or when the plan was made.
 */
async function plansCovering(client: Client, candidateId: string, specId: string) {
  const rows = await client.$queryRaw<{ id: string; from: string; to: string; createdBy: string }[]>`
    SELECT p.id, to_char(p."periodFrom", 'YYYY-MM-DD') AS "from", to_char(p."periodTo", 'YYYY-MM-DD') AS "to", u.name AS "createdBy"
    FROM "SamplingPlan" p JOIN "User" c ON c.id = ${candidateId}::uuid AND c."centreId" = p."centreId" JOIN "User" u ON u.id = p."createdById"
    WHERE p."specId" = ${specId}::uuid ORDER BY p."createdAt" DESC LIMIT 100`;
  return rows;
}

/**
 * The claim pack: candidate, qualification and version (with the specification's hash),
 * registration date, and for each unit its credits or unit value, the assessor, any qualified
 * assessor's countersignature, the IV's verdict, the dates, and the SHA-256 of every evidence file
 * behind the sign-off.
 */
export async function claimPack(
  tx: Prisma.TransactionClient,
  args: {
    candidate: { id: string; name: string; dateOfBirth: Date | null; centre: { name: string; code: string } | null };
    registration: Registration;
    kind: string;
    facts: Awaited<ReturnType<typeof unitFacts>>;
    raisedBy: Actor;
  },
) {
  const { candidate, registration: r } = args;
  // The latest agreement on each unit's samples (summative, or interim where that was all).
  const verdicts = await tx.ivVerdict.findMany({
    where: {
      outcome: "AGREE",
      sample: {
        candidateId: candidate.id,
        specId: r.spec.id,
        unitRef: { in: args.facts.map((f) => f.entry.split("@")[0]!) },
      },
    },
    orderBy: { decidedAt: "desc" },
    select: {
      ivId: true,
      decidedAt: true,
      sample: { select: { unitRef: true, stage: true } },
      countersignature: { select: { ivId: true } },
    },
  });
  const people = new Map(
    (
      await tx.user.findMany({
        where: {
          id: {
            in: [
              ...verdicts.flatMap((v) => [v.ivId, ...(v.countersignature ? [v.countersignature.ivId] : [])]),
              ...args.facts.flatMap((f) =>
                f.signOff?.countersignature ? [f.signOff.countersignature.assessorId] : [],
              ),
              args.raisedBy.userId,
            ],
          },
        },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  const unitOf = (ref: string) => r.suite.units.find((u) => u.ref === ref);
  // A corrected sign-off carries the records it corrected: the history shows both.
  const earlier = await earlierSignOffs(tx, candidate.id, [r.spec.id]);
  return {
    format: "claim-pack/1",
    kind: args.kind,
    centre: candidate.centre,
    candidate: {
      id: candidate.id,
      name: candidate.name,
      dateOfBirth: candidate.dateOfBirth ? isoDay(candidate.dateOfBirth) : null,
    },
    qualification: {
      code: r.spec.code,
      title: r.spec.title,
      version: r.spec.version,
      awardingBody: r.spec.awardingBody,
      specificationSha256: r.spec.sha256,
    },
    // The awarding body's enrolment number and the ULN match the claim to its own records (null: not recorded).
    registration: {
      id: r.id,
      registeredOn: isoDay(r.registeredOn),
      units: r.units,
      enrolmentNumber: r.enrolmentNumber,
      uln: r.uln,
    },
    units: args.facts.map((f) => {
      const s = f.signOff!;
      const [ref, level] = f.entry.split("@") as [string, string | undefined];
      const unit = unitOf(ref);
      // The summative agreement stands for the sign-off; an interim one (judgements before it) is
      // recorded beside the plan that did not select the unit, not instead of it.
      const verdict =
        f.sample === "agreed"
          ? verdicts.find((v) => v.sample.unitRef === ref && v.sample.stage === "SUMMATIVE")
          : undefined;
      const interim = verdicts.find((v) => v.sample.unitRef === ref && v.sample.stage === "INTERIM");
      const snapshot = (s.evidence ?? []) as {
        criterion: string;
        accepted: {
          evidenceId: string;
          title: string;
          method: string;
          files: { id: string; name: string; sha256: string }[];
        }[];
      }[];
      const evidence = [...new Map(snapshot.flatMap((c) => c.accepted).map((e) => [e.evidenceId, e])).values()];
      return {
        entry: f.entry,
        ref,
        title: unit?.title ?? "",
        credits: unit && "credits" in unit ? unit.credits : null,
        unitValue: unit && "values" in unit && level ? (unit.values[level] ?? null) : null,
        signOff: {
          id: s.id,
          signedAt: s.signedAt.toISOString(),
          assessor: s.assessor.name,
          candidateSignedAt: s.candidateSignature?.signedAt.toISOString() ?? null,
          correctionReason: s.reason,
          earlierRecords: earlier
            .filter((e) => e.unitRef === ref)
            .map((e) => ({
              id: e.id,
              signed: e.signed,
              signedAt: e.signedAt.toISOString(),
              assessor: e.assessor.name,
              candidateSignedAt: e.candidateSignature?.signedAt.toISOString() ?? null,
              reason: e.reason,
              supersededAt: e.supersededAt.toISOString(),
            })),
        },
        countersignedBy: s.countersignature ? (people.get(s.countersignature.assessorId) ?? null) : null,
        internalVerification: verdict
          ? {
              outcome: "agreed",
              stage: verdict.sample.stage.toLowerCase(),
              iv: people.get(verdict.ivId) ?? "",
              decidedAt: verdict.decidedAt.toISOString(),
              countersignedBy: verdict.countersignature ? (people.get(verdict.countersignature.ivId) ?? null) : null,
            }
          : {
              outcome: "not selected",
              samplingPlan: f.plan
                ? { id: f.plan.id, periodFrom: f.plan.from, periodTo: f.plan.to, madeBy: f.plan.createdBy }
                : null,
              ...(interim
                ? {
                    interimAgreement: {
                      iv: people.get(interim.ivId) ?? "",
                      decidedAt: interim.decidedAt.toISOString(),
                    },
                  }
                : {}),
            },
        evidence: evidence.map((e) => ({
          evidenceId: e.evidenceId,
          title: e.title,
          method: e.method,
          files: e.files.map((x) => ({ name: x.name, sha256: x.sha256 })),
        })),
      };
    }),
    raisedBy: people.get(args.raisedBy.userId) ?? "",
    raisedAt: new Date().toISOString(),
  };
}
