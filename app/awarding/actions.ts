"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, runActionConfirming, type ActionState } from "@/lib/auth/action";
import { setCentreApproval } from "@/lib/server/awarding-body";
import { appointVerifier, createVerifier, endAppointment, setVerifierActive } from "@/lib/server/awarding-body";
import { centreApprovalSchema } from "@/lib/validation/claims";
import { appointmentSchema, createVerifierSchema, setActiveSchema } from "@/lib/validation/user";

export async function createVerifierAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = { name: form.get("name"), email: form.get("email"), password: form.get("password") };
  let createdId = "";
  const state = await runActionConfirming(createVerifierSchema, input, form, async (actor, data) => {
    createdId = (await createVerifier(actor, data)).id;
  });
  if (!state.ok) return { ...state, values: { name: String(input.name ?? ""), email: String(input.email ?? "") } };
  revalidatePath("/awarding");
  redirect(`/awarding/verifiers/${createdId}?created=1`);
}

export async function setVerifierActiveAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = { userId: form.get("userId"), active: form.get("active") === "true" };
  const state = await runAction(setActiveSchema, input, async (actor, data) => {
    await setVerifierActive(actor, data);
    return data.active ? "Account reactivated." : "Account deactivated. The verifier has been signed out everywhere.";
  });
  if (state.ok) revalidatePath("/awarding", "layout");
  return state;
}

export async function appointmentAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = { userId: form.get("userId"), centreId: form.get("centreId") };
  const end = form.get("intent") === "end";
  const state = await runAction(appointmentSchema, input, async (actor, data) => {
    if (end) await endAppointment(actor, data);
    else await appointVerifier(actor, data);
    return end ? "Appointment ended." : "Verifier appointed.";
  });
  if (state.ok) revalidatePath("/awarding", "layout");
  return state;
}

export async function setCentreApprovalAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    centreId: form.get("centreId"),
    specCode: form.get("specCode"),
    unitRef: form.get("unitRef"),
    approved: form.get("approved") === "yes",
  };
  const state = await runAction(centreApprovalSchema, input, async (actor, data) => {
    await setCentreApproval(actor, data);
    return data.approved ? "Approval granted." : "Approval withdrawn.";
  });
  revalidatePath("/awarding", "layout");
  return state;
}
