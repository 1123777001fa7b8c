import Link from "next/link";
import { requireArea } from "@/lib/auth/session";
import { listVerifiedCentres } from "@/lib/server/external-verification";

export const metadata = { title: "My centres" };

export default async function EvHome() {
  const actor = await requireArea("ev");
  const centres = await listVerifiedCentres(actor);
  return (
    <>
      <h1 className="text-2xl font-semibold">Centres you verify</h1>
      {centres.length === 0 ? (
        <p className="mt-4">You are not appointed to any centre yet.</p>
      ) : (
        <ul className="mt-4 space-y-2">
          {centres.map((c) => (
            <li key={c.id}>
              <Link href={`/ev/centres/${c.id}`} className="text-blue-800 underline">
                {c.name}
              </Link>{" "}
              (centre {c.code}): {c.candidates} {c.candidates === 1 ? "candidate" : "candidates"}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
