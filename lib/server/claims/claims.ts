import "server-only";
// Certificate claims (C&G 3412 handbook; OCR scheme, external verifier): the centre raises a claim
// for units, or for the whole qualification, only when every rule is met; the claim carries a
// frozen claim pack with its own SHA-256; the external verifier appointed to the centre authorises
// or refuses it with reasons, and a refused claim is corrected by a new claim that names it.
import { createHash } from "node:crypto";
import { minimumAgeProblem } from "@/lib/domain/age";
import { latestPerQualification } from "@/lib/domain/current-registrations";
import { validateSelection } from "@/lib/domain/catalogue/combination";
import { achievement } from "@/lib/domain/catalogue/progress";
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import { recordCheckpoint } from "@/lib/audit/chain";
import { canonicalJson, unitClaimProblem, type SampleStatus, type UnitClaimFacts } from "@/lib/domain/claims";
import { pageWindow, toPage, windowTotal } from "@/lib/domain/pagination";
import { londonToday } from "@/lib/domain/today";
import { formatDate } from "@/lib/domain/format";
import type { Actor } from "@/lib/domain/policy";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ClaimDecisionInput, ClaimInput } from "@/lib/validation/claims";
import { currentSignOffs, earlierSignOffs, heldUnits, signOffState } from "@/lib/server/assessment/internal/assessment-state";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { notifyClaimToAuthorise } from "@/lib/server/notifications/internal/notify-events";
import { authorize, authorizeCentre, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { assertCandidateVisible } from "@/lib/server/identity/candidates";
import { centreApprovalsFor, hasDirectClaims } from "@/lib/server/awarding-body/internal/centre-approval-state";
import { db } from "@/lib/server/core/internal/db";
import { AppError, forbidden, notFound } from "@/lib/server/core/errors";
import { requireRecentPassword } from "@/lib/server/core/reauthentication";
import { sampleState } from "@/lib/server/internal-verification/internal/iv-state";
import { isUniqueViolation, lockCandidate } from "@/lib/server/core/internal/signing";

type Client = Prisma.TransactionClient | ReturnType<typeof db>;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** The candidate's current registrations (latest per qualification) at the administrator's centre. */
async function currentRegistrations(client: Client, candidateId: string) {
  const records = await client.candidateRegistration.findMany({
    where: { candidateId },
    orderBy: { createdAt: "desc" },
    select: { id: true, registeredOn: true, units: true, enrolmentNumber: true, uln: true, spec: { select: { id: true, code: true, version: true, title: true, awardingBody: true, sha256: true, spec: true } } },
  });
  return latestPerQualification(records).map((r) => ({ ...r, suite: suiteShape.parse(r.spec.spec) as Suite }));
}
type Registration = Awaited<ReturnType<typeof currentRegistrations>>[number];

/** For each unit of the registration: its state, its IV sample status, and whether a live claim holds it. */
async function unitFacts(client: Client, candidateId: string, r: Registration) {
  const [signOffs, held, samples, claims, plans] = await Promise.all([
    currentSignOffs(client, candidateId, [r.spec.id]),
    heldUnits(client, [candidateId]),
    client.ivSample.findMany({
      where: { candidateId, specId: r.spec.id },
      select: {
        unitRef: true,
        stage: true,
        verdicts: { orderBy: { decidedAt: "asc" }, select: { outcome: true, decidedAt: true, needsCountersignature: true, signOffId: true, countersignature: { select: { id: true } } } },
        responses: { select: { respondedAt: true } },
      },
    }),
    // Every version of the qualification: a unit claimed under one version is not claimed again
    // after a re-registration on the next.
    client.certificateClaim.findMany({ where: { candidateId, spec: { code: r.spec.code } }, select: { units: true, releasedDirectly: true, decision: { select: { outcome: true } } } }),
    plansCovering(client, candidateId, r.spec.id),
  ]);
  const standing = new Map(signOffs.filter((s) => s.signed).map((s) => [s.unitRef, s]));
  // Live: waiting or authorised. A claim released directly is live until the EV refuses it, and a
  // refusal takes it out of the released claims (and its units may then be claimed again).
  const live = new Set(claims.filter((c) => c.decision?.outcome !== "REFUSED").flatMap((c) => c.units));
  const facts: (UnitClaimFacts & { signOff: (typeof signOffs)[number] | null; plan: (typeof plans)[number] | null })[] = r.units.map((entry) => {
    const ref = entry.split("@")[0]!;
    const signOff = signOffs.find((s) => s.unitRef === ref) ?? null;
    const mine = samples.filter((s) => s.unitRef === ref);
    const states = mine.map((s) => ({ stage: s.stage, state: sampleState(s.verdicts, s.responses, standing.get(ref)?.id ?? null) }));
    const signedOn = signOff?.signed ? londonToday(signOff.signedAt) : null;
    const plan = signedOn ? plans.find((p) => p.from <= signedOn && signedOn <= p.to) ?? null : null;
    // Any sample not yet agreed holds the unit. An agreed interim sample looked at some judgements
    // before the sign-off, not at the sign-off: only a summative agreement, or a plan that covered
    // the sign-off and did not select it, stands for internal verification of the unit.
    const sample: SampleStatus = states.some((x) => x.state !== "agreed")
      ? "outstanding"
      : states.some((x) => x.stage === "SUMMATIVE") ? "agreed" : plan ? "none" : "unplanned";
    return { entry, state: signOff ? signOffState(signOff, held.has(`${candidateId}|${r.spec.id}|${ref}`)) : "not-signed-off", sample, claimed: live.has(entry), signOff, signedOn, plan };
  });
  return facts;
}

/** What internal verification did with a unit that can be claimed: the claim screen says which. */
function verificationText(f: UnitClaimFacts & { plan: { from: string; to: string } | null }): string | null {
  const day = (iso: string) => formatDate(new Date(`${iso}T12:00:00Z`));
  if (f.sample === "agreed") return "sampled by the internal verifier, who agreed";
  if (f.sample === "none" && f.plan) return `not selected by the sampling plan for ${day(f.plan.from)} to ${day(f.plan.to)}`;
  return null;
}

/** Internal verification has dealt with the unit: agreed, or not selected by a plan that covered it. */
const verified = (f: UnitClaimFacts) => f.sample === "agreed" || f.sample === "none";

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

/** What can be claimed for each of the candidate's qualifications, and why not: for the administrator's claim screen. */
export async function getClaimOptions(actor: Actor, candidateId: string) {
  const centreId = authorizeOwnCentre(actor, "claim.raise");
  const candidate = await db().user.findFirst({ where: { id: candidateId, centreId, roles: { some: { role: "CANDIDATE" } } }, select: { id: true, dateOfBirth: true } });
  if (!candidate) throw notFound();
  const registrations = await currentRegistrations(db(), candidateId);
  const options = await Promise.all(
    registrations.map(async (r) => {
      const facts = await unitFacts(db(), candidateId, r);
      const claimable = facts.filter((f) => unitClaimProblem(f) === null).map((f) => f.entry);
      return {
        registrationId: r.id,
        enrolmentNumber: r.enrolmentNumber,
        uln: r.uln,
        qualification: { code: r.spec.code, title: r.spec.title, version: r.spec.version },
        units: facts.map((f) => ({ entry: f.entry, problem: unitClaimProblem(f), verification: verificationText(f) })),
        qualificationProblems: qualificationProblems(r, facts, candidate.dateOfBirth, await centreApprovalsFor(centreId, r.spec.code)),
        claimable,
      };
    }),
  );
  const claims = await db().certificateClaim.findMany({
    where: { candidateId },
    orderBy: { raisedAt: "desc" },
    take: 50,
    select: { id: true, kind: true, units: true, raisedAt: true, packSha256: true, correctsId: true, specId: true, releasedDirectly: true, decision: { select: { outcome: true, reasons: true, decidedAt: true } } },
  });
  return { options, claims };
}

/** Why the whole qualification cannot be claimed now: age, and the rules of combination over the units that can be claimed. */
function qualificationProblems(r: Registration, facts: UnitClaimFacts[], dateOfBirth: Date | null, centreApprovals: string[]): string[] {
  const problems: string[] = [];
  const age = minimumAgeProblem(r.suite, r.spec.code, dateOfBirth ? isoDay(dateOfBirth) : null, isoDay(r.registeredOn));
  if (age) problems.push(age);
  const claimable = facts.filter((f) => unitClaimProblem(f) === null || (f.claimed && f.state === "achieved" && verified(f))).map((f) => f.entry);
  const context = { registeredOn: isoDay(r.registeredOn), centreApprovals };
  if (!achievement(r.suite, r.spec.code, r.units, claimable, context).complete) {
    const reasons = validateSelection(r.suite, r.spec.code, claimable, context).reasons.map((x) => x.message);
    problems.push(`The rules of combination are not met by the units that can be claimed${reasons.length ? `: ${reasons.join(" ")}` : "."}`);
  }
  return problems;
}

/**
 * Raises a claim, refused with every broken rule named. Under the candidate's lock (sign-offs and
 * IV verdicts take it too), the rules are checked and the pack is frozen in one transaction.
 */
export async function raiseClaim(actor: Actor, input: ClaimInput): Promise<{ id: string; packSha256: string; releasedDirectly: boolean }> {
  const centreId = authorizeOwnCentre(actor, "claim.raise");
  const candidate = await db().user.findFirst({
    where: { id: input.candidateId, centreId, roles: { some: { role: "CANDIDATE" } } },
    select: { id: true, name: true, dateOfBirth: true, centre: { select: { name: true, code: true } } },
  });
  if (!candidate) throw notFound();
  // A certification claim (released at once under direct claims status): an authorisation.
  requireRecentPassword(actor);
  try {
    return await db().$transaction(async (tx) => {
      await lockCandidate(tx, candidate.id);
      const r = (await currentRegistrations(tx, candidate.id)).find((x) => x.id === input.registrationId);
      if (!r) throw new AppError("INVALID_INPUT", { registrationId: ["That is not the candidate's current registration: open the claim screen again."] });
      if (input.correctsId) {
        const refused = await tx.certificateClaim.findFirst({ where: { id: input.correctsId, candidateId: candidate.id }, select: { decision: { select: { outcome: true } } } });
        if (!refused) throw notFound();
        if (refused.decision?.outcome !== "REFUSED") throw new AppError("INVALID_INPUT", { correctsId: ["Only a refused claim is corrected by a new claim."] });
      }
      const facts = await unitFacts(tx, candidate.id, r);
      const units = input.units ?? [];
      // A whole-qualification claim covers every unit that counts, including any certificated as units before.
      const wanted = input.kind === "QUALIFICATION" ? facts.filter((f) => f.state === "achieved" && verified(f)) : facts.filter((f) => units.includes(f.entry));
      const problems: string[] = [];
      if (input.kind === "UNITS") {
        const unknown = units.filter((u) => !facts.some((f) => f.entry === u));
        if (unknown.length) problems.push(`Not units of this registration: ${unknown.join(", ")}.`);
        for (const f of wanted) {
          const p = unitClaimProblem(f);
          if (p) problems.push(p);
        }
        const age = minimumAgeProblem(r.suite, r.spec.code, candidate.dateOfBirth ? isoDay(candidate.dateOfBirth) : null, isoDay(r.registeredOn));
        if (age) problems.push(age);
        const approvals = await centreApprovalsFor(centreId, r.spec.code, tx);
        for (const f of wanted) {
          const ref = f.entry.split("@")[0]!;
          if (r.suite.units.find((u) => u.ref === ref)?.requiresCentreApproval && !approvals.includes(ref)) {
            problems.push(`Unit ${ref} needs the centre's own approval from the awarding body, which the centre does not hold.`);
          }
        }
      } else {
        problems.push(...qualificationProblems(r, facts, candidate.dateOfBirth, await centreApprovalsFor(centreId, r.spec.code, tx)));
        const live = await tx.certificateClaim.count({ where: { candidateId: candidate.id, spec: { code: r.spec.code }, kind: "QUALIFICATION", OR: [{ decision: { is: null } }, { decision: { is: { outcome: "AUTHORISED" } } }] } });
        if (live > 0) problems.push("The qualification is already in a claim that is waiting for the external verifier or authorised.");
      }
      if (wanted.length === 0 && problems.length === 0) problems.push("There is no unit to claim.");
      if (problems.length) throw new AppError("CLAIM_REFUSED", { units: problems });
      // The centre's audit chain head, in the pack and as a checkpoint outside the centre's trail
      // (decision 0014): removing events from the chain's end afterwards shows in `verify`.
      const auditHead = await recordCheckpoint(tx, centreId, "claim");
      const pack = { ...(await claimPack(tx, { candidate, registration: r, kind: input.kind, facts: wanted, raisedBy: actor })), auditHead };
      // Direct claims status: released at once, and still in the EV's sample.
      const releasedDirectly = await hasDirectClaims(centreId, r.spec.code, tx);
      const packSha256 = createHash("sha256").update(canonicalJson(pack)).digest("hex");
      const created = await tx.certificateClaim.create({
        data: {
          centreId,
          candidateId: candidate.id,
          registrationId: r.id,
          specId: r.spec.id,
          kind: input.kind,
          units: wanted.map((f) => f.entry),
          pack: pack as unknown as Prisma.InputJsonValue,
          packSha256,
          raisedById: actor.userId,
          correctsId: input.correctsId ?? null,
          releasedDirectly,
        },
        select: { id: true },
      });
      await recordAudit(tx, actor, { action: "claim.raise", subjectType: "CertificateClaim", subjectId: created.id, detail: { kind: input.kind, units: wanted.map((f) => f.entry), packSha256, corrects: input.correctsId ?? null, releasedDirectly } });
      if (!releasedDirectly) await notifyClaimToAuthorise(tx, { id: created.id, centreId, candidateName: candidate.name, qualification: `${r.spec.code} ${r.spec.title}` });
      return { id: created.id, packSha256, releasedDirectly };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("INVALID_INPUT", { correctsId: ["That refused claim has already been corrected by another claim."] });
    throw error;
  }
}

/**
 * The claim pack: candidate, qualification and version (with the specification's hash),
 * registration date, and for each unit its credits or unit value, the assessor, any qualified
 * assessor's countersignature, the IV's verdict, the dates, and the SHA-256 of every evidence file
 * behind the sign-off.
 */
async function claimPack(
  tx: Prisma.TransactionClient,
  args: { candidate: { id: string; name: string; dateOfBirth: Date | null; centre: { name: string; code: string } | null }; registration: Registration; kind: string; facts: Awaited<ReturnType<typeof unitFacts>>; raisedBy: Actor },
) {
  const { candidate, registration: r } = args;
  // The latest agreement on each unit's samples (summative, or interim where that was all).
  const verdicts = await tx.ivVerdict.findMany({
    where: { outcome: "AGREE", sample: { candidateId: candidate.id, specId: r.spec.id, unitRef: { in: args.facts.map((f) => f.entry.split("@")[0]!) } } },
    orderBy: { decidedAt: "desc" },
    select: { ivId: true, decidedAt: true, sample: { select: { unitRef: true, stage: true } }, countersignature: { select: { ivId: true } } },
  });
  const people = new Map(
    (await tx.user.findMany({
      where: { id: { in: [...verdicts.flatMap((v) => [v.ivId, ...(v.countersignature ? [v.countersignature.ivId] : [])]), ...args.facts.flatMap((f) => (f.signOff?.countersignature ? [f.signOff.countersignature.assessorId] : [])), args.raisedBy.userId] } },
      select: { id: true, name: true },
    })).map((u) => [u.id, u.name]),
  );
  const unitOf = (ref: string) => r.suite.units.find((u) => u.ref === ref);
  // A corrected sign-off carries the records it corrected: the history shows both.
  const earlier = await earlierSignOffs(tx, candidate.id, [r.spec.id]);
  return {
    format: "claim-pack/1",
    kind: args.kind,
    centre: candidate.centre,
    candidate: { id: candidate.id, name: candidate.name, dateOfBirth: candidate.dateOfBirth ? isoDay(candidate.dateOfBirth) : null },
    qualification: { code: r.spec.code, title: r.spec.title, version: r.spec.version, awardingBody: r.spec.awardingBody, specificationSha256: r.spec.sha256 },
    // The awarding body's enrolment number and the ULN match the claim to its own records (null: not recorded).
    registration: { id: r.id, registeredOn: isoDay(r.registeredOn), units: r.units, enrolmentNumber: r.enrolmentNumber, uln: r.uln },
    units: args.facts.map((f) => {
      const s = f.signOff!;
      const [ref, level] = f.entry.split("@") as [string, string | undefined];
      const unit = unitOf(ref);
      // The summative agreement stands for the sign-off; an interim one (judgements before it) is
      // recorded beside the plan that did not select the unit, not instead of it.
      const verdict = f.sample === "agreed" ? verdicts.find((v) => v.sample.unitRef === ref && v.sample.stage === "SUMMATIVE") : undefined;
      const interim = verdicts.find((v) => v.sample.unitRef === ref && v.sample.stage === "INTERIM");
      const snapshot = (s.evidence ?? []) as { criterion: string; accepted: { evidenceId: string; title: string; method: string; files: { id: string; name: string; sha256: string }[] }[] }[];
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
            .map((e) => ({ id: e.id, signed: e.signed, signedAt: e.signedAt.toISOString(), assessor: e.assessor.name, candidateSignedAt: e.candidateSignature?.signedAt.toISOString() ?? null, reason: e.reason, supersededAt: e.supersededAt.toISOString() })),
        },
        countersignedBy: s.countersignature ? (people.get(s.countersignature.assessorId) ?? null) : null,
        internalVerification: verdict
          ? { outcome: "agreed", stage: verdict.sample.stage.toLowerCase(), iv: people.get(verdict.ivId) ?? "", decidedAt: verdict.decidedAt.toISOString(), countersignedBy: verdict.countersignature ? (people.get(verdict.countersignature.ivId) ?? null) : null }
          : {
              outcome: "not selected",
              samplingPlan: f.plan ? { id: f.plan.id, periodFrom: f.plan.from, periodTo: f.plan.to, madeBy: f.plan.createdBy } : null,
              ...(interim ? { interimAgreement: { iv: people.get(interim.ivId) ?? "", decidedAt: interim.decidedAt.toISOString() } } : {}),
            },
        evidence: evidence.map((e) => ({ evidenceId: e.evidenceId, title: e.title, method: e.method, files: e.files.map((x) => ({ name: x.name, sha256: x.sha256 })) })),
      };
    }),
    raisedBy: people.get(args.raisedBy.userId) ?? "",
    raisedAt: new Date().toISOString(),
  };
}

/** The EV appointed to the claim's centre authorises or refuses it, with reasons; once. */
export async function decideClaim(actor: Actor, input: ClaimDecisionInput): Promise<void> {
  authorize(actor, "claim.decide");
  const claim = await db().certificateClaim.findUnique({ where: { id: input.claimId }, select: { id: true, centreId: true, candidateId: true, registrationId: true, units: true } });
  if (!claim) throw notFound();
  authorizeCentre(actor, "claim.decide", claim.centreId);
  requireRecentPassword(actor);
  if (input.outcome === "REFUSED" && input.reasons.trim() === "") throw new AppError("INVALID_INPUT", { reasons: ["Give the reasons for refusing the claim."] });
  try {
    await db().$transaction(async (tx) => {
      if (input.outcome === "AUTHORISED") {
        // A claim "cannot be authorised while any rule is broken": what happened since it was raised
        // (an IV disagreement, a withdrawn or flagged sign-off) is checked again under the lock.
        await lockCandidate(tx, claim.candidateId);
        const r = (await currentRegistrations(tx, claim.candidateId)).find((x) => x.id === claim.registrationId);
        if (!r) throw new AppError("CLAIM_REFUSED", { units: ["The candidate's registration has changed since the claim was raised: refuse it, so the centre can raise it again."] });
        const facts = await unitFacts(tx, claim.candidateId, r);
        const problems = facts.filter((f) => claim.units.includes(f.entry)).flatMap((f) => unitClaimProblem({ ...f, claimed: false }) ?? []);
        if (problems.length) throw new AppError("CLAIM_REFUSED", { units: [...problems, "Refuse the claim with these reasons; the centre can raise it again once they are put right."] });
      }
      const decision = await tx.claimDecision.create({ data: { claimId: claim.id, outcome: input.outcome, reasons: input.reasons, evId: actor.userId }, select: { id: true } });
      await recordAudit(tx, actor, {
        action: input.outcome === "AUTHORISED" ? "claim.authorise" : "claim.refuse",
        subjectType: "CertificateClaim",
        subjectId: claim.id,
        detail: { decisionId: decision.id, reasons: input.reasons },
        // The EV belongs to no centre: the event goes on the claim's centre's trail.
        centreId: claim.centreId,
      });
      await recordCheckpoint(tx, claim.centreId, "claim decision");
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError("ALREADY_SIGNED");
    throw error;
  }
}

/** One claim with its pack and decision: the centre's administrators and the EVs appointed to it. */
export async function getClaim(actor: Actor, claimId: string) {
  // Roles first, so a candidate or assessor learns nothing about which claim ids exist.
  if (!(["CENTRE_ADMIN", "EXTERNAL_VERIFIER", "AWARDING_BODY_ADMIN"] as const).some((r) => actor.roles.includes(r))) throw forbidden();
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
    { id: string; kind: "UNITS" | "QUALIFICATION"; units: string[]; raisedAt: Date; releasedDirectly: boolean; candidate: string; centre: string | null; qualification: string; outcome: "AUTHORISED" | "REFUSED" | null; decidedAt: Date | null; total: number }[]
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
  const total = await windowTotal(rows, query.page, () => db().certificateClaim.count({ where: { centreId: { in: actor.evCentreIds } } }));
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
      select: { id: true, kind: true, units: true, raisedAt: true, candidateId: true, pack: true, releasedDirectly: true, decision: { select: { outcome: true, decidedAt: true } } },
    }),
    db().certificateClaim.count({ where: { centreId } }),
  ]);
  return toPage(
    items.map((c) => {
      const pack = c.pack as { candidate: { name: string }; qualification: { code: string } };
      return { id: c.id, kind: c.kind, units: c.units, raisedAt: c.raisedAt, candidateId: c.candidateId, candidate: pack.candidate.name, qualification: pack.qualification.code, decision: c.decision, releasedDirectly: c.releasedDirectly };
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
    select: { id: true, kind: true, units: true, raisedAt: true, pack: true, releasedDirectly: true, decision: { select: { outcome: true, decidedAt: true, reasons: true } } },
  });
  return claims.map((c) => ({ id: c.id, kind: c.kind, units: c.units, raisedAt: c.raisedAt, decision: c.decision, releasedDirectly: c.releasedDirectly, qualification: (c.pack as { qualification: { code: string; title: string } }).qualification }));
}
