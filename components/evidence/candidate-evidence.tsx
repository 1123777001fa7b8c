import Link from "next/link";
import { Pagination } from "@/components/pagination";
import { formatDate } from "@/lib/domain/format";
import type { listCandidateEvidence } from "@/lib/server/evidence";
import { METHOD_LABEL } from "@/lib/validation/evidence";
import { EvidenceFiles } from "./evidence-files";

type EvidencePage = Awaited<ReturnType<typeof listCandidateEvidence>>;

/** A page of a candidate's evidence, read-only, with every file's SHA-256: for assessors and verifiers. */
export function CandidateEvidence({
  evidence,
  basePath,
  reviewHref,
}: {
  evidence: EvidencePage;
  basePath: string;
  reviewHref?: (evidenceId: string) => string;
}) {
  return (
    <section aria-labelledby="evidence-heading" className="mt-6">
      <h2 id="evidence-heading" className="text-xl font-semibold">
        Evidence
      </h2>
      {evidence.total === 0 && <p className="mt-2">No evidence yet.</p>}
      {evidence.total > 0 && (
        <p className="mt-1 text-sm text-slate-700">
          {evidence.total === 1 ? "1 piece" : `${evidence.total} pieces`} of evidence, newest first.
        </p>
      )}
      {evidence.items.map((e) => (
        <article key={e.id} aria-label={e.title} className="mt-3 rounded border border-slate-300 p-3">
          <h3 className="font-semibold">
            {reviewHref ? (
              <Link href={reviewHref(e.id)} className="text-blue-800 underline">
                {e.title}
              </Link>
            ) : (
              e.title
            )}
          </h3>
          <p className="text-sm text-slate-700">
            {METHOD_LABEL[e.method]} · {formatDate(e.activityDate)} ·{" "}
            {e.status === "DRAFT" ? "Draft (not yet submitted)" : `Submitted ${formatDate(e.submittedAt!)}`}
          </p>
          {e.description && <p className="mt-1">{e.description}</p>}
          <p className="mt-1 text-sm">
            Criteria:{" "}
            {e.criteria.length ? e.criteria.map((c) => `${c.unitRef} ${c.criterion}`).join(", ") : "none chosen"}
          </p>
          <EvidenceFiles files={e.files} removable={false} />
        </article>
      ))}
      <Pagination page={evidence} basePath={basePath} />
    </section>
  );
}
