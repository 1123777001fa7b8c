"use server";
// Asking a witness for testimony: the same form for the candidate and for their assessor, who
// lib/server/witnesses/testimony-requests.ts tells apart.
import { revalidatePath } from "next/cache";
import { runAction, type ActionState } from "@/lib/auth/action";
import { requestTestimony } from "@/lib/server/witnesses";
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

export async function requestTestimonyAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = requestInput(form);
  const state = await runAction(requestTestimonySchema, input, async (actor, data) => {
    await requestTestimony(actor, data);
    return "Request sent. The witness sees it when they sign in.";
  });
  if (!state.ok) return { ...state, values: { ...input, attachmentId: input.attachmentId ?? "" } };
  revalidatePath("/candidate/testimony");
  revalidatePath(`/assessor/candidates/${input.candidateId}/testimony`);
  return state;
}
