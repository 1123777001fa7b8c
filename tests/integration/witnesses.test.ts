// Expert witnesses on the real database: the register and its vetting, invitation links (expiry,
// reuse, a race), requests that only a vetted witness receives, what a witness can open, and signed
// testimony that becomes submitted evidence, exactly once.
import { createHash } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import { WITNESS_DECLARATION } from "@/lib/domain/declarations";
import type { Actor } from "@/lib/domain/policy";
import { db } from "@/lib/server/core/internal/db";
import { AppError } from "@/lib/server/core";
import {
  getEvidence,
  getEvidenceFile,
  listCandidateEvidence,
  setEvidenceMapping,
  submitEvidence,
  updateEvidence,
} from "@/lib/server/evidence";
import { getRegistrations } from "@/lib/server/registrations";
import { getWitnessRequest, listWitnessRequests, signTestimony, startTestimonyDraft } from "@/lib/server/witnesses";
import { getTestimonyRequestChoices, listTestimonyRequests, requestTestimony } from "@/lib/server/witnesses";
import {
  acceptInvitation,
  createWitnessInvitation,
  getInvitation,
  INVITATION_VALID_DAYS,
} from "@/lib/server/witnesses";
import {
  addWitness,
  linkWitness,
  listVerifiedCentreWitnesses,
  listWitnessRegister,
  vetWitness,
} from "@/lib/server/witnesses";
import { actorFor, makeUser, makeWorld, unique, type World } from "./fixtures";

/** The error code a call fails with, or "ok". */
const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e) => (e instanceof AppError ? e.code : Promise.reject(e)),
  );
const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e) => (e instanceof AppError ? e : Promise.reject(e)),
  );

const profile = {
  organisation: "Brightline Energy",
  jobRole: "Team leader",
  occupationalCompetence: "Eight years leading a contact centre team; coaches new advisers.",
};

let w: World;
let assessor: Actor;
let candidate: Actor;
let witness: Actor;
/** A criterion of a unit the candidate is not registered on. */
let outsideCriterion: string;

beforeAll(async () => {
  w = await makeWorld();
  assessor = await actorFor(w.users.assessor.id);
  candidate = await actorFor(w.users.candidate.id);
  witness = await actorFor(w.users.witness.id);
  // The world's witness account exists (nominated by the candidate) but is not on the register yet.
  await addWitness(assessor, { name: "ignored for an existing account", email: w.users.witness.email, ...profile });
  await linkWitness(assessor, {
    witnessId: witness.userId,
    candidateId: candidate.userId,
    relationship: "Team leader",
  });
  const spec = await db().qualificationSpec.findUniqueOrThrow({ where: { id: w.specId } });
  const registered = ["101", "201", "102", "103"];
  const other = (suiteShape.parse(spec.spec) as Suite).units.find(
    (u) => !registered.includes(u.ref) && u.outcomes.length > 0,
  )!;
  outsideCriterion = `${other.ref}:${other.outcomes[0]!.criteria[0]!.number}`;
});

const ask = (actor: Actor, extra: Partial<Parameters<typeof requestTestimony>[1]> = {}) =>
  requestTestimony(actor, {
    candidateId: candidate.userId,
    witnessId: witness.userId,
    specId: w.specId,
    criteria: ["101:1.1", "101:1.2"],
    message: "Please describe the fire drill Jordan led in October.",
    ...extra,
  });

/** A registered, vetted witness of centre A linked to the candidate, for tests that need a second one. */
async function secondWitness(approved: boolean | null) {
  const email = `${unique("witness")}@test.example`;
  const { id } = await addWitness(assessor, { name: unique("Second Witness"), email, ...profile });
  await linkWitness(assessor, { witnessId: id, candidateId: candidate.userId, relationship: "Colleague" });
  if (approved !== null)
    await vetWitness(assessor, {
      witnessId: id,
      approved,
      note: approved ? "Checked CV and references." : "No evidence of competence.",
    });
  return actorFor(id);
}

describe("the register and vetting", () => {
  it("refuses a request to an unvetted witness, and to one whose latest vetting did not approve them, with the reason", async () => {
    const unvetted = await failure(ask(assessor));
    expect(unvetted?.code).toBe("WITNESS_NOT_APPROVED");
    expect(unvetted?.fieldErrors?.witnessId?.[0]).toMatch(/No assessor has vetted this witness yet/);

    await vetWitness(assessor, { witnessId: witness.userId, approved: false, note: "No evidence of competence yet." });
    const refused = await failure(ask(candidate));
    expect(refused?.code).toBe("WITNESS_NOT_APPROVED");
    expect(refused?.fieldErrors?.witnessId?.[0]).toMatch(/did not approve/);

    await vetWitness(assessor, {
      witnessId: witness.userId,
      approved: true,
      note: "Checked her CV and spoke to her manager.",
    });
    expect(await code(ask(assessor))).toBe("ok");
    // The latest decision counts, and a later refusal stops new requests again.
    const later = await secondWitness(true);
    await vetWitness(assessor, { witnessId: later.userId, approved: false, note: "Left the organisation." });
    expect(await code(ask(assessor, { witnessId: later.userId }))).toBe("WITNESS_NOT_APPROVED");
  });

  it("keeps every vetting decision: the database refuses to change or delete one", async () => {
    const vetting = await db().witnessVetting.findFirstOrThrow({ where: { witnessId: witness.userId } });
    await expect(db().witnessVetting.update({ where: { id: vetting.id }, data: { approved: true } })).rejects.toThrow();
    await expect(db().witnessVetting.delete({ where: { id: vetting.id } })).rejects.toThrow();
    expect(
      await db().auditEvent.count({ where: { subjectId: witness.userId, action: "witness.vet" } }),
    ).toBeGreaterThanOrEqual(2);
  });

  it("lists the register with the latest vetting, who made it, and the candidates with their relationship; for the centre and its EV only", async () => {
    const register = await listWitnessRegister(await actorFor(w.users.iv.id), { page: 1 });
    const entry = register.items.find((e) => e.id === witness.userId)!;
    expect(entry).toMatchObject({
      organisation: "Brightline Energy",
      jobRole: "Team leader",
      occupationalCompetence: profile.occupationalCompetence,
    });
    expect(entry.vetting).toMatchObject({ approved: true, decidedBy: w.users.assessor.name });
    expect(entry.candidates).toEqual([expect.objectContaining({ id: candidate.userId, relationship: "Team leader" })]);
    const viaEv = await listVerifiedCentreWitnesses(await actorFor(w.users.ev.id), w.a.id, { page: 1 });
    expect(viaEv.register.items.map((e) => e.id)).toContain(witness.userId);
    expect(await code(listVerifiedCentreWitnesses(await actorFor(w.users.bEv.id), w.a.id, { page: 1 }))).toBe(
      "NOT_FOUND",
    );
    const other = await listWitnessRegister(await actorFor(w.users.bAdmin.id), { page: 1 });
    expect(other.items.map((e) => e.id)).not.toContain(witness.userId);
  });

  it("links witnesses only to candidates on the assessor's own caseload, and refuses an email already in use", async () => {
    const without = await actorFor(w.users.assessorWithout.id);
    expect(
      await code(
        linkWitness(without, { witnessId: witness.userId, candidateId: candidate.userId, relationship: "Manager" }),
      ),
    ).toBe("NOT_FOUND");
    expect(await code(addWitness(assessor, { name: "Someone", email: w.users.candidate.email, ...profile }))).toBe(
      "EMAIL_TAKEN",
    );
    expect(await code(addWitness(assessor, { name: "Someone", email: w.users.witness.email, ...profile }))).toBe(
      "EMAIL_TAKEN",
    );
  });
});

describe("requests", () => {
  it("refuses criteria outside the candidate's current registration, a qualification they are not on, and an unlinked witness", async () => {
    const outside = await failure(ask(candidate, { criteria: ["101:1.1", outsideCriterion] }));
    expect(outside?.code).toBe("INVALID_INPUT");
    expect(outside?.fieldErrors?.criteria?.[0]).toContain(outsideCriterion);
    const otherSpec = await db().qualificationSpec.findFirstOrThrow({ where: { id: { not: w.specId } } });
    expect(await code(ask(candidate, { specId: otherSpec.id }))).toBe("INVALID_INPUT");
    const stranger = await makeUser(w.a.id, ["EXPERT_WITNESS"], "stranger");
    expect(await code(ask(candidate, { witnessId: stranger.id }))).toBe("INVALID_INPUT");
    // Another candidate's evidence cannot be attached, nor a draft.
    expect(await code(ask(candidate, { attachmentId: w.evidenceA.evidenceId }))).toBe("INVALID_INPUT");
  });

  it("lets a candidate ask for themselves and an assessor for their caseload, nobody else", async () => {
    const other = await actorFor(w.users.otherCandidate.id);
    expect(
      await code(
        requestTestimony(other, {
          candidateId: candidate.userId,
          witnessId: witness.userId,
          specId: w.specId,
          criteria: ["101:1.1"],
          message: "Hello",
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await code(ask(await actorFor(w.users.assessorWithout.id)))).toBe("NOT_FOUND");
    const choices = await getTestimonyRequestChoices(candidate, candidate.userId);
    expect(choices.witnesses.find((x) => x.id === witness.userId)).toMatchObject({
      relationship: "Team leader",
      problem: null,
    });
    expect(choices.qualifications[0]!.units.map((u) => u.ref)).not.toContain(outsideCriterion.split(":")[0]);
    const { id } = await ask(candidate);
    const listed = await listTestimonyRequests(assessor, candidate.userId, { page: 1 });
    expect(listed.items.find((r) => r.id === id)).toMatchObject({
      requestedBy: w.users.candidate.name,
      testimony: null,
    });
  });
});

describe("what a witness sees", () => {
  it("sees only their own requests, and opens only the attached evidence's files, never the rest of the portfolio", async () => {
    const { id: mine } = await ask(assessor, { attachmentId: w.evidenceSubmitted.evidenceId });
    const colleague = await secondWitness(true);
    const { id: theirs } = await ask(assessor, { witnessId: colleague.userId });

    const requests = await listWitnessRequests(witness);
    expect(requests.open.map((r) => r.id)).toContain(mine);
    expect(requests.open.map((r) => r.id)).not.toContain(theirs);
    expect(await code(getWitnessRequest(witness, theirs))).toBe("NOT_FOUND");

    const view = await getWitnessRequest(witness, mine);
    expect(view.candidate).toBe(w.users.candidate.name);
    expect(view.criteria.map((c) => c.key)).toEqual(["101:1.1", "101:1.2"]);
    expect(view.criteria[0]!.text.length).toBeGreaterThan(10);
    expect(view.attachment?.files.map((f) => f.id)).toEqual([w.evidenceSubmitted.fileId]);

    expect(await code(getEvidenceFile(witness, w.evidenceSubmitted.fileId))).toBe("ok");
    expect(await code(getEvidenceFile(witness, w.evidenceA.fileId))).toBe("NOT_FOUND");
    expect(await code(getEvidenceFile(witness, w.evidenceB.fileId))).toBe("NOT_FOUND");
    expect(await code(getEvidence(witness, w.evidenceB.evidenceId))).toBe("NOT_FOUND");
    expect(await code(listCandidateEvidence(witness, candidate.userId, { page: 1 }))).toBe("NOT_FOUND");
    expect(await code(getRegistrations(witness, candidate.userId))).toBe("NOT_FOUND");
    // The colleague was sent nothing of the candidate's: the attachment is not theirs to open.
    expect(await code(getEvidenceFile(colleague, w.evidenceSubmitted.fileId))).toBe("NOT_FOUND");

    // Once the request is answered the attachment closes to the witness; their own testimony does not.
    const { evidenceId } = await startTestimonyDraft(witness, mine);
    const file = await attachFile(evidenceId, "notes.pdf");
    // The draft's files are the witness's to add; its details and criteria are set by signing it,
    // so it cannot be passed off as, say, a backdated observation.
    const relabel = {
      title: "Observation",
      description: "",
      activityDate: "2020-01-01",
      method: "OBSERVATION" as const,
      place: "Office",
    };
    expect(await code(updateEvidence(witness, evidenceId, relabel))).toBe("INVALID_INPUT");
    expect(await code(setEvidenceMapping(witness, { evidenceId, specId: w.specId, criteria: ["101:2.1"] }))).toBe(
      "INVALID_INPUT",
    );
    expect(await code(submitEvidence(witness, evidenceId, { declared: true }))).toBe("INVALID_INPUT");
    await signTestimony(witness, {
      requestId: mine,
      statements: { "101:1.1": "I watched the drill." },
      declared: true,
    });
    expect(await db().evidence.findUniqueOrThrow({ where: { id: evidenceId } })).toMatchObject({
      method: "WITNESS_TESTIMONY",
      place: null,
    });
    expect(await code(getEvidenceFile(witness, w.evidenceSubmitted.fileId))).toBe("NOT_FOUND");
    expect(await code(getEvidenceFile(witness, file))).toBe("ok");
    expect((await listWitnessRequests(witness)).signed.map((r) => r.id)).toContain(mine);
  });
});

/** A stored file record on a draft, as a finished upload leaves it (no bytes: access checks only). */
async function attachFile(evidenceId: string, name: string) {
  const file = await db().evidenceFile.create({
    data: {
      evidenceId,
      storageKey: `test/${unique("key").toLowerCase()}`,
      displayName: name,
      contentType: "application/pdf",
      size: 10n,
      sha256: "1".repeat(64),
      scanStatus: "not-scanned",
      scanDetail: "fixture",
    },
  });
  return file.id;
}

describe("invitation links", () => {
  const hash = (token: string) => createHash("sha256").update(token).digest("hex");
  /** A witness the register made: the only kind of account a link may set a password for. */
  const fresh = async () => {
    const { id } = await addWitness(assessor, {
      name: unique("Invited Witness"),
      email: `${unique("invited")}@test.example`,
      ...profile,
    });
    return { userId: id, email: (await db().user.findUniqueOrThrow({ where: { id } })).email };
  };

  it("sets the password once, stores only the token's hash, ends the witness's sessions, and refuses reuse", async () => {
    const witness = await fresh();
    const { token, expiresAt } = await createWitnessInvitation(assessor, { witnessId: witness.userId });
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan((INVITATION_VALID_DAYS * 24 - 1) * 3600_000);
    const stored = await db().witnessInvitation.findUniqueOrThrow({ where: { tokenHash: hash(token) } });
    expect(stored.tokenHash).not.toContain(token);
    expect(await getInvitation(token)).toMatchObject({ email: witness.email });

    const session = await db().userSession.create({
      data: { userId: witness.userId, expiresAt: new Date(Date.now() + 3600_000) },
    });
    await acceptInvitation(token, { password: "sarahs-own-password" });
    const user = await db().user.findUniqueOrThrow({ where: { id: witness.userId } });
    expect(await verifyPassword(user.passwordHash, "sarahs-own-password")).toBe(true);
    expect((await db().userSession.findUniqueOrThrow({ where: { id: session.id } })).endedAt).not.toBeNull();
    expect(
      await db().auditEvent.count({ where: { subjectId: witness.userId, action: "witness.invitation.accept" } }),
    ).toBe(1);

    expect(await code(acceptInvitation(token, { password: "someone-elses-password" }))).toBe("INVITATION_USED");
    expect(await code(getInvitation(token))).toBe("INVITATION_USED");
    const after = await db().user.findUniqueOrThrow({ where: { id: witness.userId } });
    expect(after.passwordHash).toBe(user.passwordHash);
    // Once the witness has set a password, no assessor can send another link to reset it.
    expect(await code(createWitnessInvitation(assessor, { witnessId: witness.userId }))).toBe("INVALID_INPUT");
  });

  it("is never for an account someone already signs in with, or one with other roles", async () => {
    // The world's witness was made by the administrator, with a password: on the register, but no links.
    expect(await code(createWitnessInvitation(assessor, { witnessId: w.users.witness.id }))).toBe("INVALID_INPUT");
    // An account with other roles cannot be taken onto the register at all.
    const both = await makeUser(w.a.id, ["EXPERT_WITNESS", "INTERNAL_VERIFIER"], "both");
    expect(await code(addWitness(assessor, { name: "x", email: both.email, ...profile }))).toBe("EMAIL_TAKEN");
    // A register-made witness later given another role: no new link, and an outstanding one stops working.
    const witness = await fresh();
    const { token } = await createWitnessInvitation(assessor, { witnessId: witness.userId });
    await db().userRole.create({ data: { userId: witness.userId, role: "CENTRE_ADMIN" } });
    expect(await code(createWitnessInvitation(assessor, { witnessId: witness.userId }))).toBe("INVALID_INPUT");
    expect(await code(acceptInvitation(token, { password: "take-over-attempt" }))).toBe("INVITATION_UNKNOWN");
  });

  it("refuses an expired link, an unknown or malformed one, and a link replaced by a newer one", async () => {
    const witness = await fresh();
    const { token } = await createWitnessInvitation(assessor, { witnessId: witness.userId });
    await db().witnessInvitation.update({
      where: { tokenHash: hash(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await code(getInvitation(token))).toBe("INVITATION_EXPIRED");
    expect(await code(acceptInvitation(token, { password: "a-long-password" }))).toBe("INVITATION_EXPIRED");
    expect(await code(getInvitation("A".repeat(43)))).toBe("INVITATION_UNKNOWN");
    expect(await code(getInvitation("../../etc/passwd"))).toBe("INVITATION_UNKNOWN");

    const first = await createWitnessInvitation(assessor, { witnessId: witness.userId });
    const second = await createWitnessInvitation(assessor, { witnessId: witness.userId });
    expect(await code(getInvitation(first.token))).toBe("INVITATION_EXPIRED");
    expect(await code(getInvitation(second.token))).toBe("ok");
  });

  it("of two accepts at the same moment exactly one wins", async () => {
    const witness = await fresh();
    const { token } = await createWitnessInvitation(assessor, { witnessId: witness.userId });
    const results = await Promise.all([
      code(acceptInvitation(token, { password: "first-password-1" })),
      code(acceptInvitation(token, { password: "second-password-2" })),
    ]);
    expect(results.sort()).toEqual(["INVITATION_USED", "ok"]);
    const user = await db().user.findUniqueOrThrow({ where: { id: witness.userId } });
    const passwords = await Promise.all(
      ["first-password-1", "second-password-2"].map((p) => verifyPassword(user.passwordHash, p)),
    );
    expect(passwords.filter(Boolean)).toHaveLength(1);
    expect(await db().witnessInvitation.count({ where: { tokenHash: hash(token), usedAt: { not: null } } })).toBe(1);
  });

  it("is only for witnesses on the assessor's own centre's register", async () => {
    const invited = await fresh();
    expect(
      await code(createWitnessInvitation(await actorFor(w.users.bAssessor.id), { witnessId: invited.userId })),
    ).toBe("NOT_FOUND");
    expect(await code(createWitnessInvitation(witness, { witnessId: invited.userId }))).toBe("FORBIDDEN");
  });
});

describe("signing testimony", () => {
  it("becomes submitted evidence with the files, mapped to the criteria that have a statement, with the declaration word for word", async () => {
    const { id: requestId } = await ask(assessor, { criteria: ["101:1.1", "101:1.2", "201:1.1"] });
    const [a, b] = await Promise.all([
      startTestimonyDraft(witness, requestId),
      startTestimonyDraft(witness, requestId),
    ]);
    expect(a.evidenceId).toBe(b.evidenceId);
    const fileId = await attachFile(a.evidenceId, "rota.pdf");

    expect(await code(signTestimony(witness, { requestId, statements: { "101:1.1": "  " }, declared: true }))).toBe(
      "INVALID_INPUT",
    );
    expect(
      await code(signTestimony(witness, { requestId, statements: { "101:1.1": "Saw it." }, declared: false })),
    ).toBe("INVALID_INPUT");
    expect(
      await code(signTestimony(witness, { requestId, statements: { [outsideCriterion]: "Saw it." }, declared: true })),
    ).toBe("INVALID_INPUT");

    const statements = {
      "101:1.1": "Jordan led the October fire drill for the whole floor.",
      "201:1.1": "He set his own targets at our monthly one-to-ones.",
      "101:1.2": "",
    };
    const { evidenceId } = await signTestimony(witness, { requestId, statements, declared: true });
    expect(evidenceId).toBe(a.evidenceId);

    const evidence = await db().evidence.findUniqueOrThrow({
      where: { id: evidenceId },
      include: { criteria: true, files: true },
    });
    expect(evidence).toMatchObject({
      status: "SUBMITTED",
      method: "WITNESS_TESTIMONY",
      authorId: witness.userId,
      candidateId: candidate.userId,
      declaration: WITNESS_DECLARATION,
    });
    expect(evidence.submittedAt).toBeInstanceOf(Date);
    expect(evidence.criteria.map((c) => `${c.unitRef}:${c.criterion}`).sort()).toEqual(["101:1.1", "201:1.1"]);
    expect(evidence.criteria.every((c) => c.specId === w.specId)).toBe(true);
    expect(evidence.files.map((f) => f.id)).toEqual([fileId]);

    const testimony = await db().testimony.findUniqueOrThrow({ where: { requestId } });
    expect(testimony).toMatchObject({
      evidenceId,
      declaration: WITNESS_DECLARATION,
      statements: { "101:1.1": statements["101:1.1"], "201:1.1": statements["201:1.1"] },
    });
    await expect(
      db().testimony.update({ where: { id: testimony.id }, data: { declaration: "changed" } }),
    ).rejects.toThrow();
    expect(
      await db().auditEvent.count({
        where: { subjectId: evidenceId, action: "testimony.sign", actorId: witness.userId },
      }),
    ).toBe(1);

    // In the assessor's view of the portfolio like any other submitted evidence.
    const portfolio = await listCandidateEvidence(assessor, candidate.userId, { page: 1 });
    expect(portfolio.items.find((e) => e.id === evidenceId)).toMatchObject({
      status: "SUBMITTED",
      method: "WITNESS_TESTIMONY",
    });
    expect(
      (await listTestimonyRequests(candidate, candidate.userId, { page: 1 })).items.find((r) => r.id === requestId)
        ?.testimony?.evidenceId,
    ).toBe(evidenceId);
    expect(await code(startTestimonyDraft(witness, requestId))).toBe("TESTIMONY_SIGNED");
  });

  it("of two signatures at the same moment exactly one is kept; the other is told it is already signed", async () => {
    const { id: requestId } = await ask(assessor);
    const sign = (text: string) =>
      code(signTestimony(witness, { requestId, statements: { "101:1.1": text }, declared: true }));
    const results = await Promise.all([sign("First click."), sign("Second click.")]);
    expect(results.sort()).toEqual(["TESTIMONY_SIGNED", "ok"]);
    expect(await db().testimony.count({ where: { requestId } })).toBe(1);
    expect(await db().evidence.count({ where: { authorId: witness.userId, testimony: { requestId } } })).toBe(1);
    expect(await sign("Much later.")).toBe("TESTIMONY_SIGNED");
  });

  it("refuses a witness whose vetting was withdrawn after the request", async () => {
    const later = await secondWitness(true);
    const { id: requestId } = await ask(assessor, { witnessId: later.userId });
    await vetWitness(assessor, {
      witnessId: later.userId,
      approved: false,
      note: "Competence evidence turned out to be false.",
    });
    expect(await code(signTestimony(later, { requestId, statements: { "101:1.1": "Saw it." }, declared: true }))).toBe(
      "WITNESS_NOT_APPROVED",
    );
    expect(await db().testimony.count({ where: { requestId } })).toBe(0);
  });
});
