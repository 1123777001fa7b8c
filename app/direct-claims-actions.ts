"use server";
// Direct claims status: granted or withdrawn by the awarding body's administrator, withdrawn by an
// EV appointed to the centre (lib/server/awarding-body/centre-approvals.ts decides who may).
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { setDirectClaims } from "@/lib/server/awarding-body";
import { directClaimsSchema } from "@/lib/validation/claims";

export async function directClaimsAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    centreId: form.get("centreId"),
    specCode: form.get("specCode"),
    granted: form.get("granted") === "yes",
    reason: form.get("reason") ?? "",
  };
  const state = await runAction(directClaimsSchema, input, async (actor, data) => {
    await setDirectClaims(actor, data);
    return data.granted
      ? "Direct claims status granted: claims are released without waiting for the EV."
      : "Direct claims status withdrawn: claims wait for the EV again.";
  });
  revalidatePath("/awarding", "layout");
  revalidatePath("/ev", "layout");
  return state;
}
