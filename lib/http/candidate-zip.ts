import "server-only";
// The GET handler of a route that streams one candidate's ZIP (their portfolio, their subject
// access export): signed in, a real id, the server function's own checks, and a download that
// needs the password confirmed sent to confirm it first.
import type { Readable } from "node:stream";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import type { Actor } from "@/lib/domain/policy";
import { AppError, ERROR_TEXT, httpStatus } from "@/lib/server/core/errors";
import { confirmPasswordFirst, plainText, zipDownload } from "./downloads";

export function candidateZipRoute(
  make: (actor: Actor, candidateId: string) => Promise<{ name: string; stream: Readable }>,
) {
  return async function GET(request: Request, context: { params: Promise<{ candidateId: string }> }) {
    const actor = await getActor();
    if (!actor) return plainText(401, ERROR_TEXT.UNAUTHENTICATED);
    const id = z.uuid().safeParse((await context.params).candidateId);
    if (!id.success) return plainText(404, ERROR_TEXT.NOT_FOUND);
    try {
      return zipDownload(await make(actor, id.data));
    } catch (error) {
      if (error instanceof AppError && error.code === "REAUTH_REQUIRED") return confirmPasswordFirst(request);
      if (error instanceof AppError) return plainText(httpStatus(error.code), ERROR_TEXT[error.code]);
      throw error;
    }
  };
}
