"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/auth/action";
import { recordVerdict, sampleUnit } from "@/lib/server/internal-verification";
import { adjustPlan, createPlan } from "@/lib/server/sampling-plans";
import { actionPointRows, adjustPlanSchema, planSchema, sampleSchema, verdictSchema } from "@/lib/validation/assessment";

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
  const input = {
    sampleId: form.get("sampleId"),
    outcome: form.get("outcome"),
    feedback: form.get("feedback") ?? "",
    expected: form.get("expected") ?? "",
    actions: actionPointRows(form),
  };
  const state = await runAction(verdictSchema, input, async (actor, data) => {
    await recordVerdict(actor, data);
    return data.outcome === "AGREE" ? "Agreed. The unit counts." : "Disagreed. The unit is on hold until the assessor responds and you agree.";
  });
  revalidatePath("/iv", "layout");
  revalidatePath("/assessor", "layout");
  return state;
}

export async function createPlanAction(_: ActionState, form: FormData): Promise<ActionState> {
  let id = "";
  const input = { specId: form.get("specId"), periodFrom: form.get("periodFrom"), periodTo: form.get("periodTo") };
  const state = await runAction(planSchema, input, async (actor, data) => {
    id = (await createPlan(actor, data)).id;
  });
  if (!state.ok) return state;
  revalidatePath("/iv", "layout");
  redirect(`/iv/plans/${id}`);
}

export async function adjustPlanAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = { planId: form.get("planId"), assessorId: form.get("assessorId"), rating: form.get("rating"), target: form.get("target"), reason: form.get("reason") ?? "" };
  const state = await runAction(adjustPlanSchema, input, async (actor, data) => {
    await adjustPlan(actor, data);
    return "Plan changed; the reason is recorded.";
  });
  revalidatePath("/iv", "layout");
  return state;
}
