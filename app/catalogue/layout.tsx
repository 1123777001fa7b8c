// The catalogue is shared by every role: it is framed by the user's first role area.
import { redirect } from "next/navigation";
import { AppShell } from "@/components/app-shell";
import { requireActor } from "@/lib/auth/session";
import { areasFor } from "@/lib/domain/roles";

export default async function CatalogueLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const area = areasFor(actor.roles)[0];
  if (!area) redirect("/no-role");
  return (
    <AppShell area={area} userName={actor.name} roles={actor.roles}>
      {children}
    </AppShell>
  );
}
