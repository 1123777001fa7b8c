"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/auth/action";
import { recordVerdict, sampleUnit } from "@/lib/server/internal-verification";
import { sampleSchema, verdictSchema } from "@/lib/validation/assessment";

export async function sampleUnitAction(_: ActionState, form: FormData): Promise<ActionState> {
  let id = "";
  const input = { candidateId: form.get("candidateId"), specId: form.get("specId"), unitRef: form.get("unitRef"), stage: form.get("stage"), reason: form.get("reason") ?? "" };
  const state = await runAction(sampleSchema, input, async (actor, data) => {
    id = (await sampleUnit(actor, data)).id;
  });
  if (!state.ok) return state;
  revalidatePath("/iv", "layout");
  redirect(`/iv/samples/${id}`);
}

export async function verdictAction(_: ActionState, form: FormData): Promise<ActionState> {
  const texts = form.getAll("actionText");
  const dates = form.getAll("actionTarget");
  const input = {
    sampleId: form.get("sampleId"),
    outcome: form.get("outcome"),
    feedback: form.get("feedback") ?? "",
    expected: form.get("expected") ?? "",
    actions: texts.map((text, i) => ({ text, targetOn: dates[i] ?? "" })),
  };
  const state = await runAction(verdictSchema, input, async (actor, data) => {
    await recordVerdict(actor, data);
    return data.outcome === "AGREE" ? "Agreed. The unit counts." : "Disagreed. The unit is on hold until the assessor responds and you agree.";
  });
  revalidatePath("/iv", "layout");
  revalidatePath("/assessor", "layout");
  return state;
}
