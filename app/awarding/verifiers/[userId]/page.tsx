import { ActionForm } from "@/components/action-form";
import { AccountAccess } from "@/components/admin/account-access";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { formatDate } from "@/lib/domain/format";
import { getVerifier, listCentres } from "@/lib/server/awarding-body";
import { appointmentAction, setVerifierActiveAction } from "../../actions";

export const metadata = { title: "External verifier" };

export default async function VerifierPage(props: {
  params: Promise<{ userId: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const actor = await requireArea("awarding");
  const verifier = await orPageError(getVerifier(actor, idParam((await props.params).userId)));
  const created = (await props.searchParams).created === "1";
  const centres = (await listCentres(actor)).filter((c) => !verifier.appointments.some((a) => a.id === c.id));
  return (
    <>
      {created && (
        <p role="status" className="mb-4 rounded bg-green-50 p-3 text-green-900">
          External verifier added.
        </p>
      )}
      <h1 className="text-2xl font-semibold">{verifier.name}</h1>
      <p className="text-slate-700">
        {verifier.email} · added {formatDate(verifier.createdAt)} · {verifier.active ? "Active" : "Deactivated"}
      </p>

      <section aria-labelledby="appointments-heading" className="mt-6">
        <h2 id="appointments-heading" className="text-xl font-semibold">
          Centres they verify
        </h2>
        {verifier.appointments.length === 0 ? (
          <p className="mt-2 text-slate-700">Not appointed to any centre yet.</p>
        ) : (
          <ul className="mt-2 space-y-2">
            {verifier.appointments.map((a) => (
              <li key={a.id} className="flex flex-wrap items-start gap-3">
                <span>
                  {a.name} ({a.code}), appointed {formatDate(a.appointedAt)}
                </span>
                <ActionForm action={appointmentAction} label={`End appointment to ${a.name}`}>
                  <input type="hidden" name="userId" value={verifier.id} />
                  <input type="hidden" name="centreId" value={a.id} />
                  <input type="hidden" name="intent" value="end" />
                  <button className="rounded border border-slate-500 px-2 py-1 text-sm">
                    End appointment to {a.name}
                  </button>
                </ActionForm>
              </li>
            ))}
          </ul>
        )}
        {centres.length > 0 && (
          <ActionForm action={appointmentAction} label="Appoint to a centre" className="mt-4">
            <input type="hidden" name="userId" value={verifier.id} />
            <label htmlFor="centreId" className="block font-medium">
              Centre
            </label>
            <select id="centreId" name="centreId" className="rounded border border-slate-500 px-3 py-1">
              {centres.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name} ({c.code})
                </option>
              ))}
            </select>
            <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">Appoint</button>
          </ActionForm>
        )}
      </section>

      {verifier.id !== actor.userId && (
        <AccountAccess userId={verifier.id} active={verifier.active} action={setVerifierActiveAction} />
      )}
    </>
  );
}
