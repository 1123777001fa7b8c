"use client";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import type { Rate } from "./agreement-chart";

const COLOURS = ["#1e40af", "#b45309", "#047857", "#7c3aed", "#be123c", "#0f766e", "#4d7c0f", "#9d174d"];

/**
 * The lines themselves, drawn with Recharts in the browser. Lines are keyed by assessor id, so two
 * people of the same name stay two lines.
 */
export default function AgreementLines({ months, rates }: { months: string[]; rates: Rate[] }) {
  const data = months.map((m) => ({
    month: m,
    ...Object.fromEntries(rates.map((r) => [r.assessorId, r.byMonth.find((b) => b.month === m)?.rate ?? null])),
  }));
  return (
    <LineChart width={720} height={300} data={data} margin={{ top: 10, right: 20, bottom: 10, left: 0 }}>
      <CartesianGrid strokeDasharray="3 3" />
      <XAxis dataKey="month" />
      <YAxis domain={[0, 100]} unit="%" />
      <Tooltip />
      <Legend />
      {rates.map((r, i) => (
        <Line
          key={r.assessorId}
          type="monotone"
          dataKey={r.assessorId}
          name={r.name}
          stroke={COLOURS[i % COLOURS.length]}
          connectNulls
          dot
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  );
}
