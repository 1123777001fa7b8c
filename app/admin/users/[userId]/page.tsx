import { ActionForm } from "@/components/action-form";
import { AccountAccess } from "@/components/admin/account-access";
import { RoleCheckboxes } from "@/components/admin/role-checkboxes";
import { PeopleList } from "@/components/people-list";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { getUserForAdmin, listCentreAssessors } from "@/lib/server/identity";
import { getRegistrations } from "@/lib/server/registrations";
import { RegistrationSection } from "@/components/registration/registration-summary";
import Link from "next/link";
import { retentionMonths } from "@/lib/jobs/retention";
import {
  assignCandidateAction,
  registrationNumbersAction,
  setActiveAction,
  setDateOfBirthAction,
  setRolesAction,
  setStartedAtCentreAction,
  withdrawalAction,
} from "../../actions";

export const metadata = { title: "User" };

function retentionEnd(from: Date): Date {
  const end = new Date(from);
  end.setUTCMonth(end.getUTCMonth() + retentionMonths());
  return end;
}

export default async function AdminUserPage(props: {
  params: Promise<{ userId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const actor = await requireArea("admin");
  const user = await orPageError(getUserForAdmin(actor, idParam((await props.params).userId)));
  const created = (await props.searchParams).created === "1";
  const assessors = user.roles.includes("CANDIDATE") ? await listCentreAssessors(actor) : [];
  const unassigned = assessors.filter((a) => !user.assessors.some((x) => x.id === a.id));
  const registrations = user.roles.includes("CANDIDATE") ? await getRegistrations(actor, user.id) : [];
  return (
    <>
      {created && (
        <p role="status" className="mb-4 rounded bg-green-50 p-3 text-green-900">
          User added.
        </p>
      )}
      <h1 className="text-2xl font-semibold">{user.name}</h1>
      <p className="text-slate-700">
        {user.email} · added {formatDate(user.createdAt)} · {user.active ? "Active" : "Deactivated"}
      </p>

      <section aria-labelledby="roles-heading" className="mt-6">
        <h2 id="roles-heading" className="text-xl font-semibold">
          Roles
        </h2>
        <ActionForm action={setRolesAction} label="Roles">
          <input type="hidden" name="userId" value={user.id} />
          <RoleCheckboxes checked={user.roles} />
          <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Save roles</button>
        </ActionForm>
      </section>

      {user.roles.some((r) => r === "ASSESSOR" || r === "INTERNAL_VERIFIER") && (
        <section aria-labelledby="started-heading" className="mt-6">
          <h2 id="started-heading" className="text-xl font-semibold">
            Start at the centre
          </h2>
          <p className="mt-1">
            {user.startedAtCentreOn
              ? `Started at the centre on ${formatDate(user.startedAtCentreOn)}.`
              : "Not recorded. The internal verifier's sampling plan counts someone as new to the centre for their first 180 days, and, until this date is recorded, counts them as new."}
          </p>
          <ActionForm action={setStartedAtCentreAction} label="Start at the centre">
            <input type="hidden" name="userId" value={user.id} />
            <label htmlFor="startedOn" className="mr-2">
              {user.startedAtCentreOn ? "Correct the start date" : "Record the start date"}
            </label>
            <input
              id="startedOn"
              name="startedOn"
              type="date"
              defaultValue={user.startedAtCentreOn?.toISOString().slice(0, 10)}
              className="rounded border border-slate-500 px-2 py-1"
            />
            <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">Save the start date</button>
          </ActionForm>
        </section>
      )}

      {user.roles.includes("CANDIDATE") && (
        <section aria-labelledby="dob-heading" className="mt-6">
          <h2 id="dob-heading" className="text-xl font-semibold">
            Date of birth
          </h2>
          <p className="mt-1">
            {user.dateOfBirth
              ? formatDate(user.dateOfBirth)
              : "Not recorded. Qualifications with a minimum age (C&G 3412-04 16+, 3412-05 18+) cannot be registered without it."}
          </p>
          <ActionForm action={setDateOfBirthAction} label="Date of birth">
            <input type="hidden" name="userId" value={user.id} />
            <label htmlFor="dateOfBirth" className="mr-2">
              {user.dateOfBirth ? "Correct the date of birth" : "Record the date of birth"}
            </label>
            <input
              id="dateOfBirth"
              name="dateOfBirth"
              type="date"
              defaultValue={user.dateOfBirth?.toISOString().slice(0, 10)}
              className="rounded border border-slate-500 px-2 py-1"
            />
            <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">Save the date of birth</button>
          </ActionForm>
        </section>
      )}

      {user.roles.includes("CANDIDATE") && (
        <section aria-labelledby="withdrawal-heading" className="mt-6">
          <h2 id="withdrawal-heading" className="text-xl font-semibold">
            Withdrawal and retention
          </h2>
          {user.anonymisedAt ? (
            <p className="mt-1">
              Personal data removed under the retention policy on {formatDate(user.anonymisedAt)}. The decision records
              and claims are kept.
            </p>
          ) : user.withdrawnAt ? (
            <>
              <p className="mt-1">
                Withdrew on {formatDate(user.withdrawnAt)}: {user.withdrawalReason}. Their personal data and files will
                be removed {retentionMonths()} months after that, from {formatDate(retentionEnd(user.withdrawnAt))},
                keeping the decision records and claims.
              </p>
              <ActionForm action={withdrawalAction} label="Cancel the withdrawal">
                <input type="hidden" name="userId" value={user.id} />
                <input type="hidden" name="withdrawn" value="false" />
                <button className="mt-1 rounded border border-slate-500 px-3 py-1">
                  The candidate is back: cancel the withdrawal
                </button>
              </ActionForm>
            </>
          ) : (
            <>
              <p className="mt-1 max-w-prose text-slate-700">
                Personal data and files are removed {retentionMonths()} months after a candidate is certified on every
                qualification they are registered on, or after they withdraw. Record a withdrawal when the candidate
                leaves the programme.
              </p>
              <ActionForm action={withdrawalAction} label="Record a withdrawal">
                <input type="hidden" name="userId" value={user.id} />
                <input type="hidden" name="withdrawn" value="true" />
                <label htmlFor="withdrawal-reason" className="block font-medium">
                  Reason for the withdrawal
                </label>
                <textarea
                  id="withdrawal-reason"
                  name="reason"
                  rows={2}
                  className="mt-1 block w-full max-w-xl rounded border border-slate-500 px-2 py-1"
                />
                <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Record the withdrawal</button>
              </ActionForm>
            </>
          )}
        </section>
      )}

      {user.roles.includes("CANDIDATE") && (
        <RegistrationSection
          title="Qualifications"
          registrations={registrations}
          empty="Not registered on a qualification yet."
        >
          <p className="mt-2">
            <Link href={`/admin/users/${user.id}/registration`} className="text-blue-800 underline">
              {registrations.length
                ? "Change units or register on another qualification"
                : "Register on a qualification"}
            </Link>
          </p>
          {registrations.length > 0 && (
            <p className="mt-1">
              <Link href={`/admin/users/${user.id}/claims`} className="text-blue-800 underline">
                Certificate claims
              </Link>
            </p>
          )}
          <p className="mt-1">
            <a href={`/api/candidates/${user.id}/portfolio`} className="text-blue-800 underline">
              Download the portfolio (ZIP: files, manifest of hashes, records, offline index)
            </a>
          </p>
          <p className="mt-1">
            <a href={`/api/candidates/${user.id}/subject-access`} className="text-blue-800 underline">
              Download everything held about {user.name} (subject access request, ZIP)
            </a>{" "}
            <span className="text-sm text-slate-700">
              Asks for your password if you have not typed it in the last 10 minutes.
            </span>
          </p>
        </RegistrationSection>
      )}

      {registrations.length > 0 && (
        <section aria-labelledby="numbers-heading" className="mt-6">
          <h2 id="numbers-heading" className="text-xl font-semibold">
            Enrolment numbers and ULN
          </h2>
          <p className="mt-1 max-w-prose text-slate-700">
            The awarding body&apos;s enrolment number for each registration and the candidate&apos;s Unique Learner
            Number go into every certificate claim, so the awarding body can match the claim to its own records.
          </p>
          {registrations.map((r) => (
            <ActionForm
              key={r.id}
              action={registrationNumbersAction}
              label={`Numbers for ${r.spec.code}`}
              className="mt-2 rounded border border-slate-300 p-3"
            >
              <input type="hidden" name="registrationId" value={r.id} />
              <p className="font-medium">
                {r.spec.code} {r.spec.title}
              </p>
              <div className="mt-1 flex flex-wrap gap-4">
                <div>
                  <label htmlFor={`enrolment-${r.id}`} className="block">
                    Enrolment number ({r.spec.code})
                  </label>
                  <input
                    id={`enrolment-${r.id}`}
                    name="enrolmentNumber"
                    defaultValue={r.enrolmentNumber ?? ""}
                    maxLength={40}
                    autoComplete="off"
                    className="rounded border border-slate-500 px-2 py-1"
                  />
                </div>
                <div>
                  <label htmlFor={`uln-${r.id}`} className="block">
                    Unique Learner Number ({r.spec.code})
                  </label>
                  <input
                    id={`uln-${r.id}`}
                    name="uln"
                    inputMode="numeric"
                    defaultValue={r.uln ?? ""}
                    maxLength={20}
                    autoComplete="off"
                    aria-describedby={`uln-hint-${r.id}`}
                    className="rounded border border-slate-500 px-2 py-1"
                  />
                  <p id={`uln-hint-${r.id}`} className="text-sm text-slate-700">
                    10 digits; the last is a check digit.
                  </p>
                </div>
              </div>
              <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">
                Save the numbers for {r.spec.code}
              </button>
            </ActionForm>
          ))}
        </section>
      )}

      {user.roles.includes("CANDIDATE") && (
        <section aria-labelledby="assessors-heading" className="mt-6">
          <h2 id="assessors-heading" className="text-xl font-semibold">
            Assessors
          </h2>
          <PeopleList people={user.assessors} empty="No assessor assigned yet." />
          {user.assessors.map((a) => (
            <ActionForm key={a.id} action={assignCandidateAction} label={`Remove ${a.name}`} className="inline-block">
              <input type="hidden" name="candidateId" value={user.id} />
              <input type="hidden" name="assessorId" value={a.id} />
              <input type="hidden" name="intent" value="remove" />
              <button className="mr-2 rounded border border-slate-500 px-2 py-1 text-sm">Remove {a.name}</button>
            </ActionForm>
          ))}
          {unassigned.length > 0 && (
            <ActionForm action={assignCandidateAction} label="Assign an assessor" className="mt-2">
              <input type="hidden" name="candidateId" value={user.id} />
              <label htmlFor="assessorId" className="block font-medium">
                Assessor to assign
              </label>
              <select id="assessorId" name="assessorId" className="rounded border border-slate-500 px-3 py-1">
                {unassigned.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name}
                  </option>
                ))}
              </select>
              <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">Assign</button>
            </ActionForm>
          )}
        </section>
      )}

      {user.roles.includes("ASSESSOR") && (
        <section aria-labelledby="caseload-heading" className="mt-6">
          <h2 id="caseload-heading" className="text-xl font-semibold">
            Caseload
          </h2>
          <PeopleList people={user.caseload} empty="No candidates assigned." hrefFor={(id) => `/admin/users/${id}`} />
        </section>
      )}

      {user.id !== actor.userId && <AccountAccess userId={user.id} active={user.active} action={setActiveAction} />}
    </>
  );
}
