"use client";
// Errors in the root layout itself: the same page, with the document around it.
import "./globals.css";
import { ServiceUnavailable } from "@/components/errors/service-unavailable";

export default function GlobalError({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return (
    <html lang="en-GB">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <ServiceUnavailable digest={error.digest} retry={retry} />
      </body>
    </html>
  );
}
