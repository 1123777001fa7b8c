import { ImportSpecForm } from "@/components/admin/import-spec-form";
import { requireArea } from "@/lib/auth/session";
import { importSpecificationAction } from "../actions";

export const metadata = { title: "Import a specification" };

export default async function ImportSpecificationPage() {
  await requireArea("awarding");
  return (
    <>
      <h1 className="text-2xl font-semibold">Import a qualification specification</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        Add a qualification, or a new version of one, to the catalogue. A version already in the catalogue cannot be
        changed: candidates stay on the version they were registered on, so give a changed file a new version.
      </p>
      <ImportSpecForm action={importSpecificationAction} />
    </>
  );
}
