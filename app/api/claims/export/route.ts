// Released claims as CSV for the awarding body (columns: docs/claims-export.md).
import { NextResponse } from "next/server";
import { getActor } from "@/lib/auth/session";
import { londonToday } from "@/lib/domain/today";
import { releasedClaimsCsv } from "@/lib/server/claims";
import { confirmPasswordFirst } from "@/lib/http/downloads";
import { AppError, ERROR_TEXT, httpStatus } from "@/lib/server/core";

export async function GET(request: Request) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: ERROR_TEXT.UNAUTHENTICATED }, { status: 401 });
  try {
    const csv = await releasedClaimsCsv(actor);
    return new NextResponse(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="released-claims-${londonToday()}.csv"`,
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "REAUTH_REQUIRED") return confirmPasswordFirst(request);
    if (error instanceof AppError)
      return NextResponse.json({ error: ERROR_TEXT[error.code] }, { status: httpStatus(error.code) });
    throw error;
  }
}
