// A printable PDF summary of one claim, from its frozen pack.
import { NextResponse } from "next/server";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { pdfDownload } from "@/lib/http/downloads";
import { claimSummaryPdf } from "@/lib/server/claims";
import { AppError, ERROR_TEXT, httpStatus } from "@/lib/server/core";

export async function GET(_: Request, context: { params: Promise<{ claimId: string }> }) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: ERROR_TEXT.UNAUTHENTICATED }, { status: 401 });
  const id = z.uuid().safeParse((await context.params).claimId);
  if (!id.success) return NextResponse.json({ error: ERROR_TEXT.NOT_FOUND }, { status: 404 });
  try {
    return pdfDownload(await claimSummaryPdf(actor, id.data));
  } catch (error) {
    if (error instanceof AppError)
      return NextResponse.json({ error: ERROR_TEXT[error.code] }, { status: httpStatus(error.code) });
    throw error;
  }
}
