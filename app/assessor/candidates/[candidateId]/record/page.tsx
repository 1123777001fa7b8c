import Link from "next/link";
import { EvidenceForm } from "@/components/evidence/evidence-form";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { londonToday } from "@/lib/domain/today";
import { assertOnCaseload } from "@/lib/server/assessment";
import { getCandidateRecord } from "@/lib/server/identity";
import { ASSESSOR_METHODS } from "@/lib/validation/evidence";
import { createAssessorEvidenceAction } from "../../../actions";

export const metadata = { title: "Record an assessment" };

export default async function RecordAssessmentPage({ params }: { params: Promise<{ candidateId: string }> }) {
  const actor = await requireArea("assessor");
  const candidateId = idParam((await params).candidateId);
  await orPageError(assertOnCaseload(actor, candidateId));
  const candidate = await orPageError(getCandidateRecord(actor, candidateId));
  return (
    <>
      <p className="text-sm">
        <Link href={`/assessor/candidates/${candidate.id}`} className="text-blue-800 underline">
          Back to {candidate.name}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">
        Record an observation, discussion or questioning for {candidate.name}
      </h1>
      <p className="mt-1 max-w-prose text-slate-700">
        Write what you saw or discussed, where and when. You can add audio, video or photos next, and choose the
        criteria it covers. A simulation must say which realistic working environment it took place in.
      </p>
      <EvidenceForm
        action={createAssessorEvidenceAction}
        submitLabel="Save and add files"
        today={londonToday()}
        methods={ASSESSOR_METHODS}
        hidden={{ candidateId: candidate.id }}
      >
        {candidate.witnesses.length > 0 && (
          <div>
            <label htmlFor="witnessId" className="block font-medium">
              Who was questioned
            </label>
            <p id="witnessId-hint" className="text-sm text-slate-600">
              For questioning only: you may question an expert witness to check their testimony.
            </p>
            <select
              id="witnessId"
              name="witnessId"
              defaultValue=""
              aria-describedby="witnessId-hint"
              className="mt-1 max-w-full rounded border border-slate-500 px-3 py-2"
            >
              <option value="">The candidate</option>
              {candidate.witnesses.map((w) => (
                <option key={w.id} value={w.id}>
                  Expert witness {w.name}
                </option>
              ))}
            </select>
          </div>
        )}
      </EvidenceForm>
    </>
  );
}
