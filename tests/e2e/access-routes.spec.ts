// Every route x every kind of visitor, over real HTTP against the production build: allowed (200),
// sent to sign in, refused (403), or told the object does not exist (404).
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { centreId, sql, specId, userId } from "./support/db";
import { UNVERIFIED_CENTRE } from "./support/env";
import { PERSONAS, storageStateOf, type Persona } from "./support/personas";

type Visitor = "anonymous" | Persona;
const VISITORS: Visitor[] = ["anonymous", ...PERSONAS];
type Outcome = "ok" | "login" | "unauthenticated" | "forbidden" | "missing" | "not-allowed" | { redirect: string };

interface Case {
  route: string; // the app/ route pattern this case exercises
  path: (ids: Ids) => string;
  expect: Partial<Record<Visitor, Outcome>>;
  /** Outcome for visitors not listed. */
  otherwise: Outcome;
}
type Ids = Record<
  | "jordan"
  | "kieran"
  | "helen"
  | "amira"
  | "northgate"
  | "hillside"
  | "spec"
  | "evidence"
  | "file"
  | "request"
  | "registration"
  | "unit"
  | "kieranRegistration",
  string
>;
const NO_SUCH_ID = "00000000-0000-4000-8000-000000000000";

const area = (route: string, holders: Persona[]): Case => ({
  route,
  path: () => route,
  expect: { anonymous: "login", ...Object.fromEntries(holders.map((p) => [p, "ok"])) },
  otherwise: "forbidden",
});

const CASES: Case[] = [
  {
    route: "/",
    path: () => "/",
    expect: {
      anonymous: "login",
      candidate: { redirect: "/candidate" },
      assessor: { redirect: "/assessor" },
      assessor2: { redirect: "/assessor" },
      witness: { redirect: "/witness" },
      iv: { redirect: "/assessor" },
      ev: { redirect: "/ev" },
      admin: { redirect: "/admin" },
      "r-admin": { redirect: "/admin" },
      "r-assessor": { redirect: "/assessor" },
      "ab-admin": { redirect: "/awarding" },
    },
    otherwise: "forbidden",
  },
  { route: "/login", path: () => "/login", expect: { anonymous: "ok" }, otherwise: { redirect: "/" } },
  { route: "/no-role", path: () => "/no-role", expect: { anonymous: "login" }, otherwise: "ok" },
  area("/candidate", ["candidate"]),
  area("/assessor", ["assessor", "assessor2", "iv", "r-assessor"]),
  area("/witness", ["witness"]),
  area("/iv", ["iv", "r-assessor"]),
  // Per-person audit views: Jordan is Northgate's, so Riverside's IV is told he does not exist.
  {
    route: "/iv/audit",
    path: (ids) => `/iv/audit?candidate=${ids.jordan}`,
    expect: { anonymous: "login", iv: "ok", "r-assessor": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/iv/audit",
    path: (ids) => `/iv/audit?assessor=${ids.amira}`,
    expect: { anonymous: "login", iv: "ok", "r-assessor": "missing" },
    otherwise: "forbidden",
  },
  area("/ev", ["ev"]),
  area("/admin", ["admin", "r-admin"]),
  area("/admin/users/new", ["admin", "r-admin"]),
  area("/awarding", ["ab-admin"]),
  area("/awarding/verifiers/new", ["ab-admin"]),
  {
    route: "/awarding/verifiers/[userId]",
    path: (ids) => `/awarding/verifiers/${ids.helen}`,
    expect: { anonymous: "login", "ab-admin": "ok" },
    otherwise: "forbidden",
  },
  // Only EV accounts are the awarding body's to manage: a centre user's id is "not found".
  {
    route: "/awarding/verifiers/[userId]",
    path: (ids) => `/awarding/verifiers/${ids.jordan}`,
    expect: { anonymous: "login", "ab-admin": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/assessor/candidates/[candidateId]",
    path: (ids) => `/assessor/candidates/${ids.jordan}`,
    // Jordan is Amira's candidate at Northgate; Gareth assesses too and is Northgate's IV.
    expect: { anonymous: "login", assessor: "ok", iv: "ok", assessor2: "missing", "r-assessor": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/assessor/candidates/[candidateId]",
    path: (ids) => `/assessor/candidates/${ids.kieran}`,
    expect: { anonymous: "login", assessor: "missing", assessor2: "missing", iv: "missing", "r-assessor": "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/assessor/candidates/[candidateId]",
    path: () => "/assessor/candidates/not-a-uuid",
    expect: { anonymous: "login", assessor: "missing", assessor2: "missing", iv: "missing", "r-assessor": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/candidates/[candidateId]",
    path: (ids) => `/ev/candidates/${ids.jordan}`,
    expect: { anonymous: "login", ev: "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/candidates/[candidateId]",
    path: () => `/ev/candidates/${NO_SUCH_ID}`,
    expect: { anonymous: "login", ev: "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/centres/[centreId]",
    path: (ids) => `/ev/centres/${ids.northgate}`,
    expect: { anonymous: "login", ev: "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/centres/[centreId]",
    path: (ids) => `/ev/centres/${ids.hillside}`,
    expect: { anonymous: "login", ev: "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/admin/users/[userId]",
    path: (ids) => `/admin/users/${ids.jordan}`,
    expect: { anonymous: "login", admin: "ok", "r-admin": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/admin/users/[userId]",
    path: (ids) => `/admin/users/${ids.kieran}`,
    expect: { anonymous: "login", admin: "missing", "r-admin": "ok" },
    otherwise: "forbidden",
  },
  // The shared catalogue belongs to the awarding body: no centre's administrator imports into it.
  area("/awarding/catalogue/import", ["ab-admin"]),
  // Unit content is the awarding body's to write and publish (decision 0022).
  area("/awarding/units", ["ab-admin"]),
  area("/awarding/units/import", ["ab-admin"]),
  {
    route: "/awarding/units/[specId]/[unitRef]",
    path: (ids) => `/awarding/units/${ids.spec}/208`,
    expect: { anonymous: "login", "ab-admin": "ok" },
    otherwise: "forbidden",
  },
  // A unit the qualification does not have, or a version that does not exist: "not found".
  {
    route: "/awarding/units/[specId]/[unitRef]",
    path: (ids) => `/awarding/units/${ids.spec}/ZZ99`,
    expect: { anonymous: "login", "ab-admin": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/awarding/units/[specId]/[unitRef]",
    path: () => `/awarding/units/${NO_SUCH_ID}/208`,
    expect: { anonymous: "login", "ab-admin": "missing" },
    otherwise: "forbidden",
  },
  // The EV belongs to no centre: their own centre's administrator cannot open their account.
  {
    route: "/admin/users/[userId]",
    path: (ids) => `/admin/users/${ids.helen}`,
    expect: { anonymous: "login", admin: "missing", "r-admin": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/admin/users/[userId]/registration",
    path: (ids) => `/admin/users/${ids.jordan}/registration?spec=${ids.spec}`,
    expect: { anonymous: "login", admin: "ok", "r-admin": "missing" },
    otherwise: "forbidden",
  },
  { route: "/catalogue", path: () => "/catalogue?q=contact", expect: { anonymous: "login" }, otherwise: "ok" },
  {
    route: "/confirm-password",
    path: () => "/confirm-password?next=/notifications",
    expect: { anonymous: "login" },
    otherwise: "ok",
  },
  // Everyone's own notifications (the rows are filtered to the user: there is no id in the path).
  { route: "/notifications", path: () => "/notifications?unread=1", expect: { anonymous: "login" }, otherwise: "ok" },
  {
    route: "/catalogue/[specId]",
    path: (ids) => `/catalogue/${ids.spec}`,
    expect: { anonymous: "login" },
    otherwise: "ok",
  },
  {
    route: "/catalogue/[specId]",
    path: () => `/catalogue/${NO_SUCH_ID}`,
    expect: { anonymous: "login" },
    otherwise: "missing",
  },
  {
    route: "/api/catalogue/[specId]",
    path: (ids) => `/api/catalogue/${ids.spec}`,
    expect: { anonymous: "unauthenticated" },
    otherwise: "ok",
  },
  {
    route: "/api/catalogue/[specId]",
    path: () => `/api/catalogue/${NO_SUCH_ID}`,
    expect: { anonymous: "unauthenticated" },
    otherwise: "missing",
  },
  area("/candidate/evidence", ["candidate"]),
  area("/candidate/evidence/new", ["candidate"]),
  area("/candidate/progress", ["candidate"]),
  // One unit of the candidate's own registration; another candidate's registration, or a unit not on it, does not exist for them.
  {
    route: "/candidate/progress/[registrationId]/[unitRef]",
    path: (ids) => `/candidate/progress/${ids.registration}/${ids.unit}`,
    expect: { anonymous: "login", candidate: "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/candidate/progress/[registrationId]/[unitRef]",
    path: (ids) => `/candidate/progress/${ids.kieranRegistration}/${ids.unit}`,
    expect: { anonymous: "login", candidate: "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/candidate/progress/[registrationId]/[unitRef]",
    path: (ids) => `/candidate/progress/${ids.registration}/999`,
    expect: { anonymous: "login", candidate: "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/candidate/progress/[registrationId]/[unitRef]",
    path: () => `/candidate/progress/not-an-id/101`,
    expect: { anonymous: "login", candidate: "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/candidate/evidence/[evidenceId]",
    path: (ids) => `/candidate/evidence/${ids.evidence}`,
    expect: { anonymous: "login", candidate: "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/candidate/evidence/[evidenceId]",
    path: () => `/candidate/evidence/${NO_SUCH_ID}`,
    expect: { anonymous: "login", candidate: "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/api/evidence/files/[fileId]",
    path: (ids) => `/api/evidence/files/${ids.file}`,
    // Whoever may see Jordan's portfolio: him, his assessor, Northgate's IV, admin and EV. Not his
    // expert witness: a witness opens only what is attached to a request to them, or what they wrote.
    // The awarding body's administrator manages verifiers and the catalogue, not portfolios.
    expect: {
      anonymous: "unauthenticated",
      witness: "missing",
      assessor2: "missing",
      "r-admin": "missing",
      "r-assessor": "missing",
      "ab-admin": "missing",
    },
    otherwise: "ok",
  },
  {
    // Subject access: Jordan himself, or an administrator of his centre (their password recently typed).
    route: "/api/candidates/[candidateId]/subject-access",
    path: (ids) => `/api/candidates/${ids.jordan}/subject-access`,
    expect: { anonymous: "unauthenticated", candidate: "ok", admin: "ok", "r-admin": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/api/candidates/[candidateId]/portfolio",
    path: (ids) => `/api/candidates/${ids.jordan}/portfolio`,
    // The same people as his files: whoever may see Jordan's portfolio.
    expect: {
      anonymous: "unauthenticated",
      witness: "missing",
      assessor2: "missing",
      "r-admin": "missing",
      "r-assessor": "missing",
      "ab-admin": "missing",
    },
    otherwise: "ok",
  },
  // Released claims for the awarding body: a centre's administrator (their own) and the awarding body's administrator.
  {
    route: "/api/claims/export",
    path: () => "/api/claims/export",
    expect: { anonymous: "unauthenticated", admin: "ok", "r-admin": "ok", "ab-admin": "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/api/claims/[claimId]/summary",
    path: () => `/api/claims/${NO_SUCH_ID}/summary`,
    expect: {
      anonymous: "unauthenticated",
      admin: "missing",
      "r-admin": "missing",
      ev: "missing",
      "ab-admin": "missing",
    },
    otherwise: "forbidden",
  },
  // Expert witnesses: the register (kept by assessors, read by IVs, administrators and the EV), requests, and the public invitation page.
  area("/assessor/witnesses", ["assessor", "assessor2", "iv", "r-assessor"]),
  area("/iv/witnesses", ["iv", "r-assessor"]),
  area("/admin/witnesses", ["admin", "r-admin"]),
  area("/candidate/testimony", ["candidate"]),
  {
    route: "/ev/centres/[centreId]/witnesses",
    path: (ids) => `/ev/centres/${ids.northgate}/witnesses`,
    expect: { anonymous: "login", ev: "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/centres/[centreId]/witnesses",
    path: (ids) => `/ev/centres/${ids.hillside}/witnesses`,
    expect: { anonymous: "login", ev: "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/assessor/candidates/[candidateId]/testimony",
    path: (ids) => `/assessor/candidates/${ids.jordan}/testimony`,
    // Only an assessor with Jordan on their caseload asks for testimony: Gareth (IV, and assessor of others) may read Jordan's portfolio but not ask.
    expect: { anonymous: "login", assessor: "ok", assessor2: "missing", iv: "missing", "r-assessor": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/assessor/candidates/[candidateId]/testimony",
    path: (ids) => `/assessor/candidates/${ids.kieran}/testimony`,
    expect: { anonymous: "login", assessor: "missing", assessor2: "missing", iv: "missing", "r-assessor": "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/witness/requests/[requestId]",
    path: (ids) => `/witness/requests/${ids.request}`,
    expect: { anonymous: "login", witness: "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/witness/requests/[requestId]",
    path: () => `/witness/requests/${NO_SUCH_ID}`,
    expect: { anonymous: "login", witness: "missing" },
    otherwise: "forbidden",
  },
  // Public like /login: an unknown link shows its message to anyone, signed in or not.
  { route: "/invite/[token]", path: () => `/invite/${"A".repeat(43)}`, expect: {}, otherwise: "ok" },
  // Internal verification: the IVs' sampling pages; a sample that does not exist is "not found".
  area("/iv/samples", ["iv", "r-assessor"]),
  area("/iv/plans", ["iv", "r-assessor"]),
  area("/iv/countersign", ["iv", "r-assessor"]),
  area("/admin/claims", ["admin", "r-admin"]),
  area("/awarding/approvals", ["ab-admin"]),
  {
    route: "/admin/claims/[claimId]",
    path: () => `/admin/claims/${NO_SUCH_ID}`,
    expect: { anonymous: "login", admin: "missing", "r-admin": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/admin/users/[userId]/claims",
    path: (ids) => `/admin/users/${ids.jordan}/claims`,
    expect: { anonymous: "login", admin: "ok", "r-admin": "missing" },
    otherwise: "forbidden",
  },
  area("/ev/claims", ["ev"]),
  {
    route: "/ev/centres/[centreId]/competence",
    path: (ids) => `/ev/centres/${ids.northgate}/competence`,
    expect: { anonymous: "login", ev: "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/centres/[centreId]/audit",
    path: (ids) => `/ev/centres/${ids.northgate}/audit`,
    expect: { anonymous: "login", ev: "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/centres/[centreId]/audit",
    path: (ids) => `/ev/centres/${ids.northgate}/audit?candidate=${ids.jordan}`,
    expect: { anonymous: "login", ev: "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/centres/[centreId]/audit",
    path: (ids) => `/ev/centres/${ids.hillside}/audit?assessor=${ids.amira}`,
    expect: { anonymous: "login", ev: "missing" },
    otherwise: "forbidden",
  },
  // The EV's own sample and the centre's IV plans, read-only; the centre answers the EV's actions.
  {
    route: "/ev/centres/[centreId]/plans",
    path: (ids) => `/ev/centres/${ids.northgate}/plans`,
    expect: { anonymous: "login", ev: "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/centres/[centreId]/standardisation",
    path: (ids) => `/ev/centres/${ids.northgate}/standardisation`,
    expect: { anonymous: "login", ev: "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/centres/[centreId]/countersign",
    path: (ids) => `/ev/centres/${ids.northgate}/countersign`,
    expect: { anonymous: "login", ev: "ok" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/centres/[centreId]/countersign",
    path: (ids) => `/ev/centres/${ids.hillside}/countersign`,
    expect: { anonymous: "login", ev: "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/centres/[centreId]/standardisation",
    path: (ids) => `/ev/centres/${ids.hillside}/standardisation`,
    expect: { anonymous: "login", ev: "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/centres/[centreId]/plans",
    path: (ids) => `/ev/centres/${ids.hillside}/plans`,
    expect: { anonymous: "login", ev: "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/centres/[centreId]/plans/[planId]",
    path: (ids) => `/ev/centres/${ids.northgate}/plans/${NO_SUCH_ID}`,
    expect: { anonymous: "login", ev: "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/ev/visits/[visitId]",
    path: () => `/ev/visits/${NO_SUCH_ID}`,
    expect: { anonymous: "login", ev: "missing" },
    otherwise: "forbidden",
  },
  area("/admin/external-verification", ["admin", "r-admin"]),
  area("/admin/audit", ["admin", "r-admin"]),
  {
    route: "/admin/external-verification/visits/[visitId]",
    path: () => `/admin/external-verification/visits/${NO_SUCH_ID}`,
    expect: { anonymous: "login", admin: "missing", "r-admin": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/api/ev-visits/[visitId]/report",
    path: () => `/api/ev-visits/${NO_SUCH_ID}/report`,
    expect: { anonymous: "unauthenticated", ev: "missing", admin: "missing", "r-admin": "missing" },
    otherwise: "forbidden",
  },
  // A sample-pack link: sign in first; an unknown secret is a 404 (its page says so), and downloads nothing.
  {
    route: "/sample-packs/[token]",
    path: () => `/sample-packs/${"A".repeat(43)}`,
    expect: { anonymous: "login" },
    otherwise: "missing",
  },
  {
    route: "/api/sample-packs/[token]/candidates/[candidateId]",
    path: (ids) => `/api/sample-packs/${"A".repeat(43)}/candidates/${ids.jordan}`,
    expect: { anonymous: "unauthenticated" },
    otherwise: "missing",
  },
  {
    route: "/ev/claims/[claimId]",
    path: () => `/ev/claims/${NO_SUCH_ID}`,
    expect: { anonymous: "login", ev: "missing" },
    otherwise: "forbidden",
  },
  area("/iv/standardisation", ["iv", "r-assessor"]),
  area("/iv/competence", ["iv", "r-assessor"]),
  {
    route: "/iv/plans/[planId]",
    path: () => `/iv/plans/${NO_SUCH_ID}`,
    expect: { anonymous: "login", iv: "missing", "r-assessor": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/iv/samples/[sampleId]",
    path: () => `/iv/samples/${NO_SUCH_ID}`,
    expect: { anonymous: "login", iv: "missing", "r-assessor": "missing" },
    otherwise: "forbidden",
  },
  // Assessment: countersigning and one's own competence record are for every assessor; staff records for administrators.
  area("/assessor/countersign", ["assessor", "assessor2", "iv", "r-assessor"]),
  area("/assessor/competence", ["assessor", "assessor2", "iv", "r-assessor"]),
  area("/admin/assessors", ["admin", "r-admin"]),
  {
    route: "/admin/assessors/[userId]",
    path: (ids) => `/admin/assessors/${ids.amira}`,
    expect: { anonymous: "login", admin: "ok", "r-admin": "missing" },
    otherwise: "forbidden",
  },
  // Jordan is not an assessor: his id is not an assessor's record.
  {
    route: "/admin/assessors/[userId]",
    path: (ids) => `/admin/assessors/${ids.jordan}`,
    expect: { anonymous: "login", admin: "missing", "r-admin": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/assessor/candidates/[candidateId]/record",
    path: (ids) => `/assessor/candidates/${ids.jordan}/record`,
    // Recording an assessment is for Jordan's own assessor; Gareth may read his portfolio as IV but not assess him.
    expect: { anonymous: "login", assessor: "ok", assessor2: "missing", iv: "missing", "r-assessor": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/assessor/candidates/[candidateId]/evidence/[evidenceId]",
    path: (ids) => `/assessor/candidates/${ids.jordan}/evidence/${ids.evidence}`,
    expect: { anonymous: "login", assessor: "ok", iv: "ok", assessor2: "missing", "r-assessor": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/assessor/candidates/[candidateId]/evidence/[evidenceId]",
    path: (ids) => `/assessor/candidates/${ids.kieran}/evidence/${ids.evidence}`,
    // The evidence is Jordan's, not Kieran's: the URL must not mix them.
    expect: { anonymous: "login", assessor: "missing", iv: "missing", assessor2: "missing", "r-assessor": "missing" },
    otherwise: "forbidden",
  },
  {
    route: "/api/uploads/[[...path]]",
    path: () => "/api/uploads",
    expect: { anonymous: "unauthenticated" },
    otherwise: "not-allowed",
  },
  { route: "/api/health", path: () => "/api/health", expect: {}, otherwise: "ok" },
  { route: "/api/auth/[...nextauth]", path: () => "/api/auth/session", expect: {}, otherwise: "ok" },
];

async function demoEvidence() {
  const [row] = await sql<{ evidence: string; file: string }>(
    `SELECT e.id AS evidence, f.id AS file FROM "Evidence" e JOIN "EvidenceFile" f ON f."evidenceId" = e.id WHERE e.title = 'Health and safety induction notes'`,
  );
  return row!;
}

/** A candidate's oldest registration and its first unit. */
async function firstRegistration(email: string) {
  const [row] = await sql<{ registration: string; unit: string }>(
    `SELECT r.id AS registration, split_part(r.units[1], '@', 1) AS unit FROM "CandidateRegistration" r JOIN "User" u ON u.id = r."candidateId" WHERE u.email = $1 ORDER BY r."createdAt" LIMIT 1`,
    [email],
  );
  return row!;
}

/** Route patterns of the app/ tree: every page.tsx and route.ts, with route groups removed. */
function appRoutes(dir = path.resolve("app"), prefix = ""): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      const segment = entry.startsWith("(") && entry.endsWith(")") ? "" : `/${entry}`;
      return appRoutes(full, prefix + segment);
    }
    return /^(page|route)\.tsx?$/.test(entry) ? [prefix || "/"] : [];
  });
}

test("the access table covers every route of the app", () => {
  expect([...new Set(CASES.map((c) => c.route))].sort()).toEqual(appRoutes().sort());
});

test.describe("access table: every route for every kind of visitor", () => {
  let ids: Ids;
  test.beforeAll(async () => {
    ids = {
      jordan: await userId("candidate@northgate.example"),
      kieran: await userId("candidate@riverside.example"),
      helen: await userId("ev@awarding.example"),
      amira: await userId("assessor@northgate.example"),
      northgate: await centreId("C10001"),
      hillside: await centreId(UNVERIFIED_CENTRE.code),
      spec: await specId("3412-03", "3.0"),
      ...(await demoEvidence()),
      ...(await firstRegistration("candidate@northgate.example")),
      kieranRegistration: (await firstRegistration("candidate@riverside.example")).registration,
      request: (
        await sql<{ id: string }>(
          `SELECT r.id FROM "TestimonyRequest" r JOIN "User" u ON u.id = r."witnessId" WHERE u.email = 'witness@northgate.example' ORDER BY r."createdAt" LIMIT 1`,
        )
      )[0]!.id,
    };
  });

  for (const visitor of VISITORS) {
    test(`as ${visitor}`, async ({ baseURL }) => {
      const context = await playwrightRequest.newContext({
        baseURL,
        storageState: visitor === "anonymous" ? undefined : storageStateOf(visitor),
      });
      const failures: string[] = [];
      for (const c of CASES) {
        const url = c.path(ids);
        const expected = c.expect[visitor] ?? c.otherwise;
        const response = await context.get(url, { maxRedirects: 0 });
        const status = response.status();
        const location = response.headers()["location"] ?? "";
        const locationPath = location ? new URL(location, baseURL).pathname : "";
        const actual: Outcome =
          status === 200
            ? "ok"
            : status === 401
              ? "unauthenticated"
              : status === 403
                ? "forbidden"
                : status === 405
                  ? "not-allowed"
                  : status === 404
                    ? "missing"
                    : status >= 300 && status < 400
                      ? locationPath === "/login"
                        ? "login"
                        : { redirect: locationPath }
                      : (("unexpected " + status) as Outcome);
        if (JSON.stringify(actual) !== JSON.stringify(expected))
          failures.push(`${url}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
      }
      await context.dispose();
      expect(failures).toEqual([]);
    });
  }
});
