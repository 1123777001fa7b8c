import { redirect } from "next/navigation";
import { areaHome } from "@/components/app-shell";
import { getActor } from "@/lib/auth/session";
import { areasFor } from "@/lib/domain/roles";

/** Sends each person to the home of their first role (they can switch from there). */
export default async function Home() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  const [first] = areasFor(actor.roles);
  if (!first) redirect("/no-role");
  redirect(areaHome(first));
}
