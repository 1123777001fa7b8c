// The tus endpoint for evidence files. Who may do what is checked here, through lib/server,
// before the tus server sees the request: only the candidate, only their own draft evidence.
import { getActor } from "@/lib/auth/session";
import { tusServer } from "@/lib/evidence/tus-server";
import { AppError, ERROR_TEXT, httpStatus } from "@/lib/server/errors";
import { authorizeUpload, checkUploadRequest, recordUploadStarted, type UploadRequest } from "@/lib/server/uploads";

export const dynamic = "force-dynamic";

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { "Content-Type": "text/plain; charset=utf-8", "Tus-Resumable": "1.0.0" } });

function fail(error: unknown): Response {
  if (error instanceof AppError) {
    const detail = error.fieldErrors ? Object.values(error.fieldErrors).flat().join(" ") : ERROR_TEXT[error.code];
    return text(httpStatus(error.code), detail);
  }
  throw error;
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
      await checkUploadRequest(actor, upload);
      const response = await tusServer().handleWeb(request);
      if (response.status === 201) {
        const id = (response.headers.get("Location") ?? "").split("/").at(-1)!;
        await recordUploadStarted(actor, id, upload);
      }
      return response;
    }
    if (request.method === "PATCH" || request.method === "HEAD" || request.method === "DELETE") {
      const state = await authorizeUpload(actor, uploadIdOf(request));
      if (state.state === "rejected") return text(422, state.reason ?? "The file was refused.");
      return tusServer().handleWeb(request);
    }
    return text(405, "Not allowed.");
  } catch (error) {
    return fail(error);
  }
}

export { handle as POST, handle as PATCH, handle as HEAD, handle as DELETE, handle as OPTIONS, handle as GET };
