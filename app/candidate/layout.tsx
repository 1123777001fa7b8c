import { AppShell } from "@/components/app-shell";
import { requireArea } from "@/lib/auth/session";

export default async function CandidateLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireArea("candidate");
  return (
    <AppShell area="candidate" userName={actor.name} roles={actor.roles} nav={[{ href: "/candidate", label: "My portfolio" }]}>
      {children}
    </AppShell>
  );
}
