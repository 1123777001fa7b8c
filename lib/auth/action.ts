import "server-only";
import type { z } from "zod";
import type { Actor } from "@/lib/domain/policy";
import { PASSWORD_CONFIRMATION_FIELD } from "@/lib/domain/identity/reauthentication";
import { logWithReference, quoteReference } from "@/lib/server/core/error-reference";
import { AppError, ERROR_TEXT } from "@/lib/server/core/errors";
import { confirmPassword } from "@/lib/server/core/reauthentication";
import { confirmPasswordSchema } from "@/lib/validation/user";
import { getActor } from "./session";

export interface ActionState {
  ok: boolean;
  message?: string;
  fieldErrors?: Record<string, string[]>;
  /** What the user typed, so a rejected form comes back filled in (never passwords). */
  values?: Record<string, string | string[]>;
  /** Something the action made that is shown once and never stored for display (an invitation link). */
  created?: Record<string, string>;
  /**
   * The action needs the password confirmed first (a sensitive action): the form asks for it.
   * False once it has been confirmed; unset when the action did not find out.
   */
  reauth?: boolean;
}

/**
 * The edge of every server action: who is asking, is the input valid, then one lib/server call.
 * Known failures come back as friendly text; anything else is logged and reported generically.
 */
export async function runAction<S extends z.ZodType>(
  schema: S,
  input: unknown,
  work: (actor: Actor, data: z.infer<S>) => Promise<string | void>,
): Promise<ActionState> {
  const actor = await getActor();
  if (!actor) return { ok: false, message: ERROR_TEXT.UNAUTHENTICATED };
  return runAs(actor, schema, input, work);
}

/**
 * runAction for a sensitive form that carries the user's own password when it asks for it (field
 * PASSWORD_CONFIRMATION_FIELD, shown when the password was last typed 10 minutes ago or more:
 * decision 0016). A password sent is confirmed first, as /confirm-password does (audited, and
 * guessing ends the session), and the work then runs as the actor who has just typed it: one
 * submission, and nothing typed in the form is lost. A wrong password changes nothing.
 */
export async function runActionConfirming<S extends z.ZodType>(
  schema: S,
  input: unknown,
  form: FormData,
  work: (actor: Actor, data: z.infer<S>) => Promise<string | void>,
): Promise<ActionState> {
  const actor = await getActor();
  if (!actor) return { ok: false, message: ERROR_TEXT.UNAUTHENTICATED };
  const typed = form.get(PASSWORD_CONFIRMATION_FIELD);
  if (typeof typed !== "string" || typed === "") return runAs(actor, schema, input, work);
  const password = confirmPasswordSchema.safeParse({ password: typed });
  const refused = (message: string, field: string[]): ActionState => ({
    ok: false,
    message,
    fieldErrors: { [PASSWORD_CONFIRMATION_FIELD]: field },
    reauth: true,
  });
  if (!password.success)
    return refused(
      `${ERROR_TEXT.WRONG_PASSWORD} Nothing was changed.`,
      password.error.issues.map((i) => i.message),
    );
  let confirmed: Actor;
  try {
    confirmed = await confirmPassword(actor, password.data.password);
  } catch (error) {
    if (error instanceof AppError && error.code === "WRONG_PASSWORD")
      return refused(`${ERROR_TEXT.WRONG_PASSWORD} Nothing was changed.`, ["That password is not right."]);
    if (error instanceof AppError) return { ok: false, message: ERROR_TEXT[error.code] };
    const reference = logWithReference("Password confirmation failed", error);
    return { ok: false, message: `${ERROR_TEXT.INTERNAL} ${quoteReference(reference)}` };
  }
  const state = await runAs(confirmed, schema, input, work);
  return { ...state, reauth: state.reauth ?? false };
}

/** The same edge for an actor already known (runAction after the session; the bad-input tests). */
export function runAs<S extends z.ZodType>(
  actor: Actor,
  schema: S,
  input: unknown,
  work: (actor: Actor, data: z.infer<S>) => Promise<string | void>,
): Promise<ActionState> {
  return runParsed(schema, input, (data) => work(actor, data));
}

/**
 * The same edge for the few actions that need no session because what they carry is the
 * credential (an invitation link's token). The server function checks it.
 */
export async function runPublicAction<S extends z.ZodType>(
  schema: S,
  input: unknown,
  work: (data: z.infer<S>) => Promise<string | void>,
): Promise<ActionState> {
  return runParsed(schema, input, work);
}

async function runParsed<S extends z.ZodType>(
  schema: S,
  input: unknown,
  work: (data: z.infer<S>) => Promise<string | void>,
): Promise<ActionState> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of parsed.error.issues) (fieldErrors[String(issue.path[0] ?? "form")] ??= []).push(issue.message);
    return { ok: false, message: ERROR_TEXT.INVALID_INPUT, fieldErrors };
  }
  try {
    const message = await work(parsed.data);
    return { ok: true, message: message ?? "Saved." };
  } catch (error) {
    if (error instanceof AppError && error.code === "REAUTH_REQUIRED")
      return { ok: false, message: ERROR_TEXT.REAUTH_REQUIRED, reauth: true };
    if (error instanceof AppError)
      return { ok: false, message: ERROR_TEXT[error.code], fieldErrors: error.fieldErrors };
    const reference = logWithReference("Server action failed", error);
    return { ok: false, message: `${ERROR_TEXT.INTERNAL} ${quoteReference(reference)}` };
  }
}
