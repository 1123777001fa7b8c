"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { decideClaim } from "@/lib/server/claims";
import { claimDecisionSchema } from "@/lib/validation/claims";

export async function decideClaimAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = { claimId: form.get("claimId"), outcome: form.get("outcome"), reasons: form.get("reasons") ?? "" };
  const state = await runAction(claimDecisionSchema, input, async (actor, data) => {
    await decideClaim(actor, data);
    return data.outcome === "AUTHORISED" ? "Claim authorised: it is released to the awarding body." : "Claim refused. The centre sees your reasons and can raise a corrected claim.";
  });
  revalidatePath("/ev", "layout");
  revalidatePath("/admin", "layout");
  return state;
}
