// A candidate's portfolio as a streamed ZIP (lib/server/portfolio-export.ts).
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { confirmPasswordFirst, plainText, zipDownload } from "@/lib/http/downloads";
import { AppError, ERROR_TEXT, httpStatus } from "@/lib/server/errors";
import { portfolioExport } from "@/lib/server/portfolio-export";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ candidateId: string }> }) {
  const actor = await getActor();
  if (!actor) return plainText(401, ERROR_TEXT.UNAUTHENTICATED);
  const id = z.uuid().safeParse((await context.params).candidateId);
  if (!id.success) return plainText(404, ERROR_TEXT.NOT_FOUND);
  try {
    return zipDownload(await portfolioExport(actor, id.data));
  } catch (error) {
    if (error instanceof AppError && error.code === "REAUTH_REQUIRED") return confirmPasswordFirst(request);
    if (error instanceof AppError) return plainText(httpStatus(error.code), ERROR_TEXT[error.code]);
    throw error;
  }
}
