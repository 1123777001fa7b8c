import { PortfolioProgressView } from "@/components/assessment/portfolio-progress";
import { orPageError } from "@/lib/auth/page-guard";
import { requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { listCandidateClaims } from "@/lib/server/claims";
import { getPortfolioProgress } from "@/lib/server/assessment";
import { countersignatureDue } from "./countersign-form";

export const metadata = { title: "Progress" };

export default async function ProgressPage() {
  const actor = await requireArea("candidate");
  const [progress, claims] = await Promise.all([
    orPageError(getPortfolioProgress(actor, actor.userId)),
    listCandidateClaims(actor, actor.userId),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">My progress</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Each unit shows what is left to do on it; open a unit for its criteria, with your evidence and your
        assessor&apos;s decisions and feedback. A unit counts towards your qualification once your assessor signs it off
        and you countersign it.
      </p>
      {claims.length > 0 && (
        <section aria-labelledby="claims-heading" className="mt-4 rounded border border-slate-300 p-3">
          <h2 id="claims-heading" className="text-xl font-semibold">
            Certificate claims
          </h2>
          <ul className="mt-1 list-disc pl-6">
            {claims.map((c) => (
              <li key={c.id}>
                {c.qualification.code} {c.qualification.title}:{" "}
                {c.kind === "QUALIFICATION" ? "the whole qualification" : `units ${c.units.join(", ")}`}, claimed on{" "}
                {formatDate(c.raisedAt)}.{" "}
                {!c.decision
                  ? c.releasedDirectly
                    ? "Released: the certificate is claimed."
                    : "Waiting for the external verifier."
                  : c.decision.outcome === "AUTHORISED"
                    ? `Authorised on ${formatDate(c.decision.decidedAt)}: the certificate is claimed.`
                    : `Refused on ${formatDate(c.decision.decidedAt)}; your centre will put it right.`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <PortfolioProgressView
        who="candidate"
        progress={progress}
        evidenceHref={(id) => `/candidate/evidence/${id}`}
        unitHref={(p, u) => `/candidate/progress/${p.registration.id}/${encodeURIComponent(u.ref)}`}
        unitActions={(_, u) =>
          countersignatureDue(u) ? (
            <p className="mt-1 font-medium text-blue-900">
              Your assessor has signed this unit off. Open the unit to read its evidence and feedback, and countersign
              it there.
            </p>
          ) : null
        }
      />
    </>
  );
}
