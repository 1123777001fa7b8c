import Link from "next/link";
import { formatDate } from "@/lib/domain/format";
import type { getRegistrations } from "@/lib/server/registrations";

type Registration = Awaited<ReturnType<typeof getRegistrations>>[number];

/** A titled section of a candidate's current registrations; `children` go after the list. */
export function RegistrationSection(props: {
  title: string;
  registrations: Registration[];
  empty: string;
  children?: React.ReactNode;
}) {
  return (
    <section aria-labelledby="qualifications-heading" className="mt-6">
      <h2 id="qualifications-heading" className="text-xl font-semibold">
        {props.title}
      </h2>
      <RegistrationSummary registrations={props.registrations} empty={props.empty} />
      {props.children}
    </section>
  );
}

/** A candidate's current registrations: qualification, version, units and progress. */
function RegistrationSummary({ registrations, empty }: { registrations: Registration[]; empty: string }) {
  if (registrations.length === 0) return <p className="mt-2">{empty}</p>;
  return (
    <ul className="mt-2 space-y-3">
      {registrations.map((r) => {
        const measure = r.units.some((u) => u.includes("@")) ? "UV" : "credits";
        const percent = Math.min(100, Math.round((r.progress.achieved / r.progress.required) * 100));
        return (
          <li key={r.id} className="rounded border border-slate-300 p-3">
            <p className="font-medium">
              <Link href={`/catalogue/${r.spec.id}`} className="text-blue-800 underline">
                {r.spec.code} {r.spec.title}
              </Link>
            </p>
            <p className="text-sm text-slate-700">
              {r.spec.awardingBody}, version {r.spec.version}. Registered on {formatDate(r.registeredOn)}; recorded by{" "}
              {r.createdBy}.
            </p>
            <p className="mt-1">
              Units: {r.units.join(", ")} ({r.verdict.total} {measure}
              {r.verdict.valid ? "" : "; no longer valid under the rules"}).
            </p>
            <div className="mt-1">
              <label htmlFor={`progress-${r.id}`} className="text-sm">
                Achieved {r.progress.achieved} of {r.progress.required} {measure}
              </label>
              <progress id={`progress-${r.id}`} max={100} value={percent} className="ml-2 align-middle">
                {percent}%
              </progress>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
