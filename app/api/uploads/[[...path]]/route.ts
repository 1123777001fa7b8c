// The tus endpoint for evidence files. Who may do what is checked here, through lib/server,
// before the tus server sees the request: only the candidate, only their own draft evidence.
import { getActor } from "@/lib/auth/session";
import { UPLOAD_ID_HEADER, tusServer } from "@/lib/evidence/tus-server";
import { AppError, ERROR_TEXT, httpStatus } from "@/lib/server/core";
import { logWithReference, quoteReference } from "@/lib/server/core";
import {
  abandonReservation,
  authorizeUpload,
  cancelUpload,
  recordUploadActivity,
  reserveUpload,
  type UploadRequest,
} from "@/lib/server/evidence";

export const dynamic = "force-dynamic";

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Tus-Resumable": "1.0.0" } });

function fail(error: unknown): Response {
  if (error instanceof AppError) {
    const detail = error.fieldErrors ? Object.values(error.fieldErrors).flat().join(" ") : ERROR_TEXT[error.code];
    return text(httpStatus(error.code), detail);
  }
  const reference = logWithReference("Upload request failed", error);
  return text(500, `${ERROR_TEXT.INTERNAL} ${quoteReference(reference)}`);
}

function metadata(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (header ?? "").split(",")) {
    const [key, value] = pair.trim().split(" ");
    if (key) out[key] = value ? Buffer.from(value, "base64").toString("utf8") : "";
  }
  return out;
}

const uploadIdOf = (request: Request) => new URL(request.url).pathname.split("/").filter(Boolean).at(-1) ?? "";

/**
 * The request as the tus server gets it: the URL without any query string (tus reads the upload id
 * from the end of the whole URL, so "?x=/<another id>" would name a different upload from the one
 * checked here), and for a new upload the reserved id, replacing anything the client sent.
 */
function forTus(request: Request, reservedId?: string): Request {
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  headers.delete(UPLOAD_ID_HEADER);
  if (reservedId) headers.set(UPLOAD_ID_HEADER, reservedId);
  return new Request(`${url.origin}${url.pathname}`, {
    method: request.method,
    headers,
    body: request.body,
    duplex: "half",
  } as RequestInit);
}

async function handle(request: Request): Promise<Response> {
  if (request.method === "OPTIONS") return tusServer().handleWeb(request);
  const actor = await getActor();
  if (!actor) return text(401, ERROR_TEXT.UNAUTHENTICATED);
  try {
    if (request.method === "POST") {
      const meta = metadata(request.headers.get("Upload-Metadata"));
      const upload: UploadRequest = {
        evidenceId: meta.evidenceId ?? "",
        fileName: meta.filename ?? "",
        size: Number(request.headers.get("Upload-Length") ?? NaN),
      };
      if (!/^[0-9a-f-]{36}$/.test(upload.evidenceId)) return text(400, "Say which evidence the file belongs to.");
      if (request.headers.get("Upload-Defer-Length")) return text(400, "Give the file's size when the upload starts.");
      const uploadId = await reserveUpload(actor, upload);
      const response = await tusServer().handleWeb(forTus(request, uploadId));
      if (response.status !== 201) await abandonReservation(actor, uploadId);
      return response;
    }
    if (request.method === "PATCH" || request.method === "HEAD" || request.method === "DELETE") {
      const uploadId = uploadIdOf(request);
      const state = await authorizeUpload(actor, uploadId);
      if (state.state === "rejected") return text(422, state.reason ?? "The file was refused.");
      // Ended uploads are gone: 404 makes the browser start the file again from the beginning.
      if (state.state !== "uploading" && state.state !== "stored")
        return text(404, "This upload has ended. Please upload the file again.");
      if (request.method === "DELETE") {
        if (state.state === "stored")
          return text(403, "The file has been stored; remove it from the evidence instead.");
        await cancelUpload(actor, uploadId);
        return new Response(null, { status: 204, headers: { "Tus-Resumable": "1.0.0" } });
      }
      const response = await tusServer().handleWeb(forTus(request));
      if (request.method === "PATCH" && response.status === 204) await recordUploadActivity(actor, uploadId);
      return response;
    }
    return text(405, "Not allowed.");
  } catch (error) {
    return fail(error);
  }
}

export { handle as POST, handle as PATCH, handle as HEAD, handle as DELETE, handle as OPTIONS, handle as GET };
