import { CreateUserForm } from "@/components/admin/create-user-form";
import { requireArea } from "@/lib/auth/session";
import { passwordIsRecent } from "@/lib/domain/identity/reauthentication";
import { createUserAction } from "../../actions";

export const metadata = { title: "Add a user" };

export default async function NewUserPage() {
  const actor = await requireArea("admin");
  return (
    <>
      <h1 className="mb-4 text-2xl font-semibold">Add a user</h1>
      <CreateUserForm action={createUserAction} askPassword={!passwordIsRecent(actor)} />
    </>
  );
}
