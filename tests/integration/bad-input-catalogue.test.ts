// The bad-input catalogue, part 2: the catalogue of tests/unit/bad-input-catalogue.test.ts sent
// through the edge every server action uses (runAs: validate, then the real server function, on
// real PostgreSQL), field by field, from a valid form: oversized and empty fields, wrong types,
// NUL bytes and unusual Unicode, ids that name nothing or another centre's records. Each gets a
// clear error and the database is unchanged (no audit event, the trail of every state change).
// Hostile text that is still text (SQL, markup, paths, formulas) is stored exactly as typed. Two
// submits at once change the record once.
import { beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { runAs } from "@/lib/auth/action";
import type { Actor } from "@/lib/domain/policy";
import { judgeCriterion } from "@/lib/server/assessment";
import { decideClaim } from "@/lib/server/claims";
import { addCpd } from "@/lib/server/internal-verification";
import { db } from "@/lib/server/core/internal/db";
import { createEvidence, setEvidenceMapping, updateEvidence } from "@/lib/server/evidence";
import { recordFinding } from "@/lib/server/external-verification";
import { setEmailPreference } from "@/lib/server/notifications";
import { recordReview } from "@/lib/server/assessment";
import { createSamplePackLink } from "@/lib/server/external-verification";
import { requestTestimony } from "@/lib/server/witnesses";
import { createUser, setDateOfBirth, setWithdrawal } from "@/lib/server/identity";
import { addWitness } from "@/lib/server/witnesses";
import { judgementSchema, cpdSchema, reviewSchema } from "@/lib/validation/assessment";
import { claimDecisionSchema } from "@/lib/validation/claims";
import { evidenceDetailsSchema, mappingSchema, updateEvidenceSchema } from "@/lib/validation/evidence";
import { findingSchema, samplePackSchema } from "@/lib/validation/external-verification";
import { emailPreferenceSchema } from "@/lib/validation/notifications";
import { createUserSchema, dateOfBirthSchema, withdrawalSchema } from "@/lib/validation/user";
import { addWitnessSchema, requestTestimonySchema } from "@/lib/validation/witness";
import { ALWAYS_BAD, HOSTILE_TEXT } from "../support/bad-inputs";
import { actorFor, makeWorld, unique, type World } from "./fixtures";

const ZOD_WORDING = /Invalid input|expected \w+, received|Too (big|small)/;
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

type Case = {
  name: string;
  as: keyof World["users"];
  schema: z.ZodType & { shape?: Record<string, unknown> };
  valid: (w: World) => Record<string, unknown>;
  work: (actor: Actor, data: never) => Promise<unknown>;
};

const CASES: Case[] = [
  {
    name: "new evidence",
    as: "candidate",
    schema: evidenceDetailsSchema,
    valid: () => ({
      title: "Call log",
      description: "Week 41",
      activityDate: "2026-10-01",
      method: "PRODUCT",
      place: "",
    }),
    work: (a, d) => createEvidence(a, d),
  },
  {
    name: "evidence details",
    as: "candidate",
    schema: updateEvidenceSchema,
    valid: (w) => ({
      evidenceId: w.evidenceA.evidenceId,
      title: "Call log",
      description: "",
      activityDate: "2026-10-01",
      method: "PRODUCT",
      place: "",
    }),
    work: (a, d: { evidenceId: string }) => updateEvidence(a, d.evidenceId, d as never),
  },
  {
    name: "mapping",
    as: "candidate",
    schema: mappingSchema,
    valid: (w) => ({ evidenceId: w.evidenceA.evidenceId, specId: w.specId, criteria: ["101:1.1"] }),
    work: (a, d) => setEvidenceMapping(a, d),
  },
  {
    name: "judgement",
    as: "assessor",
    schema: judgementSchema,
    valid: (w) => ({
      evidenceId: w.evidenceSubmitted.evidenceId,
      specId: w.specId,
      unitRef: "101",
      criterion: "1.2",
      outcome: "REFERRED",
      feedback: "Add the date.",
      valid: true,
      authentic: true,
      reliable: true,
      current: true,
      sufficient: true,
      checksNote: "",
      expected: w.judgementId,
    }),
    work: (a, d) => judgeCriterion(a, d),
  },
  {
    name: "review",
    as: "assessor",
    schema: reviewSchema,
    valid: (w) => ({
      candidateId: w.users.candidate.id,
      heldOn: "2026-10-01",
      notes: "Discussed unit 101.",
      nextVisitOn: "",
      actions: [],
    }),
    work: (a, d) => recordReview(a, d),
  },
  {
    name: "CPD",
    as: "assessor",
    schema: cpdSchema,
    valid: (w) => ({ userId: w.users.assessor.id, activityOn: "2026-10-01", activity: "Standardisation", hours: 2 }),
    work: (a, d) => addCpd(a, d),
  },
  {
    name: "new user",
    as: "admin",
    schema: createUserSchema,
    valid: () => ({
      name: "New Person",
      email: `${unique("new")}@test.example`,
      password: "a-long-password",
      roles: ["CANDIDATE"],
      dateOfBirth: "2000-01-01",
    }),
    work: (a, d) => createUser(a, d),
  },
  {
    name: "date of birth",
    as: "admin",
    schema: dateOfBirthSchema,
    valid: (w) => ({ userId: w.users.otherCandidate.id, dateOfBirth: "1990-01-01" }),
    work: (a, d) => setDateOfBirth(a, d),
  },
  {
    name: "withdrawal",
    as: "admin",
    schema: withdrawalSchema,
    valid: (w) => ({ userId: w.users.otherCandidate.id, withdrawn: true, reason: "Moved away" }),
    work: (a, d) => setWithdrawal(a, d),
  },
  {
    name: "expert witness",
    as: "assessor",
    schema: addWitnessSchema,
    valid: () => ({
      name: "Sam Lee",
      email: `${unique("witness")}@test.example`,
      organisation: "Greenway",
      jobRole: "Team leader",
      occupationalCompetence: "Ten years in the role.",
    }),
    work: (a, d) => addWitness(a, d),
  },
  {
    name: "testimony request",
    as: "candidate",
    schema: requestTestimonySchema,
    valid: (w) => ({
      candidateId: w.users.candidate.id,
      witnessId: w.users.witness.id,
      specId: w.specId,
      criteria: ["101:1.1"],
      message: "Please describe my call handling.",
    }),
    work: (a, d) => requestTestimony(a, d),
  },
  {
    name: "claim decision",
    as: "ev",
    schema: claimDecisionSchema,
    valid: (w) => ({ claimId: w.claimId, outcome: "REFUSED", reasons: "Unit 101 lacks evidence." }),
    work: (a, d) => decideClaim(a, d),
  },
  {
    name: "EV finding",
    as: "ev",
    schema: findingSchema,
    valid: (w) => ({ visitId: w.visitId, itemId: "", agreesAssessment: "", agreesIv: "", text: "Records well kept." }),
    work: (a, d) => recordFinding(a, d),
  },
  {
    name: "sample pack",
    as: "admin",
    schema: samplePackSchema,
    valid: (w) => ({ evEmail: w.users.ev.email, candidateEmails: w.users.candidate.email, days: 3, note: "" }),
    work: (a, d) => createSamplePackLink(a, d),
  },
  {
    name: "e-mail preference",
    as: "candidate",
    schema: emailPreferenceSchema,
    valid: () => ({ preference: "DAILY" }),
    work: (a, d: { preference: "DAILY" }) => setEmailPreference(a, d.preference),
  },
];

describe("bad-input catalogue through the server functions", () => {
  let w: World;
  const actors = {} as Record<keyof World["users"], Actor>;
  /** Everything the catalogue could have changed: each state change appends an audit event. */
  const fingerprint = async () => ({
    audit: await db().auditEvent.count({ where: { centreId: { in: [w.a.id, w.b.id] } } }),
    platformAudit: await db().auditEvent.count({
      where: { centreId: null, actorId: { in: Object.values(w.users).map((u) => u.id) } },
    }),
    users: await db().user.count({ where: { centreId: { in: [w.a.id, w.b.id] } } }),
    evidence: await db().evidence.count({ where: { candidate: { centreId: w.a.id } } }),
    preferences: (
      await db().user.findMany({
        where: { centreId: w.a.id },
        select: { emailPreference: true, withdrawnAt: true, dateOfBirth: true },
        orderBy: { id: "asc" },
      })
    )
      .map((u) => JSON.stringify(u))
      .join("|"),
  });

  beforeAll(async () => {
    w = await makeWorld();
    for (const key of Object.keys(w.users) as (keyof World["users"])[]) actors[key] = await actorFor(w.users[key].id);
  });

  it("refuses every catalogue value in every field with a clear error, and nothing changes", async () => {
    const before = await fingerprint();
    let tried = 0;
    for (const c of CASES) {
      // The starting form is valid, so each refusal below is the catalogue value's doing.
      const baseline = c.schema.safeParse(c.valid(w));
      expect(baseline.success, `${c.name}: ${JSON.stringify(baseline.error?.issues)}`).toBe(true);
      const fields = Object.keys((c.schema as unknown as { shape: Record<string, unknown> }).shape);
      const inputs: [string, unknown][] = [
        ["the form as a string", "title=x"],
        ["no form", null],
        ["a list", [c.valid(w)]],
      ];
      for (const field of fields) {
        for (const [label, value] of Object.entries(ALWAYS_BAD)) {
          if (
            label === "a number" &&
            (c.schema as unknown as { shape: Record<string, z.ZodType> }).shape[field]!.safeParse(42).success
          )
            continue;
          if (field === "password" && typeof value === "string" && label !== "100,001 characters") continue;
          inputs.push([`${label} in ${field}`, { ...c.valid(w), [field]: value }]);
        }
        const sample = c.valid(w)[field];
        if (typeof sample === "string" && /^[0-9a-f-]{36}$/.test(sample)) {
          inputs.push([`an id naming nothing in ${field}`, { ...c.valid(w), [field]: NO_SUCH_ID }]);
          inputs.push([`another centre's id in ${field}`, { ...c.valid(w), [field]: w.users.bCandidate.id }]);
        }
      }
      for (const [label, input] of inputs) {
        const state = await runAs(actors[c.as], c.schema, input, async (actor, data) => {
          await c.work(actor, data as never);
        });
        tried++;
        expect(state.ok, `${c.name}: ${label} was accepted`).toBe(false);
        expect(state.message?.length, `${c.name}: ${label}`).toBeGreaterThan(10);
        const texts = [state.message!, ...Object.values(state.fieldErrors ?? {}).flat()];
        for (const text of texts) expect(text, `${c.name}: ${label}`).not.toMatch(ZOD_WORDING);
        expect(state.message, `${c.name}: ${label}`).not.toMatch(/went wrong on our side/);
      }
    }
    expect(tried).toBeGreaterThan(400);
    expect(await fingerprint()).toEqual(before);
  });

  it("stores hostile text exactly as typed, as text", async () => {
    for (const [label, text] of Object.entries(HOSTILE_TEXT)) {
      let id = "";
      const state = await runAs(
        actors.candidate,
        evidenceDetailsSchema,
        { title: text, description: text, activityDate: "2026-10-01", method: "PRODUCT", place: text },
        async (actor, data) => {
          id = (await createEvidence(actor, data)).id;
        },
      );
      expect(state.ok, label).toBe(true);
      const row = await db().evidence.findUniqueOrThrow({
        where: { id },
        select: { title: true, description: true, place: true },
      });
      expect(row, label).toEqual({ title: text.trim(), description: text.trim(), place: text.trim() });
    }
  });

  it("two submits at once change the record once; the second is told why", async () => {
    const submit = () =>
      runAs(
        actors.admin,
        withdrawalSchema,
        { userId: w.users.spare.id, withdrawn: true, reason: "Moved away" },
        async (actor, data) => {
          await setWithdrawal(actor, data);
        },
      );
    const results = await Promise.all([submit(), submit()]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)!.message).toMatch(/changed since you opened it/);
    expect(await db().auditEvent.count({ where: { action: "candidate.withdraw", subjectId: w.users.spare.id } })).toBe(
      1,
    );

    const decide = () =>
      runAs(
        actors.ev,
        claimDecisionSchema,
        { claimId: w.claimId, outcome: "REFUSED", reasons: "Unit 101 lacks evidence." },
        async (actor, data) => {
          await decideClaim(actor, data);
        },
      );
    const decisions = await Promise.all([decide(), decide()]);
    expect(decisions.filter((r) => r.ok)).toHaveLength(1);
    expect(decisions.find((r) => !r.ok)!.message!.length).toBeGreaterThan(10);
    expect(await db().claimDecision.count({ where: { claimId: w.claimId } })).toBe(1);
  });
});
