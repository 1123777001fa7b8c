import { CENTRE_ROLES, ROLE_LABEL } from "@/lib/domain/roles";

export function RoleCheckboxes({ checked, error }: { checked: readonly string[]; error?: string[] }) {
  return (
    <fieldset aria-describedby={error ? "roles-error" : undefined}>
      <legend className="font-medium">Roles</legend>
      <p className="text-sm text-slate-600">
        External verifiers are appointed by the awarding body, not by the centre.
      </p>
      {error && (
        <p id="roles-error" className="text-sm text-red-800">
          {error.join(" ")}
        </p>
      )}
      <div className="mt-1 grid gap-1 sm:grid-cols-2">
        {CENTRE_ROLES.map((role) => (
          <label key={role} className="flex items-center gap-2">
            <input type="checkbox" name="roles" value={role} defaultChecked={checked.includes(role)} />
            {ROLE_LABEL[role]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
