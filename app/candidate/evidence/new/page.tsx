import { EvidenceForm } from "@/components/evidence/evidence-form";
import { requireArea } from "@/lib/auth/session";
import { londonToday } from "@/lib/domain/today";
import { createEvidenceAction } from "../../actions";

export const metadata = { title: "Add evidence" };

export default async function NewEvidencePage() {
  await requireArea("candidate");
  return (
    <>
      <h1 className="text-2xl font-semibold">Add evidence</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        Describe the evidence first; then add its files and choose the criteria it proves. It stays a draft until you
        submit it for assessment.
      </p>
      <EvidenceForm action={createEvidenceAction} submitLabel="Save and add files" today={londonToday()} />
    </>
  );
}
