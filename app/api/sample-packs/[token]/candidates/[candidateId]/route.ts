// One candidate's portfolio ZIP from a sample pack, for the EV the link was made for (lib/server/sample-packs.ts).
import { z } from "zod";
import { requestFacts } from "@/lib/auth/request-facts";
import { getActor } from "@/lib/auth/session";
import { AppError, ERROR_TEXT, httpStatus } from "@/lib/server/errors";
import { samplePackPortfolio } from "@/lib/server/sample-packs";
import { toWebStream } from "@/lib/storage/web-stream";

export const dynamic = "force-dynamic";

const plain = (status: number, body: string) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export async function GET(_: Request, context: { params: Promise<{ token: string; candidateId: string }> }) {
  // Signed out or not, the attempt is checked and logged (a 401 for the signed out).
  const actor = await getActor();
  const { token, candidateId } = await context.params;
  const id = z.uuid().safeParse(candidateId);
  if (!id.success) return plain(404, ERROR_TEXT.NOT_FOUND);
  try {
    const zip = await samplePackPortfolio(actor, token, id.data, await requestFacts());
    return new Response(toWebStream(zip.stream), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${zip.name.replace(/[^\x20-\x7e]|["\\]/g, "_")}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return actor ? plain(httpStatus(error.code), ERROR_TEXT[error.code]) : plain(401, ERROR_TEXT.UNAUTHENTICATED);
    throw error;
  }
}
