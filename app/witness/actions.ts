"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/auth/action";
import { removeEvidenceFile } from "@/lib/server/evidence";
import { signTestimony, startTestimonyDraft } from "@/lib/server/witnesses";
import { fileIdSchema } from "@/lib/validation/evidence";
import { requestIdSchema, signTestimonySchema } from "@/lib/validation/witness";

export async function startDraftAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(requestIdSchema, { requestId: form.get("requestId") }, async (actor, data) => {
    await startTestimonyDraft(actor, data.requestId);
    return "You can add files now.";
  });
  if (state.ok) revalidatePath("/witness", "layout");
  return state;
}

export async function removeWitnessFileAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(fileIdSchema, { fileId: form.get("fileId") }, async (actor, data) => {
    await removeEvidenceFile(actor, data.fileId);
    return "File removed.";
  });
  if (state.ok) revalidatePath("/witness", "layout");
  return state;
}

export async function signTestimonyAction(_: ActionState, form: FormData): Promise<ActionState> {
  const statements: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    if (name.startsWith("statement:") && typeof value === "string") statements[name.slice("statement:".length)] = value;
  }
  const requestId = String(form.get("requestId") ?? "");
  const state = await runAction(
    signTestimonySchema,
    { requestId, statements, declared: form.get("declared") === "yes" },
    async (actor, data) => {
      await signTestimony(actor, data);
    },
  );
  if (!state.ok)
    return {
      ...state,
      values: Object.fromEntries(Object.entries(statements).map(([key, text]) => [`statement:${key}`, text])),
    };
  revalidatePath("/witness", "layout");
  redirect(`/witness/requests/${requestId}?signed=1`);
}
