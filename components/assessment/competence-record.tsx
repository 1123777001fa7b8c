import { ActionForm } from "@/components/action-form";
import type { ActionState } from "@/lib/auth/action";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import type { getAssessorCompetence } from "@/lib/server/competence";
import { AWARD_LABEL, AWARDS } from "@/lib/validation/assessment";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;
type CompetenceRecord = Awaited<ReturnType<typeof getAssessorCompetence>>;

const STATUS_TEXT = { QUALIFIED: "Qualified assessor", WORKING_TOWARDS: "Working towards the assessor units: decisions need a qualified assessor's countersignature" } as const;
const awardText = (award: string | null) => (award ? (AWARD_LABEL[award as (typeof AWARDS)[number]] ?? award) : "none recorded");

/** An assessor's competence record: current status, history, CPD; forms for whoever may add to it. */
export function CompetenceRecordView(props: { record: CompetenceRecord; today: string; recordAction?: Action; cpdAction: Action }) {
  const { record } = props;
  return (
    <>
      <section aria-labelledby="status-heading" className="mt-4">
        <h2 id="status-heading" className="text-xl font-semibold">Status</h2>
        {record.current ? (
          <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
            <dt className="font-medium">Status</dt><dd>{STATUS_TEXT[record.current.status]}</dd>
            <dt className="font-medium">Assessor award</dt><dd>{awardText(record.current.award)}</dd>
            <dt className="font-medium">Achieved</dt><dd>{record.current.achievedOn ? formatDate(record.current.achievedOn) : "not yet"}</dd>
            <dt className="font-medium">Certificate number</dt><dd>{record.current.certificateNumber ?? "none"}</dd>
            <dt className="font-medium">Occupational competence</dt><dd className="whitespace-pre-line">{record.current.occupationalCompetence}</dd>
          </dl>
        ) : (
          <p className="mt-2">No competence record yet. Until one shows the assessor as qualified, their decisions need a qualified assessor&apos;s countersignature.</p>
        )}
        {record.history.length > 1 && (
          <details className="mt-2">
            <summary className="cursor-pointer">Earlier records ({record.history.length - 1})</summary>
            <ul className="mt-1 list-disc pl-6 text-sm">
              {record.history.slice(1).map((h) => (
                <li key={h.id}>{formatDateTime(h.recordedAt)}: {h.status === "QUALIFIED" ? "qualified" : "working towards"}, {awardText(h.award)}; recorded by {h.recordedBy}</li>
              ))}
            </ul>
          </details>
        )}
      </section>
      {props.recordAction && (
        <section aria-labelledby="update-heading" className="mt-6">
          <h2 id="update-heading" className="text-xl font-semibold">Record a change of status</h2>
          <ActionForm action={props.recordAction} label="Record a change of status">
            <input type="hidden" name="userId" value={record.user.id} />
            <fieldset className="mt-2">
              <legend className="font-medium">Status</legend>
              <span className="mr-4 inline-flex items-center gap-2"><input type="radio" id="status-q" name="status" value="QUALIFIED" /><label htmlFor="status-q">Qualified</label></span>
              <span className="inline-flex items-center gap-2"><input type="radio" id="status-w" name="status" value="WORKING_TOWARDS" /><label htmlFor="status-w">Working towards</label></span>
            </fieldset>
            <label htmlFor="award" className="mt-2 block font-medium">Assessor award</label>
            <select id="award" name="award" defaultValue="" className="rounded border border-slate-500 px-2 py-1">
              <option value="">Choose an award</option>
              {AWARDS.map((a) => <option key={a} value={a}>{AWARD_LABEL[a]}</option>)}
            </select>
            <label htmlFor="achievedOn" className="mt-2 block font-medium">Date achieved (qualified only)</label>
            <input id="achievedOn" name="achievedOn" type="date" max={props.today} className="rounded border border-slate-500 px-2 py-1" />
            <label htmlFor="certificateNumber" className="mt-2 block font-medium">Certificate number (qualified only)</label>
            <input id="certificateNumber" name="certificateNumber" className="rounded border border-slate-500 px-2 py-1" />
            <label htmlFor="occupationalCompetence" className="mt-2 block font-medium">Evidence of occupational competence</label>
            <textarea id="occupationalCompetence" name="occupationalCompetence" rows={3} defaultValue={record.current?.occupationalCompetence} className="w-full max-w-xl rounded border border-slate-500 px-2 py-1" />
            <div><button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Save the record</button></div>
          </ActionForm>
        </section>
      )}
      <section aria-labelledby="cpd-heading" className="mt-6">
        <h2 id="cpd-heading" className="text-xl font-semibold">Continuing professional development ({record.cpdHours} hours)</h2>
        {record.cpd.length === 0 && <p className="mt-1">No CPD recorded yet.</p>}
        <ul className="mt-1 list-disc pl-6">
          {record.cpd.map((c) => <li key={c.id}>{formatDate(c.activityOn)}: {c.activity} ({c.hours} h; recorded by {c.recordedBy})</li>)}
        </ul>
        <ActionForm action={props.cpdAction} label="Add a CPD entry" className="mt-2">
          <input type="hidden" name="userId" value={record.user.id} />
          <label htmlFor="activityOn" className="block font-medium">Date</label>
          <input id="activityOn" name="activityOn" type="date" max={props.today} className="rounded border border-slate-500 px-2 py-1" />
          <label htmlFor="activity" className="mt-1 block font-medium">Activity</label>
          <input id="activity" name="activity" className="w-full max-w-xl rounded border border-slate-500 px-2 py-1" />
          <label htmlFor="hours" className="mt-1 block font-medium">Hours</label>
          <input id="hours" name="hours" type="number" min={1} max={500} className="w-24 rounded border border-slate-500 px-2 py-1" />
          <div><button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Add CPD</button></div>
        </ActionForm>
      </section>
    </>
  );
}
