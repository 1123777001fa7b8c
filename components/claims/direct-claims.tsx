import { ActionForm } from "@/components/action-form";
import type { ActionState } from "@/lib/auth/action";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;

/** Each qualification's direct claims status at a centre, with a form to change it (grant only where `mayGrant`). */
export function DirectClaimsSection(props: {
  centreId: string;
  statuses: { code: string; title: string; direct: boolean }[];
  mayGrant: boolean;
  action: Action;
}) {
  return (
    <section aria-labelledby="direct-heading" className="mt-6">
      <h2 id="direct-heading" className="text-xl font-semibold">
        Direct claims status
      </h2>
      <p className="mt-1 max-w-prose text-slate-700">
        With direct claims status for a qualification, the centre&apos;s claims are released without waiting for the
        external verifier, and stay in the verifier&apos;s sample. The external verifier can withdraw it, with a reason.
      </p>
      {props.statuses.length === 0 && (
        <p className="mt-1">No candidate of the centre is registered on a qualification yet.</p>
      )}
      <ul className="mt-2 space-y-2">
        {props.statuses.map((s) => (
          <li key={s.code} className="rounded border border-slate-300 p-2">
            <p>
              {s.code} {s.title}:{" "}
              <strong>{s.direct ? "direct claims status" : "claims wait for the external verifier"}</strong>
            </p>
            {(s.direct || props.mayGrant) && (
              <ActionForm
                action={props.action}
                label={`${s.direct ? "Withdraw" : "Grant"} direct claims status for ${s.code}`}
              >
                <input type="hidden" name="centreId" value={props.centreId} />
                <input type="hidden" name="specCode" value={s.code} />
                <input type="hidden" name="granted" value={s.direct ? "no" : "yes"} />
                <label htmlFor={`reason-${s.code}`} className="mr-2">
                  Reason
                </label>
                <input
                  id={`reason-${s.code}`}
                  name="reason"
                  className="w-96 max-w-full rounded border border-slate-500 px-2 py-1"
                />
                <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">
                  {s.direct ? "Withdraw direct claims status" : "Grant direct claims status"}
                </button>
              </ActionForm>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
