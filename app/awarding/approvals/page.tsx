import { ActionForm } from "@/components/action-form";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { DirectClaimsSection } from "@/components/claims/direct-claims";
import { getCentreApprovals, listDirectClaims } from "@/lib/server/awarding-body";
import { directClaimsAction } from "@/app/direct-claims-actions";
import { setCentreApprovalAction } from "../actions";

export const metadata = { title: "Centre approvals" };

export default async function CentreApprovalsPage({ searchParams }: { searchParams: Promise<{ centre?: string }> }) {
  const actor = await requireArea("awarding");
  const params = await searchParams;
  const data = await orPageError(getCentreApprovals(actor, params.centre ? idParam(params.centre) : null));
  const direct = data.centre ? await listDirectClaims(actor, data.centre.id) : [];
  return (
    <>
      <h1 className="text-2xl font-semibold">Centre approvals</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Some units can be offered only by a centre the awarding body has approved for them, for example Edexcel&apos;s
        unit N (specialist and bespoke software). Registration and certificate claims use what is recorded here; every
        grant and withdrawal is kept.
      </p>
      <form method="get" aria-label="Choose a centre" className="mt-3 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="centre" className="block font-medium">
            Centre
          </label>
          <select
            id="centre"
            name="centre"
            defaultValue={data.centre?.id ?? ""}
            className="rounded border border-slate-500 px-2 py-1"
          >
            <option value="">Choose a centre</option>
            {data.centres.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({c.code})
              </option>
            ))}
          </select>
        </div>
        <button className="rounded border border-blue-800 px-3 py-1 text-blue-800">Show its approvals</button>
      </form>
      {data.centre && (
        <section aria-labelledby="units-heading" className="mt-6">
          <h2 id="units-heading" className="text-xl font-semibold">
            {data.centre.name}: units that need approval
          </h2>
          {data.units.length === 0 && <p className="mt-1">No unit in the catalogue needs a centre&apos;s approval.</p>}
          <ul className="mt-2 space-y-2">
            {data.units.map((u) => (
              <li key={`${u.specCode}-${u.unitRef}`} className="rounded border border-slate-300 p-2">
                <p>
                  {u.specCode} {u.qualification}: unit {u.unitRef} {u.unitTitle}.{" "}
                  <strong>{u.approved ? "Approved" : "Not approved"}</strong>
                </p>
                <ActionForm
                  action={setCentreApprovalAction}
                  label={`${u.approved ? "Withdraw" : "Grant"} approval for unit ${u.unitRef} of ${u.specCode}`}
                >
                  <input type="hidden" name="centreId" value={data.centre!.id} />
                  <input type="hidden" name="specCode" value={u.specCode} />
                  <input type="hidden" name="unitRef" value={u.unitRef} />
                  <input type="hidden" name="approved" value={u.approved ? "no" : "yes"} />
                  <button className="mt-1 rounded bg-blue-800 px-3 py-1 text-white">
                    {u.approved ? "Withdraw the approval" : "Approve the centre for this unit"}
                  </button>
                </ActionForm>
              </li>
            ))}
          </ul>
        </section>
      )}
      {data.centre && (
        <DirectClaimsSection centreId={data.centre.id} statuses={direct} mayGrant action={directClaimsAction} />
      )}
    </>
  );
}
