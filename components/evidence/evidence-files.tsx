import { ActionForm } from "@/components/action-form";
import { removeFileAction } from "@/app/candidate/actions";
import type { ActionState } from "@/lib/auth/action";
import { formatDateTime } from "@/lib/domain/format";
import { allowedType } from "@/lib/evidence/extensions";
import { formatBytes } from "@/lib/evidence/limits";

type File = {
  id: string;
  displayName: string;
  contentType: string;
  size: number;
  sha256: string;
  scanStatus: string;
  scanDetail?: string;
  uploadedAt: Date;
};

const SCAN_TEXT: Record<string, string> = {
  clean: "Scanned: no virus found",
  "not-scanned": "Not virus-scanned",
  infected: "Virus found",
  pending: "Virus check in progress (large files are checked after they upload)",
};

/** Why a file was not scanned, as a phrase: the scanner's words, or none configured. */
function notScannedReason(detail: string | undefined): string {
  const text = detail?.trim().replace(/\.$/, "");
  return text ? text[0]!.toLowerCase() + text.slice(1) : "no scanner configured";
}

/**
 * Stored files with previews, their SHA-256 and scan result; removable only while a draft (by the
 * candidate's action unless the page gives another, e.g. a witness's, whose revalidates their page).
 */
export function EvidenceFiles({
  files,
  removable,
  removeAction = removeFileAction,
}: {
  files: File[];
  removable: boolean;
  removeAction?: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  if (files.length === 0) return <p className="mt-2">No files yet.</p>;
  return (
    <ul aria-label="Stored files" className="mt-2 space-y-3">
      {files.map((f) => {
        const type = allowedType(f.contentType);
        const href = `/api/evidence/files/${f.id}`;
        return (
          <li key={f.id} className="rounded border border-slate-300 p-3" aria-label={f.displayName}>
            <div className="flex flex-wrap items-start gap-3">
              {type?.kind === "image" && (
                // eslint-disable-next-line @next/next/no-img-element
                <img
                  src={href}
                  alt={`Preview of ${f.displayName}`}
                  className="h-24 w-24 rounded object-cover"
                  loading="lazy"
                />
              )}
              <div className="min-w-0 flex-1">
                <p className="font-medium break-all">{f.displayName}</p>
                <p className="text-sm text-slate-700">
                  {type?.label ?? f.contentType} · {formatBytes(f.size)} · uploaded {formatDateTime(f.uploadedAt)} ·{" "}
                  {SCAN_TEXT[f.scanStatus] ?? f.scanStatus}
                  {f.scanStatus === "not-scanned" && ` (${notScannedReason(f.scanDetail)})`}
                </p>
                <p className="text-sm">
                  SHA-256:{" "}
                  <code className="break-all" data-testid="sha256">
                    {f.sha256}
                  </code>
                </p>
                <p className="text-sm">
                  {f.contentType === "application/pdf" && (
                    <>
                      <a href={href} target="_blank" rel="noopener" className="text-blue-800 underline">
                        Open the PDF
                      </a>{" "}
                      ·{" "}
                    </>
                  )}
                  <a href={`${href}?download=1`} className="text-blue-800 underline">
                    Download {f.displayName}
                  </a>
                </p>
              </div>
            </div>
            {type?.kind === "video" && (
              <video
                controls
                preload="metadata"
                src={href}
                className="mt-2 max-h-64 max-w-full"
                aria-label={`Play ${f.displayName}`}
              />
            )}
            {type?.kind === "audio" && (
              <audio controls preload="metadata" src={href} className="mt-2" aria-label={`Play ${f.displayName}`} />
            )}
            {removable && (
              <ActionForm action={removeAction} label={`Remove ${f.displayName}`}>
                <input type="hidden" name="fileId" value={f.id} />
                <button className="mt-2 rounded border border-red-800 px-2 py-1 text-sm text-red-800">
                  Remove {f.displayName}
                </button>
              </ActionForm>
            )}
          </li>
        );
      })}
    </ul>
  );
}
