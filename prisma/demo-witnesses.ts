// The demo centre's expert witness register (README "Expert witnesses"): Sarah Collins, Jordan
// Reid's team leader, on Northgate's register, vetted and approved by his assessor Amira Shah, with
// one request from Amira waiting for her testimony.
import type { Prisma } from "../lib/generated/prisma/client";

export const DEMO_WITNESS = {
  witness: "witness",
  organisation: "Brightline Energy, Leeds contact centre",
  jobRole: "Team leader, customer service",
  occupationalCompetence:
    "Nine years in the contact centre, five leading a team of twelve advisers; holds the Level 3 NVQ for Contact Centre Professionals. Checked against her CV and a reference from the centre manager.",
  vettedBy: "assessor",
  vettingNote:
    "Spoke to Sarah and her centre manager; she supervises Jordan day to day and is competent in the work of unit 101. Approved.",
  candidate: "candidate",
  relationship: "Team leader",
  request: {
    qualification: ["3412-03", "3.0"],
    criteria: ["101:1.2", "101:2.2"],
    message:
      "Please describe how Jordan followed the health and safety procedures during the fire evacuation drill on your floor in October, and how he reported the trailing cable he found.",
  },
} as const;

/** Runs inside the demo seed's transaction, after the users, nominations and registrations exist. */
export async function seedDemoWitnesses(
  tx: Prisma.TransactionClient,
  users: Record<string, string>,
  specs: { id: string; code: string; version: string }[],
) {
  const d = DEMO_WITNESS;
  const witnessId = users[d.witness]!;
  const assessorId = users[d.vettedBy]!;
  const candidateId = users[d.candidate]!;
  await tx.expertWitness.create({
    data: {
      userId: witnessId,
      organisation: d.organisation,
      jobRole: d.jobRole,
      occupationalCompetence: d.occupationalCompetence,
      addedById: assessorId,
    },
  });
  await tx.witnessVetting.create({ data: { witnessId, approved: true, note: d.vettingNote, decidedById: assessorId } });
  await tx.witnessNomination.upsert({
    where: { candidateId_witnessId: { candidateId, witnessId } },
    create: { candidateId, witnessId, relationship: d.relationship },
    update: { relationship: d.relationship },
  });
  const spec = specs.find((s) => s.code === d.request.qualification[0] && s.version === d.request.qualification[1])!;
  await tx.testimonyRequest.create({
    data: {
      candidateId,
      witnessId,
      requestedById: assessorId,
      specId: spec.id,
      criteria: [...d.request.criteria],
      message: d.request.message,
    },
  });
}
