import "server-only";
// Released claims for the awarding body: a CSV in the documented column layout
// (docs/claims-export.md), one row per unit claimed, and a printable PDF summary of one claim
// (pdf-lib). Both are built from the frozen claim pack alone, so they say exactly what it says.
import { stringify } from "csv-stringify/sync";
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { Actor } from "@/lib/domain/policy";
import { authorize } from "@/lib/server/core/internal/authorize";
import { requireRecentPassword } from "@/lib/server/core/reauthentication";
import { getClaim } from "./claim-lists";
import { db } from "@/lib/server/core/internal/db";
import { Writer } from "@/lib/server/core/internal/pdf-writer";
import { isoDay } from "@/lib/domain/today";

type Pack = {
  kind: string;
  centre: { name: string; code: string } | null;
  candidate: { name: string; dateOfBirth: string | null };
  qualification: { code: string; title: string; version: string; awardingBody: string };
  registration: { registeredOn: string; enrolmentNumber?: string | null; uln?: string | null };
  units: {
    entry: string;
    title: string;
    credits: number | null;
    unitValue: number | null;
    signOff: {
      signedAt: string;
      assessor: string;
      correctionReason?: string | null;
      earlierRecords?: {
        signed: boolean;
        signedAt: string;
        assessor: string;
        candidateSignedAt: string | null;
        supersededAt: string;
      }[];
    };
    internalVerification: {
      outcome: string;
      iv?: string;
      decidedAt?: string;
      samplingPlan?: { periodFrom: string; periodTo: string } | null;
    };
    evidence: { files: { name: string; sha256: string }[] }[];
  }[];
};

export const CSV_COLUMNS = [
  "claim_id",
  "released_on",
  "centre_code",
  "centre_name",
  "candidate_name",
  "candidate_date_of_birth",
  "awarding_body",
  "qualification_code",
  "qualification_version",
  "claim_kind",
  "registered_on",
  "unit",
  "unit_title",
  "credits",
  "unit_value",
  "assessor",
  "signed_off_on",
  "internal_verifier",
  "iv_agreed_on",
  "evidence_files",
  "evidence_sha256",
  "pack_sha256",
  // Added after the first layout, at the end so existing readers keep their columns.
  "enrolment_number",
  "uln",
  "iv_sampling_plan",
] as const;

/** The most recent released claims in one file; older ones are in earlier exports. */
export const EXPORT_LIMIT = 10_000;

/** A spreadsheet must not read a cell as a formula: text that starts like one gets a leading apostrophe. */
const cell = (value: string | number | null) => {
  if (value === null) return "";
  const text = String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
};

/** The sampling plan that did not select a unit ("2026-09-01 to 2027-08-31"), as the pack recorded it. */
const planText = (v: Pack["units"][number]["internalVerification"]) =>
  v.samplingPlan ? `${v.samplingPlan.periodFrom} to ${v.samplingPlan.periodTo}` : null;

/** Released (authorised) claims: a centre administrator's own centre, or every centre for the awarding body's administrator. */
export async function releasedClaimsCsv(actor: Actor): Promise<string> {
  authorize(actor, "claim.export");
  requireRecentPassword(actor); // every released claim's personal data
  const where = actor.roles.includes("AWARDING_BODY_ADMIN")
    ? {}
    : { centreId: actor.centreId ?? "00000000-0000-0000-0000-000000000000" };
  const claims = await db().certificateClaim.findMany({
    // Released: authorised by the EV, or raised under direct claims status (released when raised)
    // and not refused by the EV since: a refusal takes a directly released claim out of the export.
    where: {
      ...where,
      OR: [{ decision: { is: { outcome: "AUTHORISED" } } }, { releasedDirectly: true, decision: { is: null } }],
    },
    orderBy: [{ raisedAt: "desc" }, { id: "asc" }],
    take: EXPORT_LIMIT,
    select: {
      id: true,
      pack: true,
      packSha256: true,
      kind: true,
      raisedAt: true,
      releasedDirectly: true,
      decision: { select: { decidedAt: true } },
    },
  });
  const rows = claims.flatMap((c) => {
    const pack = c.pack as Pack;
    return pack.units.map((u) => {
      const files = u.evidence.flatMap((e) => e.files);
      return [
        c.id,
        (c.releasedDirectly ? c.raisedAt : c.decision!.decidedAt).toISOString().slice(0, 10),
        pack.centre?.code ?? "",
        pack.centre?.name ?? "",
        pack.candidate.name,
        pack.candidate.dateOfBirth,
        pack.qualification.awardingBody,
        pack.qualification.code,
        pack.qualification.version,
        c.kind,
        pack.registration.registeredOn,
        u.entry,
        u.title,
        u.credits,
        u.unitValue,
        u.signOff.assessor,
        u.signOff.signedAt.slice(0, 10),
        u.internalVerification.iv ?? "not selected",
        u.internalVerification.decidedAt?.slice(0, 10) ?? null,
        files.length,
        files.map((f) => f.sha256).join(" "),
        c.packSha256,
        pack.registration.enrolmentNumber ?? null,
        pack.registration.uln ?? null,
        planText(u.internalVerification),
      ].map(cell);
    });
  });
  return stringify([[...CSV_COLUMNS], ...rows], { record_delimiter: "\r\n" });
}

/** A printable summary of one claim, from its pack: for whoever may open the claim. */
export async function claimSummaryPdf(actor: Actor, claimId: string): Promise<{ bytes: Uint8Array; name: string }> {
  const claim = await getClaim(actor, claimId);
  const pack = claim.pack as Pack;
  const doc = await PDFDocument.create();
  doc.setTitle(`Certificate claim ${pack.qualification.code} ${pack.candidate.name}`);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const bold = await doc.embedFont(StandardFonts.HelveticaBold);
  const writer = new Writer(doc, font, bold);
  writer.line(
    `Certificate claim: ${pack.qualification.awardingBody} ${pack.qualification.code} ${pack.qualification.title}`,
    { bold: true, size: 14 },
  );
  writer.line(
    `Version ${pack.qualification.version}. ${pack.kind === "QUALIFICATION" ? "The whole qualification." : "Unit certification."}`,
  );
  writer.line(
    `Candidate: ${pack.candidate.name}${pack.candidate.dateOfBirth ? `, born ${pack.candidate.dateOfBirth}` : ""}. Registered on ${pack.registration.registeredOn}.`,
  );
  writer.line(
    `Enrolment number: ${pack.registration.enrolmentNumber ?? "not recorded"}. Unique Learner Number: ${pack.registration.uln ?? "not recorded"}.`,
  );
  writer.line(`Centre: ${pack.centre ? `${pack.centre.name} (${pack.centre.code})` : "-"}.`);
  if (claim.releasedDirectly)
    writer.line(`Released directly under the centre's direct claims status on ${isoDay(claim.raisedAt)}.`);
  writer.line(
    claim.decision
      ? `${claim.decision.outcome === "AUTHORISED" ? "Authorised" : "Refused"} by the external verifier on ${isoDay(claim.decision.decidedAt)}.${claim.decision.reasons ? ` Reasons: ${claim.decision.reasons}` : ""}${claim.decision.outcome === "REFUSED" && claim.releasedDirectly ? " The refusal withdraws the release: do not certificate this claim." : ""}`
      : claim.releasedDirectly
        ? "In the external verifier's sample."
        : "Waiting for the external verifier.",
  );
  writer.gap();
  for (const u of pack.units) {
    writer.line(
      `Unit ${u.entry} ${u.title}${u.credits !== null ? `, ${u.credits} credits` : u.unitValue !== null ? `, unit value ${u.unitValue}` : ""}`,
      { bold: true },
    );
    writer.line(
      `Signed off by ${u.signOff.assessor} on ${u.signOff.signedAt.slice(0, 10)}. Internal verification: ${u.internalVerification.iv ? `agreed by ${u.internalVerification.iv} on ${u.internalVerification.decidedAt?.slice(0, 10)}` : u.internalVerification.samplingPlan ? `not selected by the sampling plan for ${planText(u.internalVerification)}` : "not selected"}.`,
    );
    if (u.signOff.correctionReason)
      writer.line(`This sign-off corrects an earlier record: ${u.signOff.correctionReason}`);
    for (const e of u.signOff.earlierRecords ?? []) {
      writer.line(
        `Earlier record: ${e.signed ? "signed off" : "withdrawn"} by ${e.assessor} on ${e.signedAt.slice(0, 10)}${e.candidateSignedAt ? `, candidate signed ${e.candidateSignedAt.slice(0, 10)}` : ""}; superseded ${e.supersededAt.slice(0, 10)}.`,
      );
    }
    for (const f of u.evidence.flatMap((e) => e.files)) writer.line(`${f.name} SHA-256 ${f.sha256}`, { size: 8 });
    writer.gap();
  }
  writer.line(`Claim pack SHA-256: ${claim.packSha256}`, { size: 8 });
  return { bytes: await doc.save(), name: `claim-${pack.qualification.code}-${claim.id.slice(0, 8)}.pdf` };
}
