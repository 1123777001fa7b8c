import { CreateUserForm } from "@/components/admin/create-user-form";
import { requireArea } from "@/lib/auth/session";
import { passwordIsRecent } from "@/lib/domain/identity/reauthentication";
import { createVerifierAction } from "../../actions";

export const metadata = { title: "Add an external verifier" };

export default async function NewVerifierPage() {
  const actor = await requireArea("awarding");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Add an external verifier</h1>
      <CreateUserForm
        action={createVerifierAction}
        withRoles={false}
        submitLabel="Add external verifier"
        askPassword={!passwordIsRecent(actor)}
      />
    </>
  );
}
