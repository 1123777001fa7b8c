"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { confirmPassword } from "@/lib/server/core";
import { confirmPasswordSchema } from "@/lib/validation/user";

/** Confirms the password for sensitive actions; the page then shows what the user came to do. */
export async function confirmPasswordAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(confirmPasswordSchema, { password: form.get("password") }, async (actor, data) => {
    await confirmPassword(actor, data.password);
    return "Password confirmed. You can go ahead for the next 10 minutes.";
  });
  if (state.ok) revalidatePath("/", "layout");
  return state;
}
