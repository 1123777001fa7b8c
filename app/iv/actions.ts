"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/auth/action";
import { recordVerdict, sampleUnit } from "@/lib/server/internal-verification";
import { countersignVerdicts } from "@/lib/server/internal-verification";
import { adjustPlan, createPlan, recomputePlan } from "@/lib/server/internal-verification";
import { z } from "zod";
import { recordMeeting, recordObservation } from "@/lib/server/internal-verification";
import {
  actionPointRows,
  adjustPlanSchema,
  ivCountersignSchema,
  meetingSchema,
  observationSchema,
  planSchema,
  sampleSchema,
  verdictSchema,
} from "@/lib/validation/assessment";

const refresh = () => {
  revalidatePath("/iv", "layout");
  revalidatePath("/assessor", "layout");
};

export async function sampleUnitAction(_: ActionState, form: FormData): Promise<ActionState> {
  let id = "";
  const input = {
    candidateId: form.get("candidateId"),
    specId: form.get("specId"),
    unitRef: form.get("unitRef"),
    stage: form.get("stage"),
    criteria: form.getAll("criteria"),
    reason: form.get("reason") ?? "",
  };
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
    const { needsCountersignature } = await recordVerdict(actor, data);
    if (data.outcome === "DISAGREE") return "Disagreed. The unit is on hold until the assessor responds and you agree.";
    return needsCountersignature
      ? "Agreed. It counts once a qualified internal verifier countersigns it."
      : "Agreed. The unit counts.";
  });
  refresh();
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
  const input = {
    planId: form.get("planId"),
    assessorId: form.get("assessorId"),
    rating: form.get("rating"),
    target: form.get("target"),
    reason: form.get("reason") ?? "",
  };
  const state = await runAction(adjustPlanSchema, input, async (actor, data) => {
    await adjustPlan(actor, data);
    return "Plan changed; the reason is recorded.";
  });
  revalidatePath("/iv", "layout");
  return state;
}

export async function recomputePlanAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(z.object({ planId: z.uuid() }), { planId: form.get("planId") }, async (actor, data) => {
    const { changed } = await recomputePlan(actor, data.planId);
    return changed === 0
      ? "Nothing has changed since the plan was made."
      : `Recomputed: ${changed} line${changed === 1 ? "" : "s"} changed; the change is recorded.`;
  });
  revalidatePath("/iv", "layout");
  return state;
}

export async function countersignVerdictsAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    ids: form.getAll("ids"),
    password: form.get("password") ?? "",
    declared: form.get("declared") === "yes",
  };
  const state = await runAction(ivCountersignSchema, input, async (actor, data) => {
    await countersignVerdicts(actor, data);
    return `Countersigned ${data.ids.length} verification${data.ids.length === 1 ? "" : "s"}.`;
  });
  refresh();
  return state;
}

export async function observationAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    assessorId: form.get("assessorId"),
    candidateId: form.get("candidateId") ?? "",
    observedOn: form.get("observedOn"),
    seen: form.get("seen") ?? "",
    outcome: form.get("outcome"),
    feedback: form.get("feedback") ?? "",
  };
  const state = await runAction(observationSchema, input, async (actor, data) => {
    await recordObservation(actor, data);
    return "Observation recorded. It is on the assessor's competence record and counts in their risk rating.";
  });
  refresh();
  return state;
}

export async function meetingAction(_: ActionState, form: FormData): Promise<ActionState> {
  const units = String(form.get("unitRefs") ?? "")
    .split(/[\s,]+/)
    .map((u) => u.trim().toUpperCase())
    .filter((u) => u !== "");
  const input = {
    heldOn: form.get("heldOn"),
    specId: form.get("specId") ?? "",
    unitRefs: units,
    evidenceIds: form.getAll("evidenceIds"),
    discussed: form.get("discussed") ?? "",
    agreed: form.get("agreed") ?? "",
    attended: form.getAll("attended"),
    concerned: form.getAll("concerned"),
  };
  const state = await runAction(meetingSchema, input, async (actor, data) => {
    await recordMeeting(actor, data);
    return "Standardisation meeting recorded and attached to everyone concerned.";
  });
  refresh();
  return state;
}
