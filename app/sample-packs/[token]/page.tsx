import type { Metadata } from "next";
import { redirect } from "next/navigation";
import Link from "next/link";
import { getActor } from "@/lib/auth/session";
import { requestFacts } from "@/lib/auth/request-facts";
import { formatDateTime } from "@/lib/domain/format";
import { AppError, ERROR_TEXT } from "@/lib/server/errors";
import { openSamplePack } from "@/lib/server/sample-packs";

export const metadata: Metadata = {
  title: "Sample pack",
  // The secret is in the address: never send it on to another site as a referrer.
  referrer: "no-referrer",
};

/** A sample pack for the EV it was made for, signed in, while the link is open. Every use is logged. */
export default async function SamplePackPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const actor = await getActor();
  let pack: Awaited<ReturnType<typeof openSamplePack>> | null = null;
  let problem: string | null = null;
  try {
    pack = await openSamplePack(actor, token, await requestFacts());
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    // Signed out: the attempt is logged, then sign in and come back.
    if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(`/sample-packs/${token}`)}`);
    problem = error.code === "NOT_FOUND" ? "This sample-pack link is not recognised, or it is for another account. Sign in as the external verifier it was sent to." : ERROR_TEXT[error.code];
  }
  return (
    <main id="main" className="mx-auto max-w-3xl px-4 py-12">
      <h1 className="text-3xl font-semibold">Sample pack</h1>
      {pack ? (
        <>
          <p className="mt-2">
            From {pack.centre.name} (centre {pack.centre.code}). The link works until {formatDateTime(pack.expiresAt)}; each download is logged and shown to the centre.
          </p>
          {pack.note && <p className="mt-2">Note from the centre: {pack.note}</p>}
          <h2 className="mt-6 text-xl font-semibold">Portfolios ({pack.candidates.length})</h2>
          <ul className="mt-2 list-disc pl-6">
            {pack.candidates.map((c) => (
              <li key={c.id}>
                <a href={`/api/sample-packs/${token}/candidates/${c.id}`} className="text-blue-800 underline">{c.name}: portfolio (ZIP: files, manifest of hashes, records, offline index)</a>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p role="alert" className="mt-4 rounded border-l-4 border-red-700 bg-red-50 p-3 text-red-900">{problem}</p>
      )}
      <p className="mt-6"><Link href="/" className="text-blue-800 underline">Home</Link></p>
    </main>
  );
}
