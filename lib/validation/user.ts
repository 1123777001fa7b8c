import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { ROLES } from "@/lib/domain/roles";

export const NAME_MAX_LENGTH = 120;

const roles = z
  .array(z.enum(ROLES, { error: "Choose a valid role." }))
  .min(1, "Choose at least one role.")
  .transform((r) => [...new Set(r)]);

export const createUserSchema = z.object({
  name: z.string().trim().min(1, "Enter the person's full name.").max(NAME_MAX_LENGTH, `Names are at most ${NAME_MAX_LENGTH} characters.`),
  email: z.string().trim().toLowerCase().email("Enter an email address, like name@example.com.").max(254),
  password: z
    .string()
    .min(PASSWORD_MIN_LENGTH, `Passwords are at least ${PASSWORD_MIN_LENGTH} characters.`)
    .max(PASSWORD_MAX_LENGTH, `Passwords are at most ${PASSWORD_MAX_LENGTH} characters.`),
  roles,
});
export type CreateUserInput = z.infer<typeof createUserSchema>;

export const setRolesSchema = z.object({ userId: z.uuid(), roles });
export const setActiveSchema = z.object({ userId: z.uuid(), active: z.boolean() });
export const assignmentSchema = z.object({ candidateId: z.uuid(), assessorId: z.uuid() });

export const listQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(ROLES).optional().catch(undefined),
});
