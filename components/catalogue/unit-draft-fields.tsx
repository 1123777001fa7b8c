import { DRAFT_LIMITS, type Draft } from "@/lib/domain/catalogue/draft";

const button = "rounded border border-slate-500 px-2 py-0.5 text-sm";

/** Move up, move down and remove for one item: each button posts the whole draft with its change. */
function ItemButtons({ op, what, first, last }: { op: string; what: string; first: boolean; last: boolean }) {
  return (
    <span className="flex flex-wrap gap-1">
      {!first && (
        <button name="op" value={`up-${op}`} className={button} aria-label={`Move ${what} up`}>
          Move up
        </button>
      )}
      {!last && (
        <button name="op" value={`down-${op}`} className={button} aria-label={`Move ${what} down`}>
          Move down
        </button>
      )}
      <button name="op" value={`remove-${op}`} className={`${button} text-red-800`} aria-label={`Remove ${what}`}>
        Remove
      </button>
    </span>
  );
}

function TextItem(props: { name: string; label: string; value: string; op: string; first: boolean; last: boolean }) {
  const id = `f-${props.name.replace(/\./g, "-")}`;
  return (
    <div className="mt-2">
      <label htmlFor={id} className="block text-sm font-medium">
        {props.label}
      </label>
      <textarea
        id={id}
        name={props.name}
        defaultValue={props.value}
        rows={2}
        maxLength={2000}
        className="block w-full rounded border border-slate-500 px-2 py-1"
      />
      <ItemButtons op={props.op} what={props.label.toLowerCase()} first={props.first} last={props.last} />
    </div>
  );
}

/**
 * The editor's fields for a unit's draft: every text, and a button for each change. Plain form
 * controls: the whole draft is saved with each button, with or without JavaScript.
 */
export function UnitDraftFields({ draft }: { draft: Draft }) {
  const nos = draft.shape === "nos";
  const noun = nos ? "Element" : "Learning outcome";
  const criterion = nos ? "Performance criterion" : "Assessment criterion";
  return (
    <>
      <label htmlFor="f-shape" className="block font-medium">
        Shape
      </label>
      <select
        id="f-shape"
        name="shape"
        defaultValue={draft.shape}
        className="rounded border border-slate-500 px-2 py-1"
      >
        <option value="qcf">QCF: learning outcomes and assessment criteria</option>
        <option value="nos">NOS: elements, performance criteria, range, knowledge, evidence requirements</option>
      </select>
      <p className="text-sm text-slate-700">A change of shape takes effect when the draft is saved.</p>
      {draft.headings.map((h, i) => (
        <fieldset key={i} className="mt-4 rounded border border-slate-300 p-3">
          <legend className="px-1 font-semibold">
            {noun} {i + 1}
          </legend>
          <TextItem
            name={`heading.${i}`}
            label={`${noun} ${i + 1}`}
            value={h.text}
            op={`heading:${i}`}
            first={i === 0}
            last={i === draft.headings.length - 1}
          />
          {h.criteria.map((c, j) => (
            <div key={j} className="ml-4">
              <TextItem
                name={`criterion.${i}.${j}`}
                label={`${criterion} ${i + 1}.${j + 1}`}
                value={c}
                op={`criterion:${i}:${j}`}
                first={j === 0}
                last={j === h.criteria.length - 1}
              />
            </div>
          ))}
          {h.criteria.length < DRAFT_LIMITS.criteria && (
            <button name="op" value={`add-criterion:${i}`} className={`${button} ml-4 mt-2`}>
              Add a criterion to {noun.toLowerCase()} {i + 1}
            </button>
          )}
          {nos && (
            <>
              {h.range.map((c, j) => (
                <div key={j} className="ml-4">
                  <TextItem
                    name={`range.${i}.${j}`}
                    label={`Range R${i + 1}.${j + 1}`}
                    value={c}
                    op={`range:${i}:${j}`}
                    first={j === 0}
                    last={j === h.range.length - 1}
                  />
                </div>
              ))}
              {h.range.length < DRAFT_LIMITS.range && (
                <button name="op" value={`add-range:${i}`} className={`${button} ml-4 mt-2`}>
                  Add a range statement to element {i + 1}
                </button>
              )}
            </>
          )}
        </fieldset>
      ))}
      {draft.headings.length < DRAFT_LIMITS.headings && (
        <button name="op" value="add-heading" className={`${button} mt-3`}>
          Add {nos ? "an element" : "a learning outcome"}
        </button>
      )}
      {nos && (
        <>
          <fieldset className="mt-4 rounded border border-slate-300 p-3">
            <legend className="px-1 font-semibold">Knowledge and understanding</legend>
            {draft.knowledge.map((k, j) => (
              <TextItem
                key={j}
                name={`knowledge.${j}`}
                label={`Knowledge K${j + 1}`}
                value={k}
                op={`knowledge:${j}`}
                first={j === 0}
                last={j === draft.knowledge.length - 1}
              />
            ))}
            <button name="op" value="add-knowledge" className={`${button} mt-2`}>
              Add a knowledge item
            </button>
          </fieldset>
          <fieldset className="mt-4 rounded border border-slate-300 p-3">
            <legend className="px-1 font-semibold">Evidence requirements</legend>
            {draft.evidence.map((k, j) => (
              <TextItem
                key={j}
                name={`evidence.${j}`}
                label={`Evidence requirement E${j + 1}`}
                value={k}
                op={`evidence:${j}`}
                first={j === 0}
                last={j === draft.evidence.length - 1}
              />
            ))}
            <button name="op" value="add-evidence" className={`${button} mt-2`}>
              Add an evidence requirement
            </button>
          </fieldset>
        </>
      )}
    </>
  );
}
