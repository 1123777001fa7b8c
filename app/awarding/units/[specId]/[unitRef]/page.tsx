import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import { UnitContentView } from "@/components/catalogue/unit-details";
import { UnitDraftFields } from "@/components/catalogue/unit-draft-fields";
import { orPageError } from "@/lib/auth/page-guard";
import { idParam, requireArea } from "@/lib/auth/session";
import { NOT_ASSESSABLE, requirementName, SHAPE_LABEL } from "@/lib/domain/catalogue/content";
import { previewGroups } from "@/lib/domain/catalogue/draft";
import { formatDateTime } from "@/lib/domain/format";
import { getUnitAuthoring } from "@/lib/server/catalogue";
import {
  discardUnitDraftAction,
  publishUnitDraftAction,
  saveUnitDraftAction,
  startUnitDraftAction,
} from "../../actions";

export const metadata = { title: "Unit content" };

export default async function UnitEditorPage(props: {
  params: Promise<{ specId: string; unitRef: string }>;
  searchParams: Promise<{ level?: string | string[] }>;
}) {
  const actor = await requireArea("awarding");
  const params = await props.params;
  const levelParam = (await props.searchParams).level;
  const level = typeof levelParam === "string" && /^[1-8]$/.test(levelParam) ? Number(levelParam) : undefined;
  const unitRef = decodeURIComponent(params.unitRef).toUpperCase();
  const page = await orPageError(
    getUnitAuthoring(actor, {
      specId: idParam(params.specId),
      unitRef: /^[A-Z0-9]{1,8}$/.test(unitRef) ? unitRef : "-",
      level,
    }),
  );
  const { unit, draft } = page;
  const hidden = (
    <>
      <input type="hidden" name="specId" value={params.specId} />
      <input type="hidden" name="unitRef" value={unit.ref} />
      <input type="hidden" name="level" value={page.level} />
    </>
  );
  const noun = (draft?.shape ?? page.published?.shape) === "nos" ? "element" : "learning outcome";
  return (
    <>
      <p className="text-sm">
        <Link href="/awarding/units" className="text-blue-800 underline">
          All units
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold">
        Unit {unit.ref} {unit.title}
      </h1>
      <p className="text-slate-700">
        {page.awardingBody}, suite {page.suite}. Used by{" "}
        {page.qualifications.map((q) => `${q.code} (version ${q.version})`).join(", ")}.
      </p>
      {unit.levels.length > 1 && (
        <nav aria-label="Levels of this unit" className="mt-2 flex flex-wrap gap-3">
          {unit.levels.map((l) => (
            <Link
              key={l}
              href={`/awarding/units/${params.specId}/${unit.ref}?level=${l}`}
              aria-current={l === page.level ? "page" : undefined}
              className={l === page.level ? "font-semibold" : "text-blue-800 underline"}
            >
              Level {l}
            </Link>
          ))}
        </nav>
      )}

      <section aria-labelledby="published-heading" className="mt-4">
        <h2 id="published-heading" className="text-xl font-semibold">
          Published at level {page.level}
        </h2>
        {page.published ? (
          <div className="mt-2 space-y-2">
            <p className="text-sm text-slate-700">{SHAPE_LABEL[page.published.shape]}.</p>
            <UnitContentView unitRef={unit.ref} content={page.published} />
          </div>
        ) : (
          <p className="mt-2 font-medium text-amber-900">{NOT_ASSESSABLE}</p>
        )}
      </section>

      <section aria-labelledby="draft-heading" className="mt-6">
        <h2 id="draft-heading" className="text-xl font-semibold">
          Draft
        </h2>
        {!draft ? (
          <ActionForm action={startUnitDraftAction} label="Start a draft" className="mt-2">
            {hidden}
            {page.published ? (
              <>
                <input type="hidden" name="start" value={page.published.shape} />
                <p className="max-w-prose">
                  Changing published content makes a new version of each qualification that uses the unit. Candidates
                  stay on the version they registered on until their centre moves them, and every decision keeps
                  pointing at the words it judged.
                </p>
              </>
            ) : (
              <fieldset>
                <legend className="font-medium">The unit&apos;s shape</legend>
                <div className="flex items-start gap-2">
                  <input
                    id="start-qcf"
                    type="radio"
                    name="start"
                    value="qcf"
                    defaultChecked={unit.credit}
                    className="mt-1"
                  />
                  <label htmlFor="start-qcf">{SHAPE_LABEL.qcf}</label>
                </div>
                <div className="flex items-start gap-2">
                  <input
                    id="start-nos"
                    type="radio"
                    name="start"
                    value="nos"
                    defaultChecked={!unit.credit}
                    className="mt-1"
                  />
                  <label htmlFor="start-nos">{SHAPE_LABEL.nos}</label>
                </div>
              </fieldset>
            )}
            <button className="mt-2 rounded bg-blue-800 px-3 py-1 text-white">
              {page.published ? "Change the published content" : "Start a draft"}
            </button>
          </ActionForm>
        ) : (
          <>
            <p className="text-sm text-slate-700">
              Saved {page.draftSavedAt ? formatDateTime(page.draftSavedAt) : ""}. Numbers follow the order: moving a{" "}
              {noun} or a criterion renumbers it.
            </p>
            <ActionForm action={saveUnitDraftAction} label={`Draft of unit ${unit.ref}`} className="mt-2">
              {hidden}
              <UnitDraftFields key={String(page.draftSavedAt?.getTime())} draft={draft} />
              <button name="op" value="save" className="mt-3 rounded bg-blue-800 px-3 py-1 text-white">
                Save draft
              </button>
            </ActionForm>

            <section aria-labelledby="preview-heading" className="mt-6 rounded border border-slate-400 p-3">
              <h3 id="preview-heading" className="text-lg font-semibold">
                Preview: the unit as a candidate will see it
              </h3>
              <div className="mt-2 space-y-2">
                {previewGroups(draft).map((g) => (
                  <section key={g.key} aria-label={`Preview ${g.label.toLowerCase()}`}>
                    <h4 className="font-medium">
                      {g.label}
                      {g.text && `: ${g.text}`}
                    </h4>
                    <ul className="ml-4">
                      {g.requirements.map((r) => (
                        <li key={r.number}>
                          <input type="checkbox" disabled aria-label={`Unit ${unit.ref} ${requirementName(r)}`} /> Unit{" "}
                          {unit.ref} {requirementName(r)}: {r.text}
                        </li>
                      ))}
                    </ul>
                  </section>
                ))}
              </div>
            </section>

            <section aria-labelledby="publish-heading" className="mt-6">
              <h3 id="publish-heading" className="text-lg font-semibold">
                Publish
              </h3>
              {page.problems.length > 0 ? (
                <>
                  <p className="mt-1 text-red-800">The draft cannot be published yet:</p>
                  <ul aria-label="What stops publishing" className="list-disc pl-6 text-red-900">
                    {page.problems.map((p) => (
                      <li key={p}>{p}</li>
                    ))}
                  </ul>
                </>
              ) : (
                page.plan && (
                  <p className="mt-1 max-w-prose">
                    {page.plan.status === "fill"
                      ? `Publishing fills the current version of ${page.plan.qualifications.map((q) => `${q.code} (${q.version})`).join(", ")}: the unit has no content there yet, so nobody has been assessed on it.`
                      : page.plan.status === "change"
                        ? `Publishing makes a new version of ${page.plan.qualifications.map((q) => q.code).join(", ")} (${page.plan.added} added, ${page.plan.changed} changed, ${page.plan.removed} removed). Candidates stay on the version they registered on until their centre moves them.`
                        : "The draft is the same as what is published: publishing changes nothing."}
                  </p>
                )
              )}
              <ActionForm action={publishUnitDraftAction} label={`Publish unit ${unit.ref}`} className="mt-2">
                {hidden}
                <button
                  disabled={page.problems.length > 0}
                  className="rounded bg-green-800 px-3 py-1 text-white disabled:bg-slate-400"
                >
                  Publish unit {unit.ref} at level {page.level}
                </button>
              </ActionForm>
              <ActionForm
                action={discardUnitDraftAction}
                label={`Discard the draft of unit ${unit.ref}`}
                className="mt-2"
              >
                {hidden}
                <button className="rounded border border-red-800 px-3 py-1 text-red-800">Discard the draft</button>
              </ActionForm>
            </section>
          </>
        )}
      </section>

      {page.history.length > 0 && (
        <section aria-labelledby="history-heading" className="mt-6">
          <h2 id="history-heading" className="text-xl font-semibold">
            Versions of {page.suite} made by publishing
          </h2>
          <ul className="mt-2 list-disc pl-6 text-sm">
            {page.history.map((h) => (
              <li key={`${h.code}${h.version}`}>
                {h.code} version {h.version}:{" "}
                {h.changeNote ?? `empty units filled ${h.filledAt ? formatDateTime(h.filledAt) : ""}`}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
