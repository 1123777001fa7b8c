import { ActionForm } from "@/components/action-form";
import { AddWitnessForm } from "@/components/witnesses/add-witness-form";
import { InvitationForm } from "@/components/witnesses/invitation-form";
import { WitnessRegister } from "@/components/witnesses/witness-register";
import { requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import { INVITATION_VALID_DAYS } from "@/lib/server/witnesses";
import { getRegisterChoices, listWitnessRegister } from "@/lib/server/witnesses";
import { addWitnessAction, createInvitationAction, linkWitnessAction, vetWitnessAction } from "./actions";

export const metadata = { title: "Expert witness register" };

const select = "mt-1 block max-w-full rounded border border-slate-500 px-3 py-1";

export default async function AssessorWitnessesPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const actor = await requireArea("assessor");
  const [register, choices] = await Promise.all([
    listWitnessRegister(actor, { page: parsePage((await searchParams).page) }),
    getRegisterChoices(actor),
  ]);
  const activeWitnesses = choices.witnesses.filter((w) => w.active);
  return (
    <>
      <h1 className="text-2xl font-semibold">Expert witness register</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        Assessors vet expert witnesses, including the evidence of their occupational competence, and keep this register
        of accepted witnesses and the candidates they give testimony for. Internal and external verifiers review it.
        Only a witness whose latest vetting approves them can be asked for testimony.
      </p>
      <WitnessRegister register={register} basePath="/assessor/witnesses" />

      <section aria-labelledby="add-heading" className="mt-8">
        <h2 id="add-heading" className="text-xl font-semibold">
          Add a witness
        </h2>
        <AddWitnessForm action={addWitnessAction} />
      </section>

      {choices.witnesses.length > 0 && (
        <>
          <section aria-labelledby="vet-heading" className="mt-8">
            <h2 id="vet-heading" className="text-xl font-semibold">
              Record a vetting decision
            </h2>
            <p className="max-w-prose text-sm text-slate-700">
              Each decision is kept; the latest one counts. Record a new one if your view changes.
            </p>
            <ActionForm action={vetWitnessAction} label="Record a vetting decision" className="mt-2">
              <label htmlFor="vet-witness" className="block font-medium">
                Witness
              </label>
              <select id="vet-witness" name="witnessId" required className={select}>
                {choices.witnesses.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name}, {w.organisation}
                  </option>
                ))}
              </select>
              <fieldset className="mt-3">
                <legend className="font-medium">Decision</legend>
                <div className="flex items-center gap-2">
                  <input type="radio" id="vet-yes" name="approved" value="yes" required />
                  <label htmlFor="vet-yes">Approved to give testimony</label>
                </div>
                <div className="flex items-center gap-2">
                  <input type="radio" id="vet-no" name="approved" value="no" />
                  <label htmlFor="vet-no">Not approved</label>
                </div>
              </fieldset>
              <label htmlFor="vet-note" className="mt-3 block font-medium">
                Reasons
              </label>
              <p id="vet-note-hint" className="max-w-prose text-sm text-slate-700">
                What you checked of their competence (CV, references, qualifications, a conversation) and what you
                concluded.
              </p>
              <textarea
                id="vet-note"
                name="note"
                rows={3}
                required
                aria-describedby="vet-note-hint"
                className="mt-1 w-full max-w-xl rounded border border-slate-500 px-3 py-2"
              />
              <button className="mt-2 block rounded bg-blue-800 px-3 py-1 text-white">Record the decision</button>
            </ActionForm>
          </section>

          <section aria-labelledby="link-heading" className="mt-8">
            <h2 id="link-heading" className="text-xl font-semibold">
              Link a witness to a candidate
            </h2>
            {choices.candidates.length === 0 ? (
              <p className="mt-2">You have no candidates on your caseload to link witnesses to.</p>
            ) : (
              <ActionForm action={linkWitnessAction} label="Link a witness to a candidate" className="mt-2">
                <label htmlFor="link-witness" className="block font-medium">
                  Witness
                </label>
                <select id="link-witness" name="witnessId" required className={select}>
                  {choices.witnesses.map((w) => (
                    <option key={w.id} value={w.id}>
                      {w.name}, {w.organisation}
                    </option>
                  ))}
                </select>
                <label htmlFor="link-candidate" className="mt-3 block font-medium">
                  Candidate on your caseload
                </label>
                <select id="link-candidate" name="candidateId" required className={select}>
                  {choices.candidates.map((c) => (
                    <option key={c.id} value={c.id}>
                      {c.name}
                    </option>
                  ))}
                </select>
                <label htmlFor="link-relationship" className="mt-3 block font-medium">
                  Relationship to the candidate
                </label>
                <p id="link-relationship-hint" className="text-sm text-slate-700">
                  How they know the candidate&apos;s work, for example Team leader or Customer.
                </p>
                <input
                  id="link-relationship"
                  name="relationship"
                  required
                  maxLength={120}
                  aria-describedby="link-relationship-hint"
                  className="mt-1 w-full max-w-md rounded border border-slate-500 px-3 py-1"
                />
                <button className="mt-2 block rounded bg-blue-800 px-3 py-1 text-white">Link</button>
              </ActionForm>
            )}
          </section>

          <section aria-labelledby="invite-heading" className="mt-8">
            <h2 id="invite-heading" className="text-xl font-semibold">
              Invitation link
            </h2>
            <p className="max-w-prose text-sm text-slate-700">
              A witness sets their own password from a link that works once and for {INVITATION_VALID_DAYS} days. A new
              link replaces any earlier unused one.
            </p>
            {activeWitnesses.length === 0 ? (
              <p className="mt-2">No witness has an active account.</p>
            ) : (
              <InvitationForm action={createInvitationAction} witnesses={activeWitnesses} />
            )}
          </section>
        </>
      )}
    </>
  );
}
