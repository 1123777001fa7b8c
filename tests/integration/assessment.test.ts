// The assessment workflow on real PostgreSQL: judgements with their rules, conflicts, sign-offs and
// their record, countersignatures, corrections and flags, and the database refusing edits.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/policy";
import { londonToday } from "@/lib/domain/today";
import {
  acceptAwaitingCriteria,
  correctSignOff,
  countersignDecision,
  countersignUnitAsCandidate,
  judgeCriterion,
  listCountersignQueue,
  signOffUnit,
} from "@/lib/server/assessment";
import { createAssessorEvidence } from "@/lib/server/evidence";
import { getEvidenceForAssessment } from "@/lib/server/assessment";
import { assessorEvidenceSchema } from "@/lib/validation/evidence";
import { listCaseloadQueue } from "@/lib/server/assessment";
import { recordCompetence } from "@/lib/server/internal-verification";
import { db } from "@/lib/server/core/internal/db";
import {
  createEvidence,
  getEvidence,
  newEvidenceVersion,
  setEvidenceMapping,
  submitEvidence,
  updateEvidence,
} from "@/lib/server/evidence";
import { reserveUpload } from "@/lib/server/evidence";
import { getPortfolioProgress } from "@/lib/server/assessment";
import { getRegistrations } from "@/lib/server/registrations";
import { listOwnActionPoints, markActionPointDone, recordReview } from "@/lib/server/assessment";
import { judgementSchema } from "@/lib/validation/assessment";
import { actorFor, makeUser, makeWorld, PASSWORD, unique, type World } from "./fixtures";

const allChecks = { valid: true, authentic: true, reliable: true, current: true, sufficient: true, checksNote: "" };

describe("assessment", () => {
  let world: World;
  let candidate: Actor;
  let assessor: Actor;
  let admin: Actor;
  let trainee: Actor;
  const criteriaOf = async (unitRef: string) => {
    const [r] = await getRegistrations(candidate, candidate.userId);
    return r!.suite.units.find((u) => u.ref === unitRef)!.outcomes.flatMap((o) => o.criteria.map((c) => c.number));
  };

  /** Submitted evidence of the candidate's, with one file, mapped to the given criteria. */
  async function submitted(criteria: string[], details: { method?: "PRODUCT" | "SIMULATION"; place?: string } = {}) {
    const { id } = await createEvidence(candidate, {
      title: unique("evidence"),
      description: "",
      activityDate: "2026-10-01",
      method: details.method ?? "PRODUCT",
      place: details.place,
    });
    await db().evidenceFile.create({
      data: {
        evidenceId: id,
        storageKey: `test/${unique("k")}`,
        displayName: "work.pdf",
        contentType: "application/pdf",
        size: 10n,
        sha256: "a".repeat(64),
        scanStatus: "not-scanned",
        scanDetail: "fixture",
      },
    });
    await setEvidenceMapping(candidate, { evidenceId: id, specId: world.specId, criteria });
    await submitEvidence(candidate, id, { declared: true });
    return id;
  }
  const judge = (
    actor: Actor,
    evidenceId: string,
    unitRef: string,
    criterion: string,
    outcome: "ACCEPTED" | "REFERRED",
    expected = "",
  ) =>
    judgeCriterion(actor, {
      evidenceId,
      specId: world.specId,
      unitRef,
      criterion,
      outcome,
      feedback: outcome === "REFERRED" ? "Add the date." : "",
      ...allChecks,
      expected,
    });
  beforeAll(async () => {
    world = await makeWorld();
    candidate = await actorFor(world.users.candidate.id);
    assessor = await actorFor(world.users.assessor.id);
    admin = await actorFor(world.users.admin.id);
    await recordCompetence(admin, {
      userId: assessor.userId,
      role: "ASSESSOR",
      status: "QUALIFIED",
      award: "D32",
      achievedOn: "2015-01-01",
      certificateNumber: "D32/1",
      occupationalCompetence: "Team leader.",
    });
    const traineeUser = await makeUser(world.a.id, ["ASSESSOR"], "trainee");
    await db().assessorAssignment.create({ data: { candidateId: candidate.userId, assessorId: traineeUser.id } });
    trainee = await actorFor(traineeUser.id);
    await recordCompetence(admin, {
      userId: trainee.userId,
      role: "ASSESSOR",
      status: "WORKING_TOWARDS",
      award: "TAQA-CAVA",
      achievedOn: "",
      certificateNumber: "",
      occupationalCompetence: "Senior adviser.",
    });
  });

  it("stores the candidate's declaration with the submission, and refuses a submission without it", async () => {
    const { id } = await createEvidence(candidate, {
      title: "Declared",
      description: "",
      activityDate: "2026-10-01",
      method: "PRODUCT",
    });
    await db().evidenceFile.create({
      data: {
        evidenceId: id,
        storageKey: `test/${unique("k")}`,
        displayName: "a.pdf",
        contentType: "application/pdf",
        size: 1n,
        sha256: "b".repeat(64),
        scanStatus: "not-scanned",
        scanDetail: "",
      },
    });
    await expect(submitEvidence(candidate, id, { declared: false })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await submitEvidence(candidate, id, { declared: true });
    expect((await getEvidence(candidate, id)).declaration).toMatch(/^I declare that this evidence is my own work/);
  });

  it("accepting needs every VARCS check; a doubt needs a note; referring back needs feedback", () => {
    const base = {
      evidenceId: crypto.randomUUID(),
      specId: crypto.randomUUID(),
      unitRef: "101",
      criterion: "1.1",
      feedback: "",
      expected: "",
      ...allChecks,
    };
    expect(judgementSchema.safeParse({ ...base, outcome: "ACCEPTED" }).success).toBe(true);
    expect(
      judgementSchema.safeParse({ ...base, outcome: "ACCEPTED", current: false, checksNote: "Two years old." }).success,
    ).toBe(false);
    expect(
      judgementSchema.safeParse({ ...base, outcome: "REFERRED", current: false, feedback: "Bring recent work." })
        .success,
    ).toBe(false);
    expect(
      judgementSchema.safeParse({
        ...base,
        outcome: "REFERRED",
        current: false,
        checksNote: "Old.",
        feedback: "Bring recent work.",
      }).success,
    ).toBe(true);
    expect(judgementSchema.safeParse({ ...base, outcome: "REFERRED" }).success).toBe(false);
  });

  it("refers back with feedback the candidate sees; a new version returns to the queue and is accepted", async () => {
    const v1 = await submitted(["102:1.1", "102:1.2"]);
    await judge(assessor, v1, "102", "1.1", "REFERRED");
    await judge(assessor, v1, "102", "1.2", "ACCEPTED");
    let [progress] = await getPortfolioProgress(candidate, candidate.userId);
    const c11 = progress!.units.find((u) => u.ref === "102")!.outcomes[0]!.criteria.find((c) => c.number === "1.1")!;
    expect(c11.state).toBe("referred");
    expect(c11.evidence.find((e) => e.id === v1)!.judgement).toMatchObject({
      outcome: "REFERRED",
      feedback: "Add the date.",
    });
    // The judged criteria stay mapped; a new one can still be added.
    await expect(
      setEvidenceMapping(candidate, { evidenceId: v1, specId: world.specId, criteria: ["102:1.2"] }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await setEvidenceMapping(candidate, {
      evidenceId: v1,
      specId: world.specId,
      criteria: ["102:1.1", "102:1.2", "102:1.3"],
    });

    const { id: v2 } = await newEvidenceVersion(candidate, v1);
    await db().evidenceFile.create({
      data: {
        evidenceId: v2,
        storageKey: `test/${unique("k")}`,
        displayName: "dated.pdf",
        contentType: "application/pdf",
        size: 1n,
        sha256: "c".repeat(64),
        scanStatus: "not-scanned",
        scanDetail: "",
      },
    });
    await submitEvidence(candidate, v2, { declared: true });
    const queue = await listCaseloadQueue(assessor, { page: 1, sort: "name", filter: "awaiting-review" });
    expect(queue.items.find((c) => c.id === candidate.userId)?.awaiting).toBeGreaterThanOrEqual(1);
    // By name and unfiltered, waiting work is counted for the page's rows only: the same figures.
    const byName = (await listCaseloadQueue(assessor, { page: 1, sort: "name", filter: "all" })).items.find(
      (c) => c.id === candidate.userId,
    );
    expect(byName).toMatchObject({
      awaiting: queue.items.find((c) => c.id === candidate.userId)!.awaiting,
      oldestAwaiting: queue.items.find((c) => c.id === candidate.userId)!.oldestAwaiting,
    });
    // The replaced version can no longer be judged; the new one can.
    await expect(
      judge(
        assessor,
        v1,
        "102",
        "1.1",
        "ACCEPTED",
        (await db().criterionJudgement.findFirstOrThrow({ where: { evidenceId: v1, criterion: "1.1" } })).id,
      ),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await judge(assessor, v2, "102", "1.1", "ACCEPTED");
    [progress] = await getPortfolioProgress(candidate, candidate.userId);
    expect(
      progress!.units.find((u) => u.ref === "102")!.outcomes[0]!.criteria.find((c) => c.number === "1.1")!.state,
    ).toBe("accepted");
    // The work queue counts what the progress page counts.
    const row = (await listCaseloadQueue(assessor, { page: 1, sort: "name", filter: "all" })).items.find(
      (c) => c.id === candidate.userId,
    )!;
    expect(row.criteriaAccepted).toBe(progress!.criteriaAccepted);
    expect(row.criteriaTotal).toBe(progress!.criteriaTotal);
  });

  it("accepts every criterion awaiting judgement on a piece of evidence at once, unless one was judged meanwhile", async () => {
    const e = await submitted(["102:2.1", "102:2.2", "102:2.3"]);
    await judge(assessor, e, "102", "2.1", "REFERRED");
    const checks = { valid: true, authentic: true, reliable: true, current: true, sufficient: true };
    await expect(
      acceptAwaitingCriteria(assessor, {
        evidenceId: e,
        specId: world.specId,
        feedback: "",
        ...checks,
        criteria: ["102:2.1", "102:2.2"],
      }),
    ).rejects.toMatchObject({ code: "STALE" });
    expect(await db().criterionJudgement.count({ where: { evidenceId: e } })).toBe(1);
    await acceptAwaitingCriteria(assessor, {
      evidenceId: e,
      specId: world.specId,
      feedback: "Good call log.",
      ...checks,
      criteria: ["102:2.2", "102:2.3"],
    });
    expect(await db().criterionJudgement.count({ where: { evidenceId: e, outcome: "ACCEPTED" } })).toBe(2);
  });

  it("two assessors deciding at once: one decision lands, the other is told it changed", async () => {
    const other = await makeUser(world.a.id, ["ASSESSOR"], "second");
    await db().assessorAssignment.create({ data: { candidateId: candidate.userId, assessorId: other.id } });
    await recordCompetence(admin, {
      userId: other.id,
      role: "ASSESSOR",
      status: "QUALIFIED",
      award: "A1",
      achievedOn: "2012-01-01",
      certificateNumber: "A1/2",
      occupationalCompetence: "Manager.",
    });
    const second = await actorFor(other.id);
    const e = await submitted(["103:1.1"]);
    const results = await Promise.allSettled([
      judge(assessor, e, "103", "1.1", "ACCEPTED"),
      judge(second, e, "103", "1.1", "REFERRED"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "STALE" } });
    // A later decision must name the one it replaces.
    await expect(judge(second, e, "103", "1.1", "REFERRED")).rejects.toMatchObject({ code: "STALE" });
    const standing = await db().criterionJudgement.findFirstOrThrow({ where: { evidenceId: e } });
    await judge(second, e, "103", "1.1", "REFERRED", standing.id);
    expect(await db().criterionJudgement.count({ where: { evidenceId: e } })).toBe(2);
  });

  it("refuses simulated evidence for 3412-02 to -05, and for 3412-01 without its realistic working environment", async () => {
    // 3412-03: a Certificate, so performance at work only (C&G 3412 section 4).
    const c3 = await makeUser(world.a.id, ["CANDIDATE"], "cert");
    await db().assessorAssignment.create({ data: { candidateId: c3.id, assessorId: assessor.userId } });
    const spec03 = await db().qualificationSpec.findUniqueOrThrow({
      where: { code_version: { code: "3412-03", version: "3.0" } },
    });
    await db().candidateRegistration.create({
      data: {
        candidateId: c3.id,
        specId: spec03.id,
        registeredOn: new Date("2025-09-01"),
        units: ["101", "201", "202", "203", "204", "208", "213"],
        createdById: admin.userId,
      },
    });
    const sim = await db().evidence.create({
      data: {
        candidateId: c3.id,
        title: "Role play",
        description: "",
        activityDate: new Date("2026-10-01"),
        method: "SIMULATION",
        place: "Training suite set up as a contact centre",
        status: "SUBMITTED",
        submittedAt: new Date(),
        criteria: { create: [{ specId: spec03.id, unitRef: "101", criterion: "1.1" }] },
      },
    });
    const input = {
      evidenceId: sim.id,
      specId: spec03.id,
      unitRef: "101",
      criterion: "1.1",
      feedback: "",
      ...allChecks,
      expected: "",
    };
    await expect(judgeCriterion(assessor, { ...input, outcome: "ACCEPTED" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { outcome: [expect.stringContaining("must be based on candidate performance at work")] },
    });
    // Referring it back, to tell the candidate, is allowed.
    await judgeCriterion(assessor, { ...input, outcome: "REFERRED", feedback: "Bring evidence from work." });

    // 3412-01, the Level 1 Award: simulation is allowed, in a recorded realistic working environment.
    const noPlace = await db().evidence.create({
      data: {
        candidateId: candidate.userId,
        title: "Simulated call",
        description: "",
        activityDate: new Date("2026-10-01"),
        method: "SIMULATION",
        status: "SUBMITTED",
        submittedAt: new Date(),
        criteria: { create: [{ specId: world.specId, unitRef: "101", criterion: "1.1" }] },
      },
    });
    await expect(judge(assessor, noPlace.id, "101", "1.1", "ACCEPTED")).rejects.toMatchObject({
      fieldErrors: { outcome: [expect.stringContaining("realistic working environment")] },
    });
    const withPlace = await submitted(["101:1.1"], {
      method: "SIMULATION",
      place: "Training suite with live call software",
    });
    await judge(assessor, withPlace, "101", "1.1", "ACCEPTED");
  });

  it("signs a unit off only when every criterion is accepted, keeps the file hashes, and the candidate countersigns", async () => {
    const criteria = await criteriaOf("201");
    const evidenceId = await submitted(criteria.map((c) => `201:${c}`));
    for (const c of criteria.slice(1)) await judge(assessor, evidenceId, "201", c, "ACCEPTED");
    const sign = (expected = "") =>
      signOffUnit(assessor, {
        candidateId: candidate.userId,
        specId: world.specId,
        unitRef: "201",
        password: PASSWORD,
        declared: true,
        expected,
      });
    await expect(sign()).rejects.toMatchObject({
      code: "INVALID_INPUT",
      fieldErrors: { unitRef: [expect.stringContaining(`Not yet accepted: ${criteria[0]}.`)] },
    });
    await judge(assessor, evidenceId, "201", criteria[0]!, "ACCEPTED");
    await expect(
      signOffUnit(assessor, {
        candidateId: candidate.userId,
        specId: world.specId,
        unitRef: "201",
        password: "wrong-password",
        declared: true,
        expected: "",
      }),
    ).rejects.toMatchObject({ code: "WRONG_PASSWORD" });
    // A double click: one sign-off.
    const results = await Promise.allSettled([sign(), sign()]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const record = await db().unitSignOff.findFirstOrThrow({
      where: { candidateId: candidate.userId, unitRef: "201" },
    });
    expect(record.declaration).toMatch(/^I confirm that the candidate has met every assessment criterion/);
    expect(record.evidence).toEqual(
      criteria.map((c) => ({
        criterion: c,
        // The words signed off are kept in the record itself (decision 0022).
        text: expect.stringMatching(/\w/),
        accepted: [
          expect.objectContaining({ evidenceId, files: [expect.objectContaining({ sha256: "a".repeat(64) })] }),
        ],
      })),
    );

    const before = (await getRegistrations(candidate, candidate.userId))[0]!.progress.achieved;
    expect(before).toBe(0);
    await expect(
      countersignUnitAsCandidate(candidate, { signOffId: record.id, password: "nope-nope-nope" }),
    ).rejects.toMatchObject({ code: "WRONG_PASSWORD" });
    await countersignUnitAsCandidate(candidate, { signOffId: record.id, password: PASSWORD });
    await expect(
      countersignUnitAsCandidate(candidate, { signOffId: record.id, password: PASSWORD }),
    ).rejects.toMatchObject({ code: "ALREADY_SIGNED" });
    const [registration] = await getRegistrations(candidate, candidate.userId);
    expect(registration!.progress.achieved).toBe(4); // unit 201 is 4 credits
    expect(registration!.unitStates["201"]).toBe("achieved");
    const [progress] = await getPortfolioProgress(assessor, candidate.userId);
    expect(progress!.units.find((u) => u.ref === "201")!.state).toBe("achieved");

    // A new version of the evidence behind it flags the sign-off: it stops counting until reviewed.
    const { id: v2 } = await newEvidenceVersion(candidate, evidenceId);
    await db().evidenceFile.create({
      data: {
        evidenceId: v2,
        storageKey: `test/${unique("k")}`,
        displayName: "b.pdf",
        contentType: "application/pdf",
        size: 1n,
        sha256: "d".repeat(64),
        scanStatus: "not-scanned",
        scanDetail: "",
      },
    });
    await submitEvidence(candidate, v2, { declared: true });
    expect((await getRegistrations(candidate, candidate.userId))[0]!.unitStates["201"]).toBe("flagged");
    expect((await getRegistrations(candidate, candidate.userId))[0]!.progress.achieved).toBe(0);
    // Re-signing needs the new version judged; withdrawing needs only a reason.
    await expect(
      correctSignOff(assessor, {
        signOffId: record.id,
        action: "resign",
        reason: "New version",
        password: PASSWORD,
        declared: true,
      }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const { id: withdrawn } = await correctSignOff(assessor, {
      signOffId: record.id,
      action: "withdraw",
      reason: "Evidence replaced by the candidate.",
      password: PASSWORD,
      declared: false,
    });
    await expect(
      correctSignOff(assessor, {
        signOffId: record.id,
        action: "withdraw",
        reason: "Again",
        password: PASSWORD,
        declared: false,
      }),
    ).rejects.toMatchObject({ code: "STALE" });
    const chain = await db().unitSignOff.findMany({
      where: { candidateId: candidate.userId, unitRef: "201" },
      orderBy: { signedAt: "asc" },
    });
    expect(chain.map((c) => [c.id, c.signed, c.supersedesId])).toEqual([
      [record.id, true, null],
      [withdrawn, false, record.id],
    ]);
  });

  it("a new version submitted while a sign-off is being written waits for it, then flags it", async () => {
    const v1 = await submitted(["102:2.5"]);
    const { id: v2 } = await newEvidenceVersion(candidate, v1);
    await db().evidenceFile.create({
      data: {
        evidenceId: v2,
        storageKey: `test/${unique("k")}`,
        displayName: "v2.pdf",
        contentType: "application/pdf",
        size: 1n,
        sha256: "9".repeat(64),
        scanStatus: "not-scanned",
        scanDetail: "",
      },
    });
    let submitting: Promise<unknown> | undefined;
    let signOffId = "";
    // A sign-off holds v1 (FOR SHARE, as unitEvidenceSnapshot does) and writes its record on it.
    await db().$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM "Evidence" WHERE id = ${v1}::uuid FOR SHARE`;
      submitting = submitEvidence(candidate, v2, { declared: true });
      await new Promise((r) => setTimeout(r, 500));
      signOffId = (
        await tx.unitSignOff.create({
          data: {
            candidateId: candidate.userId,
            specId: world.specId,
            unitRef: "102",
            assessorId: assessor.userId,
            declaration: "test",
            evidence: [],
            evidenceIds: [v1],
            needsCountersignature: false,
          },
        })
      ).id;
    });
    await submitting;
    expect(await db().signOffFlag.count({ where: { signOffId, evidenceId: v1 } })).toBe(1);
  });

  it("signed records and decisions cannot be changed or deleted, even in SQL", async () => {
    const signOff = await db().unitSignOff.findFirstOrThrow({ where: { candidateId: candidate.userId } });
    const judgement = await db().criterionJudgement.findFirstOrThrow({ where: { assessorId: assessor.userId } });
    await expect(
      db().$executeRaw`UPDATE "UnitSignOff" SET "unitRef" = 'X' WHERE id = ${signOff.id}::uuid`,
    ).rejects.toThrow(/permanent/);
    await expect(db().$executeRaw`DELETE FROM "UnitSignOff" WHERE id = ${signOff.id}::uuid`).rejects.toThrow(
      /permanent/,
    );
    await expect(
      db().criterionJudgement.update({ where: { id: judgement.id }, data: { outcome: "REFERRED" } }),
    ).rejects.toThrow(/permanent/);
    await expect(db().candidateSignature.deleteMany({})).rejects.toThrow(/permanent/);
  });

  it("decisions of an assessor working towards the units count once a qualified assessor countersigns", async () => {
    const criteria = await criteriaOf("103");
    const evidenceId = await submitted(criteria.map((c) => `103:${c}`));
    for (const c of criteria) await judge(trainee, evidenceId, "103", c, "ACCEPTED");
    let [progress] = await getPortfolioProgress(candidate, candidate.userId);
    // 1.2: 1.1 was accepted on other evidence by a qualified assessor in an earlier test.
    expect(progress!.units.find((u) => u.ref === "103")!.outcomes[0]!.criteria[1]!.state).toBe(
      "awaiting-countersignature",
    );
    const sign = () =>
      signOffUnit(trainee, {
        candidateId: candidate.userId,
        specId: world.specId,
        unitRef: "103",
        password: PASSWORD,
        declared: true,
        expected: "",
      });
    await expect(sign()).rejects.toMatchObject({ code: "INVALID_INPUT" });

    const queue = await listCountersignQueue(assessor);
    const mine = queue.judgements.filter((j) => j.evidence.id === evidenceId);
    expect(mine).toHaveLength(criteria.length);
    expect((await listCountersignQueue(trainee)).qualified).toBe(false);
    await expect(
      countersignDecision(trainee, { kind: "judgement", ids: [mine[0]!.id], password: PASSWORD }),
    ).rejects.toMatchObject({ code: "OWN_ASSESSMENT" });
    // All or none: one of them already countersigned stops the batch.
    await countersignDecision(assessor, { kind: "judgement", ids: [mine[0]!.id], password: PASSWORD });
    await expect(
      countersignDecision(assessor, { kind: "judgement", ids: mine.map((j) => j.id), password: PASSWORD }),
    ).rejects.toMatchObject({ code: "ALREADY_SIGNED" });
    expect(await db().countersignature.count({ where: { judgementId: { in: mine.map((j) => j.id) } } })).toBe(1);
    await countersignDecision(assessor, { kind: "judgement", ids: mine.slice(1).map((j) => j.id), password: PASSWORD });
    await expect(
      countersignDecision(assessor, { kind: "judgement", ids: [mine[0]!.id], password: PASSWORD }),
    ).rejects.toMatchObject({ code: "ALREADY_SIGNED" });

    const { id: signOffId } = await sign();
    await countersignUnitAsCandidate(candidate, { signOffId, password: PASSWORD });
    expect((await getRegistrations(candidate, candidate.userId))[0]!.unitStates["103"]).toBe(
      "awaiting-countersignature",
    );
    await countersignDecision(assessor, { kind: "signOff", ids: [signOffId], password: PASSWORD });
    expect((await getRegistrations(candidate, candidate.userId))[0]!.unitStates["103"]).toBe("achieved");
    [progress] = await getPortfolioProgress(candidate, candidate.userId);
    expect(progress!.units.find((u) => u.ref === "103")!.accepted).toBe(criteria.length);
  });

  it("an assessor working towards the units cannot undo a decision in effect, nor assess an OCR qualification at all", async () => {
    const e = await submitted(["102:2.4"]);
    const { id: accepted } = await judge(assessor, e, "102", "2.4", "ACCEPTED");
    await expect(judge(trainee, e, "102", "2.4", "REFERRED", accepted)).rejects.toMatchObject({
      fieldErrors: { outcome: [expect.stringContaining("Only a qualified assessor can change it")] },
    });
    // OCR: "Assessors must possess the relevant D/A1 units".
    const ocr = await db().qualificationSpec.findUniqueOrThrow({
      where: { code_version: { code: "03448", version: "2009" } },
    });
    const ocrEvidence = await db().evidence.create({
      data: {
        candidateId: candidate.userId,
        title: "OCR call log",
        description: "",
        activityDate: new Date("2026-10-01"),
        method: "PRODUCT",
        status: "SUBMITTED",
        submittedAt: new Date(),
        criteria: { create: [{ specId: ocr.id, unitRef: "AA", criterion: "1.1" }] },
      },
    });
    const input = {
      evidenceId: ocrEvidence.id,
      specId: ocr.id,
      unitRef: "AA",
      criterion: "1.1",
      outcome: "ACCEPTED" as const,
      feedback: "",
      ...allChecks,
      expected: "",
    };
    await expect(judgeCriterion(trainee, input)).rejects.toMatchObject({
      fieldErrors: { outcome: [expect.stringContaining("assessors must possess the relevant D/A1 units")] },
    });
  });

  it("changing a decision behind a standing sign-off flags it", async () => {
    const other = await makeUser(world.a.id, ["CANDIDATE"], "flagged");
    await db().assessorAssignment.create({ data: { candidateId: other.id, assessorId: assessor.userId } });
    await db().candidateRegistration.create({
      data: {
        candidateId: other.id,
        specId: world.specId,
        registeredOn: new Date("2025-09-01"),
        units: ["101", "201", "102", "103"],
        createdById: admin.userId,
      },
    });
    const them = await actorFor(other.id);
    const criteria = await criteriaOf("101");
    const { id } = await createEvidence(them, {
      title: "Safety log",
      description: "",
      activityDate: "2026-10-01",
      method: "PRODUCT",
    });
    await db().evidenceFile.create({
      data: {
        evidenceId: id,
        storageKey: `test/${unique("k")}`,
        displayName: "log.pdf",
        contentType: "application/pdf",
        size: 1n,
        sha256: "f".repeat(64),
        scanStatus: "not-scanned",
        scanDetail: "",
      },
    });
    await setEvidenceMapping(them, { evidenceId: id, specId: world.specId, criteria: criteria.map((c) => `101:${c}`) });
    await submitEvidence(them, id, { declared: true });
    const checks = { valid: true, authentic: true, reliable: true, current: true, sufficient: true };
    const judged = await acceptAwaitingCriteria(assessor, {
      evidenceId: id,
      specId: world.specId,
      feedback: "",
      ...checks,
      criteria: criteria.map((c) => `101:${c}`),
    });
    const { id: signOffId } = await signOffUnit(assessor, {
      candidateId: other.id,
      specId: world.specId,
      unitRef: "101",
      password: PASSWORD,
      declared: true,
      expected: "",
    });
    await countersignUnitAsCandidate(them, { signOffId, password: PASSWORD });
    expect((await getRegistrations(them, other.id))[0]!.unitStates["101"]).toBe("achieved");
    await judge(assessor, id, "101", criteria[0]!, "REFERRED", judged[0]!.id);
    expect((await getRegistrations(them, other.id))[0]!.unitStates["101"]).toBe("flagged");
    expect((await getRegistrations(them, other.id))[0]!.progress.achieved).toBe(0);
  });

  it("an assessor taken off the caseload can no longer change or submit their draft record", async () => {
    const { id } = await createAssessorEvidence(trainee, {
      candidateId: candidate.userId,
      title: "Discussion",
      description: "Notes.",
      activityDate: "2026-10-03",
      method: "PROFESSIONAL_DISCUSSION",
      place: "Meeting room",
    });
    await expect(
      updateEvidence(trainee, id, {
        title: "Discussion",
        description: "",
        activityDate: "2026-10-03",
        method: "RECOGNITION_OF_PRIOR_LEARNING",
        place: "Meeting room",
      }),
    ).rejects.toMatchObject({ fieldErrors: { method: [expect.any(String)] } });
    await db().assessorAssignment.delete({
      where: { candidateId_assessorId: { candidateId: candidate.userId, assessorId: trainee.userId } },
    });
    await expect(submitEvidence(trainee, id, { declared: true })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reserveUpload(trainee, { evidenceId: id, fileName: "notes.pdf", size: 100 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await db().assessorAssignment.create({ data: { candidateId: candidate.userId, assessorId: trainee.userId } });
  });

  it("an assessor may record questioning of one of the candidate's expert witnesses, not anyone else", async () => {
    const base = {
      candidateId: candidate.userId,
      title: "Questions to the witness",
      description: "Asked about the drill.",
      activityDate: "2026-10-04",
      method: "QUESTIONING" as const,
      place: "By telephone",
    };
    const { id } = await createAssessorEvidence(assessor, { ...base, witnessId: world.users.witness.id });
    expect((await getEvidenceForAssessment(assessor, id)).questionedWitness).toBe(world.users.witness.name);
    await expect(createAssessorEvidence(assessor, { ...base, witnessId: world.users.iv.id })).rejects.toMatchObject({
      fieldErrors: { witnessId: [expect.any(String)] },
    });
    expect(
      assessorEvidenceSchema.safeParse({ ...base, method: "OBSERVATION", witnessId: world.users.witness.id }).success,
    ).toBe(false);
  });

  it("nobody assesses their own portfolio", async () => {
    const both = await makeUser(world.a.id, ["CANDIDATE", "ASSESSOR"], "both");
    await db().assessorAssignment.create({ data: { candidateId: both.id, assessorId: both.id } });
    const self = await actorFor(both.id);
    await expect(
      createAssessorEvidence(self, {
        candidateId: both.id,
        title: "Me",
        description: "",
        activityDate: "2026-10-01",
        method: "OBSERVATION",
        place: "Desk",
      }),
    ).rejects.toMatchObject({ code: "OWN_ASSESSMENT" });
  });

  it("an assessor's observation is their draft until submitted, then the candidate sees it and it is judged like any evidence", async () => {
    const { id } = await createAssessorEvidence(assessor, {
      candidateId: candidate.userId,
      title: "Observed calls",
      description: "Handled three calls.",
      activityDate: "2026-10-02",
      method: "OBSERVATION",
      place: "Floor 2",
    });
    await expect(getEvidence(candidate, id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await setEvidenceMapping(assessor, { evidenceId: id, specId: world.specId, criteria: ["101:2.1"] });
    // Nor does the draft show on anyone else's progress page.
    const [progressNow] = await getPortfolioProgress(candidate, candidate.userId);
    expect(JSON.stringify(progressNow)).not.toContain("Observed calls");
    await expect(
      setEvidenceMapping(candidate, { evidenceId: id, specId: world.specId, criteria: [] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await db().evidenceFile.create({
      data: {
        evidenceId: id,
        storageKey: `test/${unique("k")}`,
        displayName: "obs.m4a",
        contentType: "audio/mp4",
        size: 1n,
        sha256: "e".repeat(64),
        scanStatus: "not-scanned",
        scanDetail: "",
      },
    });
    await submitEvidence(assessor, id, { declared: true });
    const seen = await getEvidence(candidate, id);
    expect(seen.declaration).toMatch(/^I declare that this is an accurate record/);
    await judge(assessor, id, "101", "2.1", "ACCEPTED");
  });

  it("reviews record action points; the candidate marks them done once", async () => {
    await recordReview(assessor, {
      candidateId: candidate.userId,
      heldOn: "2026-10-05",
      notes: "First visit.",
      nextVisitOn: "",
      actions: [],
    });
    let stale = await listCaseloadQueue(assessor, { page: 1, sort: "name", filter: "no-contact-30" });
    expect(stale.items.map((c) => c.id)).toContain(candidate.userId);
    await recordReview(assessor, {
      candidateId: candidate.userId,
      heldOn: londonToday(),
      notes: "Progress on unit 101.",
      nextVisitOn: "2099-12-01",
      actions: [{ text: "Record three calls", targetOn: "2099-11-01" }],
    });
    const point = (await listOwnActionPoints(candidate)).find((p) => p.text === "Record three calls");
    expect(point).toBeDefined();
    await Promise.all([markActionPointDone(candidate, point!.id), markActionPointDone(candidate, point!.id)]);
    expect((await listOwnActionPoints(candidate)).map((p) => p.id)).not.toContain(point!.id);
    expect(
      await db().auditEvent.count({
        where: { action: "review.action-done", detail: { path: ["actionPointId"], equals: point!.id } },
      }),
    ).toBe(1);
    const queue = await listCaseloadQueue(assessor, { page: 1, sort: "next-visit", filter: "all" });
    expect(queue.items.find((c) => c.id === candidate.userId)).toMatchObject({
      nextVisit: new Date("2099-12-01T00:00:00Z"),
    });
    stale = await listCaseloadQueue(assessor, { page: 1, sort: "name", filter: "no-contact-30" });
    expect(stale.items.map((c) => c.id)).not.toContain(candidate.userId);
    // Past the last page, the total is still that of the filtered queue.
    const past = await listCaseloadQueue(assessor, { page: 9, sort: "name", filter: "no-contact-30" });
    expect(past).toMatchObject({ items: [], total: stale.total });
  });
});
