import { ActionForm } from "@/components/action-form";
import { StandardisationList } from "@/components/iv/standardisation-list";
import { idParam, requireArea } from "@/lib/auth/session";
import { londonToday } from "@/lib/domain/today";
import { listStandardisation, observationCandidates, standardisationChoices } from "@/lib/server/internal-verification";
import { meetingAction, observationAction } from "../actions";

export const metadata = { title: "Observations and standardisation" };

const input = "rounded border border-slate-500 px-2 py-1";

export default async function StandardisationPage({ searchParams }: { searchParams: Promise<{ assessor?: string }> }) {
  const actor = await requireArea("iv");
  const params = await searchParams;
  const [choices, records] = await Promise.all([standardisationChoices(actor), listStandardisation(actor)]);
  const assessors = choices.staff.filter((s) => s.assessor && s.id !== actor.userId);
  const chosen = params.assessor ? assessors.find((a) => a.id === idParam(params.assessor!)) : undefined;
  const candidates = chosen ? await observationCandidates(actor, chosen.id) : [];
  const today = londonToday();
  return (
    <>
      <h1 className="text-2xl font-semibold">Observations and standardisation</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Record your observations of assessors at work and the centre&apos;s standardisation meetings. Both are attached
        to the assessors concerned, appear on their competence records, and count in their risk rating: not observed or
        not standardised in the last 12 months, or an observation that found development needed, raises it.
      </p>

      <section aria-labelledby="observe-heading" className="mt-6">
        <h2 id="observe-heading" className="text-xl font-semibold">
          Observe an assessor
        </h2>
        <form method="get" className="mt-2 flex flex-wrap items-end gap-2" aria-label="Choose the assessor observed">
          <div>
            <label htmlFor="assessor" className="block font-medium">
              Assessor
            </label>
            <select id="assessor" name="assessor" defaultValue={chosen?.id ?? ""} className={input}>
              <option value="">Choose an assessor</option>
              {assessors.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <button className="rounded border border-blue-800 px-3 py-1 text-blue-800">Choose</button>
        </form>
        {chosen && (
          <ActionForm
            action={observationAction}
            label={`Record an observation of ${chosen.name}`}
            className="mt-3 rounded border border-slate-300 p-3"
          >
            <h3 className="font-semibold">Observation of {chosen.name}</h3>
            <input type="hidden" name="assessorId" value={chosen.id} />
            <label htmlFor="observedOn" className="mt-2 block font-medium">
              Date observed
            </label>
            <input id="observedOn" name="observedOn" type="date" max={today} defaultValue={today} className={input} />
            <label htmlFor="candidateId" className="mt-2 block font-medium">
              Candidate being assessed (optional)
            </label>
            <select id="candidateId" name="candidateId" defaultValue="" className={input}>
              <option value="">Not with a particular candidate</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <label htmlFor="seen" className="mt-2 block font-medium">
              What you saw
            </label>
            <textarea id="seen" name="seen" rows={3} className={`w-full max-w-xl ${input}`} />
            <fieldset className="mt-2">
              <legend className="font-medium">Outcome</legend>
              <span className="mr-4 inline-flex items-center gap-2">
                <input type="radio" id="outcome-ok" name="outcome" value="SATISFACTORY" />
                <label htmlFor="outcome-ok">Satisfactory</label>
              </span>
              <span className="inline-flex items-center gap-2">
                <input type="radio" id="outcome-dev" name="outcome" value="DEVELOPMENT_NEEDED" />
                <label htmlFor="outcome-dev">Development needed</label>
              </span>
            </fieldset>
            <label htmlFor="obs-feedback" className="mt-2 block font-medium">
              Feedback to the assessor (optional)
            </label>
            <textarea id="obs-feedback" name="feedback" rows={2} className={`w-full max-w-xl ${input}`} />
            <div>
              <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Record the observation</button>
            </div>
          </ActionForm>
        )}
      </section>

      <section aria-labelledby="meeting-heading" className="mt-6">
        <h2 id="meeting-heading" className="text-xl font-semibold">
          Record a standardisation meeting
        </h2>
        <ActionForm
          action={meetingAction}
          label="Record a standardisation meeting"
          className="mt-2 rounded border border-slate-300 p-3"
        >
          <label htmlFor="heldOn" className="block font-medium">
            Date held
          </label>
          <input id="heldOn" name="heldOn" type="date" max={today} defaultValue={today} className={input} />
          <fieldset className="mt-2">
            <legend className="font-medium">Who attended</legend>
            {choices.staff.map((s) => (
              <span key={s.id} className="mr-4 inline-flex items-center gap-2">
                <input type="checkbox" id={`attended-${s.id}`} name="attended" value={s.id} />
                <label htmlFor={`attended-${s.id}`}>{s.name}</label>
              </span>
            ))}
          </fieldset>
          <fieldset className="mt-2">
            <legend className="font-medium">Assessors concerned who did not attend</legend>
            {choices.staff
              .filter((s) => s.assessor)
              .map((s) => (
                <span key={s.id} className="mr-4 inline-flex items-center gap-2">
                  <input type="checkbox" id={`concerned-${s.id}`} name="concerned" value={s.id} />
                  <label htmlFor={`concerned-${s.id}`}>{s.name}</label>
                </span>
              ))}
          </fieldset>
          <label htmlFor="specId" className="mt-2 block font-medium">
            Qualification (optional)
          </label>
          <select id="specId" name="specId" defaultValue="" className={input}>
            <option value="">Not about one qualification</option>
            {choices.qualifications.map((q) => (
              <option key={q.id} value={q.id}>
                {q.code} {q.title}
              </option>
            ))}
          </select>
          <label htmlFor="unitRefs" className="mt-2 block font-medium">
            Units discussed (numbers, separated by commas)
          </label>
          <input id="unitRefs" name="unitRefs" className={input} />
          {choices.evidence.length > 0 && (
            <fieldset className="mt-2">
              <legend className="font-medium">Evidence discussed (from recent samples)</legend>
              {choices.evidence.map((e) => (
                <span key={e.id} className="block">
                  <input type="checkbox" id={`evidence-${e.id}`} name="evidenceIds" value={e.id} />{" "}
                  <label htmlFor={`evidence-${e.id}`}>{e.label}</label>
                </span>
              ))}
            </fieldset>
          )}
          <label htmlFor="discussed" className="mt-2 block font-medium">
            What was discussed
          </label>
          <textarea id="discussed" name="discussed" rows={3} className={`w-full max-w-xl ${input}`} />
          <label htmlFor="agreed" className="mt-2 block font-medium">
            What was agreed
          </label>
          <textarea id="agreed" name="agreed" rows={3} className={`w-full max-w-xl ${input}`} />
          <div>
            <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Record the meeting</button>
          </div>
        </ActionForm>
      </section>

      <StandardisationList records={records} />
    </>
  );
}
