import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { ClaimPackView, type ClaimPack } from "@/components/claims/claim-pack";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/domain/format";
import { getClaim } from "@/lib/server/claims";
import { raiseClaimAction } from "../../actions";

export const metadata = { title: "Certificate claim" };

export default async function AdminClaimPage({
  params,
  searchParams,
}: {
  params: Promise<{ claimId: string }>;
  searchParams: Promise<{ raised?: string }>;
}) {
  const actor = await requireArea("admin");
  const claim = await orPageError(getClaim(actor, idParam((await params).claimId)));
  const raised = (await searchParams).raised === "1";
  const pack = claim.pack as ClaimPack;
  return (
    <>
      {raised && (
        <p role="status" className="mb-4 rounded bg-green-50 p-3 text-green-900">
          Claim raised. It waits for the external verifier.
        </p>
      )}
      <p className="text-sm">
        <Link href={`/admin/users/${claim.candidateId}/claims`} className="text-blue-800 underline">
          Claims for {pack.candidate.name}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">
        Claim for {pack.candidate.name}: {pack.qualification.code}
      </h1>
      <DecisionSummary claim={claim} />
      {claim.decision?.outcome === "REFUSED" && !claim.correctedById && (
        <ActionForm action={raiseClaimAction} label="Raise a corrected claim" className="mt-3">
          <input type="hidden" name="candidateId" value={claim.candidateId} />
          <input type="hidden" name="registrationId" value={claim.registrationId} />
          <input type="hidden" name="kind" value={claim.kind} />
          <input type="hidden" name="correctsId" value={claim.id} />
          {claim.units.map((u) => (
            <input key={u} type="hidden" name="units" value={u} />
          ))}
          <p className="max-w-prose">
            Once what the external verifier found is put right, raise the claim again. The new claim names this one.
          </p>
          <button className="mt-1 rounded bg-blue-800 px-3 py-1 text-white">Raise a corrected claim</button>
        </ActionForm>
      )}
      {claim.correctedById && (
        <p className="mt-2">
          <Link href={`/admin/claims/${claim.correctedById}`} className="text-blue-800 underline">
            The corrected claim
          </Link>
        </p>
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

function DecisionSummary({ claim }: { claim: Awaited<ReturnType<typeof getClaim>> }) {
  if (!claim.decision)
    return (
      <p className="mt-1">
        {claim.releasedDirectly
          ? "Released directly under the centre's direct claims status; it stays in the external verifier's sample."
          : "Waiting for the external verifier."}
      </p>
    );
  return (
    <p className="mt-1">
      <strong>{claim.decision.outcome === "AUTHORISED" ? "Authorised and released" : "Refused"}</strong> on{" "}
      {formatDateTime(claim.decision.decidedAt)}
      {claim.decision.reasons && <span className="block whitespace-pre-line">Reasons: {claim.decision.reasons}</span>}
    </p>
  );
}
