import { AuditScopeChooser } from "@/components/audit/audit-scope";
import { AuditTrail } from "@/components/audit/audit-trail";
import { orPageError } from "@/lib/auth/page-guard";
import { requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import { auditPeople, getScopedAudit } from "@/lib/server/external-verification";
import { z } from "zod";

export const metadata = { title: "Audit trail by person" };

const uuid = (value: string | undefined) => (value && z.uuid().safeParse(value).success ? value : undefined);

/** The IV's per-candidate and per-assessor views of the centre's audit trail. */
export default async function IvAuditPage(props: {
  searchParams: Promise<{ candidate?: string; assessor?: string; q?: string; page?: string }>;
}) {
  const actor = await requireArea("iv");
  const search = await props.searchParams;
  const candidateId = uuid(search.candidate);
  const assessorId = candidateId ? undefined : uuid(search.assessor);
  const q = search.q?.slice(0, 120);
  const people = await orPageError(auditPeople(actor, { q }));
  const scoped =
    candidateId || assessorId
      ? await orPageError(getScopedAudit(actor, { candidateId, assessorId, page: parsePage(search.page) }))
      : null;
  return (
    <>
      <h1 className="text-2xl font-semibold">
        {scoped ? `Audit trail: ${scoped.person.name}` : "Audit trail by person"}
      </h1>
      <p className="mt-2 max-w-prose text-slate-700">
        {scoped?.kind === "candidate"
          ? "Everything recorded about this candidate: their account, evidence, judgements, sign-offs, samples, claims and testimony requests. Newest first, UK time."
          : scoped
            ? "Everything this person did at the centre, newest first, UK time."
            : "Read one assessor's or one candidate's part of the centre's audit trail."}
      </p>
      <AuditScopeChooser
        basePath="/iv/audit"
        staff={people.staff}
        candidates={people.candidates}
        q={q}
        assessorId={assessorId}
      />
      {scoped && (
        <AuditTrail
          events={scoped.events}
          basePath="/iv/audit"
          params={{ candidate: candidateId, assessor: assessorId }}
        />
      )}
    </>
  );
}
