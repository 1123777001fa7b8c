// The IV dashboard on a busy centre: every list on it is paged, so the page shows ten rows of each
// whatever the centre's size, and the agreement chart draws the few assessors with the lowest rate.
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/domain/policy";
import { db } from "@/lib/server/core/internal/db";
import { PAGE_SIZE } from "@/lib/domain/pagination";
import { CHART_ASSESSORS, DASHBOARD_ROWS, getIvDashboard } from "@/lib/server/internal-verification";
import { getIvOverview } from "@/lib/server/internal-verification";
import { getVerifiedCentre } from "@/lib/server/external-verification";
import { actorFor, makeWorld, unique, type World } from "./fixtures";

const ASSESSORS = 30;

describe("IV dashboard at size", () => {
  let w: World;
  let iv: Actor;
  let assessors: { id: string; name: string }[];

  beforeAll(async () => {
    w = await makeWorld();
    iv = await actorFor(w.users.iv.id);
    // 30 more assessors, each with one signed-off unit sampled a month ago. Assessor i has i + 1
    // verdicts this month, the first i of them agreeing: "Rate 00" agrees with none of its one.
    assessors = Array.from({ length: ASSESSORS }, (_, i) => ({
      id: crypto.randomUUID(),
      name: `Rate ${String(i).padStart(2, "0")} ${unique("a")}`,
    }));
    await db().user.createMany({
      data: assessors.map((a) => ({
        ...a,
        centreId: w.a.id,
        email: `${a.name.replace(/\W/g, "")}@test.invalid`,
        passwordHash: "-",
      })),
    });
    await db().userRole.createMany({ data: assessors.map((a) => ({ userId: a.id, role: "ASSESSOR" as const })) });
    const monthAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
    for (const [i, a] of assessors.entries()) {
      const signOff = await db().unitSignOff.create({
        data: {
          candidateId: w.users.candidate.id,
          specId: w.specId,
          unitRef: "101",
          assessorId: a.id,
          declaration: "test",
          evidence: [],
          evidenceIds: [],
          needsCountersignature: false,
        },
        select: { id: true },
      });
      const samples = await db().ivSample.createManyAndReturn({
        // One sample per unit and stage: each sample its own (made-up) unit reference.
        data: Array.from({ length: i + 1 }, (_, k) => ({
          centreId: w.a.id,
          candidateId: w.users.candidate.id,
          specId: w.specId,
          unitRef: `R${i}-${k}`,
          stage: "SUMMATIVE" as const,
          reason: "test",
          selectedById: w.users.iv.id,
          selectedAt: monthAgo,
        })),
        select: { id: true },
      });
      await db().ivVerdict.createMany({
        data: samples.map((s, k) => ({
          sampleId: s.id,
          signOffId: signOff.id,
          outcome: k < i ? ("AGREE" as const) : ("DISAGREE" as const),
          feedback: "test",
          ivId: w.users.iv.id,
          judgementIds: [],
        })),
      });
    }
    // 30 samples a month old with no verdict: waiting, oldest first.
    await db().ivSample.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        centreId: w.a.id,
        candidateId: w.users.candidate.id,
        specId: w.specId,
        unitRef: `W${i}`,
        stage: "INTERIM" as const,
        reason: `waiting ${i}`,
        selectedById: w.users.iv.id,
        selectedAt: new Date(monthAgo.getTime() + i * 60_000),
      })),
    });
  });

  it("pages the agreement table by name, and charts the assessors with the lowest rate", async () => {
    const first = await getIvDashboard(iv);
    const ours = (r: { assessorId: string }) => assessors.some((a) => a.id === r.assessorId);
    expect(first.rates.total).toBeGreaterThanOrEqual(ASSESSORS);
    expect(first.rates.items).toHaveLength(DASHBOARD_ROWS);
    const everyone = [...first.rates.items];
    for (let page = 2; page <= first.rates.pageCount; page++)
      everyone.push(...(await getIvDashboard(iv, { ratesPage: page })).rates.items);
    expect(everyone).toHaveLength(first.rates.total);
    expect(everyone.map((r) => r.name)).toEqual([...everyone.map((r) => r.name)].sort((a, b) => a.localeCompare(b)));
    expect(everyone.filter(ours)).toHaveLength(ASSESSORS);
    // Assessor i agreed i of i + 1 this month.
    const rate5 = everyone.find((r) => r.assessorId === assessors[5]!.id)!;
    expect(rate5.byMonth.at(-1)).toMatchObject({ agreed: 5, total: 6, rate: 83 });
    // The chart: the lowest rates, lowest first (0 of 1, 1 of 2, ...), never the whole centre.
    expect(first.chart).toHaveLength(CHART_ASSESSORS);
    expect(first.chart.slice(0, 3).map((r) => r.assessorId)).toEqual(assessors.slice(0, 3).map((a) => a.id));
  });

  it("pages the samples waiting, oldest first, with the total past the last page", async () => {
    const first = await getIvDashboard(iv);
    const second = await getIvDashboard(iv, { waitingPage: 2 });
    expect(first.overdue.items).toHaveLength(DASHBOARD_ROWS);
    expect(first.overdue.total).toBeGreaterThanOrEqual(30);
    const all = [...first.overdue.items, ...second.overdue.items];
    expect(new Set(all.map((s) => s.id)).size).toBe(all.length);
    const times = all.map((s) => s.selectedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(all.every((s) => s.state === "awaiting-verdict" || s.state === "responded")).toBe(true);
    const past = await getIvDashboard(iv, { waitingPage: 99 });
    expect(past.overdue.items).toEqual([]);
    expect(past.overdue.total).toBe(first.overdue.total);
  });

  it("shows a disagreement the assessor has answered as waiting, and stops once a new verdict follows", async () => {
    const mine = assessors[0]!;
    // Assessor 0's one sample, with its one verdict: a disagreement.
    const sample = await db().ivSample.findFirstOrThrow({
      where: { centreId: w.a.id, unitRef: "R0-0", verdicts: { some: { outcome: "DISAGREE" } } },
      select: { id: true },
    });
    const waiting = async () => {
      const d = await getIvDashboard(iv);
      const rows = [...d.overdue.items];
      for (let p = 2; p <= d.overdue.pageCount; p++)
        rows.push(...(await getIvDashboard(iv, { waitingPage: p })).overdue.items);
      return rows.find((s) => s.id === sample.id)?.state;
    };
    expect(await waiting()).toBeUndefined();
    await db().ivResponse.create({
      data: { sampleId: sample.id, assessorId: mine.id, note: "Put right", respondedAt: new Date(Date.now() + 1000) },
    });
    expect(await waiting()).toBe("responded");
    await db().ivVerdict.create({
      data: {
        sampleId: sample.id,
        outcome: "AGREE",
        feedback: "Now sound",
        ivId: w.users.iv.id,
        judgementIds: [],
        decidedAt: new Date(Date.now() + 2000),
      },
    });
    expect(await waiting()).toBeUndefined();
  });

  it("pages the assessors and their caseloads, for the IV and for the EV", async () => {
    const overview = await getIvOverview(iv);
    expect(overview.assessors.items).toHaveLength(DASHBOARD_ROWS);
    const rows = [...overview.assessors.items];
    for (let p = 2; p <= overview.assessors.pageCount; p++)
      rows.push(...(await getIvOverview(iv, { assessorsPage: p })).assessors.items);
    const names = rows.map((a) => a.name);
    expect(names).toHaveLength(overview.assessors.total);
    // In the database's order of names.
    const byName = await db().user.findMany({
      where: { centreId: w.a.id, roles: { some: { role: "ASSESSOR" } } },
      orderBy: [{ name: "asc" }, { id: "asc" }],
      select: { name: true },
    });
    expect(names).toEqual(byName.map((u) => u.name));
    // The fixture's assessor has the fixture candidate on their caseload.
    const amira = rows.find((a) => a.id === w.users.assessor.id)!;
    expect(amira.caseload).toBe(await db().assessorAssignment.count({ where: { assessorId: w.users.assessor.id } }));
    const ev = await actorFor(w.users.ev.id);
    // The EV's centre page is a list page: 25 to a page.
    const centre = await getVerifiedCentre(ev, w.a.id, 1, 2);
    expect(centre.assessors.items.map((a) => a.id)).toEqual(rows.slice(PAGE_SIZE, 2 * PAGE_SIZE).map((a) => a.id));
  });
});
