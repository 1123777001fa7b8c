// A portfolio's version (lib/server/core/internal/portfolio-version.ts) moves with every change to what its
// figures are made of, whichever table it is in and whoever writes it; the assessor's work queue
// keeps figures under it, so it never shows a figure from before a change.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/policy";
import { compactPortfolioChanges } from "@/lib/jobs/portfolio-compaction";
import { judgeCriterion } from "@/lib/server/assessment";
import { getEvidenceForAssessment } from "@/lib/server/assessment";
import { getPortfolioProgress } from "@/lib/server/assessment";
import { getRegistrations } from "@/lib/server/registrations";
import { listCaseloadQueue } from "@/lib/server/assessment";
import { db } from "@/lib/server/core/internal/db";
import { getIvDashboard } from "@/lib/server/internal-verification";
import {
  centreVersion,
  portfolioAndNamesVersion,
  portfolioVersions,
  VersionedCache,
} from "@/lib/server/core/internal/portfolio-version";
import { getIvOverview } from "@/lib/server/internal-verification";
import { getVerifiedCentre, listVerifiedCentres } from "@/lib/server/external-verification";
import { actorFor, makeUser, makeWorld, type World } from "./fixtures";

const checks = { valid: true, authentic: true, reliable: true, current: true, sufficient: true };
/** The change count of a version ("<server start>/<database oid>/<count>"). */
const count = (version: string) => Number(version.split("/").at(-1));

describe("portfolio versions", () => {
  let w: World;
  let candidate: string;
  const version = async (id = candidate) => count((await portfolioVersions([id])).get(id)!);

  beforeAll(async () => {
    w = await makeWorld();
    candidate = w.users.candidate.id;
  });

  // Each table the figures are made of, with a write to it (inserts where records are permanent).
  const writes: [string, () => Promise<unknown>][] = [
    [
      "CandidateRegistration",
      () => db().$executeRaw`UPDATE "CandidateRegistration" SET units = units WHERE "candidateId" = ${candidate}::uuid`,
    ],
    [
      "Evidence",
      () => db().evidence.update({ where: { id: w.evidenceSubmitted.evidenceId }, data: { title: "Renamed" } }),
    ],
    [
      "EvidenceCriterion",
      () =>
        db().evidenceCriterion.create({
          data: { evidenceId: w.evidenceSubmitted.evidenceId, specId: w.specId, unitRef: "101", criterion: "1.3" },
        }),
    ],
    [
      "CriterionJudgement",
      () =>
        db().criterionJudgement.create({
          data: {
            evidenceId: w.evidenceSubmitted.evidenceId,
            specId: w.specId,
            unitRef: "101",
            criterion: "1.3",
            outcome: "ACCEPTED",
            feedback: "",
            ...checks,
            checksNote: "",
            assessorId: w.users.assessor.id,
            needsCountersignature: false,
          },
        }),
    ],
    [
      "Countersignature",
      () =>
        db().countersignature.create({
          data: { judgementId: w.judgementId, assessorId: w.users.iv.id, declaration: "test" },
        }),
    ],
    [
      "UnitSignOff",
      () =>
        db().unitSignOff.create({
          data: {
            candidateId: candidate,
            specId: w.specId,
            unitRef: "102",
            assessorId: w.users.assessor.id,
            declaration: "test",
            evidence: [],
            evidenceIds: [],
            needsCountersignature: false,
          },
        }),
    ],
    [
      "CandidateSignature",
      async () => {
        const { id } = await db().unitSignOff.findFirstOrThrow({
          where: { candidateId: candidate, unitRef: "102" },
          select: { id: true },
        });
        return db().candidateSignature.create({ data: { signOffId: id, candidateId: candidate, declaration: "test" } });
      },
    ],
    [
      "SignOffFlag",
      () =>
        db().signOffFlag.create({
          data: { signOffId: w.signOffId, evidenceId: w.evidenceSubmitted.evidenceId, reason: "test" },
        }),
    ],
    [
      "IvSample",
      () =>
        db().ivSample.create({
          data: {
            centreId: w.a.id,
            candidateId: candidate,
            specId: w.specId,
            unitRef: "103",
            stage: "INTERIM",
            reason: "test",
            selectedById: w.users.iv.id,
          },
        }),
    ],
    [
      "IvVerdict",
      () =>
        db().ivVerdict.create({
          data: { sampleId: w.ivSampleId, outcome: "AGREE", feedback: "test", ivId: w.users.iv.id, judgementIds: [] },
        }),
    ],
    [
      "IvCountersignature",
      () =>
        db().ivCountersignature.create({
          data: { verdictId: w.uncountersignedVerdictId, ivId: w.users.iv.id, declaration: "test" },
        }),
    ],
    [
      "EvidenceFile",
      () =>
        db().evidenceFile.create({
          data: {
            evidenceId: w.evidenceSubmitted.evidenceId,
            storageKey: `test-${crypto.randomUUID()}`,
            displayName: "a.pdf",
            contentType: "application/pdf",
            size: 1n,
            sha256: "0".repeat(64),
            scanStatus: "pending",
            scanDetail: "",
          },
        }),
    ],
    [
      "EvidenceFile (deleted)",
      async () => {
        const { id } = await db().evidenceFile.findFirstOrThrow({
          where: { evidenceId: w.evidenceSubmitted.evidenceId },
          select: { id: true },
        });
        const before = await version();
        await db().evidenceFile.delete({ where: { id } });
        expect(await version()).toBeGreaterThan(before);
      },
    ],
    [
      "EvidenceFile (virus check)",
      () =>
        db().evidenceFile.updateMany({
          where: { evidenceId: w.evidenceSubmitted.evidenceId, scanStatus: "pending" },
          data: { scanStatus: "clean" },
        }),
    ],
    [
      "Evidence (deleted)",
      async () => {
        const { id } = await db().evidence.create({
          data: {
            candidateId: candidate,
            title: "Draft",
            description: "",
            activityDate: new Date("2026-10-01T00:00:00Z"),
            method: "PRODUCT",
          },
          select: { id: true },
        });
        const before = await version();
        await db().evidence.delete({ where: { id } });
        expect(await version()).toBeGreaterThan(before);
      },
    ],
  ];
  for (const [table, write] of writes) {
    it(`moves on a change to ${table}`, async () => {
      const before = await version();
      await write();
      expect(await version()).toBeGreaterThan(before);
    });
  }

  it("does not move for another candidate's change, and a rolled-back change leaves it as it was", async () => {
    const other = w.users.bCandidate.id;
    const before = await version(other);
    await db().$executeRaw`UPDATE "Evidence" SET title = title WHERE "candidateId" = ${candidate}::uuid`;
    expect(await version(other)).toBe(before);
    const mine = await version();
    await expect(
      db().$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE "Evidence" SET title = title WHERE "candidateId" = ${candidate}::uuid`;
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await version()).toBe(mine);
  });

  it("compaction folds the rows and keeps every version", async () => {
    const ids = [candidate, w.users.bCandidate.id, w.users.assessor.id];
    const before = await portfolioVersions(ids);
    await compactPortfolioChanges(db());
    expect(await portfolioVersions(ids)).toEqual(before);
    expect(await db().portfolioChange.count({ where: { candidateId: candidate } })).toBe(1);
    await db().$executeRaw`UPDATE "Evidence" SET title = title WHERE "candidateId" = ${candidate}::uuid`;
    expect(await version()).toBe(count(before.get(candidate)!) + 1);
    // Rows of a candidate no longer in the database (erased) go.
    const gone = crypto.randomUUID();
    await db().portfolioChange.createMany({ data: [{ candidateId: gone }, { candidateId: gone }] });
    await compactPortfolioChanges(db());
    expect(await db().portfolioChange.count({ where: { candidateId: gone } })).toBe(0);
  });

  it("versions carry the database's incarnation, so a restored or promoted database never matches what was kept", async () => {
    const [v] = [...(await portfolioVersions([candidate])).values()];
    const [rows] = await db().$queryRaw<
      { incarnation: string }[]
    >`SELECT extract(epoch FROM pg_postmaster_start_time())::text || '/' || oid::text AS incarnation FROM pg_database WHERE datname = current_database()`;
    expect(v!.startsWith(`${rows!.incarnation}/`)).toBe(true);
    expect((await centreVersion(w.a.id)).startsWith(`${rows!.incarnation}/`)).toBe(true);
  });

  it("the cache gives a value only at the version it was computed at, and drops the least recently used", async () => {
    const cache = new VersionedCache<string>(2);
    cache.set("a", "1", "a1");
    expect(cache.get("a", "1")).toBe("a1");
    expect(cache.get("a", "2")).toBeUndefined();
    cache.set("b", "1", "b1");
    cache.get("a", "1");
    cache.set("c", "1", "c1"); // "b" is the least recently used
    expect(cache.get("b", "1")).toBeUndefined();
    expect(cache.get("a", "1")).toBe("a1");
    let computed: string[] = [];
    const values = await cache.load(
      new Map([
        ["a", "1"],
        ["c", "2"],
      ]),
      async (ids) => {
        computed = ids;
        return new Map(ids.map((id) => [id, `${id}-new`]));
      },
    );
    expect(computed).toEqual(["c"]);
    expect(values).toEqual(
      new Map([
        ["a", "a1"],
        ["c", "c-new"],
      ]),
    );
  });

  it("the work queue shows a judgement as soon as it is made, with the figures kept otherwise", async () => {
    const assessor: Actor = await actorFor(w.users.assessor.id);
    const row = async () =>
      (await listCaseloadQueue(assessor, { page: 1, sort: "name", filter: "all" })).items.find(
        (c) => c.id === candidate,
      )!;
    const first = await row();
    expect(await row()).toEqual(first); // from the cache, the same
    // Submitted evidence mapped to 1.1, judged through the product.
    const { id } = await db().evidence.create({
      data: {
        candidateId: candidate,
        title: "Log",
        description: "",
        activityDate: new Date("2026-10-01T00:00:00Z"),
        method: "PRODUCT",
        status: "SUBMITTED",
        submittedAt: new Date(),
      },
      select: { id: true },
    });
    await db().evidenceCriterion.create({
      data: { evidenceId: id, specId: w.specId, unitRef: "101", criterion: "1.1" },
    });
    const waiting = await row();
    expect(waiting.awaiting).toBe(first.awaiting + 1);
    await judgeCriterion(assessor, {
      evidenceId: id,
      specId: w.specId,
      unitRef: "101",
      criterion: "1.1",
      outcome: "ACCEPTED",
      feedback: "",
      ...checks,
      checksNote: "",
      expected: "",
    });
    const judged = await row();
    expect(judged.awaiting).toBe(first.awaiting);
    expect(judged.criteriaAccepted).toBeGreaterThanOrEqual(first.criteriaAccepted);
  });
});

describe("the portfolio's progress, kept", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });

  it("shows a decision, a rename and a draft at once, and each viewer's own drafts only to them", async () => {
    const candidate = await actorFor(w.users.candidate.id);
    const assessor = await actorFor(w.users.assessor.id);
    const criterion = async (who: Actor, number: string) =>
      (await getPortfolioProgress(who, w.users.candidate.id))[0]!.units
        .find((u) => u.ref === "101")!
        .outcomes.flatMap((o) => o.criteria)
        .find((c) => c.number === number)!;
    // A criterion of unit 101 with no evidence yet.
    const open = (await getPortfolioProgress(candidate, w.users.candidate.id))[0]!.units
      .find((u) => u.ref === "101")!
      .outcomes.flatMap((o) => o.criteria)
      .find((c) => c.evidence.length === 0)!.number;
    const before = await criterion(candidate, open);
    expect(await criterion(candidate, open)).toEqual(before); // kept
    // Submitted evidence mapped to it and accepted by Amira.
    const { id } = await db().evidence.create({
      data: {
        candidateId: w.users.candidate.id,
        title: "Fire drill log",
        description: "",
        activityDate: new Date("2026-10-01T00:00:00Z"),
        method: "PRODUCT",
        status: "SUBMITTED",
        submittedAt: new Date(),
      },
      select: { id: true },
    });
    await db().evidenceCriterion.create({
      data: { evidenceId: id, specId: w.specId, unitRef: "101", criterion: open },
    });
    await judgeCriterion(assessor, {
      evidenceId: id,
      specId: w.specId,
      unitRef: "101",
      criterion: open,
      outcome: "ACCEPTED",
      feedback: "Clear log.",
      ...checks,
      checksNote: "",
      expected: "",
    });
    const judged = await criterion(candidate, open);
    expect(before.state).toBe("no-evidence");
    expect(judged.state).toMatch(/^(accepted|awaiting-countersignature)$/); // the fixture's assessor may need a countersignature
    expect(judged.evidence.find((e) => e.id === id)?.judgement).toMatchObject({
      feedback: "Clear log.",
      assessor: w.users.assessor.name,
    });
    // The assessor's name changes: not a portfolio change, a centre one.
    await db().user.update({ where: { id: w.users.assessor.id }, data: { name: "Amira Shah-Khan" } });
    expect((await criterion(candidate, open)).evidence.find((e) => e.id === id)?.judgement?.assessor).toBe(
      "Amira Shah-Khan",
    );
    // An assessor's draft record: theirs to see, not the candidate's, whichever asks first.
    const draft = await db().evidence.create({
      data: {
        candidateId: w.users.candidate.id,
        authorId: w.users.assessor.id,
        title: "Observation draft",
        description: "",
        activityDate: new Date("2026-10-02T00:00:00Z"),
        method: "OBSERVATION",
      },
      select: { id: true },
    });
    await db().evidenceCriterion.create({
      data: { evidenceId: draft.id, specId: w.specId, unitRef: "101", criterion: open },
    });
    expect((await criterion(assessor, open)).evidence.map((e) => e.id)).toContain(draft.id);
    expect((await criterion(candidate, open)).evidence.map((e) => e.id)).not.toContain(draft.id);
  });

  it("the centre's other changes leave a portfolio's kept views alone; a rename in the centre does not", async () => {
    const version = () => portfolioAndNamesVersion(w.users.candidate.id);
    const before = await version();
    await db().user.update({ where: { id: w.users.assessor.id }, data: { emailPreference: "DAILY" } });
    await db().assessorAssignment.create({
      data: { candidateId: w.users.otherCandidate.id, assessorId: w.users.iv.id },
    });
    await db().ivSample.create({
      data: {
        centreId: w.a.id,
        candidateId: w.users.otherCandidate.id,
        specId: w.specId,
        unitRef: "names-test",
        stage: "INTERIM",
        reason: "test",
        selectedById: w.users.iv.id,
      },
    });
    expect(await version()).toBe(before);
    await db().user.update({ where: { id: w.users.iv.id }, data: { name: "Renamed Verifier" } });
    expect(await version()).not.toBe(before);
    // Another centre's rename leaves it alone.
    const after = await version();
    await db().user.update({ where: { id: w.users.bAssessor.id }, data: { name: "Renamed Elsewhere" } });
    expect(await version()).toBe(after);
  });

  it("registrations show a sign-off and a rename at once", async () => {
    const candidate = await actorFor(w.users.candidate.id);
    const [first] = await getRegistrations(candidate, w.users.candidate.id);
    expect(first!.unitStates["104"]).toBeUndefined();
    await db().unitSignOff.create({
      data: {
        candidateId: w.users.candidate.id,
        specId: first!.spec.id,
        unitRef: "104",
        assessorId: w.users.assessor.id,
        declaration: "test",
        evidence: [],
        evidenceIds: [],
        needsCountersignature: false,
      },
    });
    expect((await getRegistrations(candidate, w.users.candidate.id))[0]!.unitStates["104"]).toBeDefined();
    const registrar = await db().candidateRegistration.findFirstOrThrow({
      where: { id: first!.id },
      select: { createdById: true },
    });
    await db().user.update({ where: { id: registrar.createdById }, data: { name: "Renamed Registrar" } });
    expect((await getRegistrations(candidate, w.users.candidate.id))[0]!.createdBy).toBe("Renamed Registrar");
  });

  it("the evidence as judged shows a file's virus check, a decision and a rename at once, and only to those who may see it", async () => {
    const assessor = await actorFor(w.users.assessor.id);
    const evidenceId = w.evidenceSubmitted.evidenceId;
    const view = () => getEvidenceForAssessment(assessor, evidenceId);
    const before = await view();
    expect(await view()).toBe(before); // kept
    const file = await db().evidenceFile.create({
      data: {
        evidenceId,
        storageKey: `test-${crypto.randomUUID()}`,
        displayName: "log.pdf",
        contentType: "application/pdf",
        size: 10n,
        sha256: "0".repeat(64),
        scanStatus: "pending",
        scanDetail: "",
      },
    });
    expect((await view()).files.find((f) => f.id === file.id)?.scanStatus).toBe("pending");
    await db().evidenceFile.update({ where: { id: file.id }, data: { scanStatus: "clean" } });
    expect((await view()).files.find((f) => f.id === file.id)?.scanStatus).toBe("clean");
    const { specId, unitRef, criterion, current } = (await view()).criteria[0]!;
    await judgeCriterion(assessor, {
      evidenceId,
      specId,
      unitRef,
      criterion,
      outcome: "REFERRED",
      feedback: "Add dates.",
      ...checks,
      checksNote: "",
      expected: current?.id ?? "",
    });
    const judged = (await view()).criteria.find((c) => c.unitRef === unitRef && c.criterion === criterion)!;
    expect(judged.current).toMatchObject({ outcome: "REFERRED", feedback: "Add dates." });
    await db().user.update({ where: { id: w.users.assessor.id }, data: { name: "Amira Renamed" } });
    expect(
      (await view()).criteria.find((c) => c.unitRef === unitRef && c.criterion === criterion)!.current?.assessor.name,
    ).toBe("Amira Renamed");
    // Kept for the assessor, refused to another centre's candidate all the same.
    await expect(getEvidenceForAssessment(await actorFor(w.users.bCandidate.id), evidenceId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    // Kept for an assessor who then loses the candidate: refused at once, since who may see it is checked before anything kept.
    const other = await makeUser(w.a.id, ["ASSESSOR"]);
    const assignment = await db().assessorAssignment.create({
      data: { candidateId: w.users.candidate.id, assessorId: other.id },
    });
    const theirs = await actorFor(other.id);
    await getEvidenceForAssessment(theirs, evidenceId);
    await db().assessorAssignment.delete({
      where: { candidateId_assessorId: { candidateId: assignment.candidateId, assessorId: other.id } },
    });
    await expect(getEvidenceForAssessment(theirs, evidenceId)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("centre versions", () => {
  let w: World;
  beforeAll(async () => {
    w = await makeWorld();
  });
  const version = async () => count(await centreVersion(w.a.id));

  const writes: [string, () => Promise<unknown>][] = [
    ["Centre", () => db().$executeRaw`UPDATE "Centre" SET name = name WHERE id = ${w.a.id}::uuid`],
    ["User", () => db().user.update({ where: { id: w.users.candidate.id }, data: { name: "Renamed Candidate" } })],
    ["UserRole", () => makeUser(w.a.id, ["ASSESSOR"], "new-assessor")],
    [
      "AssessorAssignment",
      () => db().assessorAssignment.create({ data: { candidateId: w.users.candidate.id, assessorId: w.users.iv.id } }),
    ],
    [
      "SamplingPlan",
      () => db().$executeRaw`UPDATE "SamplingPlan" SET assessors = assessors WHERE id = ${w.planId}::uuid`,
    ],
    [
      "IvSample",
      () =>
        db().ivSample.create({
          data: {
            centreId: w.a.id,
            candidateId: w.users.candidate.id,
            specId: w.specId,
            unitRef: "centre-test",
            stage: "INTERIM",
            reason: "test",
            selectedById: w.users.iv.id,
          },
        }),
    ],
    [
      "IvVerdict",
      () =>
        db().ivVerdict.create({
          data: {
            sampleId: w.ivSampleId,
            outcome: "DISAGREE",
            feedback: "test",
            ivId: w.users.iv.id,
            judgementIds: [],
          },
        }),
    ],
    [
      "IvResponse",
      () => db().ivResponse.create({ data: { sampleId: w.ivSampleId, assessorId: w.users.assessor.id, note: "test" } }),
    ],
    [
      "IvActionPoint",
      () => db().ivActionPoint.update({ where: { id: w.ivActionPointId }, data: { doneAt: new Date() } }),
    ],
  ];
  for (const [table, write] of writes) {
    it(`moves on a change to ${table}, and not another centre's`, async () => {
      const [before, other] = [await version(), await centreVersion(w.b.id)];
      await write();
      expect(await version()).toBeGreaterThan(before);
      expect(await centreVersion(w.b.id)).toBe(other);
    });
  }

  it("the IV dashboard, the IV overview and the EV's centre page show a change at once", async () => {
    const iv = await actorFor(w.users.iv.id);
    const ev = await actorFor(w.users.ev.id);
    const [dashboard, overview, centre] = [
      await getIvDashboard(iv),
      await getIvOverview(iv),
      await getVerifiedCentre(ev, w.a.id, 1),
    ];
    expect(await getIvDashboard(iv)).toEqual(dashboard);
    // A sample a month old with no verdict: waiting. A new candidate: counted, and unassigned.
    await db().ivSample.create({
      data: {
        centreId: w.a.id,
        candidateId: w.users.candidate.id,
        specId: w.specId,
        unitRef: "centre-late",
        stage: "INTERIM",
        reason: "late",
        selectedById: w.users.iv.id,
        selectedAt: new Date(Date.now() - 30 * 24 * 3600 * 1000),
      },
    });
    expect((await getIvDashboard(iv)).overdue.total).toBe(dashboard.overdue.total + 1);
    await makeUser(w.a.id, ["CANDIDATE"], "late-candidate");
    const after = await getIvOverview(iv);
    expect([after.candidates, after.unassigned]).toEqual([overview.candidates + 1, overview.unassigned + 1]);
    expect((await getVerifiedCentre(ev, w.a.id, 1)).candidates.total).toBe(centre.candidates.total + 1);
  });

  it("the EV's list of centres counts a new candidate, and one who stops being a candidate, at once", async () => {
    const ev = await actorFor(w.users.ev.id);
    const count = async () => (await listVerifiedCentres(ev)).find((c) => c.id === w.a.id)!.candidates;
    const before = await count();
    expect(await count()).toBe(before); // kept
    const late = await makeUser(w.a.id, ["CANDIDATE"], "listed-candidate");
    expect(await count()).toBe(before + 1);
    await db().userRole.deleteMany({ where: { userId: late.id, role: "CANDIDATE" } });
    expect(await count()).toBe(before);
  });

  it("compaction keeps the centre's version", async () => {
    const before = await version();
    await compactPortfolioChanges(db());
    expect(await version()).toBe(before);
    expect(await db().centreChange.count({ where: { centreId: w.a.id } })).toBe(1);
  });
});
