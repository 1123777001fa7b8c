import { searchText } from "./messages";
import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "@/lib/auth/password";
import { displayTextProblem } from "@/lib/domain/text";
import { londonToday } from "@/lib/domain/today";
import { MAX_NOTE_LENGTH } from "@/lib/evidence/limits";
import { REQUIREMENT_NUMBER, REQUIREMENT_KEY } from "@/lib/domain/catalogue/content";

/** Multi-line text others read: feedback, notes, reasons. */
export const note = (subject: string, options: { required?: string } = {}) =>
  z
    .string()
    .trim()
    .max(MAX_NOTE_LENGTH, `${subject} is at most ${MAX_NOTE_LENGTH} characters.`)
    .superRefine((text, ctx) => {
      if (options.required && text === "") ctx.addIssue({ code: "custom", message: options.required });
      const problem = displayTextProblem(text, { subject, multiline: true });
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

const criterionNumber = z.string().regex(REQUIREMENT_NUMBER, "Choose a criterion from the list.");
const unitRef = z.string().regex(/^[A-Z0-9]{1,8}$/, "Choose a unit from the list.");
/** The id of the record the form was showing, or "" for none: a mismatch means someone else acted first. */
const expected = z.union([z.uuid(), z.literal("")]);
const password = z.string().min(1, "Enter your password to sign.").max(PASSWORD_MAX_LENGTH);

export const judgementSchema = z
  .object({
    evidenceId: z.uuid(),
    specId: z.uuid(),
    unitRef,
    criterion: criterionNumber,
    outcome: z.enum(["ACCEPTED", "REFERRED"], { error: "Choose to accept the evidence or refer it back." }),
    feedback: note("Feedback"),
    valid: z.boolean(),
    authentic: z.boolean(),
    reliable: z.boolean(),
    current: z.boolean(),
    sufficient: z.boolean(),
    checksNote: note("The note on the checks"),
    expected,
  })
  .superRefine((d, ctx) => {
    const doubtful = !(d.valid && d.authentic && d.reliable && d.current && d.sufficient);
    if (d.outcome === "ACCEPTED" && doubtful) {
      ctx.addIssue({
        code: "custom",
        path: ["outcome"],
        message:
          "Evidence can be accepted only when it is valid, authentic, reliable, current and sufficient. Refer it back and say what is missing.",
      });
    }
    if (doubtful && d.checksNote === "")
      ctx.addIssue({ code: "custom", path: ["checksNote"], message: "Say which check is in doubt and why." });
    if (d.outcome === "REFERRED" && d.feedback === "") {
      ctx.addIssue({
        code: "custom",
        path: ["feedback"],
        message: "Tell the candidate what to do when referring evidence back.",
      });
    }
  });
export type JudgementInput = z.infer<typeof judgementSchema>;

/** Accepting every criterion of one piece of evidence that is still awaiting judgement. */
export const acceptAwaitingSchema = z
  .object({
    evidenceId: z.uuid(),
    specId: z.uuid(),
    feedback: note("Feedback"),
    valid: z.boolean(),
    authentic: z.boolean(),
    reliable: z.boolean(),
    current: z.boolean(),
    sufficient: z.boolean(),
    /** "unit:criterion" values the page showed as awaiting: only those are accepted. */
    criteria: z.array(z.string().regex(REQUIREMENT_KEY)).min(1, "There is nothing awaiting judgement.").max(500),
  })
  .superRefine((d, ctx) => {
    if (!(d.valid && d.authentic && d.reliable && d.current && d.sufficient)) {
      ctx.addIssue({
        code: "custom",
        path: ["valid"],
        message:
          "Evidence can be accepted only when it is valid, authentic, reliable, current and sufficient. Where one is in doubt, judge the criteria one by one.",
      });
    }
  });
export type AcceptAwaitingInput = z.infer<typeof acceptAwaitingSchema>;

export const signOffSchema = z.object({
  candidateId: z.uuid(),
  specId: z.uuid(),
  unitRef,
  password,
  declared: z.literal(true, { error: "Confirm the declaration to sign the unit off." }),
  expected,
});
export type SignOffInput = z.infer<typeof signOffSchema>;

export const correctionSchema = z.object({
  signOffId: z.uuid(),
  action: z.enum(["resign", "withdraw"], {
    error: "Choose whether to sign again on the current evidence or withdraw the sign-off.",
  }),
  reason: note("The reason", { required: "Give the reason for the correction." }),
  password,
  declared: z.boolean(),
});
export type CorrectionInput = z.infer<typeof correctionSchema>;

export const candidateSignatureSchema = z.object({
  signOffId: z.uuid(),
  password,
  declared: z.literal(true, { error: "Confirm the declaration to countersign." }),
});

export const countersignSchema = z.object({
  kind: z.enum(["judgement", "signOff"]),
  ids: z.array(z.uuid()).min(1, "Choose at least one decision to countersign.").max(200),
  password,
  declared: z.literal(true, { error: "Confirm the declaration to countersign." }),
});

export const pastDate = (what: string) =>
  z.iso
    .date({ error: `Enter the date ${what}.` })
    .refine((d) => d <= londonToday(), "That date is in the future.")
    .refine((d) => d >= "1980-01-01", "Enter a date after 1980.");

export const AWARDS = ["A1", "D32", "D33", "TAQA-CAVA", "TAQA-CAOW"] as const;
export const AWARD_LABEL: Record<(typeof AWARDS)[number], string> = {
  A1: "A1 Assess candidate performance using a range of methods",
  D32: "D32 Assess candidate performance",
  D33: "D33 Assess candidate using differing sources of evidence",
  "TAQA-CAVA": "TAQA Level 3 Certificate in Assessing Vocational Achievement (CAVA)",
  "TAQA-CAOW": "TAQA Level 3 Award in Assessing Competence in the Work Environment (CAOW)",
};

/** The verifier awards: V1/D34 and their TAQA successors. */
export const IV_AWARDS = ["V1", "D34", "TAQA-IQA", "TAQA-LIQA"] as const;
export const IV_AWARD_LABEL: Record<(typeof IV_AWARDS)[number], string> = {
  V1: "V1 Conduct internal quality assurance of the assessment process",
  D34: "D34 Internally verify the assessment process",
  "TAQA-IQA": "TAQA Level 4 Award in the Internal Quality Assurance of Assessment Processes and Practice",
  "TAQA-LIQA":
    "TAQA Level 4 Certificate in Leading the Internal Quality Assurance of Assessment Processes and Practice",
};
export const awardLabel = (award: string | null) =>
  award
    ? ((AWARD_LABEL as Record<string, string>)[award] ?? (IV_AWARD_LABEL as Record<string, string>)[award] ?? award)
    : "none recorded";

export const competenceSchema = z
  .object({
    userId: z.uuid(),
    role: z.enum(["ASSESSOR", "INTERNAL_VERIFIER"], {
      error: "Choose whether this record is for assessing or internal verification.",
    }),
    status: z.enum(["QUALIFIED", "WORKING_TOWARDS"], { error: "Choose qualified or working towards." }),
    award: z.union([z.enum(AWARDS), z.enum(IV_AWARDS), z.literal("")]),
    achievedOn: z.union([pastDate("the award was achieved"), z.literal("")]),
    certificateNumber: z
      .string()
      .trim()
      .max(60, "Certificate numbers are at most 60 characters.")
      .regex(/^[A-Za-z0-9 /.-]*$/, "Use letters, digits, spaces, / . and - only."),
    occupationalCompetence: note("Occupational competence", {
      required: "Record the evidence of occupational competence.",
    }),
  })
  .superRefine((d, ctx) => {
    if (d.award === "")
      ctx.addIssue({
        code: "custom",
        path: ["award"],
        message: `Choose the ${d.role === "ASSESSOR" ? "assessor" : "verifier"} award held or being worked towards.`,
      });
    else if ((d.role === "ASSESSOR") !== (AWARDS as readonly string[]).includes(d.award)) {
      ctx.addIssue({
        code: "custom",
        path: ["award"],
        message:
          d.role === "ASSESSOR"
            ? "Choose an assessor award (A1, D32, D33 or TAQA) for an assessor record."
            : "Choose a verifier award (V1, D34 or TAQA IQA) for an internal verifier record.",
      });
    }
    if (d.status === "QUALIFIED") {
      if (d.achievedOn === "")
        ctx.addIssue({ code: "custom", path: ["achievedOn"], message: "Enter the date the award was achieved." });
      if (d.certificateNumber === "")
        ctx.addIssue({ code: "custom", path: ["certificateNumber"], message: "Enter the certificate number." });
    }
  });
export type CompetenceInput = z.infer<typeof competenceSchema>;

export const cpdSchema = z.object({
  userId: z.uuid(),
  activityOn: pastDate("of the activity"),
  activity: note("The activity", { required: "Describe the CPD activity." }),
  hours: z.coerce
    .number({ error: "Enter the hours as a number." })
    .int("Enter whole hours.")
    .min(1, "Enter at least 1 hour.")
    .max(500, "Enter at most 500 hours."),
});

export const futureDate = (what: string) =>
  z.iso.date({ error: `Enter ${what}.` }).refine((d) => d <= "2100-01-01", "Enter a realistic date.");

export const reviewSchema = z.object({
  candidateId: z.uuid(),
  heldOn: pastDate("of the review"),
  notes: note("The notes", { required: "Record what was discussed." }),
  nextVisitOn: z.union([futureDate("the next visit's date"), z.literal("")]),
  actions: z
    .array(z.object({ text: note("An action point"), targetOn: z.union([futureDate("a target date"), z.literal("")]) }))
    .max(20, "Record at most 20 action points at one review.")
    .superRefine((list, ctx) => {
      list.forEach((a, i) => {
        if (a.text !== "" && a.targetOn === "")
          ctx.addIssue({ code: "custom", path: [i], message: `Give action point ${i + 1} a target date.` });
      });
    })
    .transform((list) => list.filter((a) => a.text !== "")),
});
export type ReviewInput = z.infer<typeof reviewSchema>;

export const actionPointSchema = z.object({ actionPointId: z.uuid() });

export const CASELOAD_SORTS = ["name", "awaiting", "oldest", "last-contact", "next-visit"] as const;
export const CASELOAD_FILTERS = ["all", "awaiting-review", "no-contact-30"] as const;
export const caseloadQuerySchema = z.object({
  q: searchText(),
  sort: z.enum(CASELOAD_SORTS).catch("name"),
  filter: z.enum(CASELOAD_FILTERS).catch("all"),
});

export const sampleSchema = z.object({
  candidateId: z.uuid(),
  specId: z.uuid(),
  unitRef,
  stage: z.enum(["INTERIM", "SUMMATIVE"], { error: "Choose interim or summative." }),
  /** An interim sample of some criteria; empty for the whole unit. */
  criteria: z.array(criterionNumber).max(100).default([]),
  reason: note("The reason", { required: "Say why this item is in the sample." }),
});
export type SampleInput = z.input<typeof sampleSchema>;

export const verdictSchema = z
  .object({
    sampleId: z.uuid(),
    outcome: z.enum(["AGREE", "DISAGREE"], { error: "Choose agree or disagree." }),
    feedback: note("Feedback"),
    expected,
    actions: z
      .array(
        z.object({
          text: note("An action point"),
          targetOn: z.union([z.iso.date({ error: "Enter a target date." }), z.literal("")]),
        }),
      )
      .max(10)
      .superRefine((list, ctx) => {
        list.forEach((a, i) => {
          if (a.text !== "" && a.targetOn === "")
            ctx.addIssue({ code: "custom", path: [i], message: `Give action point ${i + 1} a target date.` });
        });
      })
      .transform((list) => list.filter((a) => a.text !== "")),
  })
  .superRefine((d, ctx) => {
    if (d.outcome === "DISAGREE" && d.feedback === "")
      ctx.addIssue({
        code: "custom",
        path: ["feedback"],
        message: "Tell the assessor what is wrong when disagreeing.",
      });
  });
export type VerdictInput = z.infer<typeof verdictSchema>;

export const responseSchema = z.object({
  sampleId: z.uuid(),
  note: note("The response", { required: "Say what you have done about the internal verifier's feedback." }),
});

export const ivCountersignSchema = z.object({
  ids: z.array(z.uuid()).min(1, "Choose at least one verdict to countersign.").max(200),
  password,
  declared: z.literal(true, { error: "Confirm the declaration to countersign." }),
});

export const observationSchema = z.object({
  assessorId: z.uuid({ error: "Choose the assessor observed." }),
  candidateId: z.union([z.uuid(), z.literal("")]),
  observedOn: pastDate("of the observation"),
  seen: note("What was seen", { required: "Record what you saw the assessor do." }),
  outcome: z.enum(["SATISFACTORY", "DEVELOPMENT_NEEDED"], { error: "Choose the outcome." }),
  feedback: note("Feedback"),
});
export type ObservationInput = z.infer<typeof observationSchema>;

export const meetingSchema = z
  .object({
    heldOn: pastDate("of the meeting"),
    specId: z.union([z.uuid(), z.literal("")]),
    unitRefs: z.array(unitRef).max(60),
    evidenceIds: z.array(z.uuid()).max(100),
    discussed: note("What was discussed", { required: "Record which units and evidence were discussed." }),
    agreed: note("What was agreed", { required: "Record what was agreed." }),
    attended: z.array(z.uuid()).max(200),
    concerned: z.array(z.uuid()).max(200),
  })
  .superRefine((d, ctx) => {
    if (d.attended.length === 0) ctx.addIssue({ code: "custom", path: ["attended"], message: "Tick who attended." });
    if (d.unitRefs.length > 0 && d.specId === "")
      ctx.addIssue({ code: "custom", path: ["specId"], message: "Choose the qualification the units belong to." });
  });
export type MeetingInput = z.infer<typeof meetingSchema>;

export const planSchema = z
  .object({
    specId: z.uuid({ error: "Choose a qualification." }),
    periodFrom: z.iso.date({ error: "Enter the start of the period." }),
    periodTo: z.iso.date({ error: "Enter the end of the period." }),
  })
  .refine((d) => d.periodFrom <= d.periodTo, { path: ["periodTo"], message: "The period must end after it starts." });
export type PlanInput = z.infer<typeof planSchema>;

export const adjustPlanSchema = z.object({
  planId: z.uuid(),
  assessorId: z.uuid(),
  rating: z.enum(["LOW", "MEDIUM", "HIGH"], { error: "Choose a rating." }),
  // An empty box is not 0: coercion would read "" and null as 0 and sample nothing.
  target: z.preprocess(
    (v) => (v === "" || v === null ? undefined : v),
    z.coerce.number({ error: "Enter the number to sample." }).int("Enter a whole number.").min(0).max(10000),
  ),
  reason: note("The reason", { required: "Give the reason for the change." }),
});
export type AdjustPlanInput = z.infer<typeof adjustPlanSchema>;

/** The rows of action points a form sends as parallel "actionText" and "actionTarget" fields. */
export const actionPointRows = (form: FormData) => {
  const dates = form.getAll("actionTarget");
  return form.getAll("actionText").map((text, i) => ({ text, targetOn: dates[i] ?? "" }));
};
