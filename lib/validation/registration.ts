import { searchText } from "./messages";
import { z } from "zod";
import { londonToday } from "@/lib/domain/today";

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
    .array(z.string().trim().toUpperCase().regex(/^[A-Z0-9]{1,8}(@[1-8])?$/, "A unit is a number like 101 or an area and level like AA@2."))
    .min(1, "Choose the candidate's units.")
    .max(100, "A selection has at most 100 units."),
});
export type RegistrationInput = z.infer<typeof registrationSchema>;

export const catalogueQuerySchema = z.object({
  q: searchText(),
});
