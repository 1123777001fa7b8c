import Link from "next/link";
import { TestimonyRequestList, TestimonyRequestSection } from "@/components/witnesses/testimony-requests";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import { getTestimonyRequestChoices, listTestimonyRequests } from "@/lib/server/witnesses";
import { requestTestimonyAction } from "@/app/testimony-actions";

export const metadata = { title: "Witness testimony" };

export default async function AssessorTestimonyPage(props: {
  params: Promise<{ candidateId: string }>;
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const actor = await requireArea("assessor");
  const candidateId = idParam((await props.params).candidateId);
  const choices = await orPageError(getTestimonyRequestChoices(actor, candidateId));
  const requests = await orPageError(
    listTestimonyRequests(actor, candidateId, { page: parsePage((await props.searchParams).page) }),
  );
  return (
    <>
      <p className="text-sm">
        <Link href={`/assessor/candidates/${candidateId}`} className="text-blue-800 underline">
          {choices.candidate.name}
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Witness testimony for {choices.candidate.name}</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        Signed testimony arrives as submitted evidence mapped to the criteria the witness wrote about, for you to judge.
        You can question the witness against the unit&apos;s knowledge and skills before relying on it.
      </p>
      <TestimonyRequestSection choices={choices} action={requestTestimonyAction} />
      <TestimonyRequestList requests={requests} basePath={`/assessor/candidates/${candidateId}/testimony`} />
    </>
  );
}
