// The password box and button of a password confirmation (components/action-form.tsx shows it
// beside a refused sensitive form; /confirm-password on its own).
export function PasswordConfirmFields() {
  return (
    <>
      <label className="mt-1 block">
        <span className="font-medium">Your password</span>
        <input type="password" name="password" autoComplete="current-password" required className="mt-1 block w-full rounded border border-slate-500 px-2 py-1" />
      </label>
      <button type="submit" className="mt-2 rounded bg-slate-900 px-3 py-1 text-white">
        Confirm password
      </button>
    </>
  );
}
