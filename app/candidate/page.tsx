import { PeopleSection } from "@/components/people-list";
import { orPageError } from "@/lib/auth/page-guard";
import { requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { getOwnCandidateRecord } from "@/lib/server/candidates";
import { getRegistrations } from "@/lib/server/registrations";
import { RegistrationSection } from "@/components/registration/registration-summary";

export const metadata = { title: "My portfolio" };

export default async function CandidateHome() {
  const actor = await requireArea("candidate");
  const me = await orPageError(getOwnCandidateRecord(actor));
  const registrations = await orPageError(getRegistrations(actor, actor.userId));
  return (
    <>
      <h1 className="text-2xl font-semibold">My portfolio</h1>
      <p className="mt-2 text-slate-700">
        {me.centre ? `${me.centre.name} (centre ${me.centre.code})` : "No centre"}. Registered on {formatDate(me.registeredAt)}.
      </p>
      <RegistrationSection title="My qualification" registrations={registrations} empty="You are not registered on a qualification yet. Your centre will register you." />
      <PeopleSection id="assessors" title="My assessor" people={me.assessors} empty="You do not have an assessor yet. Your centre will assign one." />
      <PeopleSection id="witnesses" title="My expert witnesses" people={me.witnesses} empty="You have not named any expert witnesses." />
    </>
  );
}
