import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "./password";

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter an email address, like name@example.com.").max(254),
  password: z.string().min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH),
});
