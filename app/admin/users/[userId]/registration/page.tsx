import Link from "next/link";
import { RegistrationForm } from "@/components/registration/registration-form";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import {
  getRegistrableQualification,
  getRegistrations,
  listRegistrableQualifications,
} from "@/lib/server/registrations";
import { getUserForAdmin } from "@/lib/server/identity";
import { registerCandidateAction } from "../../../actions";
import { z } from "zod";

export const metadata = { title: "Register on a qualification" };

import { londonToday } from "@/lib/domain/today";

export default async function RegistrationPage(props: {
  params: Promise<{ userId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireArea("admin");
  const user = await orPageError(getUserForAdmin(actor, idParam((await props.params).userId)));
  const specParam = z.uuid().safeParse((await props.searchParams).spec);
  if (!user.roles.includes("CANDIDATE")) {
    return (
      <>
        <h1 className="text-2xl font-semibold">Register {user.name} on a qualification</h1>
        <p className="mt-2">{user.name} is not a candidate. Give them the candidate role first.</p>
      </>
    );
  }
  const [specs, registrations] = await Promise.all([
    listRegistrableQualifications(actor),
    orPageError(getRegistrations(actor, user.id)),
  ]);
  const chosen = specParam.success ? await orPageError(getRegistrableQualification(actor, specParam.data)) : null;
  const existing = chosen ? registrations.find((r) => r.spec.code === chosen.code) : undefined;
  const today = londonToday();
  return (
    <>
      <p className="text-sm">
        <Link href={`/admin/users/${user.id}`} className="text-blue-800 underline">
          Back to {user.name}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Register {user.name} on a qualification</h1>
      <form className="mt-4 flex flex-wrap items-end gap-2" aria-label="Choose the qualification">
        <div>
          <label htmlFor="spec" className="block font-medium">
            Qualification
          </label>
          <select
            id="spec"
            name="spec"
            defaultValue={chosen?.id ?? ""}
            required
            className="max-w-full rounded border border-slate-500 px-3 py-1"
          >
            <option value="" disabled>
              Choose a qualification
            </option>
            {specs.map((s) => (
              <option key={s.id} value={s.id}>
                {s.code} {s.title} ({s.awardingBody}, version {s.version})
              </option>
            ))}
          </select>
        </div>
        <button className="rounded bg-blue-800 px-3 py-1 text-white">Choose units</button>
      </form>
      {chosen && (
        <>
          <h2 className="mt-6 text-xl font-semibold">
            {chosen.code} {chosen.title}
          </h2>
          <p className="text-sm text-slate-700">
            Version {chosen.version}.{" "}
            <Link href={`/catalogue/${chosen.id}`} className="text-blue-800 underline">
              Rules, units and criteria
            </Link>
            {existing &&
              ` · Currently registered with ${existing.units.length} units; saving records a new selection and keeps the old one.`}
          </p>
          {existing && existing.spec.id !== chosen.id && (
            <p className="mt-2 max-w-prose rounded bg-amber-50 p-2">
              {user.name} is registered on version {existing.spec.version}. Saving moves them to version{" "}
              {chosen.version}: the rules are checked again with their registration date, mappings to requirements whose
              words are the same in both versions come with them, and the move is recorded. A candidate with assessment
              decisions on version {existing.spec.version} stays on it, since those decisions judged its words.
            </p>
          )}
          <RegistrationForm
            action={registerCandidateAction}
            candidateId={user.id}
            specId={chosen.id}
            code={chosen.code}
            suite={chosen.suite}
            centreApprovals={chosen.centreApprovals}
            initialUnits={existing?.units ?? defaultUnits(chosen.suite, chosen.code)}
            initialRegisteredOn={existing ? existing.registeredOn.toISOString().slice(0, 10) : today}
            today={today}
          />
        </>
      )}
    </>
  );
}

/** A new registration starts with the mandatory units ticked. */
function defaultUnits(suite: Awaited<ReturnType<typeof getRegistrableQualification>>["suite"], code: string): string[] {
  if (suite.scheme === "credit") {
    const q = suite.qualifications.find((x) => x.code === code)!;
    return q.groups.filter((g) => q.rules.mandatoryGroups.includes(g.id)).flatMap((g) => g.units);
  }
  const q = suite.qualifications.find((x) => x.code === code)!;
  return q.rules.mandatory.flatMap((m) => (m.level !== undefined ? [`${m.area}@${m.level}`] : []));
}
