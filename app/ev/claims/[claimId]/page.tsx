import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { ClaimPackView, type ClaimPack } from "@/components/claims/claim-pack";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/domain/format";
import { getClaim } from "@/lib/server/claims";
import { decideClaimAction } from "../../actions";

export const metadata = { title: "Certificate claim" };

export default async function EvClaimPage({ params }: { params: Promise<{ claimId: string }> }) {
  const actor = await requireArea("ev");
  const claim = await orPageError(getClaim(actor, idParam((await params).claimId)));
  const pack = claim.pack as ClaimPack;
  return (
    <>
      <p className="text-sm">
        <Link href="/ev/claims" className="text-blue-800 underline">
          All claims
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">
        Claim for {pack.candidate.name}: {pack.qualification.code}
      </h1>
      {claim.correctsId && <p className="mt-1">This claim corrects an earlier refused claim.</p>}
      {claim.releasedDirectly && !claim.decision && (
        <p className="mt-1">
          Released directly under the centre&apos;s direct claims status: it is in your sample. Refusing it takes it out
          of the released claims.
        </p>
      )}
      {claim.decision ? (
        <p className="mt-2">
          <strong>{claim.decision.outcome === "AUTHORISED" ? "Authorised" : "Refused"}</strong> on{" "}
          {formatDateTime(claim.decision.decidedAt)}
          {claim.decision.reasons && (
            <span className="block whitespace-pre-line">Reasons: {claim.decision.reasons}</span>
          )}
        </p>
      ) : (
        <ActionForm
          action={decideClaimAction}
          label="Decide the claim"
          className="mt-3 rounded border border-slate-300 p-3"
        >
          <input type="hidden" name="claimId" value={claim.id} />
          <fieldset>
            <legend className="font-medium">Decision</legend>
            <span className="mr-4 inline-flex items-center gap-2">
              <input type="radio" id="outcome-authorise" name="outcome" value="AUTHORISED" />
              <label htmlFor="outcome-authorise">Authorise</label>
            </span>
            <span className="inline-flex items-center gap-2">
              <input type="radio" id="outcome-refuse" name="outcome" value="REFUSED" />
              <label htmlFor="outcome-refuse">Refuse</label>
            </span>
          </fieldset>
          <label htmlFor="reasons" className="mt-2 block font-medium">
            Reasons (needed to refuse)
          </label>
          <textarea
            id="reasons"
            name="reasons"
            rows={3}
            className="w-full max-w-xl rounded border border-slate-500 px-2 py-1"
          />
          <div>
            <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Record the decision</button>
          </div>
        </ActionForm>
      )}
      <p className="mt-3">
        <a href={`/api/claims/${claim.id}/summary`} className="text-blue-800 underline">
          Printable summary (PDF)
        </a>
      </p>
      <ClaimPackView pack={pack} sha256={claim.packSha256} intact={claim.packIntact} />
    </>
  );
}
