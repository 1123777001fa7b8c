"use server";
// A CPD entry: recorded by the centre administrator or by the assessor themselves
// (lib/server/internal-verification/assessor-competence.ts decides who may), from either area.
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { addCpd } from "@/lib/server/internal-verification";
import { cpdSchema } from "@/lib/validation/assessment";

export async function cpdAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    userId: form.get("userId"),
    activityOn: form.get("activityOn"),
    activity: form.get("activity") ?? "",
    hours: form.get("hours"),
  };
  const state = await runAction(cpdSchema, input, async (actor, data) => {
    await addCpd(actor, data);
    return "CPD entry added.";
  });
  revalidatePath("/admin", "layout");
  revalidatePath("/assessor", "layout");
  revalidatePath("/iv", "layout");
  return state;
}
