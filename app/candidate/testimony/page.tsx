import { TestimonyRequestList, TestimonyRequestSection } from "@/components/witnesses/testimony-requests";
import { requireArea } from "@/lib/auth/session";
import { parsePage } from "@/lib/domain/pagination";
import { getTestimonyRequestChoices, listTestimonyRequests } from "@/lib/server/witnesses";
import { requestTestimonyAction } from "@/app/testimony-actions";

export const metadata = { title: "Witness testimony" };

export default async function CandidateTestimonyPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string | string[] }>;
}) {
  const actor = await requireArea("candidate");
  const [choices, requests] = await Promise.all([
    getTestimonyRequestChoices(actor, actor.userId),
    listTestimonyRequests(actor, actor.userId, { page: parsePage((await searchParams).page) }),
  ]);
  return (
    <>
      <h1 className="text-2xl font-semibold">Witness testimony</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        An expert witness, such as your line manager, can describe what they saw you do at work. Your assessor vets
        witnesses first. Signed testimony is added to your portfolio as submitted evidence, and your assessor judges it.
      </p>
      <TestimonyRequestSection choices={choices} action={requestTestimonyAction} />
      <TestimonyRequestList requests={requests} basePath="/candidate/testimony" />
    </>
  );
}
