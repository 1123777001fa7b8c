"use server";
import { revalidatePath } from "next/cache";
import { getActor } from "@/lib/auth/session";
import { MAX_SPEC_BYTES, formatProblems } from "@/lib/catalogue/parse-spec";
import { importSpecification } from "@/lib/server/catalogue";
import { logWithReference, quoteReference } from "@/lib/server/core";
import { AppError, ERROR_TEXT } from "@/lib/server/core";

export type ImportState = { ok: boolean; message?: string; problems?: string[]; imported?: string[] };

export async function importSpecificationAction(_: ImportState, form: FormData): Promise<ImportState> {
  const actor = await getActor();
  if (!actor) return { ok: false, message: ERROR_TEXT.UNAUTHENTICATED };
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    return { ok: false, message: "Choose a specification file (.json) to import." };
  }
  if (file.size > MAX_SPEC_BYTES) {
    return {
      ok: false,
      message: `The file is ${(file.size / 1024 / 1024).toFixed(1)} MB; specification files are at most ${MAX_SPEC_BYTES / 1024 / 1024} MB.`,
    };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    return { ok: false, message: "The file is not UTF-8 text. Specification files are JSON." };
  }
  try {
    const result = await importSpecification(actor, text);
    if (!result.ok) {
      return {
        ok: false,
        message: `Nothing was imported: ${file.name} has ${result.problems.length === 1 ? "a problem" : `${result.problems.length} problems`}.`,
        problems: formatProblems(result.problems),
      };
    }
    revalidatePath("/catalogue");
    const imported = result.outcomes.map(
      (o) =>
        `${o.code} ${o.title}, version ${o.version}: ${o.status === "imported" ? "added" : "already in the catalogue"}`,
    );
    return { ok: true, message: `Imported ${file.name}.`, imported };
  } catch (error) {
    if (error instanceof AppError) return { ok: false, message: ERROR_TEXT[error.code] };
    const reference = logWithReference("Specification import failed", error);
    return { ok: false, message: `${ERROR_TEXT.INTERNAL} ${quoteReference(reference)}` };
  }
}
