import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { formatDateTime } from "@/lib/domain/format";
import { getClaimOptions } from "@/lib/server/claims";
import { getUserForAdmin } from "@/lib/server/identity";
import { raiseClaimAction } from "../../../actions";

export const metadata = { title: "Certificate claims" };

const outcomeText = (d: { outcome: string } | null, direct: boolean) =>
  !d
    ? direct
      ? "Released directly (direct claims status); in the external verifier's sample"
      : "Waiting for the external verifier"
    : d.outcome === "AUTHORISED"
      ? "Authorised and released"
      : "Refused";

export default async function CandidateClaimsPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requireArea("admin");
  const userId = idParam((await params).userId);
  const user = await orPageError(getUserForAdmin(actor, userId));
  const { options, claims } = await orPageError(getClaimOptions(actor, userId));
  return (
    <>
      <p className="text-sm">
        <Link href={`/admin/users/${user.id}`} className="text-blue-800 underline">
          {user.name}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Certificate claims for {user.name}</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        A unit can be claimed once it is signed off and countersigned, not on hold, and either sampled by the internal
        verifier with agreement or not selected by a sampling plan whose period covers its sign-off. A unit no plan
        covers and no internal verifier has sampled is held until one does: each assessor&apos;s work must be checked by
        an internal verifier. The whole qualification can be claimed once those units meet its rules of combination. The
        external verifier authorises or refuses each claim.
      </p>
      {options.length === 0 && <p className="mt-4">{user.name} is not registered on a qualification.</p>}
      {options.map((o) => (
        <section key={o.registrationId} aria-labelledby={`q-${o.registrationId}`} className="mt-6">
          <h2 id={`q-${o.registrationId}`} className="text-xl font-semibold">
            {o.qualification.code} {o.qualification.title} (version {o.qualification.version})
          </h2>
          <p className="mt-1">
            Enrolment number: {o.enrolmentNumber ?? "not recorded"}. Unique Learner Number: {o.uln ?? "not recorded"}.
            {(!o.enrolmentNumber || !o.uln) && (
              <>
                {" "}
                The claim carries them so the awarding body can match it to its records:{" "}
                <Link href={`/admin/users/${user.id}#numbers-heading`} className="text-blue-800 underline">
                  record them on {user.name}&apos;s page
                </Link>
                .
              </>
            )}
          </p>
          <ActionForm action={raiseClaimAction} label={`Claim units of ${o.qualification.code}`} className="mt-2">
            <input type="hidden" name="candidateId" value={user.id} />
            <input type="hidden" name="registrationId" value={o.registrationId} />
            <input type="hidden" name="kind" value="UNITS" />
            <fieldset>
              <legend className="font-medium">Units</legend>
              <ul className="mt-1 space-y-1">
                {o.units.map((u) => (
                  <li key={u.entry} className="flex items-start gap-2">
                    {u.problem === null ? (
                      <>
                        <input
                          type="checkbox"
                          id={`unit-${o.registrationId}-${u.entry}`}
                          name="units"
                          value={u.entry}
                          className="mt-1"
                        />
                        <label htmlFor={`unit-${o.registrationId}-${u.entry}`}>
                          Unit {u.entry}: can be claimed
                          {u.verification && ` (internal verification: ${u.verification})`}
                        </label>
                      </>
                    ) : (
                      <span>{u.problem}</span>
                    )}
                  </li>
                ))}
              </ul>
            </fieldset>
            {o.claimable.length > 0 && (
              <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Claim the units ticked</button>
            )}
          </ActionForm>
          <div className="mt-3">
            {o.qualificationProblems.length > 0 ? (
              <>
                <p className="font-medium">The whole qualification cannot be claimed yet:</p>
                <ul className="list-disc pl-6">
                  {o.qualificationProblems.map((p) => (
                    <li key={p}>{p}</li>
                  ))}
                </ul>
              </>
            ) : (
              <ActionForm action={raiseClaimAction} label={`Claim the whole of ${o.qualification.code}`}>
                <input type="hidden" name="candidateId" value={user.id} />
                <input type="hidden" name="registrationId" value={o.registrationId} />
                <input type="hidden" name="kind" value="QUALIFICATION" />
                <button className="rounded bg-blue-800 px-3 py-1 text-white">Claim the whole qualification</button>
              </ActionForm>
            )}
          </div>
        </section>
      ))}
      <section aria-labelledby="claims-heading" className="mt-8">
        <h2 id="claims-heading" className="text-xl font-semibold">
          Claims raised ({claims.length})
        </h2>
        {claims.length === 0 && <p className="mt-1">None yet.</p>}
        <ul className="mt-2 space-y-2">
          {claims.map((c) => (
            <li key={c.id} className="rounded border border-slate-300 p-2">
              <Link href={`/admin/claims/${c.id}`} className="text-blue-800 underline">
                {c.kind === "QUALIFICATION" ? "Whole qualification" : `Units ${c.units.join(", ")}`}, raised{" "}
                {formatDateTime(c.raisedAt)}
              </Link>
              : {outcomeText(c.decision, c.releasedDirectly)}
              {c.decision?.outcome === "REFUSED" && <span className="block">Reasons: {c.decision.reasons}</span>}
              {c.correctsId && <span className="block text-sm">Corrects an earlier refused claim.</span>}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
