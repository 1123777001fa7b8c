"use client";
import { useActionState, useMemo, useState } from "react";
import type { ActionState } from "@/lib/auth/action";
import { longDate, offeredCreditUnits, parseAreaChoice, validateSelection } from "@/lib/domain/catalogue/combination";
import { suggestCompletion } from "@/lib/domain/catalogue/progress";
import type { Suite } from "@/lib/domain/catalogue/spec";
import { NOT_ASSESSABLE, contentAt, requirementsFor } from "@/lib/domain/catalogue/content";

type Props = {
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  candidateId: string;
  specId: string;
  code: string;
  suite: Suite;
  initialUnits: string[];
  initialRegisteredOn: string;
  today: string;
  /** Units the awarding body has approved this centre to offer, where a unit needs it. */
  centreApprovals: string[];
};

/**
 * The unit selection for a registration, checked by the rules-of-combination
 * engine on every change. The server checks again before saving.
 */
export function RegistrationForm(props: Props) {
  const { suite, code } = props;
  const [state, formAction, pending] = useActionState(props.action, { ok: false });
  const [registeredOn, setRegisteredOn] = useState(props.initialRegisteredOn);
  const [units, setUnits] = useState<string[]>(props.initialUnits);
  const [notice, setNotice] = useState("");
  const dateOk = /^\d{4}-\d{2}-\d{2}$/.test(registeredOn);
  const context = useMemo(
    () => ({ registeredOn: dateOk ? registeredOn : props.today, centreApprovals: props.centreApprovals }),
    [registeredOn, dateOk, props.today, props.centreApprovals],
  );
  const verdict = useMemo(() => validateSelection(suite, code, units, context), [suite, code, units, context]);
  // The rules of combination allow a unit the awarding body has not published criteria for yet;
  // the centre may register it, but no candidate can complete it until they are published.
  const waiting = units.filter((entry) => {
    const unit = suite.units.find((u) => u.ref === entry.split("@")[0]);
    return unit !== undefined && requirementsFor(unit, [entry]).length === 0;
  });
  const creditQualification = suite.scheme === "credit" ? suite.qualifications.find((x) => x.code === code)! : null;
  const offered = useMemo(
    () =>
      creditQualification
        ? offeredCreditUnits(creditQualification, { registeredOn: context.registeredOn })
        : new Set<string>(),
    [creditQualification, context],
  );

  const changeDate = (value: string) => {
    setRegisteredOn(value);
    if (!creditQualification || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return;
    const offeredThen = offeredCreditUnits(creditQualification, { registeredOn: value });
    const swaps = creditQualification.rules.replacements
      .map((r) =>
        units.includes(r.unit) && !offeredThen.has(r.unit)
          ? [r.unit, r.replacedBy]
          : units.includes(r.replacedBy) && !offeredThen.has(r.replacedBy)
            ? [r.replacedBy, r.unit]
            : null,
      )
      .filter((x): x is string[] => x !== null);
    if (swaps.length) {
      setUnits(units.map((u) => swaps.find(([from]) => from === u)?.[1] ?? u));
      setNotice(
        swaps
          .map(([from, to]) => `Unit ${from} changed to unit ${to}: the registration date decides which applies.`)
          .join(" "),
      );
    }
  };

  const toggle = (ref: string, on: boolean) => setUnits(on ? [...units, ref] : units.filter((u) => u !== ref));
  const setArea = (area: string, level: string) => {
    const rest = units.filter((u) => parseAreaChoice(u)?.area !== area);
    setUnits(level ? [...rest, `${area}@${level}`] : rest);
  };
  const suggest = () => {
    const s = suggestCompletion(suite, code, units, context);
    setUnits([...units, ...s.additions]);
    setNotice(
      s.additions.length
        ? `Added ${s.additions.join(", ")}.${s.needsRemoval.length ? " Some problems need a unit removing." : ""}`
        : "No units to add: remove units to fix the problems listed.",
    );
  };
  const atLevel = Object.entries(verdict.atLevel)
    .map(([level, n]) => `level ${level}: ${n}`)
    .join("; ");
  const measure = suite.scheme === "credit" ? "credits" : "UV";

  return (
    <form action={formAction} aria-label="Registration" className="mt-4 space-y-4">
      <input type="hidden" name="candidateId" value={props.candidateId} />
      <input type="hidden" name="specId" value={props.specId} />
      {units.map((u) => (
        <input key={u} type="hidden" name="units" value={u} />
      ))}
      <div>
        <label htmlFor="registeredOn" className="block font-medium">
          Registration date
        </label>
        <input
          id="registeredOn"
          name="registeredOn"
          type="date"
          required
          max={props.today}
          value={registeredOn}
          onChange={(e) => changeDate(e.target.value)}
          aria-describedby="registeredOn-hint"
          className="rounded border border-slate-500 px-3 py-1"
        />
        <p id="registeredOn-hint" className="text-sm text-slate-700">
          The date the candidate was registered with the awarding body. Some units depend on it.
        </p>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <div>
          {suite.scheme === "credit" ? (
            creditQualification!.groups.map((group) => {
              return (
                <fieldset key={group.id} className="mb-4 rounded border border-slate-300 p-3">
                  <legend className="px-1 font-semibold">{group.name}</legend>
                  {group.units
                    .filter((r) => offered.has(r))
                    .map((ref) => {
                      const u = suite.units.find((x) => x.ref === ref)!;
                      const id = `unit-${ref}`;
                      return (
                        <div key={ref} className="flex items-start gap-2 py-0.5">
                          <input
                            id={id}
                            type="checkbox"
                            checked={units.includes(ref)}
                            onChange={(e) => toggle(ref, e.target.checked)}
                            className="mt-1"
                          />
                          <label htmlFor={id}>
                            {ref} {u.title}{" "}
                            <span className="text-sm text-slate-700">
                              (level {u.level}, {u.credits} credits)
                            </span>
                            {requirementsFor(u, null).length === 0 && (
                              <span className="block text-sm text-amber-900">{NOT_ASSESSABLE}</span>
                            )}
                          </label>
                        </div>
                      );
                    })}
                </fieldset>
              );
            })
          ) : (
            <fieldset className="rounded border border-slate-300 p-3">
              <legend className="px-1 font-semibold">Areas of competence</legend>
              {suite.units.map((u) => {
                const chosen = units.map(parseAreaChoice).find((c) => c?.area === u.ref);
                const id = `area-${u.ref}`;
                return (
                  <div key={u.ref} className="flex flex-wrap items-center gap-2 py-0.5">
                    <label htmlFor={id} className="min-w-0 flex-1">
                      {u.ref} {u.title}
                      {u.restricted ? " (restricted)" : ""}
                      {Object.keys(u.values).some((l) => contentAt(u, Number(l)) === null) && (
                        <span className="block text-sm text-amber-900">
                          {Object.keys(u.values).every((l) => contentAt(u, Number(l)) === null)
                            ? NOT_ASSESSABLE
                            : `Criteria published at level ${Object.keys(u.values)
                                .filter((l) => contentAt(u, Number(l)) !== null)
                                .join(", ")} only; other levels are not yet assessable.`}
                        </span>
                      )}
                    </label>
                    <select
                      id={id}
                      value={chosen ? String(chosen.level) : ""}
                      onChange={(e) => setArea(u.ref, e.target.value)}
                      className="rounded border border-slate-500 px-2 py-0.5"
                    >
                      <option value="">Not taken</option>
                      {Object.entries(u.values).map(([level, value]) => (
                        <option key={level} value={level}>
                          Level {level} ({value} UV)
                        </option>
                      ))}
                    </select>
                  </div>
                );
              })}
            </fieldset>
          )}
        </div>

        <section
          aria-labelledby="verdict-heading"
          className="self-start rounded border border-slate-400 p-3 lg:sticky lg:top-4"
        >
          <h2 id="verdict-heading" className="text-lg font-semibold">
            Check against the rules
          </h2>
          <div aria-live="polite" aria-atomic="true" id="verdict">
            <p className={`mt-1 font-medium ${verdict.valid ? "text-green-800" : "text-red-800"}`}>
              {verdict.valid ? "Valid selection" : "Not a valid qualification yet"}
            </p>
            <p className="text-sm">
              {verdict.total} {measure} chosen{atLevel ? ` (${atLevel})` : ""}. {units.length}{" "}
              {units.length === 1 ? "unit" : "units"}.
            </p>
            {!dateOk && (
              <p className="text-sm text-red-800">
                Enter the registration date; rules are checked as of today until then.
              </p>
            )}
            {waiting.length > 0 && (
              <p className="mt-2 text-sm font-medium text-amber-900">
                Warning: {waiting.map((e) => `unit ${e}`).join(", ")} {waiting.length === 1 ? "is" : "are"}{" "}
                {NOT_ASSESSABLE.charAt(0).toLowerCase() + NOT_ASSESSABLE.slice(1)} The registration can be saved, but
                the candidate cannot complete {waiting.length === 1 ? "it" : "them"} until the criteria are published.
              </p>
            )}
            {verdict.reasons.length > 0 && (
              <ul aria-label="Problems with the selection" className="mt-2 list-disc space-y-1 pl-5 text-sm">
                {verdict.reasons.map((r) => (
                  <li key={`${r.rule}${r.message}`}>
                    {r.message} <strong>{r.fix}</strong>
                  </li>
                ))}
              </ul>
            )}
          </div>
          {!verdict.valid && (
            <button
              type="button"
              onClick={suggest}
              className="mt-3 rounded border border-blue-800 px-3 py-1 text-blue-800"
            >
              Suggest units to complete
            </button>
          )}
          <p role="status" className="mt-2 text-sm">
            {notice}
          </p>
          <button
            type="submit"
            disabled={!verdict.valid || !dateOk || pending}
            aria-describedby="save-hint"
            className="mt-3 block rounded bg-blue-800 px-3 py-1 text-white disabled:bg-slate-400"
          >
            {pending ? "Saving…" : "Save registration"}
          </button>
          <p id="save-hint" className="text-sm text-slate-700">
            {verdict.valid
              ? `Registration as of ${dateOk ? longDate(registeredOn) : "today"}.`
              : "A selection can be saved once it meets every rule."}
          </p>
          <p role="alert" className={`mt-2 text-sm ${state.ok ? "text-green-800" : "text-red-800"}`}>
            {state.message}
            {state.fieldErrors && !state.ok ? ` ${Object.values(state.fieldErrors).flat().join(" ")}` : ""}
          </p>
        </section>
      </div>
    </form>
  );
}
