import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { londonToday } from "@/lib/domain/today";
import { listPlanQualifications, listPlans } from "@/lib/server/internal-verification";
import { createPlanAction } from "../actions";

export const metadata = { title: "Sampling plans" };

export default async function PlansPage() {
  const actor = await requireArea("iv");
  const [plans, qualifications] = await Promise.all([listPlans(actor), listPlanQualifications(actor)]);
  const today = londonToday();
  return (
    <>
      <h1 className="text-2xl font-semibold">Sampling plans</h1>
      <p className="mt-1 max-w-prose text-slate-700">
        A plan rates each assessor&apos;s risk from what the system knows, each factor with its weight, and proposes how
        many of their signed-off units to sample: 10% for low risk, 25% for medium, 50% for high, at least 2 each. You
        can change a rating or a number, with a reason.
      </p>
      <section aria-labelledby="new-heading" className="mt-4">
        <h2 id="new-heading" className="text-xl font-semibold">
          New plan
        </h2>
        <ActionForm action={createPlanAction} label="New plan">
          <label htmlFor="specId" className="mt-2 block font-medium">
            Qualification
          </label>
          <select
            id="specId"
            name="specId"
            defaultValue=""
            className="max-w-full rounded border border-slate-500 px-2 py-1"
          >
            <option value="" disabled>
              Choose a qualification
            </option>
            {qualifications.map((q) => (
              <option key={q.id} value={q.id}>
                {q.code} {q.title} (version {q.version})
              </option>
            ))}
          </select>
          <div className="mt-2 flex flex-wrap gap-4">
            <div>
              <label htmlFor="periodFrom" className="block font-medium">
                From
              </label>
              <input
                id="periodFrom"
                name="periodFrom"
                type="date"
                defaultValue={`${today.slice(0, 4)}-01-01`}
                className="rounded border border-slate-500 px-2 py-1"
              />
            </div>
            <div>
              <label htmlFor="periodTo" className="block font-medium">
                To
              </label>
              <input
                id="periodTo"
                name="periodTo"
                type="date"
                defaultValue={today}
                className="rounded border border-slate-500 px-2 py-1"
              />
            </div>
          </div>
          <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">Create the plan</button>
        </ActionForm>
      </section>
      <section aria-labelledby="plans-heading" className="mt-6">
        <h2 id="plans-heading" className="text-xl font-semibold">
          Plans
        </h2>
        {plans.length === 0 && <p className="mt-2">No plans yet.</p>}
        <ul className="mt-2 list-disc pl-6">
          {plans.map((p) => (
            <li key={p.id}>
              <Link href={`/iv/plans/${p.id}`} className="text-blue-800 underline">
                {p.qualification.code}, {formatDate(p.periodFrom)} to {formatDate(p.periodTo)}
              </Link>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
