import { AppShell } from "@/components/app-shell";
import { requireArea } from "@/lib/auth/session";

export default async function WitnessLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireArea("witness");
  return (
    <AppShell area="witness" userName={actor.name} roles={actor.roles} nav={[{ href: "/witness", label: "Candidates who named me" }]}>
      {children}
    </AppShell>
  );
}
