import { ActionForm } from "@/components/action-form";
import { CANDIDATE_UNIT_DECLARATION } from "@/lib/domain/declarations";
import type { PortfolioProgress } from "@/lib/server/assessment";
import { countersignUnitAction } from "../actions";

type Unit = PortfolioProgress[number]["units"][number];

/** Whether the candidate's countersignature of this unit's sign-off is due. */
export const countersignatureDue = (u: Unit) =>
  Boolean(u.signOff?.signed && !u.signOff.candidateSignature && u.state !== "flagged");

/**
 * The candidate's countersignature of a unit their assessor has signed off, where one is due. Only
 * on the unit's own page: the declaration is about "the evidence listed for this unit" and the
 * feedback given, which that page lists (the progress page summarises units without them).
 */
export function CountersignForm({ unit: u }: { unit: Unit }) {
  if (!countersignatureDue(u) || !u.signOff) return null;
  return (
    <ActionForm
      action={countersignUnitAction}
      label={`Countersign unit ${u.ref}`}
      className="mt-2 rounded border border-blue-800 p-2"
    >
      <input type="hidden" name="signOffId" value={u.signOff.id} />
      <p className="font-medium">Your assessor has signed this unit off. Countersign it to confirm.</p>
      <div className="mt-1 flex items-start gap-2">
        <input type="checkbox" id={`declared-${u.ref}`} name="declared" value="yes" className="mt-1" />
        <label htmlFor={`declared-${u.ref}`}>{CANDIDATE_UNIT_DECLARATION}</label>
      </div>
      <label htmlFor={`password-${u.ref}`} className="mt-1 block">
        Your password
      </label>
      <input
        id={`password-${u.ref}`}
        name="password"
        type="password"
        autoComplete="current-password"
        className="rounded border border-slate-500 px-2 py-1"
      />
      <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">Countersign unit {u.ref}</button>
    </ActionForm>
  );
}
