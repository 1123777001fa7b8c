// Responses for the routes that hand over a file: a streamed ZIP, a PDF, or a plain-text refusal.
import type { Readable } from "node:stream";
import { NextResponse } from "next/server";
import { toWebStream } from "@/lib/storage/web-stream";

/** A filename that is safe inside a quoted Content-Disposition value. */
const safeName = (name: string) => name.replace(/[^\x20-\x7e]|["\\]/g, "_");

export const plainText = (status: number, body: string) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });

export function zipDownload(zip: { name: string; stream: Readable }) {
  return new Response(toWebStream(zip.stream), {
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": `attachment; filename="${safeName(zip.name)}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
    },
  });
}

export function pdfDownload(pdf: { bytes: Uint8Array; name: string }) {
  return new NextResponse(Buffer.from(pdf.bytes), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${safeName(pdf.name)}"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

/**
 * For a download that needs the password confirmed (REAUTH_REQUIRED): to the confirmation page,
 * which links back to the download (same site, the path as the server saw it).
 */
export function confirmPasswordFirst(request: Request) {
  const back = new URL(request.url);
  return new Response(null, {
    status: 303,
    headers: {
      Location: `/confirm-password?next=${encodeURIComponent(back.pathname + back.search)}`,
      "Cache-Control": "no-store",
    },
  });
}
