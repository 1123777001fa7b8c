// The password box and button of a password confirmation (components/action-form.tsx shows it
// beside a refused sensitive form; /confirm-password on its own), and the password box that a
// sensitive form of its own kind carries inside it.
import { PASSWORD_CONFIRMATION_FIELD, REAUTH_MINUTES } from "@/lib/domain/identity/reauthentication";

export function PasswordConfirmFields() {
  return (
    <>
      <label className="mt-1 block">
        <span className="font-medium">Your password</span>
        <input
          type="password"
          name="password"
          autoComplete="current-password"
          required
          className="mt-1 block w-full rounded border border-slate-500 px-2 py-1"
        />
      </label>
      <button type="submit" className="mt-2 rounded bg-slate-900 px-3 py-1 text-white">
        Confirm password
      </button>
    </>
  );
}

/**
 * The user's own password inside a sensitive form, shown when it was last typed 10 minutes ago or
 * more (or the server has just said so): it goes with the form and is confirmed first, so one
 * submission does it and nothing typed in the form is lost (lib/auth/action.ts, runActionConfirming).
 */
export function PasswordInForm({ id, error }: { id: string; error?: string[] }) {
  const describedBy = [`${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className="max-w-md rounded border border-amber-400 bg-amber-50 p-3">
      <label htmlFor={id} className="block font-medium">
        Your password
      </label>
      <p id={`${id}-hint`} className="text-sm text-slate-700">
        For your security, type the password you sign in with: this is needed for sensitive actions when you have not
        typed it in the last {REAUTH_MINUTES} minutes.
      </p>
      {error && (
        <p id={`${id}-error`} className="text-sm text-red-800">
          {error.join(" ")}
        </p>
      )}
      <input
        id={id}
        name={PASSWORD_CONFIRMATION_FIELD}
        type="password"
        autoComplete="current-password"
        aria-describedby={describedBy}
        aria-invalid={error ? true : undefined}
        className="mt-1 w-full rounded border border-slate-500 px-3 py-2"
      />
    </div>
  );
}
