"use server";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { runAction, type ActionState } from "@/lib/auth/action";
import { formatSheetProblems, UNIT_SHEET_LIMITS } from "@/lib/catalogue/unit-sheet";
import { discardUnitDraft, importUnitContent, publishUnitDraft, saveUnitDraft } from "@/lib/server/catalogue";
import { AppError, ERROR_TEXT, logWithReference, quoteReference } from "@/lib/server/core";
import { draftFormSchema, draftFromForm, startDraftSchema, unitKeySchema } from "@/lib/validation/unit-content";

const key = (form: FormData) => ({
  specId: form.get("specId"),
  unitRef: form.get("unitRef"),
  level: form.get("level"),
});

const refresh = (specId: string, unitRef: string) => {
  revalidatePath(`/awarding/units/${specId}/${unitRef}`);
  revalidatePath("/awarding/units");
};

/** Saves the editor's fields, then does what the pressed button says (add, move, remove). */
export async function saveUnitDraftAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(draftFormSchema, { ...key(form), op: form.get("op") ?? undefined }, async (actor, data) => {
    const { refused } = await saveUnitDraft(actor, { ...data, draft: draftFromForm(form) });
    refresh(data.specId, data.unitRef);
    return refused ? `Draft saved, but: ${refused}` : data.op ? "Draft saved with the change." : "Draft saved.";
  });
}

export async function startUnitDraftAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(startDraftSchema, { ...key(form), start: form.get("start") }, async (actor, data) => {
    const { refused } = await saveUnitDraft(actor, { ...data, draft: null, op: null });
    refresh(data.specId, data.unitRef);
    return refused ?? "Draft started.";
  });
}

export async function discardUnitDraftAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(unitKeySchema, key(form), async (actor, data) => {
    await discardUnitDraft(actor, data);
    refresh(data.specId, data.unitRef);
    return "Draft discarded. What is published is unchanged.";
  });
}

export async function publishUnitDraftAction(_: ActionState, form: FormData): Promise<ActionState> {
  return runAction(unitKeySchema, key(form), async (actor, data) => {
    const result = await publishUnitDraft(actor, data);
    refresh(data.specId, data.unitRef);
    revalidatePath("/catalogue", "layout");
    const done = result.versions.map((v) =>
      v.how === "filled" ? `${v.code} version ${v.version} filled` : `${v.code} new version ${v.version}`,
    );
    return done.length === 0
      ? "Nothing changed: this content is already published."
      : `Published: ${done.join("; ")}.${result.notified > 0 ? ` ${result.notified} people at centres with candidates on the unit were notified.` : ""}`;
  });
}

export type UnitImportState = {
  ok: boolean;
  message?: string;
  problems?: string[];
  plan?: { unit: string; status: string; detail: string }[];
  dryRun?: boolean;
};

/** Checks (dry run) or publishes a CSV or XLSX file of unit content: all of it or nothing. */
export async function importUnitsAction(_: UnitImportState, form: FormData): Promise<UnitImportState> {
  const actor = await getActor();
  if (!actor) return { ok: false, message: ERROR_TEXT.UNAUTHENTICATED };
  const file = form.get("file");
  const dryRun = form.get("mode") !== "publish";
  if (!(file instanceof File) || file.size === 0)
    return { ok: false, message: "Choose a spreadsheet (.xlsx or .csv)." };
  if (file.size > UNIT_SHEET_LIMITS.bytes)
    return {
      ok: false,
      message: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; unit spreadsheets are at most ${UNIT_SHEET_LIMITS.bytes / 1024 / 1024} MB.`,
    };
  try {
    const result = await importUnitContent(
      actor,
      { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name },
      { dryRun },
    );
    if (!result.ok) {
      return {
        ok: false,
        dryRun,
        message: `Nothing was published: ${file.name} has ${result.problems.length === 1 ? "a problem" : `${result.problems.length} problems`}.`,
        problems: formatSheetProblems(result.problems),
      };
    }
    const plan = result.units.map((u) => ({
      unit: `${u.unitRef} ${u.title}, level ${u.level} (${u.qualifications.map((q) => q.code).join(", ")})`,
      status:
        u.status === "fill"
          ? dryRun
            ? "Would fill the current version (no content yet)"
            : "Filled the current version"
          : u.status === "change"
            ? dryRun
              ? "Would make a new version (changes published content)"
              : "New version made"
            : "Unchanged (already published)",
      detail: `${u.added} added, ${u.changed} changed, ${u.removed} removed`,
    }));
    if (!dryRun) {
      revalidatePath("/awarding/units", "layout");
      revalidatePath("/catalogue", "layout");
    }
    return {
      ok: true,
      dryRun,
      message: dryRun
        ? `Dry run of ${file.name}: every row is good. Nothing has been published yet.`
        : `Published ${file.name}.${result.dryRun ? "" : result.notified > 0 ? ` ${result.notified} people at centres with candidates on these units were notified.` : ""}`,
      plan,
    };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: ERROR_TEXT[error.code] };
    const reference = logWithReference("Unit content import failed", error);
    return { ok: false, message: `${ERROR_TEXT.INTERNAL} ${quoteReference(reference)}` };
  }
}
