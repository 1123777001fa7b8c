"use server";
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { requestTestimony } from "@/lib/server/testimony-requests";
import { requestTestimonySchema } from "@/lib/validation/witness";

/** The form's fields as the schema takes them, and as they come back to refill a refused form. */
function requestInput(form: FormData) {
  const attachment = form.get("attachmentId");
  return {
    candidateId: String(form.get("candidateId") ?? ""),
    witnessId: String(form.get("witnessId") ?? ""),
    specId: String(form.get("specId") ?? ""),
    criteria: form.getAll("criteria").map(String),
    message: String(form.get("message") ?? ""),
    attachmentId: typeof attachment === "string" && attachment !== "" ? attachment : undefined,
  };
}

export async function assessorRequestTestimonyAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = requestInput(form);
  const state = await runAction(requestTestimonySchema, input, async (actor, data) => {
    await requestTestimony(actor, data);
    return "Request sent. The witness sees it when they sign in.";
  });
  if (!state.ok) return { ...state, values: { ...input, attachmentId: input.attachmentId ?? "" } };
  revalidatePath(`/assessor/candidates/${input.candidateId}/testimony`);
  return state;
}
