import "server-only";
// Certificate claims (C&G 3412 handbook; OCR scheme, external verifier): the centre raises a claim
// only when every rule is met, with a frozen claim pack and its SHA-256; the EV authorises or refuses it.
import { createHash } from "node:crypto";
import { minimumAgeProblem } from "@/lib/domain/registrations/age";
import { recordCheckpoint } from "@/lib/audit/chain";
import { canonicalJson, unitClaimProblem } from "@/lib/domain/claims/unit-claims";
import type { Actor } from "@/lib/domain/policy";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { ClaimDecisionInput, ClaimInput } from "@/lib/validation/claims";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { notifyClaimToAuthorise } from "@/lib/server/notifications/internal/notify-events";
import { authorize, authorizeCentre, authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { centreApprovalsFor, hasDirectClaims } from "@/lib/server/awarding-body/internal/centre-approval-state";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { requireRecentPassword } from "@/lib/server/core/reauthentication";
import { isUniqueViolation, lockCandidate } from "@/lib/server/core/internal/signing";
import { qualificationProblems, verificationText, verified } from "@/lib/domain/claims/claim-readiness";
import { currentRegistrations, unitFacts, claimPack } from "./internal/claim-facts";
import { isoDay } from "@/lib/domain/today";
import { NOT_ASSESSABLE, requirementsFor } from "@/lib/domain/catalogue/content";

/** What can be claimed for each of the candidate's qualifications, and why not: for the administrator's claim screen. */
export async function getClaimOptions(actor: Actor, candidateId: string) {
  const centreId = authorizeOwnCentre(actor, "claim.raise");
  const candidate = await db().user.findFirst({
    where: { id: candidateId, centreId, roles: { some: { role: "CANDIDATE" } } },
    select: { id: true, dateOfBirth: true },
  });
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
        units: facts.map((f) => {
          const unit = r.suite.units.find((u) => u.ref === f.entry.split("@")[0]);
          const assessable = unit !== undefined && requirementsFor(unit, r.units).length > 0;
          return {
            entry: f.entry,
            assessable,
            // The same status the candidate, assessor and IV see on the unit.
            problem:
              !assessable && f.state === "not-signed-off"
                ? `Unit ${f.entry}: ${NOT_ASSESSABLE.charAt(0).toLowerCase()}${NOT_ASSESSABLE.slice(1)}`
                : unitClaimProblem(f),
            verification: verificationText(f),
          };
        }),
        qualificationProblems: qualificationProblems(
          r,
          facts,
          candidate.dateOfBirth,
          await centreApprovalsFor(centreId, r.spec.code),
        ),
        claimable,
      };
    }),
  );
  const claims = await db().certificateClaim.findMany({
    where: { candidateId },
    orderBy: { raisedAt: "desc" },
    take: 50,
    select: {
      id: true,
      kind: true,
      units: true,
      raisedAt: true,
      packSha256: true,
      correctsId: true,
      specId: true,
      releasedDirectly: true,
      decision: { select: { outcome: true, reasons: true, decidedAt: true } },
    },
  });
  return { options, claims };
}

/**
 * Raises a claim, refused with every broken rule named. Under the candidate's lock (sign-offs and
 * IV verdicts take it too), the rules are checked and the pack is frozen in one transaction.
 */
export async function raiseClaim(
  actor: Actor,
  input: ClaimInput,
): Promise<{ id: string; packSha256: string; releasedDirectly: boolean }> {
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
      if (!r)
        throw new AppError("INVALID_INPUT", {
          registrationId: ["That is not the candidate's current registration: open the claim screen again."],
        });
      if (input.correctsId) {
        const refused = await tx.certificateClaim.findFirst({
          where: { id: input.correctsId, candidateId: candidate.id },
          select: { decision: { select: { outcome: true } } },
        });
        if (!refused) throw notFound();
        if (refused.decision?.outcome !== "REFUSED")
          throw new AppError("INVALID_INPUT", { correctsId: ["Only a refused claim is corrected by a new claim."] });
      }
      const facts = await unitFacts(tx, candidate.id, r);
      const units = input.units ?? [];
      // A whole-qualification claim covers every unit that counts, including any certificated as units before.
      const wanted =
        input.kind === "QUALIFICATION"
          ? facts.filter((f) => f.state === "achieved" && verified(f))
          : facts.filter((f) => units.includes(f.entry));
      const problems: string[] = [];
      if (input.kind === "UNITS") {
        const unknown = units.filter((u) => !facts.some((f) => f.entry === u));
        if (unknown.length) problems.push(`Not units of this registration: ${unknown.join(", ")}.`);
        for (const f of wanted) {
          const p = unitClaimProblem(f);
          if (p) problems.push(p);
        }
        const age = minimumAgeProblem(
          r.suite,
          r.spec.code,
          candidate.dateOfBirth ? isoDay(candidate.dateOfBirth) : null,
          isoDay(r.registeredOn),
        );
        if (age) problems.push(age);
        const approvals = await centreApprovalsFor(centreId, r.spec.code, tx);
        for (const f of wanted) {
          const ref = f.entry.split("@")[0]!;
          if (r.suite.units.find((u) => u.ref === ref)?.requiresCentreApproval && !approvals.includes(ref)) {
            problems.push(
              `Unit ${ref} needs the centre's own approval from the awarding body, which the centre does not hold.`,
            );
          }
        }
      } else {
        problems.push(
          ...qualificationProblems(
            r,
            facts,
            candidate.dateOfBirth,
            await centreApprovalsFor(centreId, r.spec.code, tx),
          ),
        );
        const live = await tx.certificateClaim.count({
          where: {
            candidateId: candidate.id,
            spec: { code: r.spec.code },
            kind: "QUALIFICATION",
            OR: [{ decision: { is: null } }, { decision: { is: { outcome: "AUTHORISED" } } }],
          },
        });
        if (live > 0)
          problems.push(
            "The qualification is already in a claim that is waiting for the external verifier or authorised.",
          );
      }
      if (wanted.length === 0 && problems.length === 0) problems.push("There is no unit to claim.");
      if (problems.length) throw new AppError("CLAIM_REFUSED", { units: problems });
      // The centre's audit chain head, in the pack and as a checkpoint outside the centre's trail
      // (decision 0014): removing events from the chain's end afterwards shows in `verify`.
      const auditHead = await recordCheckpoint(tx, centreId, "claim");
      const pack = {
        ...(await claimPack(tx, { candidate, registration: r, kind: input.kind, facts: wanted, raisedBy: actor })),
        auditHead,
      };
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
      await recordAudit(tx, actor, {
        action: "claim.raise",
        subjectType: "CertificateClaim",
        subjectId: created.id,
        detail: {
          kind: input.kind,
          units: wanted.map((f) => f.entry),
          packSha256,
          corrects: input.correctsId ?? null,
          releasedDirectly,
        },
      });
      if (!releasedDirectly)
        await notifyClaimToAuthorise(tx, {
          id: created.id,
          centreId,
          candidateName: candidate.name,
          qualification: `${r.spec.code} ${r.spec.title}`,
        });
      return { id: created.id, packSha256, releasedDirectly };
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new AppError("INVALID_INPUT", {
        correctsId: ["That refused claim has already been corrected by another claim."],
      });
    throw error;
  }
}

/** The EV appointed to the claim's centre authorises or refuses it, with reasons; once. */
export async function decideClaim(actor: Actor, input: ClaimDecisionInput): Promise<void> {
  authorize(actor, "claim.decide");
  const claim = await db().certificateClaim.findUnique({
    where: { id: input.claimId },
    select: { id: true, centreId: true, candidateId: true, registrationId: true, units: true },
  });
  if (!claim) throw notFound();
  authorizeCentre(actor, "claim.decide", claim.centreId);
  requireRecentPassword(actor);
  if (input.outcome === "REFUSED" && input.reasons.trim() === "")
    throw new AppError("INVALID_INPUT", { reasons: ["Give the reasons for refusing the claim."] });
  try {
    await db().$transaction(async (tx) => {
      if (input.outcome === "AUTHORISED") {
        // A claim "cannot be authorised while any rule is broken": what happened since it was raised
        // (an IV disagreement, a withdrawn or flagged sign-off) is checked again under the lock.
        await lockCandidate(tx, claim.candidateId);
        const r = (await currentRegistrations(tx, claim.candidateId)).find((x) => x.id === claim.registrationId);
        if (!r)
          throw new AppError("CLAIM_REFUSED", {
            units: [
              "The candidate's registration has changed since the claim was raised: refuse it, so the centre can raise it again.",
            ],
          });
        const facts = await unitFacts(tx, claim.candidateId, r);
        const problems = facts
          .filter((f) => claim.units.includes(f.entry))
          .flatMap((f) => unitClaimProblem({ ...f, claimed: false }) ?? []);
        if (problems.length)
          throw new AppError("CLAIM_REFUSED", {
            units: [
              ...problems,
              "Refuse the claim with these reasons; the centre can raise it again once they are put right.",
            ],
          });
      }
      const decision = await tx.claimDecision.create({
        data: { claimId: claim.id, outcome: input.outcome, reasons: input.reasons, evId: actor.userId },
        select: { id: true },
      });
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
