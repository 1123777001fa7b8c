// A candidate's portfolio as a streamed ZIP (lib/server/portfolio-export.ts).
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { AppError, ERROR_TEXT, httpStatus } from "@/lib/server/errors";
import { portfolioExport } from "@/lib/server/portfolio-export";
import { toWebStream } from "@/lib/storage/web-stream";

export const dynamic = "force-dynamic";

const plain = (status: number, body: string) => new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export async function GET(_: Request, context: { params: Promise<{ candidateId: string }> }) {
  const actor = await getActor();
  if (!actor) return plain(401, ERROR_TEXT.UNAUTHENTICATED);
  const id = z.uuid().safeParse((await context.params).candidateId);
  if (!id.success) return plain(404, ERROR_TEXT.NOT_FOUND);
  try {
    const zip = await portfolioExport(actor, id.data);
    return new Response(toWebStream(zip.stream), {
      headers: {
        "Content-Type": "application/zip",
        "Content-Disposition": `attachment; filename="${zip.name.replace(/[^\x20-\x7e]|["\\]/g, "_")}"`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError) return plain(httpStatus(error.code), ERROR_TEXT[error.code]);
    throw error;
  }
}
