"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, type ActionState } from "@/lib/auth/action";
import {
  acceptAwaitingCriteria,
  correctSignOff,
  countersignDecision,
  judgeCriterion,
  signOffUnit,
} from "@/lib/server/assessment";
import { createAssessorEvidence } from "@/lib/server/evidence";
import { markIvActionDone, respondToSample } from "@/lib/server/internal-verification";
import { markActionPointDone, recordReview } from "@/lib/server/assessment";
import {
  acceptAwaitingSchema,
  actionPointRows,
  correctionSchema,
  countersignSchema,
  responseSchema,
  judgementSchema,
  reviewSchema,
  signOffSchema,
} from "@/lib/validation/assessment";
import { setEvidenceMapping, submitEvidence, updateEvidence } from "@/lib/server/evidence";
import {
  assessorEvidenceSchema,
  mappingSchema,
  submitEvidenceSchema,
  updateEvidenceSchema,
} from "@/lib/validation/evidence";
import { actionPointSchema } from "@/lib/validation/assessment";

const checked = (form: FormData, name: string) => form.get(name) === "yes";
/** The VARCS checkboxes of a judging form. */
const checks = (form: FormData) => ({
  valid: checked(form, "valid"),
  authentic: checked(form, "authentic"),
  reliable: checked(form, "reliable"),
  current: checked(form, "current"),
  sufficient: checked(form, "sufficient"),
});

/** Whatever happened, show the state as it is now: after a conflict the assessor must see what changed. */
const refresh = () => revalidatePath("/assessor", "layout");

export async function judgeAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    evidenceId: form.get("evidenceId"),
    specId: form.get("specId"),
    unitRef: form.get("unitRef"),
    criterion: form.get("criterion"),
    outcome: form.get("outcome"),
    feedback: form.get("feedback") ?? "",
    ...checks(form),
    checksNote: form.get("checksNote") ?? "",
    expected: form.get("expected") ?? "",
  };
  const state = await runAction(judgementSchema, input, async (actor, data) => {
    await judgeCriterion(actor, data);
    return data.outcome === "ACCEPTED"
      ? `Criterion ${data.criterion} accepted.`
      : `Criterion ${data.criterion} referred back with feedback.`;
  });
  refresh();
  return state;
}

export async function acceptAwaitingAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    evidenceId: form.get("evidenceId"),
    specId: form.get("specId"),
    feedback: form.get("feedback") ?? "",
    ...checks(form),
    criteria: form.getAll("criteria"),
  };
  const state = await runAction(acceptAwaitingSchema, input, async (actor, data) => {
    const done = await acceptAwaitingCriteria(actor, data);
    return `Accepted ${done.length} criteria.`;
  });
  refresh();
  return state;
}

export async function signOffAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    candidateId: form.get("candidateId"),
    specId: form.get("specId"),
    unitRef: form.get("unitRef"),
    password: form.get("password") ?? "",
    declared: checked(form, "declared"),
    expected: form.get("expected") ?? "",
  };
  const state = await runAction(signOffSchema, input, async (actor, data) => {
    await signOffUnit(actor, data);
    return `Unit ${data.unitRef} signed off. The candidate is asked to countersign it.`;
  });
  refresh();
  return state;
}

export async function correctSignOffAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    signOffId: form.get("signOffId"),
    action: form.get("action"),
    reason: form.get("reason") ?? "",
    password: form.get("password") ?? "",
    declared: checked(form, "declared"),
  };
  const state = await runAction(correctionSchema, input, async (actor, data) => {
    await correctSignOff(actor, data);
    return data.action === "resign"
      ? "Signed off again on the evidence as it stands. The earlier record is kept."
      : "Sign-off withdrawn. The earlier record is kept.";
  });
  refresh();
  return state;
}

export async function countersignAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    kind: form.get("kind"),
    ids: form.getAll("ids"),
    password: form.get("password") ?? "",
    declared: checked(form, "declared"),
  };
  const state = await runAction(countersignSchema, input, async (actor, data) => {
    await countersignDecision(actor, data);
    return `Countersigned ${data.ids.length} decision${data.ids.length === 1 ? "" : "s"}.`;
  });
  refresh();
  return state;
}

export async function recordReviewAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    candidateId: form.get("candidateId"),
    heldOn: form.get("heldOn"),
    notes: form.get("notes") ?? "",
    nextVisitOn: form.get("nextVisitOn") ?? "",
    actions: actionPointRows(form),
  };
  const state = await runAction(reviewSchema, input, async (actor, data) => {
    await recordReview(actor, data);
    return "Review recorded.";
  });
  refresh();
  return state;
}

export async function assessorDoneAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    actionPointSchema,
    { actionPointId: form.get("actionPointId") },
    async (actor, data) => {
      await markActionPointDone(actor, data.actionPointId);
      return "Marked as done.";
    },
  );
  refresh();
  return state;
}

export async function createAssessorEvidenceAction(_: ActionState, form: FormData): Promise<ActionState> {
  let target = "";
  const input = {
    candidateId: form.get("candidateId"),
    title: form.get("title"),
    description: form.get("description") ?? "",
    activityDate: form.get("activityDate"),
    method: form.get("method"),
    place: form.get("place") ?? "",
    witnessId: form.get("witnessId") ?? "",
  };
  const state = await runAction(assessorEvidenceSchema, input, async (actor, data) => {
    const { id } = await createAssessorEvidence(actor, data);
    target = `/assessor/candidates/${data.candidateId}/evidence/${id}?created=1`;
  });
  if (!state.ok)
    return { ...state, values: Object.fromEntries(Object.entries(input).map(([k, v]) => [k, String(v ?? "")])) };
  redirect(target);
}

export async function mapRecordAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = { evidenceId: form.get("evidenceId"), specId: form.get("specId"), criteria: form.getAll("criteria") };
  const state = await runAction(mappingSchema, input, async (actor, data) => {
    await setEvidenceMapping(actor, data);
    return `Mapping saved: ${data.criteria.length} ${data.criteria.length === 1 ? "criterion" : "criteria"}.`;
  });
  refresh();
  return state;
}

export async function updateRecordAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    evidenceId: form.get("evidenceId"),
    title: form.get("title"),
    description: form.get("description") ?? "",
    activityDate: form.get("activityDate"),
    method: form.get("method"),
    place: form.get("place") ?? "",
  };
  const state = await runAction(updateEvidenceSchema, input, async (actor, data) => {
    await updateEvidence(actor, data.evidenceId, data);
    return "Details saved.";
  });
  refresh();
  if (!state.ok)
    return { ...state, values: Object.fromEntries(Object.entries(input).map(([k, v]) => [k, String(v ?? "")])) };
  return state;
}

export async function submitRecordAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    submitEvidenceSchema,
    { evidenceId: form.get("evidenceId"), declared: checked(form, "declared") },
    async (actor, data) => {
      await submitEvidence(actor, data.evidenceId, { declared: data.declared });
      return "Submitted. The candidate can now see the record, and you can judge it.";
    },
  );
  refresh();
  return state;
}

export async function respondToSampleAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    responseSchema,
    { sampleId: form.get("sampleId"), note: form.get("note") ?? "" },
    async (actor, data) => {
      await respondToSample(actor, data);
      return "Response sent to the internal verifier.";
    },
  );
  refresh();
  revalidatePath("/iv", "layout");
  return state;
}

export async function ivActionDoneAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    actionPointSchema,
    { actionPointId: form.get("actionPointId") },
    async (actor, data) => {
      await markIvActionDone(actor, data.actionPointId);
      return "Marked as done. The internal verifier can see it.";
    },
  );
  refresh();
  revalidatePath("/iv", "layout");
  return state;
}
