import "./messages";
import { z } from "zod";
import { futureDate, note, pastDate } from "./assessment";
import { METHODS } from "./evidence";
import { londonToday } from "@/lib/domain/today";
import { displayTextProblem } from "@/lib/domain/text";

/** The methods of assessment an EV can draw a sample by (as recorded on accepted evidence). */
export const SAMPLE_METHODS = METHODS;

export const visitSchema = z.object({
  centreId: z.uuid(),
  visitedOn: pastDate("of the visit or remote sample"),
  remote: z.boolean(),
});

const optionalId = z.union([z.uuid(), z.literal("")]).transform((v) => v || undefined);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Enter at most ${max} characters.`)
    .superRefine((text, ctx) => {
      const problem = displayTextProblem(text, { subject: "Filters" });
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .transform((v) => v || undefined);

/** What the EV's sample is drawn by: any of assessor, IV, unit, method and site. */
export const sampleFilterSchema = z.object({
  assessorId: optionalId.optional(),
  ivId: optionalId.optional(),
  unitRef: optionalText(8)
    .pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9]{1,8}$/, "Enter a unit number such as 202.")
        .optional(),
    )
    .optional(),
  method: z
    .union([z.enum(SAMPLE_METHODS), z.literal("")])
    .transform((v) => v || undefined)
    .optional(),
  site: optionalText(200).optional(),
});
export type SampleFilter = z.infer<typeof sampleFilterSchema>;

export const addToSampleSchema = z.object({
  visitId: z.uuid(),
  signOffIds: z
    .array(z.uuid())
    .min(1, "Tick the units to add to the sample.")
    .max(50, "Add at most 50 units at a time."),
});

const answer = z.enum(["yes", "no", ""]).transform((v) => (v === "" ? undefined : v === "yes"));

/**
 * A finding: about the centre as a whole, or about a sampled unit, where the EV says separately
 * whether they agree with the assessor's decision and with the IV's verdict (OCR: the EV checks
 * "the assessment and internal verification processes and decisions made in the centre"). Whether
 * the unit had an IV verdict to agree with is the server's to check.
 */
export const findingSchema = z
  .object({
    visitId: z.uuid(),
    itemId: optionalId,
    agreesAssessment: answer,
    agreesIv: answer,
    text: note("The finding", { required: "Write the finding." }),
  })
  .superRefine((d, ctx) => {
    if (d.itemId && d.agreesAssessment === undefined)
      ctx.addIssue({
        code: "custom",
        path: ["agreesAssessment"],
        message: "Say whether you agree with the assessor's decision on this unit.",
      });
    if (!d.itemId && (d.agreesAssessment !== undefined || d.agreesIv !== undefined))
      ctx.addIssue({
        code: "custom",
        path: ["agreesAssessment"],
        message: "Agreement is recorded against a sampled unit.",
      });
  });
export type FindingInput = z.infer<typeof findingSchema>;

export const evActionPointSchema = z.object({
  visitId: z.uuid(),
  text: note("The action point", { required: "Write the action point." }),
  targetOn: futureDate("a target date").refine((d) => d >= londonToday(), "The target date cannot be in the past."),
});

export const evActionResponseSchema = z.object({
  actionPointId: z.uuid(),
  text: note("The response", { required: "Write what the centre has done or will do." }),
});

export const MAX_PACK_CANDIDATES = 20;
export const MAX_PACK_DAYS = 14;

export const samplePackSchema = z.object({
  evEmail: z.email({ error: "Enter the external verifier's email address." }).trim().toLowerCase(),
  candidateEmails: z
    .string()
    .transform((text) => [
      ...new Set(
        text
          .split(/[\s,;]+/)
          .map((e) => e.trim().toLowerCase())
          .filter(Boolean),
      ),
    ])
    .pipe(
      z
        .array(z.email({ error: "Each candidate is an email address, one per line." }))
        .min(1, "Name at least one candidate.")
        .max(MAX_PACK_CANDIDATES, `A sample pack holds at most ${MAX_PACK_CANDIDATES} candidates.`),
    ),
  days: z.coerce
    .number({ error: "Enter the number of days." })
    .int("Enter whole days.")
    .min(1, "The link lasts at least 1 day.")
    .max(MAX_PACK_DAYS, `The link lasts at most ${MAX_PACK_DAYS} days.`),
  note: note("The note"),
});
export type SamplePackInput = z.infer<typeof samplePackSchema>;
