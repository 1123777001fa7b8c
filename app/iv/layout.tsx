import { AppShell } from "@/components/app-shell";
import { requireArea } from "@/lib/auth/session";

export default async function InternalVerifierLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireArea("iv");
  return (
    <AppShell area="iv" userName={actor.name} roles={actor.roles} nav={[{ href: "/iv", label: "Centre overview" }]}>
      {children}
    </AppShell>
  );
}
