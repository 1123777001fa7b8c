import { AppShell } from "@/components/app-shell";
import { requireArea } from "@/lib/auth/session";

export default async function AssessorLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireArea("assessor");
  return (
    <AppShell area="assessor" userName={actor.name} roles={actor.roles} nav={[{ href: "/assessor", label: "My candidates" }]}>
      {children}
    </AppShell>
  );
}
