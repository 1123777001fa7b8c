"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/auth/action";
import {
  createEvidence,
  newEvidenceVersion,
  removeEvidenceFile,
  setEvidenceMapping,
  submitEvidence,
  updateEvidence,
} from "@/lib/server/evidence";
import { cancelUpload } from "@/lib/server/evidence";
import { countersignUnitAsCandidate } from "@/lib/server/assessment";
import { actionPointSchema, candidateSignatureSchema } from "@/lib/validation/assessment";
import { markActionPointDone } from "@/lib/server/assessment";
import {
  evidenceDetailsSchema,
  evidenceIdSchema,
  submitEvidenceSchema,
  fileIdSchema,
  mappingSchema,
  updateEvidenceSchema,
  uploadIdSchema,
} from "@/lib/validation/evidence";

const details = (form: FormData) => ({
  title: form.get("title"),
  description: form.get("description") ?? "",
  activityDate: form.get("activityDate"),
  method: form.get("method"),
  place: form.get("place") ?? "",
});
const typed = (form: FormData) => ({
  title: String(form.get("title") ?? ""),
  description: String(form.get("description") ?? ""),
  activityDate: String(form.get("activityDate") ?? ""),
  method: String(form.get("method") ?? ""),
  place: String(form.get("place") ?? ""),
});

export async function createEvidenceAction(_: ActionState, form: FormData): Promise<ActionState> {
  let id = "";
  const state = await runAction(evidenceDetailsSchema, details(form), async (actor, data) => {
    id = (await createEvidence(actor, data)).id;
  });
  if (!state.ok) return { ...state, values: typed(form) };
  redirect(`/candidate/evidence/${id}?created=1`);
}

export async function updateEvidenceAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    updateEvidenceSchema,
    { ...details(form), evidenceId: form.get("evidenceId") },
    async (actor, data) => {
      await updateEvidence(actor, data.evidenceId, data);
      return "Details saved.";
    },
  );
  if (!state.ok) return { ...state, values: typed(form) };
  revalidatePath("/candidate", "layout");
  return state;
}

export async function submitEvidenceAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    submitEvidenceSchema,
    { evidenceId: form.get("evidenceId"), declared: form.get("declared") === "yes" },
    async (actor, data) => {
      await submitEvidence(actor, data.evidenceId, { declared: data.declared });
      return "Submitted for assessment. The files are now frozen.";
    },
  );
  if (state.ok) revalidatePath("/candidate", "layout");
  return state;
}

export async function newVersionAction(_: ActionState, form: FormData): Promise<ActionState> {
  let id = "";
  const state = await runAction(evidenceIdSchema, { evidenceId: form.get("evidenceId") }, async (actor, data) => {
    id = (await newEvidenceVersion(actor, data.evidenceId)).id;
  });
  if (!state.ok) return state;
  redirect(`/candidate/evidence/${id}?created=1`);
}

export async function removeFileAction(_: ActionState, form: FormData): Promise<ActionState> {
  revalidatePath("/assessor", "layout");
  const state = await runAction(fileIdSchema, { fileId: form.get("fileId") }, async (actor, data) => {
    await removeEvidenceFile(actor, data.fileId);
    return "File removed.";
  });
  if (state.ok) revalidatePath("/candidate", "layout");
  return state;
}

export async function mapEvidenceAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = { evidenceId: form.get("evidenceId"), specId: form.get("specId"), criteria: form.getAll("criteria") };
  const state = await runAction(mappingSchema, input, async (actor, data) => {
    await setEvidenceMapping(actor, data);
    return `Mapping saved: ${data.criteria.length} ${data.criteria.length === 1 ? "criterion" : "criteria"}.`;
  });
  if (state.ok) revalidatePath("/candidate", "layout");
  return state;
}

export async function cancelUploadAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(uploadIdSchema, { uploadId: form.get("uploadId") }, async (actor, data) => {
    await cancelUpload(actor, data.uploadId);
    return "Upload cancelled. Its space is free again.";
  });
  if (state.ok) revalidatePath("/candidate", "layout");
  return state;
}

export async function countersignUnitAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    signOffId: form.get("signOffId"),
    password: form.get("password") ?? "",
    declared: form.get("declared") === "yes",
  };
  const state = await runAction(candidateSignatureSchema, input, async (actor, data) => {
    await countersignUnitAsCandidate(actor, data);
    return "Unit countersigned.";
  });
  revalidatePath("/candidate", "layout");
  return state;
}

export async function actionPointDoneAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    actionPointSchema,
    { actionPointId: form.get("actionPointId") },
    async (actor, data) => {
      await markActionPointDone(actor, data.actionPointId);
      return "Marked as done. Your assessor can see it.";
    },
  );
  revalidatePath("/candidate", "layout");
  return state;
}
