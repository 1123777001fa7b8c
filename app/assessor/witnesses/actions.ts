"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { formatDateTime } from "@/lib/domain/format";
import { createWitnessInvitation } from "@/lib/server/witnesses";
import { addWitness, linkWitness, vetWitness } from "@/lib/server/witnesses";
import { addWitnessSchema, linkWitnessSchema, vetWitnessSchema, witnessIdSchema } from "@/lib/validation/witness";

const text = (form: FormData, name: string) => String(form.get(name) ?? "");

export async function addWitnessAction(_: ActionState, form: FormData): Promise<ActionState> {
  const fields = ["name", "email", "organisation", "jobRole", "occupationalCompetence"] as const;
  const input = Object.fromEntries(fields.map((f) => [f, text(form, f)]));
  const state = await runAction(addWitnessSchema, input, async (actor, data) => {
    await addWitness(actor, data);
    return `${data.name} is on the register. Vet them, link them to a candidate, and send them an invitation link.`;
  });
  if (!state.ok) return { ...state, values: input };
  revalidatePath("/assessor/witnesses");
  return state;
}

export async function linkWitnessAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    witnessId: form.get("witnessId"),
    candidateId: form.get("candidateId"),
    relationship: text(form, "relationship"),
  };
  const state = await runAction(linkWitnessSchema, input, async (actor, data) => {
    await linkWitness(actor, data);
    return "Witness linked to the candidate.";
  });
  if (state.ok) revalidatePath("/assessor", "layout");
  return state;
}

export async function vetWitnessAction(_: ActionState, form: FormData): Promise<ActionState> {
  const decision = form.get("approved");
  const input = {
    witnessId: form.get("witnessId"),
    approved: decision === "yes" ? true : decision === "no" ? false : undefined,
    note: text(form, "note"),
  };
  const state = await runAction(vetWitnessSchema, input, async (actor, data) => {
    await vetWitness(actor, data);
    return data.approved
      ? "Vetting recorded: approved to give testimony."
      : "Vetting recorded: not approved. They cannot be asked for testimony.";
  });
  if (state.ok) revalidatePath("/assessor", "layout");
  return state;
}

export async function createInvitationAction(_: ActionState, form: FormData): Promise<ActionState> {
  let created: ActionState["created"];
  const state = await runAction(witnessIdSchema, { witnessId: form.get("witnessId") }, async (actor, data) => {
    const { token, expiresAt, name } = await createWitnessInvitation(actor, data);
    created = { path: `/invite/${token}`, expires: formatDateTime(expiresAt), name };
    return "Invitation link created. Any earlier unused link for this witness no longer works.";
  });
  return state.ok ? { ...state, created } : state;
}
