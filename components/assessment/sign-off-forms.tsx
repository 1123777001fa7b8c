import { ActionForm } from "@/components/action-form";
import type { ActionState } from "@/lib/auth/action";
import { ASSESSOR_UNIT_DECLARATION } from "@/lib/domain/declarations";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;

function PasswordAndDeclaration({ id, declaration }: { id: string; declaration: string }) {
  return (
    <>
      <div className="mt-1 flex max-w-prose items-start gap-2">
        <input type="checkbox" id={`declared-${id}`} name="declared" value="yes" className="mt-1" />
        <label htmlFor={`declared-${id}`}>{declaration}</label>
      </div>
      <label htmlFor={`password-${id}`} className="mt-1 block">
        Your password (to sign)
      </label>
      <input
        id={`password-${id}`}
        name="password"
        type="password"
        autoComplete="current-password"
        className="rounded border border-slate-500 px-2 py-1"
      />
    </>
  );
}

/** Signing a unit off: the declaration and the assessor's password, deliberately. */
export function SignOffForm(props: {
  action: Action;
  candidateId: string;
  specId: string;
  unitRef: string;
  expected: string;
}) {
  const id = `${props.specId}-${props.unitRef}`;
  return (
    <ActionForm
      action={props.action}
      label={`Sign off unit ${props.unitRef}`}
      className="mt-2 rounded border border-green-800 p-2"
    >
      <input type="hidden" name="candidateId" value={props.candidateId} />
      <input type="hidden" name="specId" value={props.specId} />
      <input type="hidden" name="unitRef" value={props.unitRef} />
      <input type="hidden" name="expected" value={props.expected} />
      <p className="font-medium">Every criterion of this unit is covered by accepted evidence.</p>
      <PasswordAndDeclaration id={id} declaration={ASSESSOR_UNIT_DECLARATION} />
      <button className="ml-2 rounded bg-green-800 px-3 py-1 text-white">Sign off unit {props.unitRef}</button>
    </ActionForm>
  );
}

/** Correcting a standing sign-off: a new record with a reason, never an edit. */
export function CorrectionForm(props: { action: Action; signOffId: string; unitRef: string; flagged: boolean }) {
  const id = `correct-${props.signOffId}`;
  return (
    <details className="mt-2 rounded border border-slate-400 p-2" open={props.flagged}>
      <summary className="cursor-pointer">
        {props.flagged
          ? `Review the sign-off of unit ${props.unitRef}`
          : `Correct the sign-off of unit ${props.unitRef}`}
      </summary>
      <ActionForm action={props.action} label={`Correct the sign-off of unit ${props.unitRef}`}>
        <input type="hidden" name="signOffId" value={props.signOffId} />
        <fieldset className="mt-1">
          <legend className="font-medium">Correction</legend>
          <div className="flex items-center gap-2">
            <input type="radio" id={`${id}-resign`} name="action" value="resign" />
            <label htmlFor={`${id}-resign`}>Sign off again on the evidence as it stands now</label>
          </div>
          <div className="flex items-center gap-2">
            <input type="radio" id={`${id}-withdraw`} name="action" value="withdraw" />
            <label htmlFor={`${id}-withdraw`}>Withdraw the sign-off</label>
          </div>
        </fieldset>
        <label htmlFor={`${id}-reason`} className="mt-1 block">
          Reason
        </label>
        <textarea
          id={`${id}-reason`}
          name="reason"
          rows={2}
          className="w-full max-w-xl rounded border border-slate-500 px-2 py-1"
        />
        <PasswordAndDeclaration id={id} declaration={ASSESSOR_UNIT_DECLARATION} />
        <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">Record the correction</button>
      </ActionForm>
    </details>
  );
}
