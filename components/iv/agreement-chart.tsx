"use client";
import dynamic from "next/dynamic";

export type Rate = { assessorId: string; name: string; byMonth: { month: string; rate: number | null }[] };

/**
 * Recharts draws nothing on the server (its first render there is an empty box), so the chart is
 * loaded in the browser only: rendering it on the server cost each dashboard view about a sixth of
 * its time for no markup.
 */
const AgreementLines = dynamic(() => import("./agreement-lines"), {
  ssr: false,
  loading: () => <p className="text-sm text-slate-700">Drawing the chart…</p>,
});

/**
 * Agreement rate by month of the assessors given (the dashboard gives the few with the lowest rate).
 * The same numbers are in the table beside it for screen readers; the drawing itself is described
 * by its label.
 */
export function AgreementChart({ months, rates, of }: { months: string[]; rates: Rate[]; of: number }) {
  const who =
    rates.length === of
      ? of === 1
        ? "the one assessor with verdicts"
        : `all ${of} assessors with verdicts`
      : `the ${rates.length} of ${of} assessors with the lowest rate over the twelve months`;
  return (
    <figure
      role="img"
      aria-label={`Agreement rate by assessor and month, for ${who}: the table below gives every assessor's numbers.`}
      className="mt-2 min-h-[300px] overflow-x-auto"
    >
      <AgreementLines months={months} rates={rates} />
    </figure>
  );
}
