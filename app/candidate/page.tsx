import { PeopleSection } from "@/components/people-list";
import { orPageError } from "@/lib/auth/page-guard";
import { requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { getOwnCandidateRecord } from "@/lib/server/identity";
import { getRegistrations } from "@/lib/server/registrations";
import { listOwnActionPoints } from "@/lib/server/assessment";
import { ActionForm } from "@/components/action-form";
import { londonToday } from "@/lib/domain/today";
import { actionPointDoneAction } from "./actions";
import { RegistrationSection } from "@/components/registration/registration-summary";

export const metadata = { title: "My portfolio" };

export default async function CandidateHome() {
  const actor = await requireArea("candidate");
  const [me, registrations, actions] = await Promise.all([
    orPageError(getOwnCandidateRecord(actor)),
    orPageError(getRegistrations(actor, actor.userId)),
    orPageError(listOwnActionPoints(actor)),
  ]);
  const today = londonToday();
  return (
    <>
      <h1 className="text-2xl font-semibold">My portfolio</h1>
      <p className="mt-2 text-slate-700">
        {me.centre ? `${me.centre.name} (centre ${me.centre.code})` : "No centre"}. Registered on{" "}
        {formatDate(me.registeredAt)}.
      </p>
      <section aria-labelledby="actions-heading" className="mt-6">
        <h2 id="actions-heading" className="text-xl font-semibold">
          My action points
        </h2>
        {actions.length === 0 && <p className="mt-2">No open action points.</p>}
        <ul className="mt-2 space-y-2">
          {actions.map((a) => (
            <li key={a.id} className="rounded border border-slate-300 p-2">
              <p>{a.text}</p>
              <p className="text-sm text-slate-700">
                Agreed with {a.review.assessor.name} on {formatDate(a.review.heldOn)}; target {formatDate(a.targetOn)}
                {a.targetOn.toISOString().slice(0, 10) < today && <strong className="text-red-800"> (overdue)</strong>}
              </p>
              <ActionForm action={actionPointDoneAction} label={`Mark done: ${a.text}`}>
                <input type="hidden" name="actionPointId" value={a.id} />
                <button className="mt-1 rounded border border-slate-500 px-2 text-sm">Mark as done</button>
              </ActionForm>
            </li>
          ))}
        </ul>
      </section>
      <RegistrationSection
        title="My qualification"
        registrations={registrations}
        empty="You are not registered on a qualification yet. Your centre will register you."
      />
      <PeopleSection
        id="assessors"
        title="My assessor"
        people={me.assessors}
        empty="You do not have an assessor yet. Your centre will assign one."
      />
      <PeopleSection
        id="witnesses"
        title="My expert witnesses"
        people={me.witnesses}
        empty="You have not named any expert witnesses."
      />
      <section aria-labelledby="data-heading" className="mt-6">
        <h2 id="data-heading" className="text-xl font-semibold">
          My personal data
        </h2>
        <p className="mt-2 max-w-prose text-slate-700">
          Download a copy of everything we hold about you: your account and sign-ins, every piece of evidence with its
          files, the decisions about it, sign-offs, reviews, verification, claims and the audit events about you (UK
          GDPR subject access).
        </p>
        <p className="mt-2">
          <a href={`/api/candidates/${actor.userId}/subject-access`} className="font-medium text-blue-800 underline">
            Download my personal data (ZIP)
          </a>
        </p>
      </section>
    </>
  );
}
