import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { requireArea } from "@/lib/auth/session";
import { COUNTERSIGN_DECLARATION } from "@/lib/domain/declarations";
import { formatDateTime } from "@/lib/domain/format";
import { listCountersignQueue } from "@/lib/server/assessment";
import { countersignAction } from "../actions";

export const metadata = { title: "Countersigning" };

/** One password and declaration for the decisions ticked above it. */
function SignBlock({ kind, label }: { kind: "judgement" | "signOff"; label: string }) {
  return (
    <div className="mt-2 rounded bg-slate-50 p-2">
      <input type="hidden" name="kind" value={kind} />
      <div className="flex items-start gap-2">
        <input type="checkbox" id={`declared-${kind}`} name="declared" value="yes" className="mt-1" />
        <label htmlFor={`declared-${kind}`}>{COUNTERSIGN_DECLARATION}</label>
      </div>
      <label htmlFor={`password-${kind}`} className="mr-2">
        Your password
      </label>
      <input
        id={`password-${kind}`}
        name="password"
        type="password"
        autoComplete="current-password"
        className="rounded border border-slate-500 px-2 py-1"
      />
      <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">{label}</button>
    </div>
  );
}

export default async function CountersignPage() {
  const actor = await requireArea("assessor");
  const queue = await listCountersignQueue(actor);
  return (
    <>
      <h1 className="text-2xl font-semibold">Decisions to countersign</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Decisions by an assessor who is working towards the assessor units count only once a qualified assessor
        countersigns them.
      </p>
      {!queue.qualified ? (
        <p className="mt-4">
          Your competence record does not show you as a qualified assessor, so you cannot countersign. Your own
          decisions are countersigned by a qualified assessor.
        </p>
      ) : (
        <>
          <section aria-labelledby="judgements-heading" className="mt-4">
            <h2 id="judgements-heading" className="text-xl font-semibold">
              Judgements ({queue.judgements.length})
            </h2>
            {queue.judgements.length === 0 && <p className="mt-1">None waiting.</p>}
            {queue.judgements.length > 0 && (
              <ActionForm action={countersignAction} label="Countersign judgements">
                <ul className="mt-2 space-y-1">
                  {queue.judgements.map((j) => (
                    <li key={j.id} className="flex items-start gap-2">
                      <input type="checkbox" id={`j-${j.id}`} name="ids" value={j.id} className="mt-1" />
                      <label htmlFor={`j-${j.id}`}>
                        {j.outcome === "ACCEPTED" ? "Accepted" : "Referred back"} unit {j.unitRef} criterion{" "}
                        {j.criterion} for {j.evidence.candidate.name}, by {j.assessor.name} on{" "}
                        {formatDateTime(j.decidedAt)}
                      </label>
                      <Link
                        href={`/assessor/candidates/${j.evidence.candidate.id}/evidence/${j.evidence.id}`}
                        className="text-sm underline"
                      >
                        see {j.evidence.title}
                      </Link>
                    </li>
                  ))}
                </ul>
                <SignBlock kind="judgement" label="Countersign the judgements ticked" />
              </ActionForm>
            )}
          </section>
          <section aria-labelledby="signoffs-heading" className="mt-6">
            <h2 id="signoffs-heading" className="text-xl font-semibold">
              Unit sign-offs ({queue.signOffs.length})
            </h2>
            {queue.signOffs.length === 0 && <p className="mt-1">None waiting.</p>}
            {queue.signOffs.length > 0 && (
              <ActionForm action={countersignAction} label="Countersign unit sign-offs">
                <ul className="mt-2 space-y-1">
                  {queue.signOffs.map((s) => (
                    <li key={s.id} className="flex items-start gap-2">
                      <input type="checkbox" id={`s-${s.id}`} name="ids" value={s.id} className="mt-1" />
                      <label htmlFor={`s-${s.id}`}>
                        Unit {s.unitRef} for {s.candidate.name}, signed off by {s.assessor.name} on{" "}
                        {formatDateTime(s.signedAt)}
                      </label>
                      <Link href={`/assessor/candidates/${s.candidate.id}`} className="text-sm underline">
                        see {s.candidate.name}
                      </Link>
                    </li>
                  ))}
                </ul>
                <SignBlock kind="signOff" label="Countersign the sign-offs ticked" />
              </ActionForm>
            )}
          </section>
        </>
      )}
    </>
  );
}
