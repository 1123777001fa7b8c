import { ActionForm } from "@/components/action-form";
import type { ActionState } from "@/lib/auth/action";

/** Deactivate or reactivate an account (deactivating ends its sessions): for centre users and EVs. */
export function AccountAccess(props: {
  userId: string;
  active: boolean;
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
}) {
  return (
    <section aria-labelledby="access-heading" className="mt-6">
      <h2 id="access-heading" className="text-xl font-semibold">
        Access
      </h2>
      <ActionForm action={props.action} label="Account access">
        <input type="hidden" name="userId" value={props.userId} />
        <input type="hidden" name="active" value={props.active ? "false" : "true"} />
        <button className={`rounded px-3 py-1 text-white ${props.active ? "bg-red-800" : "bg-blue-800"}`}>
          {props.active ? "Deactivate account" : "Reactivate account"}
        </button>
      </ActionForm>
    </section>
  );
}
