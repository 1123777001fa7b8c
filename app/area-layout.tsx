// Not a route: the layout every role area shares. Pages check the area again themselves, because
// Next.js does not re-run layouts on every navigation.
import { AppShell } from "@/components/app-shell";
import { requireArea } from "@/lib/auth/session";
import type { Area } from "@/lib/domain/roles";

export function areaLayout(area: Area) {
  return async function AreaLayout({ children }: { children: React.ReactNode }) {
    const actor = await requireArea(area);
    return (
      <AppShell area={area} userName={actor.name} roles={actor.roles}>
        {children}
      </AppShell>
    );
  };
}
