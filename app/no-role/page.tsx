import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/sign-out-button";
import { getActor } from "@/lib/auth/session";

export const metadata = { title: "No role yet" };

export default async function NoRolePage() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <h1 className="text-2xl font-semibold">Your account has no role yet</h1>
      <p className="mt-4">Ask your centre administrator to give you a role, then sign in again.</p>
      <div className="mt-6 bg-slate-900 p-2 inline-block rounded">
        <SignOutButton />
      </div>
    </main>
  );
}
