// "My competence record" for an assessor or an internal verifier: one page body for both areas.
import { CompetenceRecordView } from "@/components/assessment/competence-record";
import { orPageError } from "@/lib/auth/page-guard";
import { requireArea } from "@/lib/auth/session";
import { londonToday } from "@/lib/domain/today";
import { getAssessorCompetence } from "@/lib/server/internal-verification";
import { cpdAction } from "./competence-actions";

export async function OwnCompetencePage({ area }: { area: "assessor" | "iv" }) {
  const actor = await requireArea(area);
  const record = await orPageError(getAssessorCompetence(actor, actor.userId));
  return (
    <>
      <h1 className="text-2xl font-semibold">My competence record</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Your centre administrator records your status and award. You can add your own CPD.
      </p>
      <CompetenceRecordView record={record} today={londonToday()} cpdAction={cpdAction} />
    </>
  );
}
