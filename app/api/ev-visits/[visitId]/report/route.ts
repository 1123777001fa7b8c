// The EV's visit report as a PDF: for the visit's centre's EVs and its administrator.
import { NextResponse } from "next/server";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { pdfDownload } from "@/lib/http/downloads";
import { AppError, ERROR_TEXT, httpStatus } from "@/lib/server/core";
import { visitReportPdf } from "@/lib/server/external-verification";

export async function GET(_: Request, context: { params: Promise<{ visitId: string }> }) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: ERROR_TEXT.UNAUTHENTICATED }, { status: 401 });
  const id = z.uuid().safeParse((await context.params).visitId);
  if (!id.success) return NextResponse.json({ error: ERROR_TEXT.NOT_FOUND }, { status: 404 });
  try {
    return pdfDownload(await visitReportPdf(actor, id.data));
  } catch (error) {
    if (error instanceof AppError)
      return NextResponse.json({ error: ERROR_TEXT[error.code] }, { status: httpStatus(error.code) });
    throw error;
  }
}
