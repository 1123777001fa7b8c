import Link from "next/link";
import { ActionForm } from "@/components/action-form";
import type { ActionState } from "@/lib/auth/action";
import { IV_COUNTERSIGN_DECLARATION } from "@/lib/domain/declarations";
import { formatDateTime } from "@/lib/domain/format";

type Verdict = {
  id: string;
  outcome: "AGREE" | "DISAGREE";
  feedback: string;
  decidedAt: Date;
  iv: string;
  candidate: string;
  sample: { id: string; candidateId: string; unitRef: string; criteria: string[] };
};

/**
 * Verdicts to tick and countersign with the password and the declaration, all or none: the IV's
 * countersigning page and the EV's (for verdicts no qualified IV of the centre may countersign).
 */
export function VerdictsToCountersign(props: {
  verdicts: Verdict[];
  action: (state: ActionState, form: FormData) => Promise<ActionState>;
  label: string;
  link: (v: Verdict) => { href: string; text: string };
  children?: React.ReactNode;
}) {
  return (
    <ActionForm action={props.action} label={props.label}>
      {props.children}
      <ul className="mt-2 space-y-2">
        {props.verdicts.map((v) => (
          <li key={v.id} className="flex items-start gap-2">
            <input type="checkbox" id={`v-${v.id}`} name="ids" value={v.id} className="mt-1" />
            <label htmlFor={`v-${v.id}`}>
              {v.outcome === "AGREE" ? "Agreed" : "Disagreed"}: {v.candidate}, unit {v.sample.unitRef}
              {v.sample.criteria.length > 0 && ` (criteria ${v.sample.criteria.join(", ")})`}, by {v.iv} on{" "}
              {formatDateTime(v.decidedAt)}
              {v.feedback && <span className="block text-sm text-slate-700">Feedback: {v.feedback}</span>}
            </label>
            <Link href={props.link(v).href} className="text-sm underline">
              {props.link(v).text}
            </Link>
          </li>
        ))}
      </ul>
      <div className="mt-2 rounded bg-slate-50 p-2">
        <div className="flex items-start gap-2">
          <input type="checkbox" id="declared" name="declared" value="yes" className="mt-1" />
          <label htmlFor="declared">{IV_COUNTERSIGN_DECLARATION}</label>
        </div>
        <label htmlFor="password" className="mr-2">
          Your password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          className="rounded border border-slate-500 px-2 py-1"
        />
        <button className="ml-2 rounded bg-blue-800 px-3 py-1 text-white">Countersign the verifications ticked</button>
      </div>
    </ActionForm>
  );
}
