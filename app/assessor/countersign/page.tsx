import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { requireArea } from "@/lib/auth/session";
import { COUNTERSIGN_DECLARATION } from "@/lib/domain/declarations";
import { formatDateTime } from "@/lib/domain/format";
import { listCountersignQueue } from "@/lib/server/assessment";
import { countersignAction } from "../actions";

export const metadata = { title: "Countersigning" };

function CountersignForm({ kind, id, label }: { kind: "judgement" | "signOff"; id: string; label: string }) {
  return (
    <ActionForm action={countersignAction} label={label} className="mt-1">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="id" value={id} />
      <div className="flex items-start gap-2">
        <input type="checkbox" id={`declared-${id}`} name="declared" value="yes" className="mt-1" />
        <label htmlFor={`declared-${id}`}>{COUNTERSIGN_DECLARATION}</label>
      </div>
      <label htmlFor={`password-${id}`} className="mr-2">Your password</label>
      <input id={`password-${id}`} name="password" type="password" autoComplete="current-password" className="rounded border border-slate-500 px-2 py-1" />
      <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">{label}</button>
    </ActionForm>
  );
}

export default async function CountersignPage() {
  const actor = await requireArea("assessor");
  const queue = await listCountersignQueue(actor);
  return (
    <>
      <h1 className="text-2xl font-semibold">Decisions to countersign</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Decisions by an assessor who is working towards the assessor units count only once a qualified assessor countersigns them.
      </p>
      {!queue.qualified ? (
        <p className="mt-4">Your competence record does not show you as a qualified assessor, so you cannot countersign. Your own decisions are countersigned by a qualified assessor.</p>
      ) : (
        <>
          <section aria-labelledby="judgements-heading" className="mt-4">
            <h2 id="judgements-heading" className="text-xl font-semibold">Judgements ({queue.judgements.length})</h2>
            {queue.judgements.length === 0 && <p className="mt-1">None waiting.</p>}
            <ul className="mt-2 space-y-3">
              {queue.judgements.map((j) => (
                <li key={j.id} className="rounded border border-slate-300 p-2">
                  <p>
                    {j.outcome === "ACCEPTED" ? "Accepted" : "Referred back"} unit {j.unitRef} criterion {j.criterion} on{" "}
                    <Link href={`/assessor/candidates/${j.evidence.candidate.id}/evidence/${j.evidence.id}`} className="underline">{j.evidence.title}</Link>{" "}
                    for {j.evidence.candidate.name}, by {j.assessor.name} on {formatDateTime(j.decidedAt)}.
                  </p>
                  <CountersignForm kind="judgement" id={j.id} label={`Countersign ${j.unitRef} ${j.criterion} for ${j.evidence.candidate.name}`} />
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="signoffs-heading" className="mt-6">
            <h2 id="signoffs-heading" className="text-xl font-semibold">Unit sign-offs ({queue.signOffs.length})</h2>
            {queue.signOffs.length === 0 && <p className="mt-1">None waiting.</p>}
            <ul className="mt-2 space-y-3">
              {queue.signOffs.map((s) => (
                <li key={s.id} className="rounded border border-slate-300 p-2">
                  <p>
                    Unit {s.unitRef} for <Link href={`/assessor/candidates/${s.candidate.id}`} className="underline">{s.candidate.name}</Link>, signed off by {s.assessor.name} on {formatDateTime(s.signedAt)}.
                  </p>
                  <CountersignForm kind="signOff" id={s.id} label={`Countersign unit ${s.unitRef} for ${s.candidate.name}`} />
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </>
  );
}
