import { AppShell } from "@/components/app-shell";
import { requireArea } from "@/lib/auth/session";

export default async function ExternalVerifierLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireArea("ev");
  return (
    <AppShell area="ev" userName={actor.name} roles={actor.roles} nav={[{ href: "/ev", label: "My centres" }]}>
      {children}
    </AppShell>
  );
}
