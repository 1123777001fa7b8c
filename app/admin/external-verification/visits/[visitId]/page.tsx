import Link from "next/link";
import { VisitActions, VisitFindings, VisitHeading, VisitSample } from "@/components/ev/visit";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { getVisit } from "@/lib/server/external-verification";
import { respondToEvActionAction } from "../../../actions";

export const metadata = { title: "External verifier's visit" };

/** The EV's visit as the centre sees it: the sample and findings, and the action points to answer. */
export default async function AdminVisitPage({ params }: { params: Promise<{ visitId: string }> }) {
  const actor = await requireArea("admin");
  const visit = await orPageError(getVisit(actor, idParam((await params).visitId)));
  return (
    <>
      <p className="text-sm">
        <Link href="/admin/external-verification" className="text-blue-800 underline">
          External verification
        </Link>
      </p>
      <VisitHeading visit={visit} />
      <VisitActions visit={visit} respond={visit.mayRespond ? respondToEvActionAction : undefined} />
      <VisitSample visit={visit} candidateHref={(id) => `/admin/users/${id}`} />
      <VisitFindings visit={visit} />
    </>
  );
}
