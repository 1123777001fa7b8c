"use client";
import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import * as tus from "tus-js-client";
import { extensionProblem, fileNameProblem } from "@/lib/evidence/names";

type Row = {
  key: string;
  name: string;
  size: number;
  percent: number;
  state: "uploading" | "done" | "failed" | "paused";
  message: string;
};

const CHUNK = 16 * 1024 * 1024;

function reasonOf(error: Error): string {
  const detailed = error as tus.DetailedError;
  const body = detailed.originalResponse?.getBody();
  if (body) return body;
  if (!detailed.originalResponse)
    return "The connection was lost. The upload will resume from where it stopped when you choose the same file again.";
  return "The upload failed. Please try again.";
}

/**
 * Resumable uploads (tus): files go up in 16 MB chunks with progress, retry through dropped
 * connections, and after a reload resume from the last chunk the server has when the same file
 * is chosen again.
 */
export function Uploader({
  evidenceId,
  accepted,
  maxBytesText,
}: {
  evidenceId: string;
  accepted: string;
  maxBytesText: string;
}) {
  const router = useRouter();
  const inputId = useId();
  const [rows, setRows] = useState<Row[]>([]);
  const [unfinished, setUnfinished] = useState<string[]>([]);

  useEffect(() => {
    tus.defaultOptions.urlStorage
      ?.findAllUploads()
      .then((all) =>
        setUnfinished(
          all
            .filter((u) => u.metadata?.evidenceId === evidenceId)
            .map((u) => `${u.metadata?.filename} (${Math.round((u.size ?? 0) / 1024 / 1024)} MB)`),
        ),
      )
      .catch(() => {});
  }, [evidenceId]);

  const update = (key: string, change: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));

  const start = (file: File) => {
    const key = `${file.name}-${file.size}-${file.lastModified}-${Math.random()}`;
    // The server checks the name again; checking here saves starting an upload bound to fail.
    const problem = fileNameProblem(file.name) ?? extensionProblem(file.name);
    if (problem) {
      setRows((all) => [
        ...all,
        { key, name: file.name, size: file.size, percent: 0, state: "failed", message: problem },
      ]);
      return;
    }
    setRows((all) => [
      ...all,
      { key, name: file.name, size: file.size, percent: 0, state: "uploading", message: "Starting…" },
    ]);
    const upload = new tus.Upload(file, {
      endpoint: "/api/uploads",
      chunkSize: CHUNK,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
      metadata: { filename: file.name, evidenceId },
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      fingerprint: async (f) =>
        `evidence-${evidenceId}-${(f as File).name}-${(f as File).size}-${(f as File).lastModified}`,
      onProgress(sent, total) {
        const percent = total ? Math.floor((sent / total) * 100) : 0;
        update(key, { percent, message: `${percent}% uploaded` });
      },
      onSuccess() {
        update(key, { percent: 100, state: "done", message: "Uploaded and checked." });
        setUnfinished((list) => list.filter((u) => !u.startsWith(`${file.name} (`)));
        router.refresh();
      },
      onError(error) {
        update(key, { state: "failed", percent: 0, message: reasonOf(error) });
      },
    });
    upload.findPreviousUploads().then((previous) => {
      if (previous.length > 0) {
        upload.resumeFromPreviousUpload(previous[0]!);
        update(key, { message: "Resuming where the last attempt stopped…" });
      }
      upload.start();
    });
  };

  return (
    <div className="mt-2">
      <label htmlFor={inputId} className="block font-medium">
        Add files
      </label>
      <p id={`${inputId}-hint`} className="text-sm text-slate-700">
        {accepted}. Up to {maxBytesText} a file. Large files upload in parts and resume after a dropped connection.
      </p>
      <input
        id={inputId}
        type="file"
        multiple
        aria-describedby={`${inputId}-hint`}
        className="mt-1 block"
        onChange={(e) => {
          for (const file of Array.from(e.target.files ?? [])) start(file);
          e.target.value = "";
        }}
      />
      {unfinished.length > 0 && (
        <p className="mt-2 rounded bg-amber-50 p-2 text-sm text-amber-900">
          Unfinished uploads: {unfinished.join(", ")}. Choose the same file again to resume.
        </p>
      )}
      {rows.length > 0 && (
        <ul aria-label="Uploads" className="mt-3 space-y-2">
          {rows.map((r) => (
            <li key={r.key} className="rounded border border-slate-300 p-2">
              <span className="font-medium">{r.name}</span>
              <progress
                max={100}
                value={r.percent}
                aria-label={`${r.name} upload progress`}
                className="ml-2 align-middle"
              />
              <span
                role={r.state === "failed" ? "alert" : "status"}
                className={`ml-2 text-sm ${r.state === "failed" ? "text-red-800" : "text-slate-800"}`}
              >
                {r.message}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
