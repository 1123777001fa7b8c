import { searchText } from "./messages";
import { z } from "zod";
import { note } from "./assessment";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { CENTRE_ROLES, ROLES } from "@/lib/domain/roles";
import { displayTextProblem } from "@/lib/domain/text";
import { londonToday } from "@/lib/domain/today";

export const NAME_MAX_LENGTH = 120;

/** The roles a centre gives; external verifiers are appointed by the awarding body. */
const roles = z
  .array(
    z.enum(CENTRE_ROLES, {
      error: "Choose a role a centre can give. External verifiers are appointed by the awarding body.",
    }),
  )
  .min(1, "Choose at least one role.")
  .transform((r) => [...new Set(r)]);

const userDetails = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter the person's full name.")
    .max(NAME_MAX_LENGTH, `Names are at most ${NAME_MAX_LENGTH} characters.`)
    // Names are shown to others: no direction controls or control characters to disguise them.
    .superRefine((name, ctx) => {
      const problem = displayTextProblem(name, { subject: "Names" });
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  email: z.string().trim().toLowerCase().email("Enter an email address, like name@example.com.").max(254),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `Passwords are at least ${PASSWORD_MIN_LENGTH} characters.`)
    .max(PASSWORD_MAX_LENGTH, `Passwords are at most ${PASSWORD_MAX_LENGTH} characters.`),
});

/** A date of birth: a real date, in the past, and not before 1900. */
const dateOfBirth = z.iso
  .date({ error: "Enter the date of birth as a date." })
  .refine((d) => d >= "1900-01-01", "Enter a date of birth after 1900.")
  .refine((d) => d < londonToday(), "A date of birth is in the past.");

/** A centre user; a candidate needs a date of birth (some qualifications have a minimum age). */
export const createUserSchema = userDetails
  .extend({ roles, dateOfBirth: z.union([z.literal(""), dateOfBirth]).optional() })
  .superRefine((d, ctx) => {
    if (d.roles.includes("CANDIDATE") && !d.dateOfBirth) {
      ctx.addIssue({
        code: "custom",
        path: ["dateOfBirth"],
        message: "Enter the candidate's date of birth: some qualifications have a minimum age.",
      });
    }
  });
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const dateOfBirthSchema = z.object({ userId: z.uuid(), dateOfBirth });

/** When a member of staff started at the centre: a real date, not in the future. */
export const startedAtCentreSchema = z.object({
  userId: z.uuid(),
  startedOn: z.iso
    .date({ error: "Enter the date they started at the centre, for example 01/09/2012." })
    .refine((d) => d >= "1950-01-01", "That date is too far in the past.")
    .refine((d) => d <= londonToday(), "The start date cannot be in the future."),
});

export const setRolesSchema = z.object({ userId: z.uuid(), roles });
export const setActiveSchema = z.object({ userId: z.uuid(), active: z.boolean() });
export const assignmentSchema = z.object({ candidateId: z.uuid(), assessorId: z.uuid() });

export const listQuerySchema = z.object({
  q: searchText(),
  role: z.enum(ROLES).optional().catch(undefined),
});

/** An external verifier's account, made by the awarding body: the same details, no roles to choose. */
export const createVerifierSchema = userDetails;
export type CreateVerifierInput = z.infer<typeof createVerifierSchema>;
export const appointmentSchema = z.object({
  userId: z.uuid(),
  centreId: z.uuid({ error: "Choose a centre from the list." }),
});

/** Confirming one's own password again (re-authentication): any length, checked against the hash. */
export const confirmPasswordSchema = z.object({
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH, "That password is not right."),
});

/** Recording a candidate's withdrawal (with the reason), or their return. */
export const withdrawalSchema = z.object({
  userId: z.uuid(),
  withdrawn: z.boolean(),
  reason: note("The reason"),
});
