"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/auth/action";
import { decideClaim } from "@/lib/server/claims";
import { addToSample, createVisit, recordFinding, setEvActionPoint } from "@/lib/server/external-verification";
import { claimDecisionSchema } from "@/lib/validation/claims";
import { countersignVerdictsAsEv } from "@/lib/server/internal-verification";
import { ivCountersignSchema } from "@/lib/validation/assessment";
import { z } from "zod";
import {
  addToSampleSchema,
  evActionPointSchema,
  findingSchema,
  visitSchema,
} from "@/lib/validation/external-verification";

export async function decideClaimAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = { claimId: form.get("claimId"), outcome: form.get("outcome"), reasons: form.get("reasons") ?? "" };
  const state = await runAction(claimDecisionSchema, input, async (actor, data) => {
    await decideClaim(actor, data);
    return data.outcome === "AUTHORISED"
      ? "Claim authorised: it is released to the awarding body."
      : "Claim refused. The centre sees your reasons and can raise a corrected claim.";
  });
  revalidatePath("/ev", "layout");
  revalidatePath("/admin", "layout");
  return state;
}

export async function createVisitAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    centreId: form.get("centreId"),
    visitedOn: form.get("visitedOn"),
    remote: form.get("remote") === "yes",
  };
  let id = "";
  const state = await runAction(visitSchema, input, async (actor, data) => {
    id = (await createVisit(actor, data)).id;
  });
  if (!state.ok) return state;
  revalidatePath("/ev", "layout");
  redirect(`/ev/visits/${id}`);
}

export async function addToSampleAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    addToSampleSchema,
    { visitId: form.get("visitId"), signOffIds: form.getAll("signOffIds") },
    async (actor, data) => {
      const { added } = await addToSample(actor, data);
      return added === 1 ? "1 unit added to the sample." : `${added} units added to the sample.`;
    },
  );
  revalidatePath("/ev", "layout");
  return state;
}

export async function recordFindingAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    visitId: form.get("visitId"),
    itemId: form.get("itemId") ?? "",
    agreesAssessment: form.get("agreesAssessment") ?? "",
    agreesIv: form.get("agreesIv") ?? "",
    text: form.get("text"),
  };
  const state = await runAction(findingSchema, input, async (actor, data) => {
    await recordFinding(actor, data);
    return "Finding recorded.";
  });
  revalidatePath("/ev", "layout");
  return state;
}

export async function setEvActionPointAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = { visitId: form.get("visitId"), text: form.get("text"), targetOn: form.get("targetOn") };
  const state = await runAction(evActionPointSchema, input, async (actor, data) => {
    await setEvActionPoint(actor, data);
    return "Action point set. The centre's administrator sees it and responds.";
  });
  revalidatePath("/ev", "layout");
  return state;
}

export async function countersignAsEvAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    centreId: form.get("centreId"),
    ids: form.getAll("ids"),
    password: form.get("password") ?? "",
    declared: form.get("declared") === "yes",
  };
  const state = await runAction(ivCountersignSchema.extend({ centreId: z.uuid() }), input, async (actor, data) => {
    await countersignVerdictsAsEv(actor, data);
    return `Countersigned ${data.ids.length} verification${data.ids.length === 1 ? "" : "s"}.`;
  });
  revalidatePath("/ev", "layout");
  revalidatePath("/iv", "layout");
  return state;
}
