"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { runAction, runActionConfirming, type ActionState } from "@/lib/auth/action";
import { assignCandidate, unassignCandidate } from "@/lib/server/identity";
import { recordCompetence } from "@/lib/server/internal-verification";
import { competenceSchema } from "@/lib/validation/assessment";
import { recordRegistrationNumbers, registerCandidate } from "@/lib/server/registrations";
import { registrationNumbersSchema, registrationSchema } from "@/lib/validation/registration";
import { raiseClaim } from "@/lib/server/claims";
import {
  createUser,
  setDateOfBirth,
  setStartedAtCentre,
  setUserActive,
  setUserRoles,
  setWithdrawal,
} from "@/lib/server/identity";
import { claimSchema } from "@/lib/validation/claims";
import { formatDateTime } from "@/lib/domain/format";
import { siteUrl } from "@/lib/http/site-url";
import { respondToEvAction } from "@/lib/server/external-verification";
import { createSamplePackLink, revokeSamplePackLink } from "@/lib/server/external-verification";
import { evActionResponseSchema, samplePackSchema } from "@/lib/validation/external-verification";
import { z } from "zod";
import {
  assignmentSchema,
  createUserSchema,
  dateOfBirthSchema,
  setActiveSchema,
  setRolesSchema,
  startedAtCentreSchema,
  withdrawalSchema,
} from "@/lib/validation/user";

export async function createUserAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    name: form.get("name"),
    email: form.get("email"),
    password: form.get("password"),
    roles: form.getAll("roles"),
    dateOfBirth: form.get("dateOfBirth") ?? "",
  };
  let createdId = "";
  const state = await runActionConfirming(createUserSchema, input, form, async (actor, data) => {
    createdId = (await createUser(actor, data)).id;
  });
  if (!state.ok)
    return {
      ...state,
      values: {
        name: String(input.name ?? ""),
        email: String(input.email ?? ""),
        roles: input.roles.map(String),
        dateOfBirth: String(input.dateOfBirth),
      },
    };
  revalidatePath("/admin");
  redirect(`/admin/users/${createdId}?created=1`);
}

export async function setDateOfBirthAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    dateOfBirthSchema,
    { userId: form.get("userId"), dateOfBirth: form.get("dateOfBirth") },
    async (actor, data) => {
      await setDateOfBirth(actor, data);
      return "Date of birth saved.";
    },
  );
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function setRolesAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    setRolesSchema,
    { userId: form.get("userId"), roles: form.getAll("roles") },
    async (actor, data) => {
      await setUserRoles(actor, data);
      return "Roles saved.";
    },
  );
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function setActiveAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = { userId: form.get("userId"), active: form.get("active") === "true" };
  const state = await runAction(setActiveSchema, input, async (actor, data) => {
    await setUserActive(actor, data);
    return data.active ? "Account reactivated." : "Account deactivated. The user has been signed out everywhere.";
  });
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function assignCandidateAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = { candidateId: form.get("candidateId"), assessorId: form.get("assessorId") };
  const remove = form.get("intent") === "remove";
  const state = await runAction(assignmentSchema, input, async (actor, data) => {
    if (remove) await unassignCandidate(actor, data);
    else await assignCandidate(actor, data);
    return remove ? "Assessor removed." : "Assessor assigned.";
  });
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function registerCandidateAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    candidateId: form.get("candidateId"),
    specId: form.get("specId"),
    registeredOn: form.get("registeredOn"),
    units: form.getAll("units"),
  };
  const state = await runAction(registrationSchema, input, async (actor, data) => {
    await registerCandidate(actor, data);
    return "Registration saved.";
  });
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function recordCompetenceAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    userId: form.get("userId"),
    role: form.get("role"),
    status: form.get("status"),
    award: form.get("award") ?? "",
    achievedOn: form.get("achievedOn") ?? "",
    certificateNumber: form.get("certificateNumber") ?? "",
    occupationalCompetence: form.get("occupationalCompetence") ?? "",
  };
  const state = await runAction(competenceSchema, input, async (actor, data) => {
    await recordCompetence(actor, data);
    return "Competence record saved. The earlier record stays in the history.";
  });
  revalidatePath("/admin", "layout");
  return state;
}

export async function raiseClaimAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    candidateId: form.get("candidateId"),
    registrationId: form.get("registrationId"),
    kind: form.get("kind"),
    units: form.getAll("units"),
    correctsId: form.get("correctsId") ?? "",
  };
  let id = "";
  const state = await runAction(claimSchema, input, async (actor, data) => {
    id = (await raiseClaim(actor, data)).id;
  });
  if (!state.ok) return state;
  revalidatePath("/admin", "layout");
  redirect(`/admin/claims/${id}?raised=1`);
}

export async function respondToEvActionAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    evActionResponseSchema,
    { actionPointId: form.get("actionPointId"), text: form.get("text") },
    async (actor, data) => {
      await respondToEvAction(actor, data);
      return "Response sent to the external verifier.";
    },
  );
  revalidatePath("/admin", "layout");
  return state;
}

export async function createSamplePackAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    evEmail: form.get("evEmail"),
    candidateEmails: form.get("candidateEmails"),
    days: form.get("days"),
    note: form.get("note") ?? "",
  };
  let created: ActionState["created"];
  const state = await runActionConfirming(samplePackSchema, input, form, async (actor, data) => {
    const { token, expiresAt } = await createSamplePackLink(actor, data);
    // The whole address, made here: the form shows it once, also on a page the server renders (no JavaScript).
    created = { url: `${siteUrl()}/sample-packs/${token}`, expires: formatDateTime(expiresAt), name: data.evEmail };
    return "Sample-pack link created.";
  });
  revalidatePath("/admin", "layout");
  // A refused form comes back filled in, so a list of candidates is not lost to one typo.
  return state.ok
    ? { ...state, created }
    : {
        ...state,
        values: Object.fromEntries(Object.entries(input).map(([k, v]) => [k, typeof v === "string" ? v : ""])),
      };
}

export async function revokeSamplePackAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(z.object({ linkId: z.uuid() }), { linkId: form.get("linkId") }, async (actor, data) => {
    await revokeSamplePackLink(actor, data.linkId);
    return "Link withdrawn: it no longer opens.";
  });
  revalidatePath("/admin", "layout");
  return state;
}

export async function withdrawalAction(_: ActionState, form: FormData): Promise<ActionState> {
  const withdrawn = form.get("withdrawn") === "true";
  const state = await runAction(
    withdrawalSchema,
    { userId: form.get("userId"), withdrawn, reason: form.get("reason") ?? "" },
    async (actor, data) => {
      await setWithdrawal(actor, data);
      return withdrawn ? "Withdrawal recorded." : "Withdrawal cancelled: the candidate is back on the programme.";
    },
  );
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function registrationNumbersAction(_: ActionState, form: FormData): Promise<ActionState> {
  const input = {
    registrationId: form.get("registrationId"),
    enrolmentNumber: form.get("enrolmentNumber") ?? "",
    uln: form.get("uln") ?? "",
  };
  const state = await runAction(registrationNumbersSchema, input, async (actor, data) => {
    await recordRegistrationNumbers(actor, data);
    return "Enrolment number and ULN saved.";
  });
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}

export async function setStartedAtCentreAction(_: ActionState, form: FormData): Promise<ActionState> {
  const state = await runAction(
    startedAtCentreSchema,
    { userId: form.get("userId"), startedOn: form.get("startedOn") },
    async (actor, data) => {
      await setStartedAtCentre(actor, data);
      return "Start date at the centre saved.";
    },
  );
  if (state.ok) revalidatePath("/admin", "layout");
  return state;
}
