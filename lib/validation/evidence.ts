import "./messages";
import { z } from "zod";
import { displayTextProblem, type DisplayTextOptions } from "@/lib/domain/text";
import { londonToday } from "@/lib/domain/today";
import { MAX_DESCRIPTION_LENGTH, MAX_PLACE_LENGTH, MAX_TITLE_LENGTH } from "@/lib/evidence/limits";
import { REQUIREMENT_KEY } from "@/lib/domain/catalogue/content";

export const METHODS = [
  "PRODUCT",
  "OBSERVATION",
  "WITNESS_TESTIMONY",
  "PROFESSIONAL_DISCUSSION",
  "QUESTIONING",
  "RECOGNITION_OF_PRIOR_LEARNING",
  "SIMULATION",
  "OTHER",
] as const;
export type Method = (typeof METHODS)[number];

export const METHOD_LABEL: Record<(typeof METHODS)[number], string> = {
  PRODUCT: "Product or work output",
  OBSERVATION: "Observation",
  WITNESS_TESTIMONY: "Witness testimony",
  PROFESSIONAL_DISCUSSION: "Professional discussion",
  QUESTIONING: "Questioning",
  RECOGNITION_OF_PRIOR_LEARNING: "Recognition of prior learning",
  SIMULATION: "Simulation",
  OTHER: "Other",
};

/** Assessors and verifiers read titles and descriptions: refuse text that could disguise itself. */
const readable = (options: DisplayTextOptions) => (text: string, ctx: z.RefinementCtx) => {
  const problem = displayTextProblem(text, options);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
};

const evidenceFields = z.object({
  title: z
    .string()
    .trim()
    .min(1, "Give the evidence a title.")
    .max(MAX_TITLE_LENGTH, `Titles are at most ${MAX_TITLE_LENGTH} characters.`)
    .superRefine(readable({ subject: "Titles" })),
  description: z
    .string()
    .trim()
    .max(MAX_DESCRIPTION_LENGTH, `Descriptions are at most ${MAX_DESCRIPTION_LENGTH} characters.`)
    .superRefine(readable({ subject: "Descriptions", multiline: true })),
  activityDate: z.iso
    .date({ error: "Enter the date of the activity." })
    .refine((d) => d <= londonToday(), "The activity cannot be in the future.")
    .refine((d) => d >= "1990-01-01", "Enter a date after 1990."),
  method: z.enum(METHODS, { error: "Choose how the evidence was produced." }),
  place: z
    .string()
    .trim()
    .max(MAX_PLACE_LENGTH, `The place is at most ${MAX_PLACE_LENGTH} characters.`)
    .superRefine(readable({ subject: "Places" }))
    .default(""),
});

/**
 * C&G 3412 (section 4, from the Cfa assessment strategy): "If a unit or part of a unit … is
 * simulated, it must be undertaken in a 'realistic working environment' (RWE)", so simulated
 * evidence says where.
 */
const placeForSimulation = (d: { method: string; place: string }, ctx: z.RefinementCtx) => {
  if (d.method === "SIMULATION" && d.place === "") {
    ctx.addIssue({
      code: "custom",
      path: ["place"],
      message: "Say where the simulation took place: it must be a realistic working environment.",
    });
  }
};

export const evidenceDetailsSchema = evidenceFields.superRefine(placeForSimulation);
/** As callers give it: the place may be left out. */
export type EvidenceDetails = z.input<typeof evidenceDetailsSchema>;

export const updateEvidenceSchema = evidenceFields.extend({ evidenceId: z.uuid() }).superRefine(placeForSimulation);
export const evidenceIdSchema = z.object({ evidenceId: z.uuid() });
export const submitEvidenceSchema = z.object({ evidenceId: z.uuid(), declared: z.boolean() });
export const fileIdSchema = z.object({ fileId: z.uuid() });
export const uploadIdSchema = z.object({ uploadId: z.string().regex(/^[0-9a-f]{32}$/) });

export const mappingSchema = z.object({
  evidenceId: z.uuid(),
  specId: z.uuid(),
  /** "unit:criterion", e.g. "101:1.1". */
  criteria: z.array(z.string().regex(REQUIREMENT_KEY, "Choose criteria from the list.")).max(500),
});
export type MappingInput = z.infer<typeof mappingSchema>;

/** What an assessor records themselves (C&G 3412 and OCR assessment methods). */
export const ASSESSOR_METHODS = ["OBSERVATION", "PROFESSIONAL_DISCUSSION", "QUESTIONING", "SIMULATION"] as const;

export const assessorEvidenceSchema = evidenceFields
  .extend({
    candidateId: z.uuid(),
    method: z.enum(ASSESSOR_METHODS, {
      error: "Choose observation, professional discussion, questioning or simulation.",
    }),
    /** Questioning of one of the candidate's expert witnesses, rather than of the candidate. */
    witnessId: z.union([z.uuid(), z.literal("")]).default(""),
  })
  .superRefine((d, ctx) => {
    if (d.place === "")
      ctx.addIssue({ code: "custom", path: ["place"], message: "Say where the assessment took place." });
    if (d.witnessId && d.method !== "QUESTIONING") {
      ctx.addIssue({
        code: "custom",
        path: ["witnessId"],
        message: "A witness is questioned: choose questioning as the method, or the candidate as the person.",
      });
    }
  })
  .superRefine(placeForSimulation);
export type AssessorEvidenceInput = z.input<typeof assessorEvidenceSchema>;

/** A stored draft's details as the evidence form shows them. */
export const evidenceFormValues = (e: {
  id: string;
  title: string;
  description: string;
  activityDate: Date;
  method: string;
  place: string | null;
}) => ({
  evidenceId: e.id,
  title: e.title,
  description: e.description,
  activityDate: e.activityDate.toISOString().slice(0, 10),
  method: e.method,
  place: e.place ?? "",
});
