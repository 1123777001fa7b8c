// `npm run bench:iv`: times the internal verifier's pages for the demo IV (Gareth Evans) against
// DATABASE_URL. Grow the centre first with `npm run generate -- --candidates 10000` (sign-offs,
// samples, verdicts and units still being assessed, across 100 more assessors), to see that each
// page's cost follows what it shows and the verification done, not the size of the centre.
import { performance } from "node:perf_hooks";
import { londonToday } from "../lib/domain/today";
import { db } from "../lib/server/core/internal/db";
import {
  listFlaggedUnits,
  listSamples,
  listSignedOffUnits,
  listUnitsInProgress,
} from "../lib/server/internal-verification";
import { listIvCountersignQueue } from "../lib/server/internal-verification";
import { getIvDashboard } from "../lib/server/internal-verification";
import { createPlan, getPlan } from "../lib/server/internal-verification";
import { listStandardisation } from "../lib/server/internal-verification";
import { loadActor } from "../lib/server/identity/internal/sessions";
import { getIvOverview } from "../lib/server/internal-verification";

const RUNS = Number(process.env.RUNS ?? 10);
const summary: string[] = [];

async function time(key: string, label: string, work: () => Promise<unknown>, runs = RUNS) {
  await work(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => samples[Math.min(samples.length - 1, Math.floor((p / 100) * samples.length))]!;
  console.log(`${label.padEnd(44)} p50 ${at(50).toFixed(1).padStart(7)} ms  p95 ${at(95).toFixed(1).padStart(7)} ms`);
  summary.push(`${key}=${at(50).toFixed(0)}`);
}

const gareth = await db().user.findUniqueOrThrow({ where: { email: "iv@northgate.example" }, select: { id: true } });
const actor = (await loadActor(gareth.id))!;
const amira = await db().user.findUniqueOrThrow({
  where: { email: "assessor@northgate.example" },
  select: { id: true },
});
const spec = await db().qualificationSpec.findFirstOrThrow({
  where: { code: "3412-03" },
  orderBy: { importedAt: "asc" },
  select: { id: true },
});
const [people, signOffs, verdicts] = await Promise.all([
  db().user.count({ where: { centreId: actor.centreId } }),
  db().unitSignOff.count(),
  db().ivVerdict.count(),
]);
console.log(
  `Gareth Evans: ${people} people in the centre, ${signOffs} sign-offs, ${verdicts} IV verdicts; ${RUNS} runs each.`,
);
await time("overview", "dashboard (/iv): overview", () => getIvOverview(actor));
await time("dashboard", "dashboard (/iv): plans, waiting, actions, rates", () => getIvDashboard(actor));
await time("samples", "sampling (/iv/samples): sampled items, page 1", () => listSamples(actor, { page: 1 }));
await time("signedOff", "sampling: signed-off units, page 1", () => listSignedOffUnits(actor, { page: 1 }));
await time("flagged", "sampling: units with authenticity signals", () => listFlaggedUnits(actor));
await time("interim", "sampling: units Amira is assessing, page 1", () =>
  listUnitsInProgress(actor, { page: 1, assessorId: amira.id }),
);
await time("countersign", "countersigning (/iv/countersign)", () => listIvCountersignQueue(actor));
await time("standardisation", "standardisation (/iv/standardisation)", () => listStandardisation(actor));
const period = { specId: spec.id, periodFrom: "2026-01-01", periodTo: londonToday() };
let planId = "";
await time(
  "planCreate",
  "plan: create (risk facts for every assessor)",
  async () => (planId = (await createPlan(actor, period)).id),
  3,
);
await time("plan", "plan: coverage (/iv/plans/[id])", () => getPlan(actor, planId), 5);
console.log(`bench:iv ${summary.join(" ")}`);
await db().$disconnect();
