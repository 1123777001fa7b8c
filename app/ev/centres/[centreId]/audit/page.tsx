import Link from "next/link";
import { z } from "zod";
import { AuditScopeChooser } from "@/components/audit/audit-scope";
import { AuditTrail, ChainStatus } from "@/components/audit/audit-trail";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import {
  auditPeople,
  getScopedAudit,
  getVerifiedCentreAudit,
  verifyCentreAuditChain,
} from "@/lib/server/external-verification";

export const metadata = { title: "Audit trail" };

const uuid = (value: string | undefined) => (value && z.uuid().safeParse(value).success ? value : undefined);

export default async function EvCentreAuditPage(props: {
  params: Promise<{ centreId: string }>;
  searchParams: Promise<{ page?: string; check?: string; candidate?: string; assessor?: string; q?: string }>;
}) {
  const actor = await requireArea("ev");
  const centreId = idParam((await props.params).centreId);
  const search = await props.searchParams;
  const candidateId = uuid(search.candidate);
  const assessorId = candidateId ? undefined : uuid(search.assessor);
  const q = search.q?.slice(0, 120);
  const page = parsePage(search.page);
  const { centre, events } = await orPageError(
    getVerifiedCentreAudit(actor, centreId, { page: candidateId || assessorId ? 1 : page }),
  );
  const people = await orPageError(auditPeople(actor, { centreId, q }));
  const scoped =
    candidateId || assessorId
      ? await orPageError(getScopedAudit(actor, { centreId, candidateId, assessorId, page }))
      : null;
  // The check walks the whole chain, so it runs when asked for, not on every page of the list.
  const chain = search.check === "1" ? await orPageError(verifyCentreAuditChain(actor, centre.id)) : null;
  const base = `/ev/centres/${centre.id}/audit`;
  return (
    <>
      <p className="text-sm">
        <Link href={`/ev/centres/${centre.id}`} className="text-blue-800 underline">
          {centre.name}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">
        {scoped ? `Audit trail: ${scoped.person.name}, ${centre.name}` : `Audit trail: ${centre.name}`}
      </h1>
      <p className="mt-2 max-w-prose text-slate-700">
        {scoped?.kind === "candidate"
          ? "Everything recorded about this candidate: their account, evidence, judgements, sign-offs, samples, claims and testimony requests."
          : scoped
            ? "Everything this person did at the centre."
            : "Every change that matters."}{" "}
        Newest first; times are UK time.
      </p>
      {scoped ? (
        <p className="mt-2">
          <Link href={base} className="text-blue-800 underline">
            The whole trail
          </Link>
        </p>
      ) : (
        <ChainStatus report={chain} href={`${base}?check=1`} />
      )}
      <AuditScopeChooser
        basePath={base}
        staff={people.staff}
        candidates={people.candidates}
        q={q}
        assessorId={assessorId}
      />
      {scoped ? (
        <AuditTrail events={scoped.events} basePath={base} params={{ candidate: candidateId, assessor: assessorId }} />
      ) : (
        <AuditTrail events={events} basePath={base} />
      )}
    </>
  );
}
