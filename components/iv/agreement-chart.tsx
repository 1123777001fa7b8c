"use client";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

type Rate = { assessorId: string; name: string; byMonth: { month: string; rate: number | null }[] };

const COLOURS = ["#1e40af", "#b45309", "#047857", "#7c3aed", "#be123c", "#0f766e", "#4d7c0f", "#9d174d"];

/**
 * Agreement rate by month of the assessors given (the dashboard gives the few with the lowest rate),
 * drawn with Recharts. The same numbers are in the table beside it for screen readers; the drawing
 * itself is described by its label. Lines are keyed by assessor id, so two people of the same name
 * stay two lines.
 */
export function AgreementChart({ months, rates, of }: { months: string[]; rates: Rate[]; of: number }) {
  const data = months.map((m) => ({
    month: m,
    ...Object.fromEntries(rates.map((r) => [r.assessorId, r.byMonth.find((b) => b.month === m)?.rate ?? null])),
  }));
  const who = rates.length === of ? (of === 1 ? "the one assessor with verdicts" : `all ${of} assessors with verdicts`) : `the ${rates.length} of ${of} assessors with the lowest rate over the twelve months`;
  return (
    <figure role="img" aria-label={`Agreement rate by assessor and month, for ${who}: the table below gives every assessor's numbers.`} className="mt-2 overflow-x-auto">
      <LineChart width={720} height={300} data={data} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        <YAxis domain={[0, 100]} unit="%" />
        <Tooltip />
        <Legend />
        {rates.map((r, i) => (
          <Line key={r.assessorId} type="monotone" dataKey={r.assessorId} name={r.name} stroke={COLOURS[i % COLOURS.length]} connectNulls dot isAnimationActive={false} />
        ))}
      </LineChart>
    </figure>
  );
}
