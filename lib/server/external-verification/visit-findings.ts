import "server-only";
// What the EV records on a visit: findings on sampled units (the assessment and its internal
// verification, each on its own) or the visit, action points for the centre and the centre's
// responses, and the visit's report as a PDF.
import { PDFDocument, StandardFonts } from "pdf-lib";
import { agreementText, verificationText } from "@/lib/domain/external-verification/judgements";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import type { Actor } from "@/lib/domain/policy";
import { recordAudit } from "@/lib/server/core/internal/audit";
import { authorizeOwnCentre } from "@/lib/server/core/internal/authorize";
import { db } from "@/lib/server/core/internal/db";
import { AppError, notFound } from "@/lib/server/core/errors";
import { requireRecentPassword } from "@/lib/server/core/reauthentication";
import { Writer } from "@/lib/server/core/internal/pdf-writer";
import { ownVisit } from "./internal/guards";
import { getVisit } from "./visits";
import { isoDay, storedDate } from "@/lib/domain/today";

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
      data: { visitId: visit.id, text: input.text, targetOn: storedDate(input.targetOn) },
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
    name: `ev-report-${visit.centre.code}-${isoDay(visit.visitedOn)}.pdf`,
  };
}
