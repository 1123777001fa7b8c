import { AppShell } from "@/components/app-shell";
import { requireArea } from "@/lib/auth/session";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireArea("admin");
  return (
    <AppShell area="admin" userName={actor.name} roles={actor.roles} nav={[{ href: "/admin", label: "Users" }, { href: "/admin/users/new", label: "Add a user" }]}>
      {children}
    </AppShell>
  );
}
