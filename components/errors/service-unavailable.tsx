"use client";
// What a user sees when a page or an action fails on our side, most often because the database is
// briefly unreachable: what happened, what became of what they were doing, and a reference that
// the server logged with the error (instrumentation.ts).
import { useEffect, useRef } from "react";

export function ServiceUnavailable({ digest, retry }: { digest?: string; retry: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-10">
      <h1 ref={heading} tabIndex={-1} className="text-2xl font-semibold">
        The service is briefly unavailable
      </h1>
      <div role="alert" className="mt-3 space-y-2">
        <p>
          We could not load this page or finish what you asked, because part of the service is not answering. This is
          usually over in a minute or two.
        </p>
        <p>
          <strong>
            If you had just saved, submitted or signed something, it was saved in full or not at all: never half.
          </strong>{" "}
          Once the page loads again, check whether it is there before doing it again. Files that were uploading carry on
          from where they stopped when you choose them again.
        </p>
        <p>
          If it goes on, contact your centre and quote reference{" "}
          <strong data-testid="error-reference">{digest ? `R-${digest}` : "R-unknown"}</strong>.
        </p>
      </div>
      <div className="mt-4 flex gap-4">
        <button type="button" onClick={() => retry()} className="rounded bg-slate-900 px-3 py-1 text-white">
          Try again
        </button>
        {/* A full load, not the client router: the router's state may be what failed. */}
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages */}
        <a href="/" className="self-center text-blue-800 underline">
          Go to my home page
        </a>
      </div>
    </main>
  );
}
