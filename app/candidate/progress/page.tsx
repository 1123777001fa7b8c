import { ActionForm } from "@/components/action-form";
import { PortfolioProgressView } from "@/components/assessment/portfolio-progress";
import { orPageError } from "@/lib/auth/page-guard";
import { requireArea } from "@/lib/auth/session";
import { CANDIDATE_UNIT_DECLARATION } from "@/lib/domain/declarations";
import { formatDate } from "@/lib/domain/format";
import { listCandidateClaims } from "@/lib/server/claims";
import { getPortfolioProgress } from "@/lib/server/progress";
import { countersignUnitAction } from "../actions";

export const metadata = { title: "Progress" };

export default async function ProgressPage() {
  const actor = await requireArea("candidate");
  const [progress, claims] = await Promise.all([orPageError(getPortfolioProgress(actor, actor.userId)), listCandidateClaims(actor, actor.userId)]);
  return (
    <>
      <h1 className="text-2xl font-semibold">My progress</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Each criterion shows your assessor&apos;s decision and feedback. A unit counts towards your qualification once your assessor
        signs it off and you countersign it.
      </p>
      {claims.length > 0 && (
        <section aria-labelledby="claims-heading" className="mt-4 rounded border border-slate-300 p-3">
          <h2 id="claims-heading" className="text-xl font-semibold">Certificate claims</h2>
          <ul className="mt-1 list-disc pl-6">
            {claims.map((c) => (
              <li key={c.id}>
                {c.qualification.code} {c.qualification.title}: {c.kind === "QUALIFICATION" ? "the whole qualification" : `units ${c.units.join(", ")}`}, claimed on {formatDate(c.raisedAt)}.{" "}
                {!c.decision ? (c.releasedDirectly ? "Released: the certificate is claimed." : "Waiting for the external verifier.") : c.decision.outcome === "AUTHORISED" ? `Authorised on ${formatDate(c.decision.decidedAt)}: the certificate is claimed.` : `Refused on ${formatDate(c.decision.decidedAt)}; your centre will put it right.`}
              </li>
            ))}
          </ul>
        </section>
      )}
      <PortfolioProgressView
        who="candidate"
        progress={progress}
        evidenceHref={(id) => `/candidate/evidence/${id}`}
        unitActions={(_, u) =>
          u.signOff?.signed && !u.signOff.candidateSignature && u.state !== "flagged" ? (
            <ActionForm action={countersignUnitAction} label={`Countersign unit ${u.ref}`} className="mt-2 rounded border border-blue-800 p-2">
              <input type="hidden" name="signOffId" value={u.signOff.id} />
              <p className="font-medium">Your assessor has signed this unit off. Countersign it to confirm.</p>
              <div className="mt-1 flex items-start gap-2">
                <input type="checkbox" id={`declared-${u.ref}`} name="declared" value="yes" className="mt-1" />
                <label htmlFor={`declared-${u.ref}`}>{CANDIDATE_UNIT_DECLARATION}</label>
              </div>
              <label htmlFor={`password-${u.ref}`} className="mt-1 block">Your password</label>
              <input id={`password-${u.ref}`} name="password" type="password" autoComplete="current-password" className="rounded border border-slate-500 px-2 py-1" />
              <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">Countersign unit {u.ref}</button>
            </ActionForm>
          ) : null
        }
      />
    </>
  );
}
