// Not a route: the layout every role area shares. Pages check the area again themselves, because
// Next.js does not re-run layouts on every navigation.
import { AppShell } from "@/components/app-shell";
import { redirect } from "next/navigation";
import { requireActor, requireArea } from "@/lib/auth/session";
import { areasFor, type Area } from "@/lib/domain/roles";
import { unreadCount } from "@/lib/server/notifications";

export function areaLayout(area: Area) {
  return async function AreaLayout({ children }: { children: React.ReactNode }) {
    const actor = await requireArea(area);
    return (
      <AppShell area={area} userName={actor.name} roles={actor.roles} unread={await unreadCount(actor)}>
        {children}
      </AppShell>
    );
  };
}

/** For pages every role shares (the catalogue, notifications): framed by the user's first area. */
export async function FirstAreaLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const area = areasFor(actor.roles)[0];
  if (!area) redirect("/no-role");
  return (
    <AppShell area={area} userName={actor.name} roles={actor.roles} unread={await unreadCount(actor)}>
      {children}
    </AppShell>
  );
}
