// `npm run bench:assessment`: times the assessor's work queue, a candidate's progress and the
// countersigning queue for the demo assessor (Amira Shah), against DATABASE_URL. Grow the centre
// first with `npm run generate -- --candidates 10000` (300 candidates on her caseload, 10,000 in the centre)
// to see that the cost follows her caseload and the page, not the centre.
import { performance } from "node:perf_hooks";
import { listCountersignQueue } from "../lib/server/assessment";
import { listCaseloadQueue, type CaseloadQuery } from "../lib/server/assessment";
import { db } from "../lib/server/core/internal/db";
import { getPortfolioProgress } from "../lib/server/assessment";
import { loadActor } from "../lib/server/identity/internal/sessions";

const RUNS = Number(process.env.RUNS ?? 20);

async function time(label: string, work: () => Promise<unknown>) {
  await work(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!.toFixed(1);
  console.log(`${label.padEnd(44)} p50 ${at(50).padStart(7)} ms  p95 ${at(95).padStart(7)} ms`);
}

const amira = await db().user.findUniqueOrThrow({
  where: { email: "assessor@northgate.example" },
  select: { id: true },
});
const actor = (await loadActor(amira.id))!;
const caseload = await db().assessorAssignment.count({ where: { assessorId: amira.id } });
const centre = await db().user.count({ where: { centreId: actor.centreId } });
console.log(`Amira Shah: ${caseload} candidates on her caseload; ${centre} people in the centre; ${RUNS} runs each.`);
const queries: [string, CaseloadQuery][] = [
  ["work queue, by name, page 1", { page: 1, sort: "name", filter: "all" }],
  ["work queue, most awaiting review", { page: 1, sort: "awaiting", filter: "awaiting-review" }],
  ["work queue, no review for 30 days, page 5", { page: 5, sort: "last-contact", filter: "no-contact-30" }],
];
for (const [label, query] of queries) await time(label, () => listCaseloadQueue(actor, query));
const first = (await listCaseloadQueue(actor, { page: 1, sort: "awaiting", filter: "all" })).items[0];
if (first) await time(`progress of ${first.name}`, () => getPortfolioProgress(actor, first.id));
await time("countersigning queue", () => listCountersignQueue(actor));
await db().$disconnect();
