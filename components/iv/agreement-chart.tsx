"use client";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";

type Rate = { assessorId: string; name: string; byMonth: { month: string; rate: number | null }[] };

const COLOURS = ["#1e40af", "#b45309", "#047857", "#7c3aed", "#be123c", "#0f766e", "#4d7c0f", "#9d174d"];

/**
 * Each assessor's agreement rate by month, drawn with Recharts. The same numbers are in the table
 * beside it for screen readers; the drawing itself is described by its label.
 */
export function AgreementChart({ months, rates }: { months: string[]; rates: Rate[] }) {
  const data = months.map((m) => ({
    month: m,
    ...Object.fromEntries(rates.map((r) => [r.name, r.byMonth.find((b) => b.month === m)?.rate ?? null])),
  }));
  return (
    <figure role="img" aria-label="Agreement rate by assessor and month: the table below gives the same numbers." className="mt-2 overflow-x-auto">
      <LineChart width={720} height={300} data={data} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="month" />
        <YAxis domain={[0, 100]} unit="%" />
        <Tooltip />
        <Legend />
        {rates.map((r, i) => (
          <Line key={r.assessorId} type="monotone" dataKey={r.name} stroke={COLOURS[i % COLOURS.length]} connectNulls dot isAnimationActive={false} />
        ))}
      </LineChart>
    </figure>
  );
}
