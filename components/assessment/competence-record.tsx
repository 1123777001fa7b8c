import { ActionForm } from "@/components/action-form";
import { StandardisationList } from "@/components/iv/standardisation-list";
import type { ActionState } from "@/lib/auth/action";
import { formatDate, formatDateTime } from "@/lib/domain/format";
import type { getAssessorCompetence } from "@/lib/server/internal-verification";
import { AWARD_LABEL, AWARDS, awardLabel, IV_AWARD_LABEL, IV_AWARDS } from "@/lib/validation/assessment";

type Action = (s: ActionState, f: FormData) => Promise<ActionState>;
type CompetenceRecord = Awaited<ReturnType<typeof getAssessorCompetence>>;

const ROLE_TEXT = {
  ASSESSOR: {
    heading: "As an assessor",
    award: "Assessor award",
    awards: AWARDS.map((a) => [a, AWARD_LABEL[a]] as const),
    QUALIFIED: "Qualified assessor",
    WORKING_TOWARDS: "Working towards the assessor units: decisions need a qualified assessor's countersignature",
    none: "No record yet. Until one shows them as qualified, their decisions need a qualified assessor's countersignature.",
  },
  INTERNAL_VERIFIER: {
    heading: "As an internal verifier",
    award: "Verifier award",
    awards: IV_AWARDS.map((a) => [a, IV_AWARD_LABEL[a]] as const),
    QUALIFIED: "Qualified internal verifier",
    WORKING_TOWARDS:
      "Working towards the verifier units: verifications need a qualified internal verifier's countersignature",
    none: "No record yet. Until one shows them as qualified, their verifications need a qualified internal verifier's countersignature.",
  },
} as const;

/** A staff member's competence record: current status in each role they hold, history, CPD; forms for whoever may add to it. */
export function CompetenceRecordView(props: {
  record: CompetenceRecord;
  today: string;
  recordAction?: Action;
  cpdAction: Action;
}) {
  const { record } = props;
  return (
    <>
      {record.user.roles.map((role) => {
        const text = ROLE_TEXT[role];
        const current = record.current[role];
        const earlier = record.history.filter((h) => h.role === role).slice(1);
        const id = role === "ASSESSOR" ? "assessor" : "iv";
        return (
          <section key={role} aria-labelledby={`${id}-status-heading`} className="mt-4">
            <h2 id={`${id}-status-heading`} className="text-xl font-semibold">
              {text.heading}
            </h2>
            {current ? (
              <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1">
                <dt className="font-medium">Status</dt>
                <dd>{text[current.status]}</dd>
                <dt className="font-medium">{text.award}</dt>
                <dd>{awardLabel(current.award)}</dd>
                <dt className="font-medium">Achieved</dt>
                <dd>{current.achievedOn ? formatDate(current.achievedOn) : "not yet"}</dd>
                <dt className="font-medium">Certificate number</dt>
                <dd>{current.certificateNumber ?? "none"}</dd>
                <dt className="font-medium">Occupational competence</dt>
                <dd className="whitespace-pre-line">{current.occupationalCompetence}</dd>
              </dl>
            ) : (
              <p className="mt-2">{text.none}</p>
            )}
            {earlier.length > 0 && (
              <details className="mt-2">
                <summary className="cursor-pointer">Earlier records ({earlier.length})</summary>
                <ul className="mt-1 list-disc pl-6 text-sm">
                  {earlier.map((h) => (
                    <li key={h.id}>
                      {formatDateTime(h.recordedAt)}: {h.status === "QUALIFIED" ? "qualified" : "working towards"},{" "}
                      {awardLabel(h.award)}; recorded by {h.recordedBy}
                    </li>
                  ))}
                </ul>
              </details>
            )}
            {props.recordAction && (
              <ActionForm
                action={props.recordAction}
                label={`Record a change of status ${text.heading.toLowerCase()}`}
                className="mt-3 rounded border border-slate-300 p-3"
              >
                <h3 className="font-semibold">Record a change of status {text.heading.toLowerCase()}</h3>
                <input type="hidden" name="userId" value={record.user.id} />
                <input type="hidden" name="role" value={role} />
                <fieldset className="mt-2">
                  <legend className="font-medium">Status</legend>
                  <span className="mr-4 inline-flex items-center gap-2">
                    <input type="radio" id={`${id}-status-q`} name="status" value="QUALIFIED" />
                    <label htmlFor={`${id}-status-q`}>Qualified</label>
                  </span>
                  <span className="inline-flex items-center gap-2">
                    <input type="radio" id={`${id}-status-w`} name="status" value="WORKING_TOWARDS" />
                    <label htmlFor={`${id}-status-w`}>Working towards</label>
                  </span>
                </fieldset>
                <label htmlFor={`${id}-award`} className="mt-2 block font-medium">
                  {text.award}
                </label>
                <select
                  id={`${id}-award`}
                  name="award"
                  defaultValue=""
                  className="rounded border border-slate-500 px-2 py-1"
                >
                  <option value="">Choose an award</option>
                  {text.awards.map(([a, label]) => (
                    <option key={a} value={a}>
                      {label}
                    </option>
                  ))}
                </select>
                <label htmlFor={`${id}-achievedOn`} className="mt-2 block font-medium">
                  Date achieved (qualified only)
                </label>
                <input
                  id={`${id}-achievedOn`}
                  name="achievedOn"
                  type="date"
                  max={props.today}
                  className="rounded border border-slate-500 px-2 py-1"
                />
                <label htmlFor={`${id}-certificateNumber`} className="mt-2 block font-medium">
                  Certificate number (qualified only)
                </label>
                <input
                  id={`${id}-certificateNumber`}
                  name="certificateNumber"
                  className="rounded border border-slate-500 px-2 py-1"
                />
                <label htmlFor={`${id}-occupationalCompetence`} className="mt-2 block font-medium">
                  Evidence of occupational competence
                </label>
                <textarea
                  id={`${id}-occupationalCompetence`}
                  name="occupationalCompetence"
                  rows={3}
                  defaultValue={current?.occupationalCompetence}
                  className="w-full max-w-xl rounded border border-slate-500 px-2 py-1"
                />
                <div>
                  <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">
                    Save the record {text.heading.toLowerCase()}
                  </button>
                </div>
              </ActionForm>
            )}
          </section>
        );
      })}
      <section aria-labelledby="cpd-heading" className="mt-6">
        <h2 id="cpd-heading" className="text-xl font-semibold">
          Continuing professional development ({record.cpdHours} hours)
        </h2>
        {record.cpd.length === 0 && <p className="mt-1">No CPD recorded yet.</p>}
        <ul className="mt-1 list-disc pl-6">
          {record.cpd.map((c) => (
            <li key={c.id}>
              {formatDate(c.activityOn)}: {c.activity} ({c.hours} h; recorded by {c.recordedBy})
            </li>
          ))}
        </ul>
        <ActionForm action={props.cpdAction} label="Add a CPD entry" className="mt-2">
          <input type="hidden" name="userId" value={record.user.id} />
          <label htmlFor="activityOn" className="block font-medium">
            Date
          </label>
          <input
            id="activityOn"
            name="activityOn"
            type="date"
            max={props.today}
            className="rounded border border-slate-500 px-2 py-1"
          />
          <label htmlFor="activity" className="mt-1 block font-medium">
            Activity
          </label>
          <input id="activity" name="activity" className="w-full max-w-xl rounded border border-slate-500 px-2 py-1" />
          <label htmlFor="hours" className="mt-1 block font-medium">
            Hours
          </label>
          <input
            id="hours"
            name="hours"
            type="number"
            min={1}
            max={500}
            className="w-24 rounded border border-slate-500 px-2 py-1"
          />
          <div>
            <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Add CPD</button>
          </div>
        </ActionForm>
      </section>
      <StandardisationList records={record.standardisation} />
    </>
  );
}
