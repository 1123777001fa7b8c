"use client";
// Errors below the root layout (pages, area layouts, server actions): our page, not Next's.
import { ServiceUnavailable } from "@/components/errors/service-unavailable";

export default function ErrorPage({ error, retry }: { error: Error & { digest?: string }; retry: () => void }) {
  return <ServiceUnavailable digest={error.digest} retry={retry} />;
}
