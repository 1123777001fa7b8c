import "./messages";
import { z } from "zod";

export const notificationIdSchema = z.object({
  notificationId: z.uuid({ message: "That notification does not exist." }),
});

export const EMAIL_PREFERENCES = {
  IMMEDIATE: "Immediately, one e-mail each",
  DAILY: "A daily summary (07:00 UK time)",
  OFF: "No e-mail (notifications here only)",
} as const;

export const emailPreferenceSchema = z.object({
  preference: z.enum(["IMMEDIATE", "DAILY", "OFF"], { message: "Choose how notifications reach you by e-mail." }),
});

export const markAllReadSchema = z.object({});
