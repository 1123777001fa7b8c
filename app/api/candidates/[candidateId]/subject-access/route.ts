// Everything held about a candidate, as a streamed ZIP (lib/server/subject-access.ts): for the
// candidate, or an administrator of their centre who has confirmed their password recently (else
// they are sent to confirm it and come back here).
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { confirmPasswordFirst, plainText, zipDownload } from "@/lib/http/downloads";
import { AppError, ERROR_TEXT, httpStatus } from "@/lib/server/errors";
import { subjectAccessExport } from "@/lib/server/subject-access";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ candidateId: string }> }) {
  const actor = await getActor();
  if (!actor) return plainText(401, ERROR_TEXT.UNAUTHENTICATED);
  const id = z.uuid().safeParse((await context.params).candidateId);
  if (!id.success) return plainText(404, ERROR_TEXT.NOT_FOUND);
  try {
    return zipDownload(await subjectAccessExport(actor, id.data));
  } catch (error) {
    if (error instanceof AppError && error.code === "REAUTH_REQUIRED") return confirmPasswordFirst(request);
    if (error instanceof AppError) return plainText(httpStatus(error.code), ERROR_TEXT[error.code]);
    throw error;
  }
}
