// SQL statements per render of the pages people use most, counted on real PostgreSQL (Prisma's
// query log on the very client the server functions use): a page whose rows each cost queries of
// their own (N+1) sends more statements when it shows more rows. Each page's data is loaded twice,
// for a centre with a row or two on it and for one with full pages (25 rows and more), and the
// counts must be the same. The functions are the ones each page calls (named beside it).
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/policy";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { getEvidenceForAssessment } from "@/lib/server/assessment";
import { getOwnCandidateRecord } from "@/lib/server/identity";
import { listCaseloadQueue } from "@/lib/server/assessment";
import { listDirectClaims } from "@/lib/server/awarding-body";
import { listCandidateClaims, listClaimsForVerifier } from "@/lib/server/claims";
import { db } from "@/lib/server/core/internal/db";
import { listOwnEvidence } from "@/lib/server/evidence";
import { listVisits } from "@/lib/server/external-verification";
import { getIvDashboard } from "@/lib/server/internal-verification";
import { unreadCount } from "@/lib/server/notifications";
import { getPortfolioProgress } from "@/lib/server/assessment";
import { getRegistrations } from "@/lib/server/registrations";
import { listOwnActionPoints } from "@/lib/server/assessment";
import { getPlan } from "@/lib/server/internal-verification";
import { listUsers } from "@/lib/server/identity";
import { getIvOverview } from "@/lib/server/internal-verification";
import { getVerifiedCentre, listVerifiedCentres } from "@/lib/server/external-verification";
import { actorFor, makeWorld, unique, type World } from "./fixtures";

type Slot = { prisma?: PrismaClient };
const slot = globalThis as unknown as Slot;
let statements = 0;
let counting: PrismaClient<"query">;
let previous: PrismaClient | undefined;

/** Statements sent while `work` runs (the header's unread count included, as on every page). */
async function statementsFor(actor: Actor, work: () => Promise<unknown>): Promise<number> {
  await work(); // warm: lazily loaded catalogues and the like are not per render
  statements = 0;
  await Promise.all([work(), unreadCount(actor)]);
  return statements;
}

/** More of everything on the pages: 40 candidates on the assessor's caseload, each with evidence,
 *  mappings, judgements, sign-offs, samples and claims; 40 more pieces of the candidate's own. */
async function grow(w: World) {
  const n = 40;
  const spec = w.specId;
  const people = Array.from({ length: n }, (_, i) => ({
    id: crypto.randomUUID(),
    centreId: w.a.id,
    email: `${unique("grown")}-${i}@test.invalid`,
    name: `Grown Candidate ${i}`,
    passwordHash: "-",
  }));
  await db().user.createMany({ data: people });
  await db().userRole.createMany({ data: people.map((p) => ({ userId: p.id, role: "CANDIDATE" as const })) });
  await db().assessorAssignment.createMany({
    data: people.map((p) => ({ candidateId: p.id, assessorId: w.users.assessor.id })),
  });
  const registrations = people.map((p) => ({
    id: crypto.randomUUID(),
    candidateId: p.id,
    specId: spec,
    registeredOn: new Date("2025-09-01T00:00:00Z"),
    units: ["101", "201", "102", "103"],
    createdById: w.users.admin.id,
  }));
  await db().candidateRegistration.createMany({ data: registrations });
  const evidence = [...people.map((p) => p.id), ...Array.from({ length: n }, () => w.users.candidate.id)].map(
    (candidateId, i) => ({
      id: crypto.randomUUID(),
      candidateId,
      title: `Grown evidence ${i}`,
      description: "",
      activityDate: new Date("2026-10-01T00:00:00Z"),
      method: "PRODUCT" as const,
      status: "SUBMITTED" as const,
      submittedAt: new Date(),
    }),
  );
  await db().evidence.createMany({ data: evidence });
  await db().evidenceFile.createMany({
    data: evidence.map((e) => ({
      evidenceId: e.id,
      storageKey: `test/${unique("grown").toLowerCase()}`,
      displayName: "grown.pdf",
      contentType: "application/pdf",
      size: 10n,
      sha256: "0".repeat(64),
      scanStatus: "not-scanned",
      scanDetail: "",
    })),
  });
  const criteria = ["1.1", "1.2", "1.3", "2.1"];
  await db().evidenceCriterion.createMany({
    data: evidence.flatMap((e) =>
      criteria.map((criterion) => ({ evidenceId: e.id, specId: spec, unitRef: "101", criterion })),
    ),
  });
  await db().criterionJudgement.createMany({
    data: evidence.slice(0, n).flatMap((e) =>
      criteria.map((criterion) => ({
        evidenceId: e.id,
        specId: spec,
        unitRef: "101",
        criterion,
        outcome: "ACCEPTED" as const,
        feedback: "",
        valid: true,
        authentic: true,
        reliable: true,
        current: true,
        sufficient: true,
        checksNote: "",
        assessorId: w.users.assessor.id,
        needsCountersignature: false,
      })),
    ),
  });
  // The candidate's own evidence mapped to the same criteria, judged: progress has more to show.
  await db().criterionJudgement.createMany({
    data: evidence.slice(n).flatMap((e) =>
      criteria.map((criterion) => ({
        evidenceId: e.id,
        specId: spec,
        unitRef: "101",
        criterion,
        outcome: "ACCEPTED" as const,
        feedback: "",
        valid: true,
        authentic: true,
        reliable: true,
        current: true,
        sufficient: true,
        checksNote: "",
        assessorId: w.users.assessor.id,
        needsCountersignature: false,
      })),
    ),
  });
  const signOffs = people.map((p) => ({
    id: crypto.randomUUID(),
    candidateId: p.id,
    specId: spec,
    unitRef: "101",
    assessorId: w.users.assessor.id,
    declaration: "grown",
    evidence: [],
    evidenceIds: [],
    needsCountersignature: false,
  }));
  await db().unitSignOff.createMany({ data: signOffs });
  await db().ivSample.createMany({
    data: people.map((p) => ({
      centreId: w.a.id,
      candidateId: p.id,
      specId: spec,
      unitRef: "101",
      stage: "SUMMATIVE" as const,
      reason: "grown",
      selectedById: w.users.iv.id,
    })),
  });
  await db().certificateClaim.createMany({
    data: people.map((p, i) => ({
      centreId: w.a.id,
      candidateId: p.id,
      registrationId: registrations[i]!.id,
      specId: spec,
      kind: "UNITS" as const,
      units: ["101"],
      pack: {
        kind: "UNITS",
        candidate: { name: p.name, dateOfBirth: null },
        centre: { name: "x", code: "x" },
        qualification: { code: "3412-01", title: "x", version: "3.0", awardingBody: "City & Guilds" },
        registration: { registeredOn: "2025-09-01", units: ["101"] },
        units: [],
      },
      packSha256: "0".repeat(64),
      raisedById: w.users.admin.id,
    })),
  });
  const reviews = Array.from({ length: 30 }, (_, i) => ({
    id: crypto.randomUUID(),
    candidateId: w.users.candidate.id,
    assessorId: w.users.assessor.id,
    heldOn: new Date(Date.UTC(2026, 0, 1 + i)),
    notes: "grown",
  }));
  await db().candidateReview.createMany({ data: reviews });
  await db().actionPoint.createMany({
    data: reviews.map((r, i) => ({
      reviewId: r.id,
      candidateId: w.users.candidate.id,
      text: `Grown action ${i}`,
      targetOn: new Date("2027-01-01T00:00:00Z"),
    })),
  });
  await db().evVisit.createMany({
    data: Array.from({ length: 10 }, (_, i) => ({
      centreId: w.a.id,
      evId: w.users.ev.id,
      visitedOn: new Date(Date.UTC(2026, i, 1)),
      remote: i % 2 === 0,
    })),
  });
}

describe("SQL statements per page render do not grow with the rows shown", () => {
  const worlds: { small: World; grown: World } = {} as never;

  beforeAll(async () => {
    previous = slot.prisma;
    counting = new PrismaClient({
      adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL! }),
      log: [{ emit: "event", level: "query" }],
    });
    counting.$on("query", () => statements++);
    slot.prisma = counting as unknown as PrismaClient;
    worlds.small = await makeWorld();
    worlds.grown = await makeWorld();
    await grow(worlds.grown);
  });
  afterAll(async () => {
    slot.prisma = previous;
    await counting.$disconnect();
  });

  const pages: [string, (w: World) => Promise<[Actor, () => Promise<unknown>]>][] = [
    [
      "/candidate (getOwnCandidateRecord, getRegistrations, listOwnActionPoints)",
      async (w) => {
        const a = await actorFor(w.users.candidate.id);
        return [
          a,
          () => Promise.all([getOwnCandidateRecord(a), getRegistrations(a, a.userId), listOwnActionPoints(a)]),
        ];
      },
    ],
    [
      "/candidate/progress (getPortfolioProgress, listCandidateClaims)",
      async (w) => {
        const a = await actorFor(w.users.candidate.id);
        return [a, () => Promise.all([getPortfolioProgress(a, a.userId), listCandidateClaims(a, a.userId)])];
      },
    ],
    [
      "/candidate/evidence (listOwnEvidence)",
      async (w) => {
        const a = await actorFor(w.users.candidate.id);
        return [a, () => listOwnEvidence(a, { page: 1 })];
      },
    ],
    [
      "/assessor (listCaseloadQueue)",
      async (w) => {
        const a = await actorFor(w.users.assessor.id);
        return [
          a,
          () =>
            Promise.all([
              listCaseloadQueue(a, { page: 1, sort: "name", filter: "all" }),
              listCaseloadQueue(a, { page: 1, sort: "awaiting", filter: "awaiting-review" }),
            ]),
        ];
      },
    ],
    [
      "/assessor/candidates/…/evidence/… (getEvidenceForAssessment, getRegistrations)",
      async (w) => {
        const a = await actorFor(w.users.assessor.id);
        return [
          a,
          () =>
            Promise.all([
              getEvidenceForAssessment(a, w.evidenceSubmitted.evidenceId),
              getRegistrations(a, w.users.candidate.id),
            ]),
        ];
      },
    ],
    [
      "/iv (getIvDashboard, getIvOverview)",
      async (w) => {
        const a = await actorFor(w.users.iv.id);
        return [a, () => Promise.all([getIvDashboard(a), getIvOverview(a)])];
      },
    ],
    [
      "/iv/plans/… (getPlan)",
      async (w) => {
        const a = await actorFor(w.users.iv.id);
        return [a, () => getPlan(a, w.planId)];
      },
    ],
    [
      "/ev and /ev/centres/… (listVerifiedCentres, getVerifiedCentre, listDirectClaims, listVisits)",
      async (w) => {
        const a = await actorFor(w.users.ev.id);
        return [
          a,
          () =>
            Promise.all([
              listVerifiedCentres(a),
              getVerifiedCentre(a, w.a.id, 1),
              listDirectClaims(a, w.a.id),
              listVisits(a, w.a.id),
            ]),
        ];
      },
    ],
    [
      "/ev/claims (listClaimsForVerifier)",
      async (w) => {
        const a = await actorFor(w.users.ev.id);
        return [a, () => listClaimsForVerifier(a)];
      },
    ],
    [
      "/admin (listUsers)",
      async (w) => {
        const a = await actorFor(w.users.admin.id);
        return [a, () => listUsers(a, { page: 1 })];
      },
    ],
  ];

  for (const [page, load] of pages) {
    it(page, async () => {
      const [smallActor, small] = await load(worlds.small);
      const [grownActor, grown] = await load(worlds.grown);
      const few = await statementsFor(smallActor, small);
      const many = await statementsFor(grownActor, grown);
      expect(few).toBeGreaterThan(0);
      expect(many, `${few} statements for a small centre, ${many} for a grown one`).toBe(few);
    });
  }
});
