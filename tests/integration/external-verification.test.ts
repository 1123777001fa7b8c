// External verification on real PostgreSQL: the EV's own sample of a centre (drawn by assessor,
// IV, unit, method or site), findings and action points the centre answers, the visit report; EVs
// read the centre's sampling plans and IV samples; time-limited sample-pack links that open only for
// their EV, log every use, and give nothing once expired or withdrawn.
import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/policy";
import { db } from "@/lib/server/core/internal/db";
import { AppError } from "@/lib/server/core";
import {
  addToSample,
  createVisit,
  drawSample,
  getVisit,
  listVisits,
  recordFinding,
  respondToEvAction,
  setEvActionPoint,
  visitReportPdf,
} from "@/lib/server/external-verification";
import { listCandidateSamples } from "@/lib/server/internal-verification";
import {
  createSamplePackLink,
  listSamplePackLinks,
  openSamplePack,
  revokeSamplePackLink,
  samplePackPortfolio,
} from "@/lib/server/external-verification";
import { getPlan, listPlans } from "@/lib/server/internal-verification";
import { findingSchema, samplePackSchema } from "@/lib/validation/external-verification";
import { actorFor, makeUser, makeWorld, unique, type World } from "./fixtures";

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e : Promise.reject(e)),
  );
const request = { ip: "203.0.113.9", userAgent: "test" };

describe("external verification", () => {
  let w: World;
  let admin: Actor, ev: Actor, bEv: Actor, bAdmin: Actor, iv: Actor;
  let specId: string;
  let observed: string; // a sign-off of Unit 202 by the assessor, observed at the Leeds site
  let product: string; // a sign-off of Unit 203 by the other assessor, verified by the IV

  /** A standing sign-off whose accepted evidence used `method`, at `place`. */
  async function signOff(
    candidateId: string,
    assessorId: string,
    unitRef: string,
    method: string,
    place: string | null,
  ) {
    const e = await db().evidence.create({
      data: {
        candidateId,
        title: unique("ev"),
        description: "",
        activityDate: new Date("2026-10-01T00:00:00Z"),
        method: method as "PRODUCT",
        place,
        status: "SUBMITTED",
        submittedAt: new Date(),
      },
    });
    const s = await db().unitSignOff.create({
      data: {
        candidateId,
        specId,
        unitRef,
        assessorId,
        declaration: "x",
        evidence: [
          { criterion: "1.1", accepted: [{ judgementId: e.id, evidenceId: e.id, title: "x", method, files: [] }] },
        ],
        evidenceIds: [e.id],
        needsCountersignature: false,
      },
    });
    return s.id;
  }

  beforeAll(async () => {
    w = await makeWorld();
    [admin, ev, bEv, bAdmin, iv] = (await Promise.all(
      [w.users.admin, w.users.ev, w.users.bEv, w.users.bAdmin, w.users.iv].map((u) => actorFor(u.id)),
    )) as [Actor, Actor, Actor, Actor, Actor];
    specId = (
      await db().qualificationSpec.findUniqueOrThrow({ where: { code_version: { code: "3412-01", version: "3.0" } } })
    ).id;
    observed = await signOff(w.users.candidate.id, w.users.assessor.id, "202", "OBSERVATION", "Leeds contact centre");
    product = await signOff(w.users.otherCandidate.id, w.users.assessorWithout.id, "203", "PRODUCT", null);
    const sample = await db().ivSample.create({
      data: {
        centreId: w.a.id,
        candidateId: w.users.otherCandidate.id,
        specId,
        unitRef: "203",
        stage: "SUMMATIVE",
        reason: "x",
        selectedById: iv.userId,
      },
    });
    await db().ivVerdict.create({
      data: { sampleId: sample.id, outcome: "AGREE", feedback: "", ivId: iv.userId, judgementIds: [] },
    });
  });

  it("the EV draws a sample by assessor, IV, unit, method or site; adding it twice adds it once; another centre's EV and admin see nothing", async () => {
    const { id } = await createVisit(ev, { centreId: w.a.id, visitedOn: "2026-11-20", remote: false });
    const ids = async (filter: Parameters<typeof drawSample>[2]) =>
      (await drawSample(ev, id, filter, 1)).units.map((u) => u.signOffId);
    expect(await ids({ assessorId: w.users.assessor.id })).toContain(observed);
    expect(await ids({ assessorId: w.users.assessor.id })).not.toContain(product);
    expect(await ids({ ivId: iv.userId })).toEqual([product]);
    expect(await ids({ unitRef: "202" })).toEqual([observed]);
    expect(await ids({ method: "OBSERVATION" })).toEqual([observed]);
    expect(await ids({ site: "leeds" })).toEqual([observed]);
    expect(await ids({ site: "100%_" })).toEqual([]); // LIKE's wildcards are taken literally
    const drawn = (await drawSample(ev, id, { unitRef: "203" }, 1)).units[0]!;
    expect(drawn).toMatchObject({ iv: w.users.iv.name, assessor: w.users.assessorWithout.name, inSample: false });

    expect(await addToSample(ev, { visitId: id, signOffIds: [observed, product] })).toEqual({ added: 2 });
    expect(await addToSample(ev, { visitId: id, signOffIds: [observed] })).toEqual({ added: 0 });
    const visit = await getVisit(ev, id);
    expect(visit.items.map((i) => [i.unitRef, i.iv])).toEqual([
      ["202", null],
      ["203", w.users.iv.name],
    ]);
    expect((await drawSample(ev, id, { unitRef: "202" }, 1)).units[0]!.inSample).toBe(true);

    // Another centre's sign-off is not drawn into this visit; nor can other centres' people reach it.
    const bSignOff = await signOff(w.users.bCandidate.id, w.users.bAssessor.id, "202", "PRODUCT", null);
    expect((await failure(addToSample(ev, { visitId: id, signOffIds: [bSignOff] })))?.code).toBe("STALE");
    for (const who of [bEv, bAdmin]) expect((await failure(getVisit(who, id)))?.code).toBe("NOT_FOUND");
    expect((await failure(drawSample(bEv, id, {}, 1)))?.code).toBe("NOT_FOUND");
    expect((await failure(createVisit(bEv, { centreId: w.a.id, visitedOn: "2026-11-20", remote: true })))?.code).toBe(
      "NOT_FOUND",
    );
    expect((await failure(createVisit(admin, { centreId: w.a.id, visitedOn: "2026-11-20", remote: true })))?.code).toBe(
      "FORBIDDEN",
    );
    expect((await listVisits(bAdmin)).map((v) => v.id)).not.toContain(id);
    expect((await listVisits(admin)).find((v) => v.id === id)).toMatchObject({ sampled: 2 });
    // The database holds the sample to real sign-offs.
    await expect(
      db().evSampleItem.create({
        data: {
          visitId: id,
          signOffId: "00000000-0000-4000-8000-000000000000",
          candidateId: w.users.candidate.id,
          specId,
          unitRef: "202",
          assessorId: w.users.assessor.id,
        },
      }),
    ).rejects.toThrow(/foreign key/i);
  });

  it("a sign-off corrected after it was drawn is marked; a corrected one cannot be added", async () => {
    const unit = await signOff(w.users.spare.id, w.users.assessor.id, "204", "PRODUCT", null);
    const { id } = await createVisit(ev, { centreId: w.a.id, visitedOn: "2026-11-21", remote: true });
    await addToSample(ev, { visitId: id, signOffIds: [unit] });
    await db().unitSignOff.create({
      data: {
        candidateId: w.users.spare.id,
        specId,
        unitRef: "204",
        assessorId: w.users.assessor.id,
        declaration: "x",
        evidence: [],
        evidenceIds: [],
        signed: false,
        needsCountersignature: false,
        supersedesId: unit,
        reason: "Wrong evidence.",
      },
    });
    expect((await getVisit(ev, id)).items[0]!.correctedSince).toBe(true);
    const { id: other } = await createVisit(ev, { centreId: w.a.id, visitedOn: "2026-11-21", remote: true });
    expect((await failure(addToSample(ev, { visitId: other, signOffIds: [unit] })))?.code).toBe("STALE");
  });

  it("findings and action points are the visit's EV's; the centre's administrator responds; all of it is permanent and in the report", async () => {
    const { id } = await createVisit(ev, { centreId: w.a.id, visitedOn: "2026-11-22", remote: false });
    await addToSample(ev, { visitId: id, signOffIds: [observed] });
    const item = (await getVisit(ev, id)).items[0]!;
    // Agreement belongs to a sampled unit, and a finding on one needs it: with the assessor's
    // decision always, with the IV's verdict where there is one.
    expect(
      findingSchema.safeParse({ visitId: id, itemId: item.id, agreesAssessment: "", agreesIv: "", text: "x" }).success,
    ).toBe(false);
    expect(
      findingSchema.safeParse({ visitId: id, itemId: "", agreesAssessment: "yes", agreesIv: "", text: "x" }).success,
    ).toBe(false);
    expect(
      (
        await failure(
          recordFinding(ev, { visitId: id, itemId: item.id, agreesAssessment: true, agreesIv: true, text: "x" }),
        )
      )?.fieldErrors?.agreesIv,
    ).toEqual(["No internal verifier has verified this unit, so there is no verdict to agree with."]);
    await recordFinding(ev, {
      visitId: id,
      itemId: item.id,
      agreesAssessment: false,
      text: "The observation record does not say\nwhich criteria were seen (the centre’s form has no space for them).",
    });
    await recordFinding(ev, { visitId: id, text: "Standardisation minutes are kept and dated." });
    await addToSample(ev, { visitId: id, signOffIds: [product] });
    const verified = (await getVisit(ev, id)).items.find((i) => i.signOffId === product)!;
    expect(verified.ivVerdict).toMatchObject({ outcome: "AGREE" });
    expect(
      (await failure(recordFinding(ev, { visitId: id, itemId: verified.id, agreesAssessment: true, text: "x" })))
        ?.fieldErrors?.agreesIv,
    ).toEqual(["Say whether you agree with the internal verifier's verdict on this unit."]);
    await recordFinding(ev, {
      visitId: id,
      itemId: verified.id,
      agreesAssessment: true,
      agreesIv: false,
      text: "The IV agreed without the observation record.",
    });
    await setEvActionPoint(ev, { visitId: id, text: "Record criteria on every observation.", targetOn: "2027-01-31" });

    // Another EV appointed to the same centre reads the visit but does not write to it.
    const ev2 = await actorFor((await makeUser(null, ["EXTERNAL_VERIFIER"], "ev2", { verifies: [w.a.id] })).id);
    expect((await getVisit(ev2, id)).mayRecord).toBe(false);
    expect((await failure(recordFinding(ev2, { visitId: id, text: "x" })))?.code).toBe("FORBIDDEN");
    expect(
      (
        await failure(
          recordFinding(ev, {
            visitId: id,
            itemId: (await db().evSampleItem.findFirstOrThrow({ where: { visitId: { not: id } } })).id,
            agreesAssessment: true,
            text: "x",
          }),
        )
      )?.code,
    ).toBe("NOT_FOUND");

    const visit = await getVisit(admin, id);
    expect(visit.mayRespond).toBe(true);
    expect(visit.items.find((i) => i.id === item.id)!.findings[0]).toMatchObject({
      agreesAssessment: false,
      agreesIv: null,
    });
    expect(visit.items.find((i) => i.id === verified.id)!.findings[0]).toMatchObject({
      agreesAssessment: true,
      agreesIv: false,
    });
    const point = visit.actionPoints[0]!;
    expect((await failure(respondToEvAction(bAdmin, { actionPointId: point.id, text: "x" })))?.code).toBe("NOT_FOUND");
    expect((await failure(respondToEvAction(ev, { actionPointId: point.id, text: "x" })))?.code).toBe("FORBIDDEN");
    await respondToEvAction(admin, { actionPointId: point.id, text: "Observation template changed on 1 December." });
    expect((await getVisit(ev, id)).actionPoints[0]!.responses[0]).toMatchObject({
      admin: w.users.admin.name,
      text: "Observation template changed on 1 December.",
    });

    await expect(db().evFinding.updateMany({ where: { visitId: id }, data: { text: "softer" } })).rejects.toThrow(
      /permanent/,
    );
    await expect(db().evActionResponse.deleteMany({ where: { actionPointId: point.id } })).rejects.toThrow(/permanent/);
    await expect(db().evSampleItem.deleteMany({ where: { visitId: id } })).rejects.toThrow(/permanent/);

    const pdf = await visitReportPdf(admin, id);
    expect(Buffer.from(pdf.bytes).subarray(0, 5).toString()).toBe("%PDF-");
    expect(pdf.name).toMatch(/^ev-report-.*-2026-11-22\.pdf$/);
    expect((await failure(visitReportPdf(bAdmin, id)))?.code).toBe("NOT_FOUND");
    // The visit, two additions, three findings, the action, the response, the report.
    expect(await db().auditEvent.count({ where: { subjectId: id, action: { startsWith: "ev." } } })).toBe(9);
  });

  it("an EV reads the sampling plans and IV samples of their centres only", async () => {
    expect((await listPlans(ev, w.a.id)).map((p) => p.id)).toContain(w.planId);
    expect((await getPlan(ev, w.planId, w.a.id)).id).toBe(w.planId);
    expect((await failure(getPlan(ev, w.planId, w.b.id)))?.code).toBe("NOT_FOUND");
    expect((await failure(getPlan(bEv, w.planId, w.b.id)))?.code).toBe("NOT_FOUND");
    expect((await failure(listPlans(bEv, w.a.id)))?.code).toBe("NOT_FOUND");
    expect((await failure(listPlans(ev)))?.code).toBe("FORBIDDEN");
    expect((await listCandidateSamples(ev, w.users.otherCandidate.id)).map((s) => s.unitRef)).toEqual(
      expect.arrayContaining(["102", "203"]),
    );
    expect((await failure(listCandidateSamples(bEv, w.users.otherCandidate.id)))?.code).toBe("NOT_FOUND");
  });

  describe("sample-pack links", () => {
    const input = (candidateEmails: string, evEmail = w.users.ev.email, days = "7") =>
      samplePackSchema.parse({ evEmail, candidateEmails, days, note: "Remote sample, November." });

    it("open only for their EV, signed in; every use is logged; a candidate outside the pack is not in it", async () => {
      const { id, token } = await createSamplePackLink(
        admin,
        input(`${w.users.candidate.email}\n${w.users.otherCandidate.email}`),
      );
      expect(await db().samplePackLink.count({ where: { tokenSha256: token } })).toBe(0); // only the hash is kept
      const pack = await openSamplePack(ev, token, request);
      expect(pack.candidates.map((c) => c.id).sort()).toEqual([w.users.candidate.id, w.users.otherCandidate.id].sort());
      const zip = await samplePackPortfolio(ev, token, w.users.candidate.id, request);
      zip.stream.destroy();
      expect((await failure(samplePackPortfolio(ev, token, w.users.spare.id, request)))?.code).toBe("NOT_FOUND");
      expect((await failure(samplePackPortfolio(ev, token, w.users.bCandidate.id, request)))?.code).toBe("NOT_FOUND");
      // Forwarded to someone else, it gives nothing, and the centre sees who tried.
      for (const who of [bEv, admin])
        expect((await failure(openSamplePack(who, token, request)))?.code).toBe("NOT_FOUND");
      expect((await failure(openSamplePack(null, token, request)))?.code).toBe("UNAUTHENTICATED");
      expect((await failure(openSamplePack(ev, "A".repeat(43), request)))?.code).toBe("NOT_FOUND");
      expect((await failure(openSamplePack(ev, `${token}x`, request)))?.code).toBe("NOT_FOUND");

      const link = (await listSamplePackLinks(admin)).find((l) => l.id === id)!;
      expect(link).toMatchObject({ ev: w.users.ev.name, open: true });
      expect(link.accesses.map((a) => [a.allowed, a.who, a.refusal])).toEqual([
        [false, "not signed in", "not signed in"],
        [false, w.users.admin.name, "signed in as someone other than the EV it is for"],
        [false, w.users.bEv.name, "signed in as someone other than the EV it is for"],
        [false, w.users.ev.name, "asked for a candidate who is not in the pack"],
        [false, w.users.ev.name, "asked for a candidate who is not in the pack"],
        [true, w.users.ev.name, null],
        [true, w.users.ev.name, null],
      ]);
      expect(link).toMatchObject({ allowedCount: 2, refusedCount: 5 });
      expect(link.accesses[5]!.what).toBe(`downloaded ${w.users.candidate.name}'s portfolio`);
      expect(link.accesses[6]!.ip).toBe("203.0.113.9");
      expect(
        await db().auditEvent.count({
          where: { action: "samplepack.download", subjectId: w.users.candidate.id, centreId: w.a.id },
        }),
      ).toBe(1);
      expect((await listSamplePackLinks(bAdmin)).map((l) => l.id)).not.toContain(id);
      await expect(db().samplePackAccess.deleteMany({ where: { linkId: id } })).rejects.toThrow(/permanent/);
    });

    it("an expired or withdrawn link gives nothing, and the refusal is logged", async () => {
      // A link whose time is up (made directly: the application makes links for at least a day).
      const expiredToken = randomBytes(32).toString("base64url");
      const expiring = {
        token: expiredToken,
        ...(await db().samplePackLink.create({
          data: {
            centreId: w.a.id,
            createdById: admin.userId,
            evId: ev.userId,
            tokenSha256: createHash("sha256").update(expiredToken).digest("hex"),
            candidateIds: [w.users.candidate.id],
            note: "",
            expiresAt: new Date(Date.now() - 1000),
          },
        })),
      };
      expect((await failure(openSamplePack(ev, expiring.token, request)))?.code).toBe("SAMPLE_PACK_CLOSED");
      expect((await failure(samplePackPortfolio(ev, expiring.token, w.users.candidate.id, request)))?.code).toBe(
        "SAMPLE_PACK_CLOSED",
      );

      const withdrawn = await createSamplePackLink(admin, input(w.users.candidate.email));
      expect((await failure(revokeSamplePackLink(bAdmin, withdrawn.id)))?.code).toBe("NOT_FOUND");
      await revokeSamplePackLink(admin, withdrawn.id);
      await revokeSamplePackLink(admin, withdrawn.id); // twice changes nothing
      expect((await failure(samplePackPortfolio(ev, withdrawn.token, w.users.candidate.id, request)))?.code).toBe(
        "SAMPLE_PACK_CLOSED",
      );
      const links = await listSamplePackLinks(admin);
      expect(links.find((l) => l.id === expiring.id)!.accesses.map((a) => a.refusal)).toEqual([
        "the link had expired",
        "the link had expired",
      ]);
      expect(links.find((l) => l.id === withdrawn.id)).toMatchObject({
        open: false,
        accesses: [{ allowed: false, refusal: "the centre had withdrawn the link" }],
      });
      // Once withdrawn, a link stays withdrawn and nothing else about it changes; it is never deleted.
      await expect(
        db().samplePackLink.update({ where: { id: withdrawn.id }, data: { revokedAt: null } }),
      ).rejects.toThrow(/withdrawn, once/);
      await expect(
        db().samplePackLink.update({
          where: { id: expiring.id },
          data: { expiresAt: new Date(Date.now() + 86_400_000) },
        }),
      ).rejects.toThrow(/withdrawn, once/);
      await expect(db().samplePackLink.delete({ where: { id: expiring.id } })).rejects.toThrow(/never deleted/);
      // To anyone but its EV, a dead link looks like any unknown link.
      expect((await failure(openSamplePack(bEv, withdrawn.token, request)))?.code).toBe("NOT_FOUND");
      expect(await db().auditEvent.count({ where: { action: "samplepack.revoke", subjectId: withdrawn.id } })).toBe(1);
    });

    it("names only an EV appointed to the centre and the centre's own candidates, within the limits", async () => {
      for (const email of [w.users.assessor.email, w.users.bEv.email, "nobody@example.com"]) {
        expect(
          (await failure(createSamplePackLink(admin, input(w.users.candidate.email, email))))?.fieldErrors?.evEmail,
        ).toEqual(["No external verifier appointed to this centre has that email address."]);
      }
      const other = await failure(
        createSamplePackLink(admin, input(`${w.users.candidate.email}, ${w.users.bCandidate.email}`)),
      );
      expect(other?.fieldErrors?.candidateEmails).toEqual([
        `Not a candidate of this centre: ${w.users.bCandidate.email}.`,
      ]);
      expect((await failure(createSamplePackLink(admin, input(w.users.assessor.email))))?.code).toBe("INVALID_INPUT");
      expect(
        samplePackSchema.safeParse({
          evEmail: w.users.ev.email,
          candidateEmails: w.users.candidate.email,
          days: "15",
          note: "",
        }).success,
      ).toBe(false);
      const many = Array.from({ length: 21 }, (_, i) => `c${i}@example.com`).join("\n");
      expect(
        samplePackSchema.safeParse({ evEmail: w.users.ev.email, candidateEmails: many, days: "3", note: "" }).success,
      ).toBe(false);
      expect((await failure(createSamplePackLink(ev, input(w.users.candidate.email))))?.code).toBe("FORBIDDEN");
    });
  });
});
