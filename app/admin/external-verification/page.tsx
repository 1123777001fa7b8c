import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { SamplePackForm } from "@/components/ev/sample-pack-form";
import { requireArea } from "@/lib/auth/session";
import { orPageError } from "@/lib/auth/page-guard";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import { passwordIsRecent } from "@/lib/domain/identity/reauthentication";
import { listVisits } from "@/lib/server/external-verification";
import { listSamplePackLinks } from "@/lib/server/external-verification";
import { MAX_PACK_CANDIDATES, MAX_PACK_DAYS } from "@/lib/validation/external-verification";
import { createSamplePackAction, revokeSamplePackAction } from "../actions";

export const metadata = { title: "External verification" };

/** The centre's side of external verification: the EV's visits to answer, and sample-pack links with their access logs. */
export default async function AdminExternalVerificationPage() {
  const actor = await requireArea("admin");
  const [visits, links] = await Promise.all([orPageError(listVisits(actor)), orPageError(listSamplePackLinks(actor))]);
  return (
    <>
      <h1 className="text-2xl font-semibold">External verification</h1>
      <section aria-labelledby="visits-heading" className="mt-6">
        <h2 id="visits-heading" className="text-xl font-semibold">
          Visits and samples by the external verifier
        </h2>
        {visits.length === 0 && <p className="mt-2">No visit or remote sample recorded yet.</p>}
        <ul className="mt-2 list-disc pl-6">
          {visits.map((v) => (
            <li key={v.id}>
              <Link href={`/admin/external-verification/visits/${v.id}`} className="text-blue-800 underline">
                {v.remote ? "Remote sample" : "Visit"} on {formatDate(v.visitedOn)}
              </Link>{" "}
              by {v.ev}: {v.sampled} {v.sampled === 1 ? "unit" : "units"} sampled
              {v.unanswered > 0 && (
                <strong>
                  , {v.unanswered} action {v.unanswered === 1 ? "point" : "points"} awaiting your response
                </strong>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="packs-heading" className="mt-8">
        <h2 id="packs-heading" className="text-xl font-semibold">
          Sample-pack links
        </h2>
        <p className="mt-1 text-slate-700">
          For a remote sample: a link to some candidates&apos; portfolios (ZIP) for an external verifier appointed to
          the centre. It opens only for them, signed in, until it expires or you withdraw it. Every use, allowed or
          refused, is logged below.
        </p>
        <SamplePackForm
          action={createSamplePackAction}
          maxCandidates={MAX_PACK_CANDIDATES}
          maxDays={MAX_PACK_DAYS}
          askPassword={!passwordIsRecent(actor)}
        />
        {links.map((l) => (
          <article
            key={l.id}
            aria-label={`Sample-pack link for ${l.ev}, made ${formatDateTime(l.createdAt)}`}
            className="mt-4 rounded border border-slate-300 p-3"
          >
            <h3 className="font-semibold">
              For {l.ev}: {l.candidates.join(", ")}
            </h3>
            <p className="text-sm">
              Made by {l.createdBy} on {formatDateTime(l.createdAt)}.{" "}
              {l.revokedAt
                ? `Withdrawn ${formatDateTime(l.revokedAt)}.`
                : l.open
                  ? `Open until ${formatDateTime(l.expiresAt)}.`
                  : `Expired ${formatDateTime(l.expiresAt)}.`}
              {l.note && ` Note: ${l.note}`}
            </p>
            {l.open && (
              <ActionForm action={revokeSamplePackAction} label={`Withdraw the link for ${l.ev}`} className="mt-1">
                <input type="hidden" name="linkId" value={l.id} />
                <button className="rounded border border-red-800 px-3 py-1 text-red-800">Withdraw the link</button>
              </ActionForm>
            )}
            <h4 className="mt-2 font-medium">
              Access log: {l.allowedCount} allowed, {l.refusedCount} refused
              {l.allowedCount + l.refusedCount > l.accesses.length && ` (the latest ${l.accesses.length} shown)`}
            </h4>
            {l.accesses.length === 0 ? (
              <p className="text-sm">Not used yet.</p>
            ) : (
              <ul className="list-disc pl-6 text-sm">
                {l.accesses.map((a) => (
                  <li key={a.id}>
                    {formatDateTime(a.at)}: {a.who} {a.allowed ? a.what : `was refused (${a.refusal})`}
                    {a.ip ? ` from ${a.ip}` : ""}
                  </li>
                ))}
              </ul>
            )}
          </article>
        ))}
      </section>
    </>
  );
}
