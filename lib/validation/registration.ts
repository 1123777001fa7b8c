import { searchText } from "./messages";
import { z } from "zod";
import { londonToday } from "@/lib/domain/today";
import { ulnProblem } from "@/lib/domain/registrations/uln";

/** Registration dates the rules can mean: not before NVQs existed, not in the future. */
export const EARLIEST_REGISTRATION = "1990-01-01";

export const registrationSchema = z.object({
  candidateId: z.uuid(),
  specId: z.uuid({ error: "Choose a qualification." }),
  registeredOn: z.iso
    .date({ error: "Enter the registration date, for example 01/09/2025." })
    .refine((d) => d >= EARLIEST_REGISTRATION, "The registration date is too far in the past.")
    .refine((d) => d <= londonToday(), "The registration date cannot be in the future."),
  units: z
    .array(
      z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[A-Z0-9]{1,8}(@[1-8])?$/, "A unit is a number like 101 or an area and level like AA@2."),
    )
    .min(1, "Choose the candidate's units.")
    .max(100, "A selection has at most 100 units."),
});
export type RegistrationInput = z.infer<typeof registrationSchema>;

export const catalogueQuerySchema = z.object({
  q: searchText(),
  /** The unit whose content the qualification page opens ("208", "AA"). */
  unit: z
    .string()
    .regex(/^[A-Za-z0-9]{1,8}$/)
    .transform((v) => v.toUpperCase())
    .optional()
    .catch(undefined),
});

/**
 * A number the awarding body or the Learning Records Service issued, as typed: spaces are dropped,
 * and an empty box means "not recorded" (null), so either number can be cleared as well as corrected.
 */
const issuedNumber = (what: string, valid: z.ZodType<string, string>) =>
  z
    .string({ error: `Enter the ${what}, or leave it empty.` })
    .max(40, `That is too long for a ${what}.`)
    .transform((v) => v.replace(/\s+/g, "").toUpperCase())
    .pipe(z.union([z.literal("").transform(() => null), valid]));

/** The awarding body's enrolment number and the ULN, recorded on a registration (both optional). */
export const registrationNumbersSchema = z.object({
  registrationId: z.uuid(),
  enrolmentNumber: issuedNumber(
    "enrolment number",
    z
      .string()
      .regex(
        /^[A-Z0-9/-]{1,20}$/,
        "An enrolment number is up to 20 letters, digits, / or -, as the awarding body issued it.",
      ),
  ),
  uln: issuedNumber(
    "Unique Learner Number",
    z.string().superRefine((v, ctx) => {
      const problem = ulnProblem(v);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    }),
  ),
});
export type RegistrationNumbersInput = z.infer<typeof registrationNumbersSchema>;
