import { requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { listWitnessCandidates } from "@/lib/server/candidates";

export const metadata = { title: "Candidates who named me" };

export default async function WitnessHome() {
  const actor = await requireArea("witness");
  const candidates = await listWitnessCandidates(actor);
  return (
    <>
      <h1 className="text-2xl font-semibold">Candidates who named you as an expert witness</h1>
      {candidates.length === 0 ? (
        <p className="mt-4">No candidate has named you yet.</p>
      ) : (
        <ul className="mt-4 list-disc pl-6">
          {candidates.map((c) => (
            <li key={c.id}>
              {c.name}, {c.centre?.name ?? "no centre"} (named you on {formatDate(c.nominatedAt)})
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
