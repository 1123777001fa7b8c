// One candidate's portfolio ZIP from a sample pack, for the EV the link was made for (lib/server/external-verification/sample-packs.ts).
import { z } from "zod";
import { requestFacts } from "@/lib/auth/request-facts";
import { getActor } from "@/lib/auth/session";
import { confirmPasswordFirst, plainText, zipDownload } from "@/lib/http/downloads";
import { AppError, ERROR_TEXT, httpStatus } from "@/lib/server/core";
import { samplePackPortfolio } from "@/lib/server/external-verification";

export const dynamic = "force-dynamic";

export async function GET(request: Request, context: { params: Promise<{ token: string; candidateId: string }> }) {
  // Signed out or not, the attempt is checked and logged (a 401 for the signed out).
  const actor = await getActor();
  const { token, candidateId } = await context.params;
  const id = z.uuid().safeParse(candidateId);
  if (!id.success) return plainText(404, ERROR_TEXT.NOT_FOUND);
  try {
    return zipDownload(await samplePackPortfolio(actor, token, id.data, await requestFacts()));
  } catch (error) {
    if (actor && error instanceof AppError && error.code === "REAUTH_REQUIRED") return confirmPasswordFirst(request);
    if (error instanceof AppError)
      return actor
        ? plainText(httpStatus(error.code), ERROR_TEXT[error.code])
        : plainText(401, ERROR_TEXT.UNAUTHENTICATED);
    throw error;
  }
}
