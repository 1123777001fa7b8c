// A qualification's specification as a JSON file, in the interchange format it was imported in.
import { NextResponse } from "next/server";
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { getQualification } from "@/lib/server/catalogue";
import { AppError, ERROR_TEXT, httpStatus } from "@/lib/server/core";

export async function GET(_: Request, context: { params: Promise<{ specId: string }> }) {
  const actor = await getActor();
  if (!actor) return NextResponse.json({ error: ERROR_TEXT.UNAUTHENTICATED }, { status: 401 });
  const id = z.uuid().safeParse((await context.params).specId);
  if (!id.success) return NextResponse.json({ error: ERROR_TEXT.NOT_FOUND }, { status: 404 });
  try {
    const spec = await getQualification(actor, id.data);
    return new NextResponse(`${JSON.stringify(spec.suite, null, 2)}\n`, {
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Content-Disposition": `attachment; filename="${spec.code}-v${spec.version}.json"`,
        "X-Content-Type-Options": "nosniff",
      },
    });
  } catch (error) {
    if (error instanceof AppError)
      return NextResponse.json({ error: ERROR_TEXT[error.code] }, { status: httpStatus(error.code) });
    throw error;
  }
}
