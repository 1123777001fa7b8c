import "./messages";
import { z } from "zod";
import { displayTextProblem, type DisplayTextOptions } from "@/lib/domain/text";
import { MAX_NOTE_LENGTH } from "@/lib/evidence/limits";
import { createUserSchema } from "./user";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password";
import { REQUIREMENT_KEY } from "@/lib/domain/catalogue/content";

/** Assessors, verifiers and candidates read this text: refuse characters that could disguise it. */
const readable = (options: DisplayTextOptions) => (text: string, ctx: z.RefinementCtx) => {
  const problem = displayTextProblem(text, options);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
};

/** One line of required text. */
const line = (empty: string, subject: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(max, `${subject} are at most ${max} characters.`)
    .superRefine(readable({ subject }));

/** Required text that may run to several paragraphs. */
const paragraphs = (empty: string, subject: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, empty)
    .max(max, `${subject} are at most ${max.toLocaleString("en-GB")} characters.`)
    .superRefine(readable({ subject, multiline: true }));

const witnessId = z.uuid({ error: "Choose a witness from the register." });

/** "unit:criterion", e.g. "101:1.1", as evidence mapping writes it. */
const criterionKey = z.string().regex(REQUIREMENT_KEY, "Choose criteria from the list.");

export const addWitnessSchema = z.object({
  name: createUserSchema.shape.name,
  email: createUserSchema.shape.email,
  organisation: line("Enter the organisation the witness works for.", "Organisations", 200),
  jobRole: line("Enter the witness's job role.", "Job roles", 200),
  occupationalCompetence: paragraphs(
    "Describe the evidence of the witness's occupational competence (experience, qualifications, how you checked them).",
    "Competence descriptions",
    MAX_NOTE_LENGTH,
  ),
});
export type AddWitnessInput = z.infer<typeof addWitnessSchema>;

export const linkWitnessSchema = z.object({
  witnessId,
  candidateId: z.uuid({ error: "Choose a candidate from your caseload." }),
  relationship: line("Say how the witness knows the candidate's work, for example Line manager.", "Relationships", 120),
});
export type LinkWitnessInput = z.infer<typeof linkWitnessSchema>;

export const vetWitnessSchema = z.object({
  witnessId,
  approved: z.boolean({ error: "Choose whether the witness is approved." }),
  note: paragraphs(
    "Give the reasons for the decision: what you checked of the witness's competence.",
    "Vetting notes",
    MAX_NOTE_LENGTH,
  ),
});
export type VetWitnessInput = z.infer<typeof vetWitnessSchema>;

export const witnessIdSchema = z.object({ witnessId });

/** 32 random bytes, base64url without padding. */
export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const acceptInvitationSchema = z
  .object({
    token: z.string().regex(INVITATION_TOKEN_PATTERN, "This invitation link is not complete."),
    // The same rules as every other password (lib/validation/user.ts).
    password: createUserSchema.shape.password,
    confirm: z.string().max(PASSWORD_MAX_LENGTH, "The two passwords do not match."),
  })
  .refine((d) => d.password === d.confirm, { path: ["confirm"], message: "The two passwords do not match." });

export const requestTestimonySchema = z.object({
  candidateId: z.uuid(),
  witnessId: z.uuid({ error: "Choose a witness." }),
  specId: z.uuid({ error: "Choose the qualification." }),
  criteria: z
    .array(criterionKey)
    .min(1, "Choose at least one criterion for the witness to speak to.")
    .max(100, "Ask about at most 100 criteria in one request.")
    .transform((c) => [...new Set(c)]),
  message: paragraphs("Write a message to the witness: what you would like them to describe.", "Messages", 2000),
  attachmentId: z.uuid({ error: "Choose a piece of evidence from the list." }).optional(),
});
export type RequestTestimonyInput = z.infer<typeof requestTestimonySchema>;

export const requestIdSchema = z.object({ requestId: z.uuid() });

export const signTestimonySchema = z.object({
  requestId: z.uuid(),
  /** What the witness saw, per requested criterion; criteria left blank are not part of the testimony. */
  statements: z.record(
    criterionKey,
    z
      .string()
      .trim()
      .max(MAX_NOTE_LENGTH, `Each statement is at most ${MAX_NOTE_LENGTH.toLocaleString("en-GB")} characters.`)
      .superRefine(readable({ subject: "Statements", multiline: true })),
  ),
  declared: z.boolean(),
});
export type SignTestimonyInput = z.infer<typeof signTestimonySchema>;
