// Asks for the password again before sensitive actions (decision 0016). Server-rendered around the
// client ActionForm; once confirmed, the page re-renders with the actions it guards.
import { ActionForm } from "@/components/action-form";
import { confirmPasswordAction } from "@/app/reauthentication-actions";
import { PasswordConfirmFields } from "./password-fields";

export function ConfirmPasswordForm({ purpose }: { purpose: string }) {
  return (
    <ActionForm
      action={confirmPasswordAction}
      label="Confirm your password"
      isConfirmation
      className="mt-3 max-w-md rounded border border-amber-400 bg-amber-50 p-3"
    >
      <p>
        To {purpose}, confirm your password. This is asked for sensitive actions when you have not typed your password
        in the last 10 minutes.
      </p>
      <PasswordConfirmFields />
    </ActionForm>
  );
}
