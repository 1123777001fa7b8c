// The external verifier's own sample of a centre (C&G 3412; OCR: the EV "checks the assessment and
// internal verification processes and decisions made in the centre"): a visit, or a remote
// sample, holds the signed-off units the EV drew (by assessor, IV, unit, method or site), what they
// found about each and about the centre, and action points the centre's administrator answers.
// Every record is permanent and attributable (decision 0013).
import "server-only";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { agreementText, verificationText } from "@/lib/domain/external-verification/judgements";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/domain/policy";
import type { SampleFilter } from "@/lib/validation/external-verification";
import { recordAudit } from "@/lib/server/core/internal/audit";
import {
  authorizeCentre,
  authorizeOwnCentre,
  authorizeVerifiedOrOwnCentre,
} from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { userNames } from "@/lib/server/core/internal/user-names";
import { AppError, notFound } from "@/lib/server/core/errors";
import { requireRecentPassword } from "@/lib/server/core/reauthentication";
import { Writer } from "@/lib/server/core/internal/pdf-writer";
import { isEv, readableVisit, ownVisit } from "./internal/guards";

export const DRAW_PAGE_SIZE = 25;

export async function createVisit(
  actor: Actor,
  input: { centreId: string; visitedOn: string; remote: boolean },
): Promise<{ id: string }> {
  authorizeCentre(actor, "ev.sample", input.centreId);
  return db().$transaction(async (tx) => {
    const visit = await tx.evVisit.create({
      data: {
        centreId: input.centreId,
        evId: actor.userId,
        visitedOn: new Date(`${input.visitedOn}T00:00:00Z`),
        remote: input.remote,
      },
    });
    await recordAudit(tx, actor, {
      action: "ev.visit.create",
      subjectType: "EvVisit",
      subjectId: visit.id,
      detail: { visitedOn: input.visitedOn, remote: input.remote },
      centreId: input.centreId,
    });
    return { id: visit.id };
  });
}

/** A centre's visits, newest first: for the EVs appointed to it, or its own administrator. */
export async function listVisits(actor: Actor, centreId?: string) {
  const centre = authorizeVerifiedOrOwnCentre(actor, "ev.respond", centreId);
  const visits = await db().evVisit.findMany({
    where: { centreId: centre },
    orderBy: [{ visitedOn: "desc" }, { createdAt: "desc" }],
    take: 100,
  });
  if (visits.length === 0) return [];
  const [evs, counts, open] = await Promise.all([
    userNames(visits.map((v) => v.evId)),
    db().evSampleItem.groupBy({
      by: ["visitId"],
      where: { visitId: { in: visits.map((v) => v.id) } },
      _count: { _all: true },
    }),
    db().evActionPoint.findMany({
      where: { visitId: { in: visits.map((v) => v.id) }, responses: { none: {} } },
      select: { visitId: true },
    }),
  ]);
  return visits.map((v) => ({
    ...v,
    ev: evs.get(v.evId) ?? "",
    sampled: counts.find((c) => c.visitId === v.id)?._count._all ?? 0,
    unanswered: open.filter((o) => o.visitId === v.id).length,
  }));
}

/** The visit with its sample, findings, and action points with the centre's responses. */
export async function getVisit(actor: Actor, visitId: string) {
  const visit = await readableVisit(actor, visitId);
  const [centre, items, findings, actionPoints] = await Promise.all([
    db().centre.findUniqueOrThrow({ where: { id: visit.centreId }, select: { id: true, name: true, code: true } }),
    db().evSampleItem.findMany({
      where: { visitId },
      orderBy: [{ addedAt: "asc" }, { unitRef: "asc" }, { id: "asc" }],
      take: 500,
    }),
    db().evFinding.findMany({ where: { visitId }, orderBy: [{ recordedAt: "asc" }, { id: "asc" }], take: 1000 }),
    db().evActionPoint.findMany({
      where: { visitId },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      include: { responses: { orderBy: { respondedAt: "asc" } } },
    }),
  ]);
  const [people, specs, standing, verdicts] = await Promise.all([
    userNames([
      visit.evId,
      ...items.flatMap((i) => [i.candidateId, i.assessorId, i.ivId]),
      ...actionPoints.flatMap((a) => a.responses.map((r) => r.adminId)),
    ]),
    db().qualificationSpec.findMany({
      where: { id: { in: [...new Set(items.map((i) => i.specId))] } },
      select: { id: true, code: true },
    }),
    db().unitSignOff.findMany({
      where: { supersedesId: { in: items.map((i) => i.signOffId) } },
      select: { supersedesId: true },
    }),
    db().ivVerdict.findMany({
      where: { id: { in: items.flatMap((i) => (i.ivVerdictId ? [i.ivVerdictId] : [])) } },
      select: { id: true, outcome: true, decidedAt: true },
    }),
  ]);
  const corrected = new Set(standing.map((s) => s.supersedesId));
  return {
    id: visit.id,
    centre,
    ev: people.get(visit.evId) ?? "",
    evId: visit.evId,
    visitedOn: visit.visitedOn,
    remote: visit.remote,
    createdAt: visit.createdAt,
    mayRecord: visit.evId === actor.userId && isEv(actor),
    mayRespond: actor.roles.includes("CENTRE_ADMIN") && actor.centreId === visit.centreId,
    items: items.map((i) => ({
      ...i,
      candidate: people.get(i.candidateId) ?? "",
      assessor: people.get(i.assessorId) ?? "",
      iv: i.ivId ? (people.get(i.ivId) ?? "") : null,
      ivVerdict: verdicts.find((v) => v.id === i.ivVerdictId) ?? null,
      // Nobody internally verifies their own assessments (C&G 3412 section 2; OCR): flag it if it happened.
      ownVerification: i.ivId !== null && i.ivId === i.assessorId,
      qualification: specs.find((s) => s.id === i.specId)?.code ?? "",
      // The sign-off drawn has since been corrected: what the EV looked at is no longer the standing record.
      correctedSince: corrected.has(i.signOffId),
      findings: findings.filter((f) => f.itemId === i.id),
    })),
    findings: findings.filter((f) => f.itemId === null),
    actionPoints: actionPoints.map((a) => ({
      ...a,
      responses: a.responses.map((r) => ({ ...r, admin: people.get(r.adminId) ?? "" })),
    })),
  };
}
export type Visit = Awaited<ReturnType<typeof getVisit>>;

/** The latest IV verdict (id and IV) on the unit of the sign-off row `alias`: the IV shown, stored and filtered by. */
const latestVerdict = (alias: "s" | "p") => Prisma.sql`
  SELECT v.id, v."ivId" FROM "IvSample" x JOIN "IvVerdict" v ON v."sampleId" = x.id
  WHERE x."candidateId" = ${Prisma.raw(alias)}."candidateId" AND x."specId" = ${Prisma.raw(alias)}."specId" AND x."unitRef" = ${Prisma.raw(alias)}."unitRef"
  ORDER BY v."decidedAt" DESC LIMIT 1`;

export type DrawnUnit = {
  signOffId: string;
  candidateId: string;
  candidate: string;
  qualification: string;
  unitRef: string;
  assessor: string;
  iv: string | null;
  signedAt: Date;
  inSample: boolean;
};

/**
 * Standing signed-off units of the visit's centre matching the filter, newest first, a page at a
 * time (one more row is read to know whether another page follows). Each condition is added only
 * when asked for, so the plan stays a walk of the centre's sign-offs by date.
 */
export async function drawSample(
  actor: Actor,
  visitId: string,
  filter: SampleFilter,
  page: number,
): Promise<{ units: DrawnUnit[]; hasNext: boolean }> {
  const visit = await ownVisit(actor, visitId);
  const where = [
    Prisma.sql`c."centreId" = ${visit.centreId}::uuid`,
    Prisma.sql`s.signed`,
    Prisma.sql`NOT EXISTS (SELECT 1 FROM "UnitSignOff" t WHERE t."supersedesId" = s.id)`,
  ];
  if (filter.assessorId) where.push(Prisma.sql`s."assessorId" = ${filter.assessorId}::uuid`);
  if (filter.unitRef) where.push(Prisma.sql`s."unitRef" = ${filter.unitRef.toUpperCase()}`);
  // The IV shown for a unit is the one whose verdict is the latest: filter on the same.
  if (filter.ivId) where.push(Prisma.sql`(SELECT "ivId" FROM (${latestVerdict("s")}) lv) = ${filter.ivId}::uuid`);
  if (filter.method) {
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM jsonb_array_elements(s.evidence) k, jsonb_array_elements(k->'accepted') a WHERE a->>'method' = ${filter.method})`,
    );
  }
  if (filter.site) {
    const pattern = `%${filter.site.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push(
      Prisma.sql`EXISTS (SELECT 1 FROM "Evidence" e WHERE e."candidateId" = s."candidateId" AND e.id = ANY(s."evidenceIds") AND lower(e.place) LIKE ${pattern})`,
    );
  }
  // The page of sign-offs first (narrow rows, top-N by date), then names, the IV and "in the
  // sample" for those rows alone, so the cost does not follow the centre's size.
  const rows = await db().$queryRaw<
    {
      signOffId: string;
      candidateId: string;
      candidate: string;
      qualification: string;
      unitRef: string;
      assessor: string;
      ivId: string | null;
      signedAt: Date;
      inSample: boolean;
    }[]
  >`
    WITH page AS (
      SELECT s.id, s."candidateId", s."specId", s."unitRef", s."assessorId", s."signedAt"
      FROM "UnitSignOff" s JOIN "User" c ON c.id = s."candidateId"
      WHERE ${Prisma.join(where, " AND ")}
      ORDER BY s."signedAt" DESC, s.id DESC
      LIMIT ${DRAW_PAGE_SIZE + 1} OFFSET ${(page - 1) * DRAW_PAGE_SIZE})
    SELECT p.id AS "signOffId", p."candidateId", c.name AS candidate, q.code AS qualification, p."unitRef", a.name AS assessor, lv."ivId", p."signedAt",
           EXISTS (SELECT 1 FROM "EvSampleItem" i WHERE i."visitId" = ${visitId}::uuid AND i."signOffId" = p.id) AS "inSample"
    FROM page p
    JOIN "User" c ON c.id = p."candidateId"
    JOIN "User" a ON a.id = p."assessorId"
    JOIN "QualificationSpec" q ON q.id = p."specId"
    LEFT JOIN LATERAL (${latestVerdict("p")}) lv ON true
    ORDER BY p."signedAt" DESC, p.id DESC`;
  const ivs = await userNames(rows.map((r) => r.ivId));
  return {
    units: rows.slice(0, DRAW_PAGE_SIZE).map(({ ivId, ...r }) => ({ ...r, iv: ivId ? (ivs.get(ivId) ?? "") : null })),
    hasNext: rows.length > DRAW_PAGE_SIZE,
  };
}

/** The assessors and IVs of the visit's centre, for the filter's choices. */
export async function sampleChoices(actor: Actor, visitId: string) {
  const visit = await ownVisit(actor, visitId);
  const staff = await db().user.findMany({
    where: { centreId: visit.centreId, roles: { some: { role: { in: ["ASSESSOR", "INTERNAL_VERIFIER"] } } } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, name: true, roles: { select: { role: true } } },
  });
  return {
    assessors: staff.filter((s) => s.roles.some((r) => r.role === "ASSESSOR")).map(({ id, name }) => ({ id, name })),
    ivs: staff.filter((s) => s.roles.some((r) => r.role === "INTERNAL_VERIFIER")).map(({ id, name }) => ({ id, name })),
  };
}

/**
 * Adds standing signed-off units of the visit's centre to its sample, each as it stands now (the
 * sign-off record and the IV whose verdict is the latest). Adding one twice changes nothing.
 */
export async function addToSample(
  actor: Actor,
  input: { visitId: string; signOffIds: string[] },
): Promise<{ added: number }> {
  return db().$transaction(async (tx) => {
    const visit = await ownVisit(actor, input.visitId, tx);
    const signOffs = await tx.$queryRaw<
      {
        id: string;
        candidateId: string;
        specId: string;
        unitRef: string;
        assessorId: string;
        ivVerdictId: string | null;
        ivId: string | null;
      }[]
    >`
      SELECT s.id, s."candidateId", s."specId", s."unitRef", s."assessorId", lv.id AS "ivVerdictId", lv."ivId"
      FROM "UnitSignOff" s JOIN "User" c ON c.id = s."candidateId"
      LEFT JOIN LATERAL (${latestVerdict("s")}) lv ON true
      WHERE s.id = ANY(${input.signOffIds}::uuid[]) AND c."centreId" = ${visit.centreId}::uuid AND s.signed
        AND NOT EXISTS (SELECT 1 FROM "UnitSignOff" t WHERE t."supersedesId" = s.id)`;
    if (signOffs.length !== new Set(input.signOffIds).size) {
      throw new AppError("STALE", {
        signOffIds: [
          "A unit ticked is no longer signed off at this centre (its sign-off was corrected). The list now shows the standing sign-offs.",
        ],
      });
    }
    const { count } = await tx.evSampleItem.createMany({
      data: signOffs.map((s) => ({
        visitId: visit.id,
        signOffId: s.id,
        candidateId: s.candidateId,
        specId: s.specId,
        unitRef: s.unitRef,
        assessorId: s.assessorId,
        ivVerdictId: s.ivVerdictId,
        ivId: s.ivId,
      })),
      skipDuplicates: true,
    });
    await recordAudit(tx, actor, {
      action: "ev.sample.add",
      subjectType: "EvVisit",
      subjectId: visit.id,
      detail: { signOffIds: signOffs.map((s) => s.id), added: count },
      centreId: visit.centreId,
    });
    return { added: count };
  });
}

export async function recordFinding(
  actor: Actor,
  input: { visitId: string; itemId?: string; agreesAssessment?: boolean; agreesIv?: boolean; text: string },
): Promise<void> {
  await db().$transaction(async (tx) => {
    const visit = await ownVisit(actor, input.visitId, tx);
    requireRecentPassword(actor);
    if (input.itemId) {
      const item = await tx.evSampleItem.findFirst({
        where: { id: input.itemId, visitId: visit.id },
        select: { ivVerdictId: true },
      });
      if (!item) throw notFound();
      // Agreeing with the internal verification needs a verdict to agree with, and one needs an answer.
      const problem =
        item.ivVerdictId && input.agreesIv === undefined
          ? "Say whether you agree with the internal verifier's verdict on this unit."
          : !item.ivVerdictId && input.agreesIv !== undefined
            ? "No internal verifier has verified this unit, so there is no verdict to agree with."
            : null;
      if (problem) throw new AppError("INVALID_INPUT", { agreesIv: [problem] });
    } else if (input.agreesAssessment !== undefined || input.agreesIv !== undefined) {
      throw new AppError("INVALID_INPUT", { agreesAssessment: ["Agreement is recorded against a sampled unit."] });
    }
    const finding = await tx.evFinding.create({
      data: {
        visitId: visit.id,
        itemId: input.itemId ?? null,
        agreesAssessment: input.agreesAssessment ?? null,
        agreesIv: input.agreesIv ?? null,
        text: input.text,
      },
    });
    await recordAudit(tx, actor, {
      action: "ev.finding",
      subjectType: "EvVisit",
      subjectId: visit.id,
      detail: {
        findingId: finding.id,
        itemId: input.itemId ?? null,
        agreesAssessment: input.agreesAssessment ?? null,
        agreesIv: input.agreesIv ?? null,
      },
      centreId: visit.centreId,
    });
  });
}

export async function setEvActionPoint(
  actor: Actor,
  input: { visitId: string; text: string; targetOn: string },
): Promise<void> {
  await db().$transaction(async (tx) => {
    const visit = await ownVisit(actor, input.visitId, tx);
    const point = await tx.evActionPoint.create({
      data: { visitId: visit.id, text: input.text, targetOn: new Date(`${input.targetOn}T00:00:00Z`) },
    });
    await recordAudit(tx, actor, {
      action: "ev.action.set",
      subjectType: "EvVisit",
      subjectId: visit.id,
      detail: { actionPointId: point.id, targetOn: input.targetOn },
      centreId: visit.centreId,
    });
  });
}

/** The centre's administrator answers an EV's action point; each answer is a new record. */
export async function respondToEvAction(actor: Actor, input: { actionPointId: string; text: string }): Promise<void> {
  const centreId = authorizeOwnCentre(actor, "ev.respond");
  await db().$transaction(async (tx) => {
    const point = await tx.evActionPoint.findUnique({
      where: { id: input.actionPointId },
      select: { id: true, visit: { select: { id: true, centreId: true } } },
    });
    if (!point || point.visit.centreId !== centreId) throw notFound();
    const response = await tx.evActionResponse.create({
      data: { actionPointId: point.id, adminId: actor.userId, text: input.text },
    });
    await recordAudit(tx, actor, {
      action: "ev.action.respond",
      subjectType: "EvVisit",
      subjectId: point.visit.id,
      detail: { actionPointId: point.id, responseId: response.id },
    });
  });
}

/** The visit's report as a PDF (pdf-lib): the sample, the findings, and the actions with the centre's responses. */
export async function visitReportPdf(actor: Actor, visitId: string): Promise<{ bytes: Uint8Array; name: string }> {
  const visit = await getVisit(actor, visitId);
  await db().$transaction((tx) =>
    recordAudit(tx, actor, {
      action: "ev.report.download",
      subjectType: "EvVisit",
      subjectId: visit.id,
      centreId: visit.centre.id,
    }),
  );
  const doc = await PDFDocument.create();
  doc.setTitle(`External verification report ${visit.centre.code} ${formatDate(visit.visitedOn)}`);
  const writer = new Writer(
    doc,
    await doc.embedFont(StandardFonts.Helvetica),
    await doc.embedFont(StandardFonts.HelveticaBold),
  );
  writer.line(`External verification report: ${visit.centre.name} (centre ${visit.centre.code})`, {
    bold: true,
    size: 14,
  });
  writer.line(
    `${visit.remote ? "Remote sample" : "Visit"} on ${formatDate(visit.visitedOn)} by ${visit.ev}. Report produced ${formatDateTime(new Date())} (UK time).`,
  );
  writer.gap();
  writer.line(`Sample (${visit.items.length} ${visit.items.length === 1 ? "unit" : "units"})`, {
    bold: true,
    size: 12,
  });
  if (visit.items.length === 0) writer.line("No units sampled.");
  for (const item of visit.items) {
    writer.line(
      `${item.candidate}: ${item.qualification} unit ${item.unitRef}. Assessor ${item.assessor}; internal verification: ${verificationText(item)}.${item.correctedSince ? " The sign-off has been corrected since it was sampled." : ""}`,
      { bold: true },
    );
    for (const f of item.findings) writer.line(`${formatDate(f.recordedAt)}: ${agreementText(f)} ${f.text}`);
    if (item.findings.length === 0) writer.line("No finding recorded yet.");
  }
  writer.gap();
  writer.line("Findings about the centre", { bold: true, size: 12 });
  if (visit.findings.length === 0) writer.line("None recorded.");
  for (const f of visit.findings) writer.line(`${formatDate(f.recordedAt)}: ${f.text}`);
  writer.gap();
  writer.line("Action points for the centre", { bold: true, size: 12 });
  if (visit.actionPoints.length === 0) writer.line("None.");
  for (const a of visit.actionPoints) {
    writer.line(`${a.text} (by ${formatDate(a.targetOn)})`, { bold: true });
    for (const r of a.responses)
      writer.line(`Centre's response, ${r.admin}, ${formatDateTime(r.respondedAt)}: ${r.text}`);
    if (a.responses.length === 0) writer.line("No response from the centre yet.");
  }
  return {
    bytes: await doc.save(),
    name: `ev-report-${visit.centre.code}-${visit.visitedOn.toISOString().slice(0, 10)}.pdf`,
  };
}
