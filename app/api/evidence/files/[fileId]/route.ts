// Evidence files, only to those who may see the candidate's portfolio. Served as the type found
// in the content, never sniffed, under a sandboxing CSP; only images, PDFs, audio and video are
// shown inline, everything else downloads. Byte ranges let browsers seek in audio and video.
import { z } from "zod";
import { getActor } from "@/lib/auth/session";
import { allowedType, servedFileName } from "@/lib/evidence/file-types";
import { getEvidenceFile } from "@/lib/server/evidence";
import { AppError, ERROR_TEXT, httpStatus } from "@/lib/server/core";
import { evidenceStorage } from "@/lib/storage";
import { toWebStream } from "@/lib/storage/web-stream";

export const dynamic = "force-dynamic";

const plain = (status: number, body: string) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8" } });

/**
 * The saved name always ends in an extension that fits the stored type (servedFileName), so a
 * download opens as what it is: "fix.cmd" stored before the extension rule comes down as fix.cmd.txt.
 */
function disposition(kind: string, displayName: string, contentType: string, download: boolean): string {
  const inline = !download && ["image", "audio", "video"].includes(kind);
  const name = servedFileName(displayName, contentType);
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `${inline ? "inline" : "attachment"}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export async function GET(request: Request, context: { params: Promise<{ fileId: string }> }) {
  const actor = await getActor();
  if (!actor) return plain(401, ERROR_TEXT.UNAUTHENTICATED);
  const id = z.uuid().safeParse((await context.params).fileId);
  if (!id.success) return plain(404, ERROR_TEXT.NOT_FOUND);
  let file;
  // A request for the start of the file (not a later range of a video) is one opening of it.
  const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.get("Range") ?? "");
  const opening = !range || range[1] === "0" || (range[1] === "" && range[2] === "");
  try {
    file = await getEvidenceFile(actor, id.data, { download: opening });
  } catch (error) {
    if (error instanceof AppError) return plain(httpStatus(error.code), ERROR_TEXT[error.code]);
    throw error;
  }
  const url = new URL(request.url);
  const type = allowedType(file.contentType);
  const isPdf = file.contentType === "application/pdf";
  const headers = new Headers({
    "Content-Type": file.contentType,
    "Content-Disposition": disposition(
      isPdf ? "image" : (type?.kind ?? "document"),
      file.displayName,
      file.contentType,
      url.searchParams.has("download"),
    ),
    "X-Content-Type-Options": "nosniff",
    // Chromium will not render PDFs in a sandboxed document, so PDFs keep every other restriction.
    "Content-Security-Policy": `${isPdf ? "" : "sandbox; "}default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'`,
    "Cache-Control": "private, no-store",
    "Accept-Ranges": "bytes",
    ETag: `"${file.sha256}"`,
    "Digest-SHA256": file.sha256,
  });
  let start = 0;
  let end = file.size - 1;
  let status = 200;
  if (range && (range[1] || range[2])) {
    start = range[1] ? Number(range[1]) : Math.max(0, file.size - Number(range[2]));
    end = range[1] && range[2] ? Math.min(Number(range[2]), file.size - 1) : file.size - 1;
    if (start > end || start >= file.size) {
      headers.set("Content-Range", `bytes */${file.size}`);
      return new Response(null, { status: 416, headers });
    }
    status = 206;
    headers.set("Content-Range", `bytes ${start}-${end}/${file.size}`);
  }
  headers.set("Content-Length", String(end - start + 1));
  const stream = await evidenceStorage().read(file.storageKey, { start, end });
  return new Response(toWebStream(stream), { status, headers });
}
