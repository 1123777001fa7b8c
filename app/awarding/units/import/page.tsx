import Link from "next/link";
import { ImportUnitsForm } from "@/components/catalogue/import-units-form";
import { requireArea } from "@/lib/auth/session";
import { UNIT_SHEET_COLUMNS, UNIT_SHEET_LIMITS } from "@/lib/catalogue/unit-sheet";
import { REQUIREMENT_TEXT_MAX } from "@/lib/domain/catalogue/content";
import { importUnitsAction } from "../actions";

export const metadata = { title: "Import unit content" };

export default async function ImportUnitsPage() {
  await requireArea("awarding");
  return (
    <>
      <p className="text-sm">
        <Link href="/awarding/units" className="text-blue-800 underline">
          All units
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">Import unit content from a spreadsheet</h1>
      <p className="mt-2 max-w-prose text-slate-700">
        One row per requirement, and one per learning outcome or element that requirements sit under. The header row
        names the columns: {UNIT_SHEET_COLUMNS.join(", ")}.
      </p>
      <dl className="mt-2 grid max-w-prose grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="font-medium">Qualification</dt>
        <dd>
          A qualification that uses the unit, e.g. 03448 or 3412-03: the unit&apos;s content applies to its suite.
        </dd>
        <dt className="font-medium">Unit, Level</dt>
        <dd>The unit&apos;s reference and the level the content is for (a credit unit&apos;s own level).</dd>
        <dt className="font-medium">Shape</dt>
        <dd>QCF (outcomes and criteria) or NOS (elements).</dd>
        <dt className="font-medium">Type, Number</dt>
        <dd>
          QCF: outcome (1), criterion (1.1). NOS: element (1), performance criterion (1.1), range (R1.1), knowledge
          (K1), evidence requirement (E1).
        </dd>
        <dt className="font-medium">Text</dt>
        <dd>At most {REQUIREMENT_TEXT_MAX} characters; no formulas.</dd>
      </dl>
      <p className="mt-2 max-w-prose text-slate-700">
        Content for a unit that has none fills the current version; content that changes published content makes a new
        version, and candidates stay on theirs until their centre moves them.
      </p>
      <ImportUnitsForm
        action={importUnitsAction}
        limits={`At most ${UNIT_SHEET_LIMITS.bytes / 1024 / 1024} MB and ${UNIT_SHEET_LIMITS.rows.toLocaleString("en-GB")} rows; the first worksheet of a workbook is read. Every row is checked; nothing is published unless every row is good.`}
      />
    </>
  );
}
