import Link from "next/link";
import { orPageError } from "@/lib/auth/page-guard";
import { requireArea } from "@/lib/auth/session";
import { getPortfolioProgress } from "@/lib/server/evidence";

export const metadata = { title: "Progress" };

const percent = (covered: number, total: number) => (total === 0 ? 0 : Math.round((covered / total) * 100));

export default async function ProgressPage() {
  const actor = await requireArea("candidate");
  const progress = await orPageError(getPortfolioProgress(actor, actor.userId));
  return (
    <>
      <h1 className="text-2xl font-semibold">My progress</h1>
      {progress.length === 0 && <p className="mt-2">You are not registered on a qualification yet.</p>}
      {progress.map((p) => (
        <section key={p.registration.id} aria-labelledby={`q-${p.registration.id}`} className="mt-4">
          <h2 id={`q-${p.registration.id}`} className="text-xl font-semibold">{p.registration.spec.code} {p.registration.spec.title}</h2>
          <div className="mt-2">
            <label htmlFor={`overall-${p.registration.id}`}>
              Criteria with evidence: {p.criteriaCovered} of {p.criteriaTotal} ({percent(p.criteriaCovered, p.criteriaTotal)}%) · units fully covered: {p.unitsFullyCovered} of {p.units.length}
            </label>
            <progress id={`overall-${p.registration.id}`} max={100} value={percent(p.criteriaCovered, p.criteriaTotal)} className="ml-2 align-middle" />
          </div>
          <p className="mt-1 text-sm text-slate-700">
            {p.registration.verdict.valid
              ? `Your ${p.registration.units.length} units make a valid qualification (${p.registration.verdict.total} ${p.registration.units.some((u) => u.includes("@")) ? "UV" : "credits"}); units count once your assessor signs them off.`
              : "Your unit selection no longer meets the qualification's rules; ask your centre."}
          </p>
          {p.units.map((u) => (
            <details key={u.ref} className="mt-2 rounded border border-slate-300 p-2" open={u.covered > 0 && u.covered < u.total}>
              <summary className="cursor-pointer">
                <span className="font-medium">Unit {u.ref} {u.title}</span>{" "}
                {u.total > 0 ? (
                  <span className="text-sm">
                    ({u.covered} of {u.total} criteria have evidence)
                    <progress max={u.total} value={u.covered} aria-label={`Unit ${u.ref} progress`} className="ml-2 align-middle" />
                  </span>
                ) : (
                  <span className="text-sm text-slate-700">(criteria not in the catalogue)</span>
                )}
              </summary>
              {u.outcomes.map((o) => (
                <div key={o.number} className="mt-2">
                  <h3 className="font-medium">Outcome {o.number}: {o.text}</h3>
                  <ul className="ml-4">
                    {o.criteria.map((c) => (
                      <li key={c.number} className="py-0.5">
                        <span className="font-mono">{c.number}</span> {c.text}{" "}
                        {c.evidence.length > 0 ? (
                          <span className="text-sm text-green-900">
                            — covered by {c.evidence.map((e, i) => (
                              <span key={e.id}>{i > 0 && ", "}<Link href={`/candidate/evidence/${e.id}`} className="underline">{e.title}</Link></span>
                            ))}
                          </span>
                        ) : (
                          <span className="text-sm font-semibold text-red-800">— no evidence yet</span>
                        )}
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </details>
          ))}
        </section>
      ))}
    </>
  );
}
