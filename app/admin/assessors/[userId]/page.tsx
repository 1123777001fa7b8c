import Link from "next/link";
import { CompetenceRecordView } from "@/components/assessment/competence-record";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { londonToday } from "@/lib/domain/today";
import { getAssessorCompetence } from "@/lib/server/internal-verification";
import { cpdAction } from "@/app/competence-actions";
import { recordCompetenceAction } from "../../actions";

export const metadata = { title: "Assessor competence record" };

export default async function AssessorRecordPage({ params }: { params: Promise<{ userId: string }> }) {
  const actor = await requireArea("admin");
  const record = await orPageError(getAssessorCompetence(actor, idParam((await params).userId)));
  return (
    <>
      <p className="text-sm">
        <Link href="/admin/assessors" className="text-blue-800 underline">
          All assessors and verifiers
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">{record.user.name}: competence record</h1>
      <CompetenceRecordView
        record={record}
        today={londonToday()}
        recordAction={recordCompetenceAction}
        cpdAction={cpdAction}
      />
    </>
  );
}
