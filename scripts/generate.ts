// `npm run generate -- --candidates 10000 [--seed 1] [--as-of YYYY-MM-DD] [--no-files]` (issue 14)
//
// Grows the demo centre (Northgate College, C10001) into a large one for benchmarks, in set-based
// SQL (INSERT … SELECT over generate_series), reproducibly: every id is md5(seed || ':kind:' || n),
// shaped as a version-4 UUID (the app's id checks refuse others), and every choice a hash of the seed and the row, so the same seed (and --as-of) gives the same rows
// (only the ids they take from the demo centre and the catalogue, which prisma/seed.ts makes at random,
// differ between databases).
// Uses DATABASE_URL, or the embedded server (EMBEDDED_PG_DIR, default .data/postgres), which it
// prepares as `npm start` does: migrations, the job queue, the demo centre if the database is empty,
// the shipped catalogue. Evidence files go to evidence storage (EVIDENCE_STORAGE_DIR, or S3).
//
// What it adds to Northgate (figures for --candidates 10000):
//   - 10,000 candidates registered on the City & Guilds 3412 and OCR 0344x qualifications the
//     catalogue has, each on a valid unit selection (checked by the rules-of-combination engine);
//   - 100 assessors (one in ten working towards the assessor units, with a qualified co-assessor
//     who countersigns), 10 internal verifiers, 2 external verifiers (platform accounts appointed to
//     Northgate); the demo assessor Amira Shah has the first 300 candidates;
//   - about 10 pieces of evidence per candidate (a few drafts), each with one real file (a minimal
//     PDF or JPEG naming its own id, so every SHA-256 differs) and about 10 criteria mapped;
//   - judgements, unit sign-offs (with the app's evidence snapshot), countersignatures, IV samples,
//     verdicts, responses and action points, certificate claims (with the claim pack and its hash)
//     and the EVs' decisions, reviews with action points, observations, standardisation meetings;
//   - the audit events the app would have written, through the hash-chain trigger, oldest first.
// OCR's units have no assessment criteria in the catalogue, so OCR candidates' evidence stays
// unmapped and is never judged or signed off (as in the app).
//
// Sign in with the demo password (prisma/demo-data.ts, DEMO_PASSWORD) as any of:
//   assessor@northgate.example (Amira Shah, 300 generated candidates), iv@northgate.example (IV),
//   iv2@northgate.example (IV working towards), admin@northgate.example (centre administrator),
//   ev@awarding.example (EV), admin@awarding.example (awarding body administrator), or the
//   generated accounts: candidate.<n>@s<seed>.northgate.example (n = 1…N; 1…300 are Amira's),
//   assessor.<n>@s<seed>.northgate.example (1…100), iv.<n>@s<seed>.northgate.example (1…10),
//   ev.<n>@s<seed>.awarding.example (1…2).
//
// Runs once per seed and database: a second run with the same seed stops with a message (the
// final audit event, action "dataset.generate", records the seed). Dates are relative to --as-of
// (default: today, UTC); every event is before it.
import { hasAnyContent, requirementsFor } from "../lib/domain/catalogue/content";
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import type pg from "pg";
import { hashPassword } from "../lib/auth/password";
import { importShippedCatalogue } from "../lib/catalogue/store";
import { offeredCreditUnits, validateSelection } from "../lib/domain/catalogue/combination";
import { suiteShape, type CreditSuite, type Suite, type UnitValueSuite } from "../lib/domain/catalogue/spec";
import { canonicalJson } from "../lib/domain/claims/unit-claims";
import {
  ASSESSOR_RECORD_DECLARATION,
  ASSESSOR_UNIT_DECLARATION,
  CANDIDATE_EVIDENCE_DECLARATION,
  CANDIDATE_UNIT_DECLARATION,
  COUNTERSIGN_DECLARATION,
  IV_COUNTERSIGN_DECLARATION,
} from "../lib/domain/declarations";
import { resolveDatabase } from "../lib/db/database-url";
import { deployMigrations } from "../lib/db/migrations";
import { withPgClient } from "../lib/db/pg-client";
import { withPrisma } from "../lib/db/prisma-script";
import { prepareJobQueue } from "../lib/jobs/queue";
import { evidenceStorage } from "../lib/storage";
import { DEMO_PASSWORD } from "../prisma/demo-data";
import { seedDemo } from "../prisma/seed";
import { configOrExit } from "../lib/config/cli";

configOrExit(); // stops here, naming each bad variable

const USAGE = "Usage: npm run generate -- [--candidates 10000] [--seed 1] [--as-of YYYY-MM-DD] [--no-files]";
const { values } = parseArgs({
  options: {
    candidates: { type: "string", default: "10000" },
    seed: { type: "string", default: "1" },
    "as-of": { type: "string" },
    "no-files": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const N = Number(values.candidates);
const SEED = Number(values.seed);
const AS_OF = values["as-of"] ?? new Date().toISOString().slice(0, 10);
if (
  !Number.isInteger(N) ||
  N < 1 ||
  N > 1_000_000 ||
  !Number.isInteger(SEED) ||
  SEED < 0 ||
  SEED > 2 ** 31 ||
  !/^\d{4}-\d{2}-\d{2}$/.test(AS_OF)
) {
  console.error(USAGE);
  process.exit(2);
}
if (Number.isNaN(Date.parse(`${AS_OF}T00:00:00Z`)) || Date.parse(`${AS_OF}T00:00:00Z`) > Date.now()) {
  console.error(`--as-of ${AS_OF} is not a date today or before.`);
  process.exit(2);
}
const WRITE_FILES = !values["no-files"];
const CENTRE_CODE = "C10001";
const ASSESSORS = 100;
const IVS = 10;
const EVS = 2;
/** Candidates of the demo assessor (Amira Shah): a caseload at the size bench:assessment measures. */
const DEMO_ASSESSOR_CASELOAD = 300;
/** How the candidates spread over the qualifications (renormalised over those in the catalogue). */
const SPEC_WEIGHTS: Record<string, number> = {
  "3412-01": 6,
  "3412-02": 12,
  "3412-03": 36,
  "3412-04": 26,
  "3412-05": 10,
  "03447": 1,
  "03448": 3,
  "03449": 3,
  "03450": 2,
  "03451": 1,
};
const TEMPLATES_PER_SPEC = 6;
const FILE_CONCURRENCY = 16;

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const log = (message: string) => console.log(`[generate ${elapsed().padStart(7)}] ${message}`);

// ---------------------------------------------------------------------------------------------
// Placeholder files: a minimal one-page PDF and an 8×8 grey baseline JPEG, each holding a
// 36-character mark that is replaced by the file's id (same length, so the PDF's offsets hold).

const MARK = "0".repeat(36);

function pdfTemplate(): Buffer {
  const stream = `BT /F1 12 Tf 72 720 Td (Generated evidence ${MARK}) Tj ET`;
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  ];
  let out = "%PDF-1.4\n";
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, "latin1");
}

function jpegTemplate(): Buffer {
  const segment = (marker: number, body: Buffer) =>
    Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]), // SOI
    segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])), // JFIF
    segment(0xfe, Buffer.from(`Generated evidence ${MARK}`, "latin1")), // comment: the id
    segment(0xdb, Buffer.concat([Buffer.from([0]), Buffer.alloc(64, 1)])), // quantisation: all 1
    segment(0xc0, Buffer.from([8, 0, 8, 0, 8, 1, 1, 0x11, 0])), // 8×8, one grey component
    segment(0xc4, Buffer.from([0x00, 1, ...new Array<number>(15).fill(0), 0x0a])), // DC: one code, size 10
    segment(0xc4, Buffer.from([0x10, 1, ...new Array<number>(15).fill(0), 0x00])), // AC: end of block only
    segment(0xda, Buffer.from([1, 1, 0x00, 0, 63, 0])), // start of scan
    Buffer.from([0x48, 0x0f]), // DC 576 (grey 200), end of block, padding
    Buffer.from([0xff, 0xd9]), // EOI
  ]);
}

const FILE_TEMPLATES = [
  { kind: "pdf", bytes: pdfTemplate(), mime: "application/pdf", ext: "pdf" },
  { kind: "jpg", bytes: jpegTemplate(), mime: "image/jpeg", ext: "jpg" },
].map((t) => ({ ...t, offset: t.bytes.indexOf(MARK, 0, "latin1") }));

function fileBytes(kind: string, fileId: string): Buffer {
  const template = FILE_TEMPLATES.find((t) => t.kind === kind)!;
  const bytes = Buffer.from(template.bytes);
  bytes.write(fileId, template.offset, "latin1");
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// Unit selections: a few valid ones per qualification, found by a seeded search that the
// rules-of-combination engine checks. Units with assessment criteria are preferred, so most
// candidates can be signed off; some selections include units the catalogue has no criteria for.

function prng(seedText: string) {
  let a = createHash("sha256").update(seedText).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function weightedPick<T>(items: T[], weight: (item: T) => number, rand: () => number): T {
  const total = items.reduce((s, i) => s + weight(i), 0);
  let x = rand() * total;
  for (const item of items) {
    x -= weight(item);
    if (x < 0) return item;
  }
  return items.at(-1)!;
}

/** Rules that adding a unit can break: the last unit added is taken out again. */
const BREAKING_RULES = new Set([
  "max-credits-at-level",
  "max-units-from-list",
  "barred-units",
  "replaced-unit",
  "centre-approval",
  "duplicate-unit",
  "unit-not-in-qualification",
  "one-level-per-area",
  "max-restricted",
  "level-not-offered",
]);

function creditSelection(suite: CreditSuite, code: string, rand: () => number, registeredOn: string): string[] | null {
  const q = suite.qualifications.find((x) => x.code === code)!;
  const units = new Map(suite.units.map((u) => [u.ref, u]));
  const context = { registeredOn, centreApprovals: [] };
  const offered = offeredCreditUnits(q, context);
  const mandatory = q.rules.mandatoryGroups
    .flatMap((g) => q.groups.find((x) => x.id === g)!.units)
    .filter((r) => offered.has(r));
  const optional = [...offered].filter(
    (r) => !mandatory.includes(r) && units.has(r) && !units.get(r)!.requiresCentreApproval,
  );
  const hasCriteria = (ref: string) => {
    const unit = units.get(ref);
    return unit ? hasAnyContent(unit) : false;
  };
  for (let attempt = 0; attempt < 50; attempt++) {
    const selection = [...mandatory];
    const refused = new Set<string>();
    for (let step = 0; step < 60; step++) {
      const verdict = validateSelection(suite, code, selection, context);
      if (verdict.valid) return selection;
      if (verdict.reasons.some((r) => BREAKING_RULES.has(r.rule))) {
        refused.add(selection.pop()!);
        continue;
      }
      let pool = optional.filter((r) => !selection.includes(r) && !refused.has(r));
      const chosen = selection.map((r) => units.get(r)!);
      const groupShort = q.rules.minCreditsFromGroup.find((g) => {
        const group = q.groups.find((x) => x.id === g.group)!;
        return chosen.filter((u) => group.units.includes(u.ref)).reduce((s, u) => s + u.credits, 0) < g.min;
      });
      const levelShort = q.rules.minCreditsAtLevel.find(
        (l) => chosen.filter((u) => u.level === l.level).reduce((s, u) => s + u.credits, 0) < l.min,
      );
      const narrowed = groupShort
        ? pool.filter((r) => q.groups.find((x) => x.id === groupShort.group)!.units.includes(r))
        : levelShort
          ? pool.filter((r) => units.get(r)!.level === levelShort.level)
          : pool;
      if (narrowed.length > 0) pool = narrowed;
      if (pool.length === 0) break;
      selection.push(weightedPick(pool, (r) => (hasCriteria(r) ? 20 : 1), rand));
    }
  }
  return null;
}

function unitValueSelection(
  suite: UnitValueSuite,
  code: string,
  rand: () => number,
  registeredOn: string,
): string[] | null {
  const q = suite.qualifications.find((x) => x.code === code)!;
  const units = new Map(suite.units.map((u) => [u.ref, u]));
  const context = { registeredOn, centreApprovals: [] };
  const target = q.rules.optionalShareAtLevel?.level ?? q.level;
  const levels = (area: string) => Object.keys(units.get(area)!.values).map(Number);
  for (let attempt = 0; attempt < 50; attempt++) {
    const selection: string[] = [];
    for (const m of q.rules.mandatory) {
      const allowed = levels(m.area).filter((l) => (m.level !== undefined ? l === m.level : l >= m.minLevel!));
      if (allowed.length === 0) return null;
      selection.push(`${m.area}@${allowed.includes(target) ? target : allowed[Math.floor(rand() * allowed.length)]}`);
    }
    const used = new Set(selection.map((s) => s.split("@")[0]!));
    for (let step = 0; step < 60; step++) {
      const verdict = validateSelection(suite, code, selection, context);
      if (verdict.valid) return selection;
      if (verdict.reasons.some((r) => BREAKING_RULES.has(r.rule))) {
        selection.pop();
        continue;
      }
      const pool = q.areas.filter((a) => !used.has(a) && units.has(a) && !units.get(a)!.requiresCentreApproval);
      if (pool.length === 0) break;
      const area = weightedPick(
        pool,
        (a) => (units.get(a)!.restricted ? 1 : 3) * (levels(a).includes(target) ? 4 : 1),
        rand,
      );
      const offered = levels(area);
      const level = offered.includes(target) && rand() < 0.85 ? target : offered[Math.floor(rand() * offered.length)]!;
      selection.push(`${area}@${level}`);
      used.add(area);
    }
  }
  return null;
}

type SpecRow = {
  id: string;
  code: string;
  version: string;
  title: string;
  awardingBody: string;
  sha256: string;
  spec: unknown;
};

function planTemplates(specs: SpecRow[]) {
  const wanted = specs.filter((s) => SPEC_WEIGHTS[s.code] !== undefined);
  const specRows: Record<string, unknown>[] = [];
  const templates: Record<string, unknown>[] = [];
  const criteria: Record<string, unknown>[] = [];
  const units: Record<string, unknown>[] = [];
  const registeredOn = AS_OF; // later than every replacement date in the catalogue (319 → 619 in 2017)
  let tid = 0;
  for (const spec of wanted) {
    const suite = suiteShape.parse(spec.spec) as Suite;
    const rand = prng(`${SEED}:${spec.code}:${spec.version}`);
    const found = new Map<string, string[]>();
    for (let i = 0; i < TEMPLATES_PER_SPEC * 4 && found.size < TEMPLATES_PER_SPEC; i++) {
      const selection =
        suite.scheme === "credit"
          ? creditSelection(suite, spec.code, rand, registeredOn)
          : unitValueSelection(suite, spec.code, rand, registeredOn);
      if (selection) found.set([...selection].sort().join(","), selection);
    }
    if (found.size === 0) {
      log(`no valid unit selection found for ${spec.code}: left out`);
      continue;
    }
    const si = specRows.length;
    const q = suite.qualifications.find((x) => x.code === spec.code)!;
    specRows.push({
      si,
      spec_id: spec.id,
      code: spec.code,
      title: spec.title,
      version: spec.version,
      awarding_body: spec.awardingBody,
      sha256: spec.sha256,
      weight: SPEC_WEIGHTS[spec.code]!,
      ntmpl: found.size,
      verifiers_qualified: q.assessment?.verifiers?.rule === "qualified",
    });
    for (const u of suite.units) {
      units.push({
        spec_id: spec.id,
        ref: u.ref,
        title: u.title,
        credits: "credits" in u ? u.credits : null,
        n_crit: "credits" in u ? requirementsFor(u, null).length : 0,
      });
    }
    [...found.values()].forEach((selection, ti) => {
      let pos = 0;
      const core: string[] = [];
      for (const entry of selection) {
        const unit = suite.units.find((u) => u.ref === entry.split("@")[0])!;
        const requirements = requirementsFor(unit, [entry]);
        if (requirements.length === 0) continue;
        core.push(entry);
        for (const c of requirements) criteria.push({ tid, pos: pos++, unit_ref: unit.ref, criterion: c.number });
      }
      const coreValid =
        core.length > 0 && validateSelection(suite, spec.code, core, { registeredOn, centreApprovals: [] }).valid;
      templates.push({ si, ti, tid, units: selection, c_count: pos, core_count: core.length, core_valid: coreValid });
      tid++;
    });
  }
  const totalWeight = specRows.reduce((s, r) => s + (r.weight as number), 0);
  let lo = 0;
  for (const r of specRows) {
    r.lo = lo;
    lo += (r.weight as number) / totalWeight;
    r.hi = r === specRows.at(-1) ? 2 : lo;
  }
  return { specRows, templates, criteria, units };
}

// ---------------------------------------------------------------------------------------------
// SQL. Everything below runs on one connection: the pg_temp helpers and gen_* temp tables live
// for the session. gid(key) is the row's id and rnd(key) its pseudo-random number in [0, 1), both
// md5 of the seed and the key; times are whole milliseconds (as the timestamptz(3) columns keep).

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;
const textArray = (items: readonly string[]) => `ARRAY[${items.map(q).join(", ")}]::text[]`;

const FIRST_NAMES = [
  "Olivia",
  "Amelia",
  "Isla",
  "Ava",
  "Mia",
  "Freya",
  "Lily",
  "Sophia",
  "Grace",
  "Ella",
  "Evie",
  "Poppy",
  "Zara",
  "Aisha",
  "Hannah",
  "Chloe",
  "Megan",
  "Niamh",
  "Priya",
  "Fatima",
  "Oliver",
  "George",
  "Noah",
  "Arthur",
  "Harry",
  "Leo",
  "Jack",
  "Charlie",
  "Oscar",
  "Jacob",
  "Muhammad",
  "Thomas",
  "Ethan",
  "Callum",
  "Dylan",
  "Kieran",
  "Ryan",
  "Adam",
  "Daniel",
  "Samuel",
];
const SURNAMES = [
  "Smith",
  "Jones",
  "Taylor",
  "Brown",
  "Williams",
  "Wilson",
  "Johnson",
  "Davies",
  "Patel",
  "Khan",
  "Robinson",
  "Wright",
  "Thompson",
  "Evans",
  "Walker",
  "White",
  "Roberts",
  "Green",
  "Hall",
  "Wood",
  "Jackson",
  "Clarke",
  "Hughes",
  "Edwards",
  "Turner",
  "Hill",
  "Moore",
  "Cooper",
  "Ward",
  "Morris",
  "King",
  "Watson",
  "Harrison",
  "Morgan",
  "Baker",
  "Ahmed",
  "Ali",
  "Hussain",
  "Begum",
  "Kaur",
];
const WORKPLACES = [
  "Contact centre floor, Northgate College",
  "Brightline Energy, Leeds contact centre",
  "Harbour Bank customer service centre, Halifax",
  "Northgate Council customer contact centre",
  "Skyway Telecom, Bradford",
  "Pennine Water customer services, Huddersfield",
  "Aire Valley Housing, repairs line",
];

function sessionSql(centreId: string, adminId: string) {
  return `
SET temp_buffers = '256MB'; SET synchronous_commit = off; SET work_mem = '64MB'; SET max_parallel_workers_per_gather = 0; SET jit = off;
CREATE FUNCTION pg_temp.gid(t text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
  SELECT (substr(h, 1, 12) || '4' || substr(h, 14, 3) || '8' || substr(h, 18, 15))::uuid FROM md5(${q(`${SEED}:`)} || t) AS h $$;
CREATE FUNCTION pg_temp.rnd(t text) RETURNS double precision LANGUAGE sql IMMUTABLE AS
  $$ SELECT ('x' || substr(md5(${q(`${SEED}:r:`)} || t), 1, 13))::bit(52)::bigint::double precision / 4503599627370496 $$;
CREATE FUNCTION pg_temp.pick(a text[], r double precision) RETURNS text LANGUAGE sql IMMUTABLE AS $$ SELECT a[1 + floor(r * cardinality(a))::int] $$;
CREATE FUNCTION pg_temp.asof() RETURNS timestamptz LANGUAGE sql IMMUTABLE AS $$ SELECT ${q(`${AS_OF}T00:00:00Z`)}::timestamptz $$;
CREATE FUNCTION pg_temp.centre() RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT ${q(centreId)}::uuid $$;
CREATE FUNCTION pg_temp.admin() RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT ${q(adminId)}::uuid $$;
-- A working-hours moment of day d (08:00 to 17:30 UTC), and t plus some days; both to the millisecond.
CREATE FUNCTION pg_temp.ts(d date, r double precision) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS
  $$ SELECT date_trunc('milliseconds', (d::timestamp + interval '8 hours' + r * interval '570 minutes') AT TIME ZONE 'UTC') $$;
CREATE FUNCTION pg_temp.plus(t timestamptz, days double precision) RETURNS timestamptz LANGUAGE sql IMMUTABLE AS
  $$ SELECT date_trunc('milliseconds', t + days * interval '1 day') $$;
-- Older than some days at --as-of: what has waited that long has mostly been done.
CREATE FUNCTION pg_temp.aged(t timestamptz, days double precision) RETURNS boolean LANGUAGE sql IMMUTABLE AS
  $$ SELECT t < pg_temp.asof() - days * interval '1 day' $$;
CREATE FUNCTION pg_temp.iso(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
  $$ SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;
-- canonicalJson of lib/domain/claims/unit-claims.ts: keys sorted at every level, no spaces (the claim pack's hash).
CREATE FUNCTION pg_temp.canonical_json(j jsonb) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF jsonb_typeof(j) = 'object' THEN
    RETURN '{' || coalesce((SELECT string_agg(to_jsonb(k)::text || ':' || pg_temp.canonical_json(v), ',' ORDER BY k COLLATE "C") FROM jsonb_each(j) AS e(k, v)), '') || '}';
  ELSIF jsonb_typeof(j) = 'array' THEN
    RETURN '[' || coalesce((SELECT string_agg(pg_temp.canonical_json(v), ',' ORDER BY i) FROM jsonb_array_elements(j) WITH ORDINALITY AS a(v, i)), '') || ']';
  END IF;
  RETURN j::text;
END $$;
CREATE TEMP TABLE gen_spec (si int, spec_id uuid, code text, title text, version text, awarding_body text, sha256 text, weight float8, ntmpl int, verifiers_qualified boolean, lo float8, hi float8);
CREATE TEMP TABLE gen_tmpl (si int, ti int, tid int, units text[], c_count int, core_count int, core_valid boolean);
CREATE TEMP TABLE gen_tmpl_crit (tid int, pos int, unit_ref text, criterion text);
CREATE TEMP TABLE gen_unit (spec_id uuid, ref text, title text, credits int, n_crit int);
CREATE TEMP TABLE gen_file_tmpl (kind text, bytes bytea, "offset" int, mime text, ext text);
CREATE INDEX ON gen_tmpl_crit (tid, pos);
`;
}

/** Staff, candidates, evidence, mappings and judgements, planned in temp tables (nothing stored yet). */
const PLAN_SQL = `
ANALYZE gen_spec, gen_tmpl, gen_tmpl_crit, gen_unit, gen_file_tmpl;
CREATE TEMP TABLE gen_staff AS
SELECT kind, n, pg_temp.gid(kind || ':' || n) AS id,
       kind || '.' || n || '@s${SEED}.' || CASE WHEN kind = 'ev' THEN 'awarding' ELSE 'northgate' END || '.example' AS email,
       pg_temp.pick(${textArray(FIRST_NAMES)}, pg_temp.rnd(kind || ':' || n || ':first')) || ' ' || pg_temp.pick(${textArray(SURNAMES)}, pg_temp.rnd(kind || ':' || n || ':last')) AS name,
       pg_temp.ts((pg_temp.asof()::date - 400 - floor(pg_temp.rnd(kind || ':' || n || ':joined') * 2500)::int), pg_temp.rnd(kind || ':' || n || ':joined-at')) AS created_at,
       kind = 'assessor' AND n % 10 = 0 AS wt
FROM (VALUES ('assessor', ${ASSESSORS}), ('iv', ${IVS}), ('ev', ${EVS})) AS k(kind, cnt), generate_series(1, cnt) AS n;
ANALYZE gen_staff;

CREATE TEMP TABLE gen_cand AS
WITH base AS (
  SELECT n, pg_temp.gid('cand:' || n) AS id,
         pg_temp.asof()::date - 35 - floor(pg_temp.rnd('cand:' || n || ':reg') * 700)::int AS reg_on,
         1 + n % ${ASSESSORS} AS a
  FROM generate_series(1, ${N}) AS n
), placed AS (
  SELECT b.*, s.si, s.spec_id, s.verifiers_qualified, t.tid, t.units, t.c_count, t.core_count, t.core_valid,
         8 + floor(pg_temp.rnd('cand:' || b.n || ':nev') * 5)::int AS n_ev,
         -- The programme takes 10 to 16 months: those who started longer ago have finished their evidence.
         300 + floor(pg_temp.rnd('cand:' || b.n || ':programme') * 200)::int AS programme,
         b.reg_on + 300 + floor(pg_temp.rnd('cand:' || b.n || ':programme') * 200)::int < pg_temp.asof()::date - 30 AS finished
  FROM base b
  JOIN gen_spec s ON pg_temp.rnd('cand:' || b.n || ':spec') >= s.lo AND pg_temp.rnd('cand:' || b.n || ':spec') < s.hi
  JOIN gen_tmpl t ON t.si = s.si AND t.ti = floor(pg_temp.rnd('cand:' || b.n || ':tmpl') * s.ntmpl)::int
), cand AS (
SELECT p.n, p.id, p.programme, p.finished, p.si, p.spec_id, p.verifiers_qualified, p.tid, p.units, p.c_count, p.core_count, p.core_valid, p.reg_on, p.n_ev,
       'candidate.' || p.n || '@s${SEED}.northgate.example' AS email,
       pg_temp.pick(${textArray(FIRST_NAMES)}, pg_temp.rnd('cand:' || p.n || ':first')) || ' ' || pg_temp.pick(${textArray(SURNAMES)}, pg_temp.rnd('cand:' || p.n || ':last')) AS name,
       pg_temp.ts(p.reg_on - 5 - floor(pg_temp.rnd('cand:' || p.n || ':created') * 20)::int, pg_temp.rnd('cand:' || p.n || ':created-at')) AS created_at,
       p.reg_on - 6575 - floor(pg_temp.rnd('cand:' || p.n || ':dob') * 13500)::int AS dob,
       pg_temp.pick(${textArray(WORKPLACES)}, pg_temp.rnd('cand:' || p.n || ':work')) AS workplace,
       CASE WHEN p.n <= ${DEMO_ASSESSOR_CASELOAD} THEN (SELECT id FROM "User" WHERE email = 'assessor@northgate.example') ELSE sa.id END AS assessor,
       CASE WHEN p.n > ${DEMO_ASSESSOR_CASELOAD} AND sa.wt THEN sc.id END AS co_assessor,
       p.n > ${DEMO_ASSESSOR_CASELOAD} AND sa.wt AS wt,
       -- Drafts, and submitted pieces the assessor has still to judge (none once the programme is over).
       CASE WHEN p.finished OR pg_temp.rnd('cand:' || p.n || ':drafts') < 0.5 THEN 0 WHEN pg_temp.rnd('cand:' || p.n || ':drafts') < 0.9 THEN 1 ELSE 2 END AS n_draft,
       CASE WHEN p.finished THEN 0
            ELSE greatest(CASE WHEN pg_temp.rnd('cand:' || p.n || ':queue') < 0.45 THEN 0 WHEN pg_temp.rnd('cand:' || p.n || ':queue') < 0.85 THEN 1 ELSE 2 END,
                          CASE WHEN p.reg_on > pg_temp.asof()::date - 180 THEN 1 ELSE 0 END) END AS q,
       CASE WHEN NOT p.finished AND pg_temp.rnd('cand:' || p.n || ':withdrawn') < 0.03 AND p.reg_on < pg_temp.asof()::date - 90
            THEN pg_temp.ts(pg_temp.asof()::date - 1 - floor(pg_temp.rnd('cand:' || p.n || ':withdrawn-on') * 60)::int, 0.5) END AS withdrawn_at,
       pg_temp.pick(ARRAY['Left the employer for a job outside contact centres.', 'Moved away from the area.', 'Personal reasons; may return next year.', 'Started an apprenticeship elsewhere.'], pg_temp.rnd('cand:' || p.n || ':why')) AS withdrawal_reason,
       pg_temp.pick(ARRAY['IMMEDIATE', 'IMMEDIATE', 'IMMEDIATE', 'IMMEDIATE', 'IMMEDIATE', 'IMMEDIATE', 'DAILY', 'DAILY', 'DAILY', 'OFF'], pg_temp.rnd('cand:' || p.n || ':email')) AS email_preference
FROM placed p
LEFT JOIN gen_staff sa ON sa.kind = 'assessor' AND sa.n = p.a
LEFT JOIN gen_staff sc ON sc.kind = 'assessor' AND sc.n = p.a % ${ASSESSORS} + 1
)
SELECT cand.*, least(coalesce(withdrawn_at::date, pg_temp.asof()::date), reg_on + programme) AS end_on FROM cand;
ALTER TABLE gen_cand ADD PRIMARY KEY (n);
ANALYZE gen_cand;

-- Evidence k of n_ev, spread from registration to the programme's end (or withdrawal, or now); drafts last, then the pieces
-- waiting for the assessor (q), then what has been judged. Assessors record observations,
-- discussions and questioning; the candidate everything else.
CREATE TEMP TABLE gen_ev AS
WITH x AS (
  SELECT c.n, k, c.id AS cand, c.assessor, c.co_assessor, c.wt, c.reg_on, c.spec_id, c.tid, c.c_count, c.n_ev, c.workplace,
         pg_temp.gid('ev:' || c.n || ':' || k) AS id, pg_temp.gid('file:' || c.n || ':' || k) AS file_id,
         k > c.n_ev - c.n_draft AS draft, k <= c.n_ev - c.n_draft - c.q AS judgeable,
         pg_temp.rnd('ev:' || c.n || ':' || k || ':method') AS rm,
         (c.reg_on + 3 + floor(greatest(0, (k - 0.5 + (pg_temp.rnd('ev:' || c.n || ':' || k || ':day') - 0.5) * 0.8) / c.n_ev) * (c.end_on - c.reg_on - 6))::int) AS day_on,
         CASE WHEN c.c_count = 0 THEN 0 ELSE least(c.c_count, greatest(5, least(20, ceil(c.c_count * 1.05 / c.n_ev)::int) + floor(pg_temp.rnd('ev:' || c.n || ':' || k || ':m') * 3)::int - 1)) END AS m,
         CASE WHEN c.c_count = 0 THEN 0 ELSE floor((k - 1) * c.c_count::numeric / c.n_ev)::int END AS start_pos
  FROM gen_cand c, generate_series(1, c.n_ev) AS k
), y AS (
  SELECT x.*,
         CASE WHEN draft OR rm < 0.57 THEN 'PRODUCT' WHEN rm < 0.77 THEN 'OBSERVATION' WHEN rm < 0.89 THEN 'PROFESSIONAL_DISCUSSION'
              WHEN rm < 0.97 THEN 'QUESTIONING' ELSE 'RECOGNITION_OF_PRIOR_LEARNING' END AS method
  FROM x
), z AS (
  SELECT y.*,
         CASE WHEN method IN ('OBSERVATION', 'PROFESSIONAL_DISCUSSION', 'QUESTIONING') THEN assessor END AS author,
         CASE WHEN method = 'RECOGNITION_OF_PRIOR_LEARNING' THEN reg_on - 30 - floor(pg_temp.rnd('ev:' || n || ':' || k || ':rpl') * 600)::int ELSE day_on END AS activity_date,
         pg_temp.ts(CASE WHEN method = 'RECOGNITION_OF_PRIOR_LEARNING' THEN least(reg_on + 3 + floor(pg_temp.rnd('ev:' || n || ':' || k || ':rpl-made') * 20)::int, pg_temp.asof()::date - 3)
                         ELSE day_on + floor(pg_temp.rnd('ev:' || n || ':' || k || ':made') * 2)::int END,
                    pg_temp.rnd('ev:' || n || ':' || k || ':made-at')) AS created_at,
         CASE WHEN (method = 'OBSERVATION' AND pg_temp.rnd('ev:' || n || ':' || k || ':kind') < 0.5) OR (method = 'PRODUCT' AND pg_temp.rnd('ev:' || n || ':' || k || ':kind') < 0.25) THEN 'jpg' ELSE 'pdf' END AS kind,
         CASE method
           WHEN 'PRODUCT' THEN pg_temp.pick(ARRAY['Call handling log, week ' || to_char(day_on, 'IW'), 'Complaint record and resolution notes', 'Reply to a customer email', 'CRM case notes, ' || to_char(day_on, 'FMDD Mon YYYY'),
                                                  'Team briefing notes', 'Call quality checklist', 'Screenshot of the call logging system', 'Customer feedback summary, ' || to_char(day_on, 'FMMonth YYYY'), 'Personal development plan', 'Escalation record'], pg_temp.rnd('ev:' || n || ':' || k || ':title'))
           WHEN 'OBSERVATION' THEN pg_temp.pick(ARRAY['Observation: inbound calls', 'Observation: handling a complaint', 'Observation: outbound follow-up calls', 'Observation: using the CRM system', 'Observation: team huddle and targets'], pg_temp.rnd('ev:' || n || ':' || k || ':title'))
           WHEN 'PROFESSIONAL_DISCUSSION' THEN pg_temp.pick(ARRAY['Professional discussion: difficult callers', 'Professional discussion: data protection', 'Professional discussion: working in a team'], pg_temp.rnd('ev:' || n || ':' || k || ':title'))
           WHEN 'QUESTIONING' THEN pg_temp.pick(ARRAY['Questioning: health and safety procedures', 'Questioning: escalation routes', 'Questioning: performance targets'], pg_temp.rnd('ev:' || n || ':' || k || ':title'))
           ELSE pg_temp.pick(ARRAY['Certificate from a previous employer''s training', 'Reference from a former line manager', 'Customer service award from a previous job'], pg_temp.rnd('ev:' || n || ':' || k || ':title'))
         END AS title
  FROM y
), t AS (
  SELECT z.*,
         pg_temp.plus(created_at, (1 + pg_temp.rnd('ev:' || n || ':' || k || ':upload') * 40) / 1440) AS uploaded_at
  FROM z
), u AS (
  SELECT t.*, pg_temp.plus(uploaded_at, (1 + pg_temp.rnd('ev:' || n || ':' || k || ':map') * 30) / 1440) AS mapped_at FROM t
), v AS (
  SELECT u.*,
         CASE WHEN NOT draft THEN least(pg_temp.plus(mapped_at, pg_temp.rnd('ev:' || n || ':' || k || ':submit') * 4), pg_temp.plus(pg_temp.asof(), -1.0 / 24)) END AS submitted_at
  FROM u
), w AS (
  SELECT v.*,
         CASE WHEN judgeable THEN pg_temp.plus(submitted_at, 1 + pg_temp.rnd('ev:' || n || ':' || k || ':judge') * 12) END AS decided_at
  FROM v
)
SELECT w.*, judgeable AND decided_at < pg_temp.asof() AND m > 0 AS judged,
       CASE WHEN method IN ('OBSERVATION', 'PROFESSIONAL_DISCUSSION', 'QUESTIONING') THEN workplace END AS place,
       CASE method
         WHEN 'PRODUCT' THEN 'Work product from ' || to_char(activity_date, 'FMDD Month YYYY') || ', mapped to the criteria it shows.'
         WHEN 'RECOGNITION_OF_PRIOR_LEARNING' THEN 'Prior learning, with the original kept by the candidate.'
         ELSE 'Assessment record made on the day, at ' || workplace || '.'
       END AS description,
       trim(BOTH '-' FROM lower(regexp_replace(title, '[^A-Za-z0-9]+', '-', 'g'))) || '.' || f.ext AS display_name,
       f.mime, length(f.bytes) AS size,
       encode(sha256(overlay(f.bytes PLACING convert_to(file_id::text, 'UTF8') FROM f."offset" + 1)), 'hex') AS sha256,
       to_char(uploaded_at AT TIME ZONE 'UTC', 'YYYY/MM') || '/' || file_id AS storage_key
FROM w JOIN gen_file_tmpl f ON f.kind = w.kind;
ALTER TABLE gen_ev ADD PRIMARY KEY (id);
CREATE INDEX ON gen_ev (n, k);
ANALYZE gen_ev;

CREATE TEMP TABLE gen_map AS
SELECT e.id AS ev_id, e.n, e.k, e.spec_id, tc.unit_ref, tc.criterion, tc.pos
FROM gen_ev e, generate_series(0, e.m - 1) AS i, gen_tmpl_crit tc
WHERE e.m > 0 AND tc.tid = e.tid AND tc.pos = (e.start_pos + i) % e.c_count;
CREATE INDEX ON gen_map (ev_id);
ANALYZE gen_map;

-- Judgements of every criterion mapped to judged evidence, one decision per piece. One in twenty
-- is referred back; some of those are accepted later on the same evidence (a new judgement that
-- supersedes it). Decisions of assessors working towards the units are mostly countersigned.
CREATE TEMP TABLE gen_judg AS
WITH j1 AS (
  SELECT pg_temp.gid('judgement:' || m.n || ':' || m.k || ':' || m.pos) AS id, m.ev_id, m.n, m.k, m.pos, m.spec_id, m.unit_ref, m.criterion,
         CASE WHEN pg_temp.rnd('judgement:' || m.n || ':' || m.k || ':' || m.pos) < 0.05 THEN 'REFERRED' ELSE 'ACCEPTED' END AS outcome,
         e.decided_at, e.assessor, e.co_assessor, e.wt AS needs_cs
  FROM gen_map m JOIN gen_ev e ON e.id = m.ev_id WHERE e.judged
), j2 AS (
  SELECT pg_temp.gid('judgement2:' || n || ':' || k || ':' || pos) AS id, ev_id, n, k, pos, spec_id, unit_ref, criterion, 'ACCEPTED' AS outcome,
         pg_temp.plus(decided_at, 4 + pg_temp.rnd('judgement2:' || n || ':' || k || ':' || pos) * 14) AS decided_at, assessor, co_assessor, needs_cs, id AS supersedes
  FROM j1 WHERE outcome = 'REFERRED' AND pg_temp.rnd('rejudge:' || n || ':' || k || ':' || pos) < CASE WHEN pg_temp.aged(decided_at, 30) THEN 0.97 ELSE 0.3 END
), j2n AS (SELECT * FROM j2 WHERE decided_at < pg_temp.asof()
), a AS (
  SELECT j1.*, NULL::uuid AS supersedes FROM j1
  UNION ALL SELECT * FROM j2n
)
SELECT a.*, later.supersedes IS NULL AS is_current,
       CASE WHEN a.needs_cs AND pg_temp.rnd('jcs:' || a.id) < CASE WHEN pg_temp.aged(a.decided_at, 14) THEN 0.95 ELSE 0.5 END AND pg_temp.plus(a.decided_at, 1 + pg_temp.rnd('jcs-at:' || a.id) * 5) < pg_temp.asof()
            THEN pg_temp.plus(a.decided_at, 1 + pg_temp.rnd('jcs-at:' || a.id) * 5) END AS cs_at
FROM a LEFT JOIN j2n later ON later.supersedes = a.id;
UPDATE gen_judg SET cs_at = NULL WHERE NOT is_current;
CREATE INDEX ON gen_judg (n, unit_ref);
ANALYZE gen_judg;
`;

const USERS_SQL = (passwordHash: string) => `
INSERT INTO "User" (id, "centreId", email, name, "passwordHash", "emailPreference", "createdAt", "updatedAt")
SELECT id, CASE WHEN kind = 'ev' THEN NULL ELSE pg_temp.centre() END, email, name, ${q(passwordHash)}, 'IMMEDIATE', created_at, created_at FROM gen_staff;
INSERT INTO "User" (id, "centreId", email, name, "passwordHash", "dateOfBirth", "withdrawnAt", "withdrawalReason", "emailPreference", "createdAt", "updatedAt")
SELECT id, pg_temp.centre(), email, name, ${q(passwordHash)}, dob, withdrawn_at, CASE WHEN withdrawn_at IS NOT NULL THEN withdrawal_reason END,
       email_preference::"EmailPreference", created_at, coalesce(withdrawn_at, created_at)
FROM gen_cand;
INSERT INTO "UserRole" ("userId", role, "grantedAt")
SELECT id, (CASE kind WHEN 'assessor' THEN 'ASSESSOR' WHEN 'iv' THEN 'INTERNAL_VERIFIER' ELSE 'EXTERNAL_VERIFIER' END)::"Role", created_at FROM gen_staff
UNION ALL SELECT id, 'CANDIDATE', created_at FROM gen_cand;
INSERT INTO "ExternalVerifierCentre" ("userId", "centreId", "assignedAt")
SELECT id, pg_temp.centre(), pg_temp.plus(created_at, 2) FROM gen_staff WHERE kind = 'ev';

CREATE TEMP TABLE gen_competence AS
SELECT pg_temp.gid('competence:' || s.kind || ':' || s.n || ':' || r.role) AS id, s.id AS user_id, r.role,
       CASE WHEN s.wt THEN 'WORKING_TOWARDS' ELSE 'QUALIFIED' END AS status,
       CASE WHEN s.wt THEN 'TAQA-CAVA' WHEN r.role = 'INTERNAL_VERIFIER' THEN pg_temp.pick(ARRAY['TAQA-IQA', 'V1', 'D34'], pg_temp.rnd('award:' || s.id || r.role))
            ELSE pg_temp.pick(ARRAY['TAQA-CAVA', 'TAQA-CAOW', 'A1', 'D32'], pg_temp.rnd('award:' || s.id || r.role)) END AS award,
       CASE WHEN NOT s.wt THEN s.created_at::date - 200 - floor(pg_temp.rnd('achieved:' || s.id || r.role) * 2000)::int END AS achieved_on,
       pg_temp.plus(s.created_at, 1) AS recorded_at
FROM gen_staff s
JOIN (VALUES ('ASSESSOR'), ('INTERNAL_VERIFIER')) AS r(role) ON r.role = 'ASSESSOR' AND s.kind IN ('assessor', 'iv') OR r.role = 'INTERNAL_VERIFIER' AND s.kind = 'iv';
INSERT INTO "AssessorCompetence" (id, "userId", role, status, award, "achievedOn", "certificateNumber", "occupationalCompetence", "recordedById", "recordedAt")
SELECT id, user_id, role::"CompetenceRole", status::"AssessorStatus", award, achieved_on,
       CASE WHEN achieved_on IS NOT NULL THEN award || '/' || upper(substr(md5(id::text), 1, 6)) END,
       pg_temp.pick(ARRAY['Six years as a contact centre team leader.', 'Former customer service manager of a 120-seat contact centre.', 'Eight years on inbound sales and retention lines, four as a coach.', 'Quality and training lead for an energy supplier''s customer service team.'], pg_temp.rnd('occ:' || id)),
       pg_temp.admin(), recorded_at
FROM gen_competence;

CREATE TEMP TABLE gen_assign AS
SELECT id AS cand, assessor, pg_temp.ts(reg_on, 0.9) AS at FROM gen_cand
UNION ALL SELECT id, co_assessor, pg_temp.ts(reg_on, 0.95) FROM gen_cand WHERE co_assessor IS NOT NULL;
INSERT INTO "AssessorAssignment" ("candidateId", "assessorId", "assignedAt", "assignedById") SELECT cand, assessor, at, pg_temp.admin() FROM gen_assign;
INSERT INTO "CandidateRegistration" (id, "candidateId", "specId", "registeredOn", units, "createdAt", "createdById")
SELECT pg_temp.gid('registration:' || n), id, spec_id, reg_on, units, pg_temp.ts(reg_on, 0.5), pg_temp.admin() FROM gen_cand;
`;

const EVIDENCE_SQL = (candidateDeclaration: string, assessorDeclaration: string) => `
INSERT INTO "Evidence" (id, "candidateId", title, description, "activityDate", method, status, "submittedAt", "authorId", place, declaration, "createdAt", "updatedAt")
SELECT id, cand, title, description, activity_date, method::"AssessmentMethod", CASE WHEN draft THEN 'DRAFT' ELSE 'SUBMITTED' END::"EvidenceStatus", submitted_at, author, place,
       CASE WHEN draft THEN NULL WHEN author IS NULL THEN ${q(candidateDeclaration)} ELSE ${q(assessorDeclaration)} END,
       created_at, coalesce(submitted_at, mapped_at)
FROM gen_ev ORDER BY n, k;
INSERT INTO "EvidenceFile" (id, "evidenceId", "storageKey", "displayName", "contentType", size, sha256, "scanStatus", "scanDetail", "uploadedAt")
SELECT file_id, id, storage_key, display_name, mime, size, sha256, 'clean', 'clamd: stream: OK', uploaded_at FROM gen_ev ORDER BY n, k;
INSERT INTO "EvidenceUpload" (id, "evidenceId", "candidateId", "uploaderId", "displayName", size, state, "fileId", "createdAt", "lastActivityAt", "endedAt")
SELECT md5('${SEED}:upload:' || n || ':' || k), id, cand, coalesce(author, cand), display_name, size, 'stored', file_id,
       pg_temp.plus(uploaded_at, -1.0 / 1440), uploaded_at, uploaded_at
FROM gen_ev ORDER BY n, k;
INSERT INTO "EvidenceCriterion" ("evidenceId", "specId", "unitRef", criterion, "mappedAt")
SELECT m.ev_id, m.spec_id, m.unit_ref, m.criterion, e.mapped_at FROM gen_map m JOIN gen_ev e ON e.id = m.ev_id ORDER BY m.n, m.k, m.pos;
`;

const ASSESSMENT_SQL = (countersignDeclaration: string, unitDeclaration: string, candidateUnitDeclaration: string) => `
INSERT INTO "CriterionJudgement" (id, "evidenceId", "specId", "unitRef", criterion, outcome, feedback, valid, authentic, reliable, "current", sufficient, "checksNote", "assessorId", "decidedAt", "needsCountersignature", "supersedesId")
SELECT id, ev_id, spec_id, unit_ref, criterion, outcome::"JudgementOutcome",
       CASE WHEN outcome = 'REFERRED' THEN pg_temp.pick(ARRAY['The record does not show this criterion on its own: add a note of what you did and why.', 'Please add an example from a real call; this shows the procedure, not your use of it.', 'Not enough here for this criterion: we will look for it at your next observation.'], pg_temp.rnd('feedback:' || id))
            ELSE pg_temp.pick(ARRAY['', '', 'Clear evidence, well explained.', 'Good example: it shows the procedure followed in full.', 'Accepted; keep recording the outcome of each call like this.'], pg_temp.rnd('feedback:' || ev_id)) END,
       true, true, true, true, outcome = 'ACCEPTED',
       CASE WHEN outcome = 'REFERRED' THEN 'Not sufficient on its own for this criterion.' ELSE '' END,
       assessor, decided_at, needs_cs, supersedes
FROM gen_judg ORDER BY decided_at, n, k, pos, supersedes NULLS FIRST;
INSERT INTO "Countersignature" (id, "judgementId", "assessorId", declaration, "signedAt")
SELECT pg_temp.gid('countersignature:' || id), id, co_assessor, ${q(countersignDeclaration)}, cs_at FROM gen_judg WHERE cs_at IS NOT NULL;

-- A unit is signed off (mostly) once every criterion is covered by an accepted judgement in effect.
CREATE TEMP TABLE gen_acc AS
SELECT j.*, greatest(j.decided_at, j.cs_at) AS eff_at FROM gen_judg j
WHERE j.is_current AND j.outcome = 'ACCEPTED' AND (NOT j.needs_cs OR j.cs_at IS NOT NULL);
CREATE INDEX ON gen_acc (n, unit_ref);
ANALYZE gen_acc;

CREATE TEMP TABLE gen_so AS
WITH cov AS (
  SELECT n, unit_ref, count(DISTINCT criterion) AS covered, max(eff_at) AS ready_at FROM gen_acc GROUP BY n, unit_ref
), unit_crit AS (SELECT tid, unit_ref, count(*) AS n_crit FROM gen_tmpl_crit GROUP BY tid, unit_ref),
s AS (
  SELECT pg_temp.gid('signoff:' || c.n || ':' || cov.unit_ref) AS id, c.n, c.id AS cand, c.spec_id, c.verifiers_qualified, cov.unit_ref, c.assessor, c.co_assessor, c.wt,
         pg_temp.plus(cov.ready_at, 1 + pg_temp.rnd('signoff-at:' || c.n || ':' || cov.unit_ref) * 10) AS signed_at
  FROM cov JOIN gen_cand c ON c.n = cov.n JOIN unit_crit uc ON uc.tid = c.tid AND uc.unit_ref = cov.unit_ref
  WHERE cov.covered = uc.n_crit AND pg_temp.rnd('signoff:' || c.n || ':' || cov.unit_ref) < CASE WHEN pg_temp.aged(cov.ready_at, 21) THEN 0.97 ELSE 0.6 END
)
SELECT s.*,
       CASE WHEN wt AND pg_temp.rnd('socs:' || id) < CASE WHEN pg_temp.aged(signed_at, 14) THEN 0.95 ELSE 0.5 END AND pg_temp.plus(signed_at, 1 + pg_temp.rnd('socs-at:' || id) * 5) < pg_temp.asof() THEN pg_temp.plus(signed_at, 1 + pg_temp.rnd('socs-at:' || id) * 5) END AS cs_at,
       CASE WHEN pg_temp.rnd('candsig:' || id) < CASE WHEN pg_temp.aged(signed_at, 14) THEN 0.97 ELSE 0.6 END AND pg_temp.plus(signed_at, 0.05 + pg_temp.rnd('candsig-at:' || id) * 6) < pg_temp.asof() THEN pg_temp.plus(signed_at, 0.05 + pg_temp.rnd('candsig-at:' || id) * 6) END AS cand_sig_at
FROM s WHERE signed_at < pg_temp.asof();
ALTER TABLE gen_so ADD PRIMARY KEY (id);
CREATE INDEX ON gen_so (n, unit_ref);
ANALYZE gen_so;

-- What the sign-off keeps (lib/server/assessment/): for each criterion in the specification's
-- order, the accepted judgements with their evidence and the evidence's files with SHA-256.
CREATE TEMP TABLE gen_so_crit AS
SELECT so.id AS so_id, tc.pos, tc.criterion,
       jsonb_agg(jsonb_build_object('judgementId', a.id, 'evidenceId', e.id, 'title', e.title, 'method', e.method,
                 'files', jsonb_build_array(jsonb_build_object('id', e.file_id, 'name', e.display_name, 'sha256', e.sha256))) ORDER BY e.k) AS accepted,
       array_agg(e.id ORDER BY e.k) AS evidence_ids
FROM gen_so so
JOIN gen_cand c ON c.n = so.n
JOIN gen_tmpl_crit tc ON tc.tid = c.tid AND tc.unit_ref = so.unit_ref
JOIN gen_acc a ON a.n = so.n AND a.unit_ref = so.unit_ref AND a.criterion = tc.criterion
JOIN gen_ev e ON e.id = a.ev_id
GROUP BY so.id, tc.pos, tc.criterion;
CREATE TEMP TABLE gen_so_snapshot AS
SELECT c.so_id, c.evidence, e.evidence_ids
FROM (SELECT so_id, jsonb_agg(jsonb_build_object('criterion', criterion, 'accepted', accepted) ORDER BY pos) AS evidence FROM gen_so_crit GROUP BY so_id) c
JOIN (SELECT so_id, array_agg(DISTINCT x) AS evidence_ids FROM gen_so_crit CROSS JOIN LATERAL unnest(evidence_ids) AS x GROUP BY so_id) e ON e.so_id = c.so_id;
ALTER TABLE gen_so_snapshot ADD PRIMARY KEY (so_id);

INSERT INTO "UnitSignOff" (id, "candidateId", "specId", "unitRef", "assessorId", "signedAt", declaration, evidence, "evidenceIds", signed, "needsCountersignature")
SELECT so.id, so.cand, so.spec_id, so.unit_ref, so.assessor, so.signed_at, ${q(unitDeclaration)}, sn.evidence, sn.evidence_ids, true, so.wt
FROM gen_so so JOIN gen_so_snapshot sn ON sn.so_id = so.id ORDER BY so.signed_at, so.id;
INSERT INTO "Countersignature" (id, "signOffId", "assessorId", declaration, "signedAt")
SELECT pg_temp.gid('countersignature:' || id), id, co_assessor, ${q(countersignDeclaration)}, cs_at FROM gen_so WHERE cs_at IS NOT NULL;
INSERT INTO "CandidateSignature" (id, "signOffId", "candidateId", declaration, "signedAt")
SELECT pg_temp.gid('candidate-signature:' || id), id, cand, ${q(candidateUnitDeclaration)}, cand_sig_at FROM gen_so WHERE cand_sig_at IS NOT NULL;
`;

const IV_SQL = (ivCountersignDeclaration: string) => `
-- The IVs who verify: the demo centre's (Gareth Evans, qualified; Nadia Rahman, working towards the
-- verifier units, whose verdicts a qualified IV countersigns) and the generated ones.
CREATE TEMP TABLE gen_ivs AS
SELECT (row_number() OVER (ORDER BY ord, email) - 1)::int AS idx, id, needs_cs FROM (
  SELECT 0 AS ord, u.email, u.id,
         coalesce((SELECT c.status <> 'QUALIFIED' FROM "AssessorCompetence" c WHERE c."userId" = u.id AND c.role = 'INTERNAL_VERIFIER' ORDER BY c."recordedAt" DESC, c.id DESC LIMIT 1), true) AS needs_cs
  FROM "User" u WHERE u."centreId" = pg_temp.centre() AND u.email IN ('iv@northgate.example', 'iv2@northgate.example')
    AND EXISTS (SELECT 1 FROM "UserRole" r WHERE r."userId" = u.id AND r.role = 'INTERNAL_VERIFIER')
  UNION ALL SELECT 1, email, id, false FROM gen_staff WHERE kind = 'iv') x;
CREATE TEMP TABLE gen_iv_countersigner AS SELECT id FROM gen_ivs WHERE NOT needs_cs ORDER BY idx LIMIT 1;

CREATE TEMP TABLE gen_sample AS
WITH summative AS (
  SELECT so.n, so.cand, so.spec_id, so.verifiers_qualified, so.unit_ref, 'SUMMATIVE' AS stage, '{}'::text[] AS criteria, so.id AS so_id,
         pg_temp.plus(greatest(so.signed_at, so.cand_sig_at, so.cs_at), 1 + pg_temp.rnd('sample-at:' || so.id) * 14) AS selected_at
  FROM gen_so so WHERE pg_temp.rnd('sample:' || so.id) < 0.2
), in_progress AS (
  SELECT j.n, j.unit_ref, max(j.decided_at) AS last_at, (array_agg(DISTINCT j.criterion ORDER BY j.criterion))[1:4] AS first_criteria
  FROM gen_judg j WHERE j.is_current AND NOT EXISTS (SELECT 1 FROM gen_so so WHERE so.n = j.n AND so.unit_ref = j.unit_ref)
  GROUP BY j.n, j.unit_ref
), interim AS (
  SELECT p.n, c.id AS cand, c.spec_id, c.verifiers_qualified, p.unit_ref, 'INTERIM' AS stage,
         CASE WHEN pg_temp.rnd('interim-whole:' || p.n || ':' || p.unit_ref) < 0.3 THEN '{}'::text[] ELSE p.first_criteria END AS criteria, NULL::uuid AS so_id,
         pg_temp.plus(p.last_at, 2 + pg_temp.rnd('interim-at:' || p.n || ':' || p.unit_ref) * 18) AS selected_at
  FROM in_progress p JOIN gen_cand c ON c.n = p.n WHERE pg_temp.rnd('interim:' || p.n || ':' || p.unit_ref) < 0.05
), s AS (SELECT * FROM summative UNION ALL SELECT * FROM interim)
SELECT pg_temp.gid('sample:' || s.n || ':' || s.unit_ref || ':' || s.stage) AS id, s.*,
       CASE WHEN s.verifiers_qualified AND iv.needs_cs THEN (SELECT id FROM gen_iv_countersigner) ELSE iv.id END AS iv,
       iv.needs_cs AND NOT s.verifiers_qualified AS needs_cs,
       pg_temp.pick(CASE s.stage WHEN 'SUMMATIVE' THEN ARRAY['Sampling plan: the assessor''s sample for this quarter.', 'Coverage: this unit not yet sampled for this assessor.', 'Risk: the assessor is new to the qualification.', 'Authenticity: checking the evidence behind the sign-off.']
                                     ELSE ARRAY['Interim sample: decisions on a unit still being assessed.', 'Checking the referral and feedback on these criteria.', 'Coverage: the assessor''s first judgements on this unit.'] END,
                    pg_temp.rnd('reason:' || s.n || ':' || s.unit_ref || ':' || s.stage)) AS reason
FROM s JOIN gen_ivs iv ON iv.idx = floor(pg_temp.rnd('sample-iv:' || s.n || ':' || s.unit_ref || ':' || s.stage) * (SELECT count(*) FROM gen_ivs))::int
WHERE s.selected_at < pg_temp.asof();
ALTER TABLE gen_sample ADD PRIMARY KEY (id);
ANALYZE gen_sample;

-- Verdicts: most samples verified, one in ten disagreed with; the assessor answers most
-- disagreements and the IV then agrees. The first verdict may carry action points.
CREATE TEMP TABLE gen_verdict AS
WITH v1 AS (
  SELECT pg_temp.gid('verdict:' || s.id) AS id, s.id AS sample_id, s.n, s.cand, s.unit_ref, s.criteria, s.so_id, s.iv, s.needs_cs,
         CASE WHEN pg_temp.rnd('verdict-outcome:' || s.id) < 0.1 THEN 'DISAGREE' ELSE 'AGREE' END AS outcome,
         pg_temp.plus(s.selected_at, 1 + pg_temp.rnd('verdict-at:' || s.id) * 12) AS decided_at, NULL::uuid AS follows_id
  FROM gen_sample s WHERE pg_temp.rnd('verdict:' || s.id) < CASE WHEN pg_temp.aged(s.selected_at, 30) THEN 0.97 ELSE 0.6 END
)
SELECT * FROM v1 WHERE decided_at < pg_temp.asof();
CREATE TEMP TABLE gen_response AS
SELECT pg_temp.gid('response:' || v.id) AS id, v.sample_id, c.assessor, pg_temp.plus(v.decided_at, 2 + pg_temp.rnd('response-at:' || v.id) * 8) AS at, v.id AS verdict_id
FROM gen_verdict v JOIN gen_cand c ON c.n = v.n
WHERE v.outcome = 'DISAGREE' AND pg_temp.rnd('response:' || v.id) < CASE WHEN pg_temp.aged(v.decided_at, 30) THEN 0.9 ELSE 0.5 END AND pg_temp.plus(v.decided_at, 2 + pg_temp.rnd('response-at:' || v.id) * 8) < pg_temp.asof();
INSERT INTO gen_verdict
SELECT pg_temp.gid('verdict2:' || v.id), v.sample_id, v.n, v.cand, v.unit_ref, v.criteria, v.so_id, v.iv, v.needs_cs, 'AGREE',
       pg_temp.plus(r.at, 1 + pg_temp.rnd('verdict2-at:' || v.id) * 6), v.id
FROM gen_verdict v JOIN gen_response r ON r.verdict_id = v.id
WHERE pg_temp.rnd('verdict2:' || v.id) < CASE WHEN pg_temp.aged(r.at, 21) THEN 0.9 ELSE 0.5 END AND pg_temp.plus(r.at, 1 + pg_temp.rnd('verdict2-at:' || v.id) * 6) < pg_temp.asof();
ALTER TABLE gen_verdict ADD COLUMN cs_at timestamptz, ADD COLUMN judgement_ids uuid[], ADD COLUMN feedback text;
CREATE INDEX ON gen_verdict (sample_id);
ANALYZE gen_verdict;
UPDATE gen_verdict SET cs_at = CASE WHEN needs_cs AND pg_temp.rnd('ivcs:' || id) < CASE WHEN pg_temp.aged(decided_at, 14) THEN 0.95 ELSE 0.5 END AND pg_temp.plus(decided_at, 1 + pg_temp.rnd('ivcs-at:' || id) * 3) < pg_temp.asof()
                                    THEN pg_temp.plus(decided_at, 1 + pg_temp.rnd('ivcs-at:' || id) * 3) END,
  judgement_ids = coalesce((SELECT array_agg(j.id ORDER BY j.pos, j.id) FROM gen_judg j
                            WHERE j.n = gen_verdict.n AND j.unit_ref = gen_verdict.unit_ref AND j.is_current AND j.decided_at < gen_verdict.decided_at
                              AND (cardinality(gen_verdict.criteria) = 0 OR j.criterion = ANY (gen_verdict.criteria))), '{}'),
  feedback = CASE WHEN outcome = 'DISAGREE' THEN pg_temp.pick(ARRAY['The evidence for one criterion is a procedure, not the candidate''s own work: not yet sufficient.', 'Feedback to the candidate does not say what was missing; the decision on one criterion is not supported.', 'Two criteria rest on evidence dated before the candidate''s registration without a note on currency.'], pg_temp.rnd('ivfb:' || id))
                  WHEN follows_id IS NOT NULL THEN 'The assessor''s response and the added evidence settle it: agreed.'
                  ELSE pg_temp.pick(ARRAY['Agreed: decisions are valid and the feedback is clear.', 'Agreed. Good use of observation alongside the work products.', 'Agreed; consider recording the place of each observation.'], pg_temp.rnd('ivfb:' || id)) END;

INSERT INTO "IvSample" (id, "centreId", "candidateId", "specId", "unitRef", stage, criteria, reason, "selectedById", "selectedAt")
SELECT id, pg_temp.centre(), cand, spec_id, unit_ref, stage::"IvStage", criteria, reason, iv, selected_at FROM gen_sample ORDER BY selected_at, id;
INSERT INTO "IvVerdict" (id, "sampleId", outcome, feedback, "ivId", "decidedAt", "signOffId", "judgementIds", "followsId", "needsCountersignature")
SELECT id, sample_id, outcome::"IvOutcome", feedback, iv, decided_at, so_id, judgement_ids, follows_id, needs_cs FROM gen_verdict ORDER BY follows_id NULLS FIRST, decided_at, id;
INSERT INTO "IvCountersignature" (id, "verdictId", "ivId", declaration, "signedAt")
SELECT pg_temp.gid('iv-countersignature:' || id), id, (SELECT id FROM gen_iv_countersigner), ${q(ivCountersignDeclaration)}, cs_at FROM gen_verdict WHERE cs_at IS NOT NULL;
INSERT INTO "IvResponse" (id, "sampleId", "assessorId", note, "respondedAt")
SELECT id, sample_id, assessor, pg_temp.pick(ARRAY['Re-judged the criterion with the candidate''s added call notes; feedback rewritten to say what was missing.', 'Added an observation of the candidate doing this at work and referred the product evidence back.', 'Agreed with the IV: the candidate has added a reflective account, judged and accepted.'], pg_temp.rnd('note:' || id)), at
FROM gen_response;
CREATE TEMP TABLE gen_ivap AS
SELECT pg_temp.gid('iv-action:' || v.id || ':' || i) AS id, v.id AS verdict_id, v.sample_id, c.assessor, (v.decided_at::date + 21 + 7 * i) AS target_on,
       CASE WHEN pg_temp.rnd('iv-action-done:' || v.id || ':' || i) < 0.6 AND pg_temp.plus(v.decided_at, 3 + pg_temp.rnd('iv-action-at:' || v.id || ':' || i) * 15) < pg_temp.asof()
            THEN pg_temp.plus(v.decided_at, 3 + pg_temp.rnd('iv-action-at:' || v.id || ':' || i) * 15) END AS done_at,
       pg_temp.pick(ARRAY['Give written feedback that names what is missing for each criterion referred back.', 'Check the currency of evidence dated before registration and record it.', 'Observe the candidate on this unit before signing it off again.', 'Attend the next standardisation meeting on this unit.'], pg_temp.rnd('iv-action-text:' || v.id || ':' || i)) AS text
FROM gen_verdict v JOIN gen_cand c ON c.n = v.n, generate_series(0, 1) AS i
WHERE v.outcome = 'DISAGREE' AND (i = 0 OR pg_temp.rnd('iv-action-2:' || v.id) < 0.3);
INSERT INTO "IvActionPoint" (id, "verdictId", "assessorId", text, "targetOn", "doneAt") SELECT id, verdict_id, assessor, text, target_on, done_at FROM gen_ivap;

-- An observation of each generated assessor, and quarterly standardisation meetings.
CREATE TEMP TABLE gen_observation AS
SELECT pg_temp.gid('observation:' || s.n) AS id, s.id AS assessor, (SELECT id FROM gen_staff WHERE kind = 'iv' AND n = s.n % ${IVS} + 1) AS iv,
       (SELECT c.id FROM gen_cand c WHERE c.assessor = s.id ORDER BY c.n LIMIT 1) AS cand,
       pg_temp.asof()::date - 20 - floor(pg_temp.rnd('observation:' || s.n) * 300)::int AS observed_on,
       CASE WHEN pg_temp.rnd('observation-outcome:' || s.n) < 0.9 THEN 'SATISFACTORY' ELSE 'DEVELOPMENT_NEEDED' END AS outcome
FROM gen_staff s WHERE s.kind = 'assessor';
INSERT INTO "IvObservation" (id, "centreId", "assessorId", "ivId", "candidateId", "observedOn", seen, outcome, feedback, "recordedAt")
SELECT id, pg_temp.centre(), assessor, iv, cand, observed_on, 'Observed the assessor giving feedback after an observation of inbound calls, against the unit''s criteria.',
       outcome::"ObservationOutcome", CASE WHEN outcome = 'SATISFACTORY' THEN 'Clear, criterion-referenced feedback.' ELSE 'Feedback did not refer to the criteria; plan a second observation.' END,
       pg_temp.ts(observed_on, 0.8)
FROM gen_observation;
CREATE TEMP TABLE gen_meeting AS
SELECT pg_temp.gid('meeting:' || i) AS id, i, pg_temp.asof()::date - 30 - 91 * i AS held_on, s.spec_id,
       coalesce((SELECT array_agg(ref ORDER BY ref) FROM (SELECT ref FROM gen_unit u WHERE u.spec_id = s.spec_id AND u.n_crit > 0 ORDER BY ref LIMIT 2 OFFSET i) x), '{}') AS unit_refs,
       (SELECT id FROM gen_staff WHERE kind = 'iv' AND n = 1) AS recorded_by
FROM generate_series(0, 3) AS i LEFT JOIN LATERAL (SELECT spec_id FROM gen_spec WHERE code IN ('3412-03', '3412-04') ORDER BY code OFFSET i % 2 LIMIT 1) s ON true;
INSERT INTO "StandardisationMeeting" (id, "centreId", "heldOn", "specId", "unitRefs", "evidenceIds", discussed, agreed, "recordedById", "recordedAt")
SELECT id, pg_temp.centre(), held_on, spec_id, unit_refs, '{}', 'What counts as sufficient evidence for the units discussed; how much a witness statement can carry.',
       'One observation per learning outcome; work products need the candidate''s own notes beside them.', recorded_by, pg_temp.ts(held_on, 0.9)
FROM gen_meeting;
INSERT INTO "StandardisationParticipant" ("meetingId", "userId", attended)
SELECT m.id, s.id, s.kind = 'iv' OR pg_temp.rnd('attended:' || m.id || ':' || s.id) < 0.8 FROM gen_meeting m, gen_staff s WHERE s.kind IN ('assessor', 'iv');
`;

const CLAIMS_SQL = (centreName: string, centreCode: string, adminName: string) => `
-- Each signed-off unit as the claim screen sees it (lib/domain/claims/unit-claims.ts): achieved when signed,
-- countersigned (candidate, and qualified assessor where needed) and not held by an IV; its
-- samples agreed (latest verdict AGREE and in effect) or none.
CREATE TEMP TABLE gen_sample_state AS
SELECT s.id, s.n, s.unit_ref, s.stage,
       l.outcome = 'AGREE' AND (NOT l.needs_cs OR l.cs_at IS NOT NULL) AS agreed,
       EXISTS (SELECT 1 FROM gen_verdict d WHERE d.sample_id = s.id AND d.outcome = 'DISAGREE')
         AND NOT EXISTS (SELECT 1 FROM gen_verdict a WHERE a.sample_id = s.id AND a.outcome = 'AGREE' AND a.follows_id IS NOT NULL AND (NOT a.needs_cs OR a.cs_at IS NOT NULL)) AS held,
       greatest(l.decided_at, l.cs_at) AS at
FROM gen_sample s
LEFT JOIN LATERAL (SELECT * FROM gen_verdict v WHERE v.sample_id = s.id ORDER BY v.decided_at DESC LIMIT 1) l ON true;
CREATE TEMP TABLE gen_unit_fact AS
SELECT so.id AS so_id, so.n, so.unit_ref, so.signed_at, so.cand_sig_at, so.cs_at, so.assessor, so.co_assessor,
       so.cand_sig_at IS NOT NULL AND (NOT so.wt OR so.cs_at IS NOT NULL) AND NOT coalesce(st.held, false) AND coalesce(st.all_agreed, true) AS claimable,
       greatest(so.signed_at, so.cand_sig_at, so.cs_at, st.at) AS ready_at
FROM gen_so so
LEFT JOIN (SELECT n, unit_ref, bool_or(held) AS held, bool_and(coalesce(agreed, false)) AS all_agreed, max(at) AS at FROM gen_sample_state GROUP BY n, unit_ref) st
  ON st.n = so.n AND st.unit_ref = so.unit_ref;
CREATE INDEX ON gen_unit_fact (n);

-- The whole qualification once every unit with criteria can be claimed and those units meet the
-- rules of combination; otherwise, for some candidates, the units that can be claimed.
CREATE TEMP TABLE gen_claim AS
WITH per AS (
  SELECT c.n, c.id AS cand, c.spec_id, c.units, c.core_count, c.core_valid,
         count(*) FILTER (WHERE f.claimable) AS claimable, max(f.ready_at) FILTER (WHERE f.claimable) AS ready_at,
         array_agg(f.unit_ref) FILTER (WHERE f.claimable) AS claimable_units
  FROM gen_cand c JOIN gen_unit_fact f ON f.n = c.n GROUP BY c.n
), chosen AS (
  SELECT pg_temp.gid('claim:' || n || ':1') AS id, n, cand, spec_id,
         CASE WHEN core_valid AND claimable = core_count THEN 'QUALIFICATION' ELSE 'UNITS' END AS kind,
         ARRAY(SELECT u FROM unnest(units) WITH ORDINALITY AS x(u, o) WHERE u = ANY (claimable_units) ORDER BY o) AS units,
         pg_temp.plus(ready_at, 2 + pg_temp.rnd('claim-at:' || n) * 20) AS raised_at, NULL::uuid AS corrects_id
  FROM per
  WHERE claimable > 0 AND (core_valid AND claimable = core_count AND pg_temp.rnd('claim:' || n) < 0.9 OR NOT (core_valid AND claimable = core_count) AND pg_temp.rnd('claim:' || n) < 0.2)
)
SELECT * FROM chosen WHERE raised_at < pg_temp.asof();
ALTER TABLE gen_claim ADD COLUMN decision_id uuid, ADD COLUMN outcome text, ADD COLUMN decided_at timestamptz, ADD COLUMN ev uuid, ADD COLUMN reasons text, ADD COLUMN pack jsonb, ADD COLUMN sha text;
CREATE TEMP TABLE gen_evs AS
SELECT (row_number() OVER (ORDER BY ord, email) - 1)::int AS idx, id FROM (
  SELECT 0 AS ord, u.email, u.id FROM "User" u JOIN "ExternalVerifierCentre" a ON a."userId" = u.id AND a."centreId" = pg_temp.centre()
  WHERE u.email = 'ev@awarding.example'
  UNION ALL SELECT 1, email, id FROM gen_staff WHERE kind = 'ev') x;
UPDATE gen_claim SET decision_id = pg_temp.gid('decision:' || id),
  outcome = CASE WHEN pg_temp.rnd('claim-refused:' || id) < 0.07 THEN 'REFUSED' ELSE 'AUTHORISED' END,
  decided_at = pg_temp.plus(raised_at, 3 + pg_temp.rnd('decided-at:' || id) * 25),
  ev = (SELECT id FROM gen_evs WHERE idx = floor(pg_temp.rnd('claim-ev:' || gen_claim.id) * (SELECT count(*) FROM gen_evs))::int)
WHERE pg_temp.rnd('decided:' || id) < CASE WHEN pg_temp.aged(raised_at, 30) THEN 0.97 ELSE 0.5 END AND pg_temp.plus(raised_at, 3 + pg_temp.rnd('decided-at:' || id) * 25) < pg_temp.asof();
-- A refused claim, put right, is raised again naming the one it corrects.
INSERT INTO gen_claim (id, n, cand, spec_id, kind, units, raised_at, corrects_id)
SELECT pg_temp.gid('claim:' || n || ':2'), n, cand, spec_id, kind, units, pg_temp.plus(decided_at, 5 + pg_temp.rnd('correction-at:' || id) * 10), id
FROM gen_claim WHERE outcome = 'REFUSED' AND pg_temp.rnd('correction:' || id) < 0.6 AND pg_temp.plus(decided_at, 5 + pg_temp.rnd('correction-at:' || id) * 10) < pg_temp.asof();
UPDATE gen_claim SET decision_id = pg_temp.gid('decision:' || id), outcome = 'AUTHORISED', decided_at = pg_temp.plus(raised_at, 3 + pg_temp.rnd('decided-at:' || id) * 15),
  ev = (SELECT id FROM gen_evs WHERE idx = floor(pg_temp.rnd('claim-ev:' || gen_claim.id) * (SELECT count(*) FROM gen_evs))::int)
WHERE corrects_id IS NOT NULL AND pg_temp.rnd('decided:' || id) < 0.5 AND pg_temp.plus(raised_at, 3 + pg_temp.rnd('decided-at:' || id) * 15) < pg_temp.asof();
UPDATE gen_claim SET reasons = CASE WHEN outcome = 'REFUSED'
    THEN 'Unit ' || units[1] || ': the evidence sampled does not show the candidate''s own performance for every criterion, and the IV record does not say why it was accepted. Refused until the centre puts this right.'
    ELSE pg_temp.pick(ARRAY['Sampled the units claimed: the evidence, assessment decisions and internal verification records support the claim.', 'Authorised. Evidence and records are in order.'], pg_temp.rnd('reasons:' || id)) END
WHERE outcome IS NOT NULL;

-- The claim pack (lib/server/claims/ claimPack), frozen with its SHA-256 over canonical JSON.
CREATE TEMP TABLE gen_people AS
SELECT u.id, u.name FROM "User" u WHERE u."centreId" = pg_temp.centre() OR u.id IN (SELECT id FROM gen_staff);
ALTER TABLE gen_people ADD PRIMARY KEY (id);
CREATE TEMP TABLE gen_so_files AS
SELECT so_id, jsonb_agg(jsonb_build_object('evidenceId', e.id, 'title', e.title, 'method', e.method,
                        'files', jsonb_build_array(jsonb_build_object('name', e.display_name, 'sha256', e.sha256))) ORDER BY e.k) AS evidence
FROM gen_so_snapshot sn CROSS JOIN LATERAL unnest(sn.evidence_ids) AS x JOIN gen_ev e ON e.id = x GROUP BY so_id;
ALTER TABLE gen_so_files ADD PRIMARY KEY (so_id);
CREATE TEMP TABLE gen_unit_iv AS
SELECT DISTINCT ON (v.n, v.unit_ref) v.n, v.unit_ref,
       jsonb_build_object('outcome', 'agreed', 'stage', lower(s.stage), 'iv', p.name, 'decidedAt', pg_temp.iso(v.decided_at),
                          'countersignedBy', CASE WHEN v.cs_at IS NOT NULL THEN (SELECT name FROM gen_people WHERE id = (SELECT id FROM gen_iv_countersigner)) END) AS iv_json
FROM gen_verdict v JOIN gen_sample s ON s.id = v.sample_id JOIN gen_people p ON p.id = v.iv
WHERE v.outcome = 'AGREE'
ORDER BY v.n, v.unit_ref, s.stage = 'SUMMATIVE' DESC, v.decided_at DESC;
UPDATE gen_claim cl SET pack = jsonb_build_object(
  'format', 'claim-pack/1',
  'kind', cl.kind,
  'centre', jsonb_build_object('name', ${q(centreName)}, 'code', ${q(centreCode)}),
  'candidate', jsonb_build_object('id', c.id, 'name', c.name, 'dateOfBirth', to_char(c.dob, 'YYYY-MM-DD')),
  'qualification', jsonb_build_object('code', sp.code, 'title', sp.title, 'version', sp.version, 'awardingBody', sp.awarding_body, 'specificationSha256', sp.sha256),
  'registration', jsonb_build_object('id', pg_temp.gid('registration:' || c.n), 'registeredOn', to_char(c.reg_on, 'YYYY-MM-DD'), 'units', to_jsonb(c.units)),
  'units', (SELECT jsonb_agg(jsonb_build_object(
              'entry', x.u, 'ref', x.u, 'title', gu.title, 'credits', gu.credits, 'unitValue', NULL,
              'signOff', jsonb_build_object('id', f.so_id, 'signedAt', pg_temp.iso(f.signed_at), 'assessor', pa.name, 'candidateSignedAt', pg_temp.iso(f.cand_sig_at)),
              'countersignedBy', CASE WHEN f.cs_at IS NOT NULL THEN pc.name END,
              'internalVerification', coalesce(iv.iv_json, jsonb_build_object('outcome', 'not selected')),
              'evidence', coalesce(sf.evidence, '[]'::jsonb)) ORDER BY x.o)
            FROM unnest(cl.units) WITH ORDINALITY AS x(u, o)
            JOIN gen_unit_fact f ON f.n = cl.n AND f.unit_ref = x.u
            JOIN gen_unit gu ON gu.spec_id = cl.spec_id AND gu.ref = x.u
            JOIN gen_people pa ON pa.id = f.assessor
            LEFT JOIN gen_people pc ON pc.id = f.co_assessor
            LEFT JOIN gen_unit_iv iv ON iv.n = cl.n AND iv.unit_ref = x.u
            LEFT JOIN gen_so_files sf ON sf.so_id = f.so_id),
  'raisedBy', ${q(adminName)},
  'raisedAt', pg_temp.iso(cl.raised_at))
FROM gen_cand c, gen_spec sp WHERE c.n = cl.n AND sp.spec_id = cl.spec_id;
UPDATE gen_claim SET sha = encode(sha256(convert_to(pg_temp.canonical_json(pack), 'UTF8')), 'hex');

INSERT INTO "CertificateClaim" (id, "centreId", "candidateId", "registrationId", "specId", kind, units, pack, "packSha256", "raisedById", "raisedAt", "correctsId", "releasedDirectly")
SELECT id, pg_temp.centre(), cand, pg_temp.gid('registration:' || n), spec_id, kind::"ClaimKind", units, pack, sha, pg_temp.admin(), raised_at, corrects_id, false
FROM gen_claim ORDER BY corrects_id NULLS FIRST, raised_at, id;
INSERT INTO "ClaimDecision" (id, "claimId", outcome, reasons, "evId", "decidedAt")
SELECT decision_id, id, outcome::"ClaimOutcome", reasons, ev, decided_at FROM gen_claim WHERE outcome IS NOT NULL ORDER BY decided_at, id;
`;

const REVIEWS_SQL = `
CREATE TEMP TABLE gen_review AS
SELECT pg_temp.gid('review:' || c.n || ':' || i) AS id, c.n, i, c.id AS cand, c.assessor,
       c.reg_on + 14 + 84 * i + floor(pg_temp.rnd('review:' || c.n || ':' || i) * 14)::int AS held_on
FROM gen_cand c, generate_series(0, 12) AS i
WHERE c.reg_on + 14 + 84 * i + 14 < c.end_on;
DELETE FROM gen_review WHERE held_on >= pg_temp.asof()::date;
CREATE TEMP TABLE gen_action AS
SELECT pg_temp.gid('action:' || r.id || ':' || a) AS id, r.id AS review_id, r.cand, r.assessor, r.held_on + 21 + floor(pg_temp.rnd('action-target:' || r.id || ':' || a) * 21)::int AS target_on,
       pg_temp.pick(ARRAY['Collect two weeks of call logs with your notes on each escalation.', 'Ask your team leader for a witness statement on the fire drill.', 'Map your complaint records to unit 202 and submit them.',
                          'Read the data protection policy and bring questions to the next visit.', 'Book an observation of outbound calls with your assessor.', 'Finish your reflective account on handling difficult callers.'],
                    pg_temp.rnd('action-text:' || r.id || ':' || a)) AS text
FROM gen_review r, generate_series(0, 1) AS a
WHERE a = 0 OR pg_temp.rnd('action-2:' || r.id) < 0.5;
ALTER TABLE gen_action ADD COLUMN done_at timestamptz;
CREATE INDEX ON gen_action (review_id);
UPDATE gen_action SET done_at = pg_temp.ts(target_on - floor(pg_temp.rnd('action-done-at:' || id) * 10)::int, pg_temp.rnd('action-done-time:' || id))
WHERE pg_temp.rnd('action-done:' || id) < 0.8 AND target_on - 10 < pg_temp.asof()::date;
UPDATE gen_action SET done_at = NULL WHERE done_at >= pg_temp.asof();
INSERT INTO "CandidateReview" (id, "candidateId", "assessorId", "heldOn", notes, "nextVisitOn", "createdAt")
SELECT id, cand, assessor, held_on,
       pg_temp.pick(ARRAY['Reviewed progress against the plan; evidence for the mandatory units is on track.', 'Discussed the feedback on referred criteria and how to show them at work.', 'Candidate settled in the new team; agreed a date for the next observation.',
                          'Looked at the units still to cover and the evidence the candidate''s job gives for them.', 'Progress slower than planned because of shift changes; agreed a catch-up plan.'], pg_temp.rnd('notes:' || id)),
       held_on + 84, pg_temp.ts(held_on, 0.4 + pg_temp.rnd('review-at:' || id) * 0.6)
FROM gen_review ORDER BY held_on, id;
INSERT INTO "ActionPoint" (id, "reviewId", "candidateId", text, "targetOn", "doneAt", "doneById")
SELECT id, review_id, cand, text, target_on, done_at, CASE WHEN done_at IS NOT NULL THEN cand END FROM gen_action;
`;

/**
 * Every event the app would have recorded for what was added, oldest first. They go in through the
 * chain trigger (decision 0014), which links each to the centre's latest event: its lookup must use
 * the (centreId, id) index, but planned while "AuditEvent" is still small it would scan and sort
 * the whole table for every row, so the insert runs with sequential scans discouraged.
 */
const AUDIT_SQL = `
CREATE TEMP TABLE gen_audit AS
SELECT row_number() OVER (ORDER BY at, src, key) AS ord, centre, actor, action, subject_type, subject_id, detail, at FROM (
  SELECT pg_temp.centre() AS centre, pg_temp.admin() AS actor, 'user.create' AS action, 'User' AS subject_type, id::text AS subject_id,
         jsonb_build_object('roles', jsonb_build_array(CASE kind WHEN 'assessor' THEN 'ASSESSOR' ELSE 'INTERNAL_VERIFIER' END)) AS detail, created_at AS at, 1 AS src, id::text AS key
  FROM gen_staff WHERE kind <> 'ev'
  UNION ALL SELECT pg_temp.centre(), pg_temp.admin(), 'user.create', 'User', id::text, '{"roles":["CANDIDATE"]}', created_at, 1, id::text FROM gen_cand
  UNION ALL SELECT NULL, (SELECT id FROM "User" WHERE email = 'admin@awarding.example'), 'verifier.create', 'User', id::text, '{}', created_at, 1, id::text FROM gen_staff WHERE kind = 'ev'
  UNION ALL SELECT pg_temp.centre(), (SELECT id FROM "User" WHERE email = 'admin@awarding.example'), 'verifier.appoint', 'User', id::text, '{}', pg_temp.plus(created_at, 2), 2, id::text FROM gen_staff WHERE kind = 'ev'
  UNION ALL SELECT pg_temp.centre(), pg_temp.admin(), 'competence.record', 'User', user_id::text, jsonb_build_object('recordId', id, 'role', role, 'status', status, 'award', award), recorded_at, 2, id::text FROM gen_competence
  UNION ALL SELECT pg_temp.centre(), pg_temp.admin(), 'registration.create', 'User', c.id::text,
         jsonb_build_object('registrationId', pg_temp.gid('registration:' || c.n), 'qualification', s.code, 'registeredOn', to_char(c.reg_on, 'YYYY-MM-DD'), 'units', to_jsonb(c.units)), pg_temp.ts(c.reg_on, 0.5), 3, c.id::text
         FROM gen_cand c JOIN gen_spec s ON s.si = c.si
  UNION ALL SELECT pg_temp.centre(), pg_temp.admin(), 'assignment.create', 'User', cand::text, jsonb_build_object('assessorId', assessor), at, 4, cand::text || assessor::text FROM gen_assign
  UNION ALL SELECT pg_temp.centre(), coalesce(author, cand), CASE WHEN author IS NULL THEN 'evidence.create' ELSE 'evidence.record' END, 'Evidence', id::text,
         CASE WHEN author IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('candidateId', cand, 'method', method, 'place', place, 'witnessId', NULL) END, created_at, 5, id::text FROM gen_ev
  UNION ALL SELECT pg_temp.centre(), coalesce(author, cand), 'evidence.file.store', 'Evidence', id::text,
         jsonb_build_object('fileId', file_id, 'name', display_name, 'sha256', sha256, 'size', size, 'contentType', mime, 'scan', 'clean'), uploaded_at, 6, id::text FROM gen_ev
  UNION ALL SELECT pg_temp.centre(), coalesce(e.author, e.cand), 'evidence.map', 'Evidence', e.id::text,
         jsonb_build_object('specId', e.spec_id, 'criteria', (SELECT jsonb_agg(m.unit_ref || ':' || m.criterion ORDER BY m.pos) FROM gen_map m WHERE m.ev_id = e.id)), e.mapped_at, 7, e.id::text
         FROM gen_ev e WHERE e.m > 0
  UNION ALL SELECT pg_temp.centre(), coalesce(author, cand), 'evidence.submit', 'Evidence', id::text,
         jsonb_build_object('files', jsonb_build_array(jsonb_build_object('id', file_id, 'sha256', sha256)), 'declaration', e.declaration), submitted_at, 8, id::text
         FROM (SELECT g.*, ev.declaration FROM gen_ev g JOIN "Evidence" ev ON ev.id = g.id) e WHERE NOT draft
  UNION ALL SELECT pg_temp.centre(), assessor, 'assessment.judge', 'Evidence', ev_id::text,
         jsonb_build_object('judgementId', id, 'unit', unit_ref, 'criterion', criterion, 'outcome', outcome, 'supersedes', supersedes, 'needsCountersignature', needs_cs), decided_at, 9, ev_id::text || lpad(pos::text, 4, '0') || coalesce(supersedes::text, '')
         FROM gen_judg
  UNION ALL SELECT pg_temp.centre(), co_assessor, 'assessment.countersign', 'CriterionJudgement', id::text, '{}', cs_at, 10, id::text FROM gen_judg WHERE cs_at IS NOT NULL
  UNION ALL SELECT pg_temp.centre(), so.assessor, 'signoff.sign', 'UnitSignOff', so.id::text,
         jsonb_build_object('candidateId', so.cand, 'specId', so.spec_id, 'unit', so.unit_ref, 'evidence', sn.evidence, 'supersedes', NULL), so.signed_at, 11, so.id::text
         FROM gen_so so JOIN gen_so_snapshot sn ON sn.so_id = so.id
  UNION ALL SELECT pg_temp.centre(), co_assessor, 'assessment.countersign', 'UnitSignOff', id::text, '{}', cs_at, 12, id::text FROM gen_so WHERE cs_at IS NOT NULL
  UNION ALL SELECT pg_temp.centre(), cand, 'signoff.candidate-sign', 'UnitSignOff', id::text, jsonb_build_object('unit', unit_ref), cand_sig_at, 13, id::text FROM gen_so WHERE cand_sig_at IS NOT NULL
  UNION ALL SELECT pg_temp.centre(), iv, 'iv.sample', 'IvSample', id::text,
         jsonb_build_object('candidateId', cand, 'specId', spec_id, 'unitRef', unit_ref, 'stage', stage, 'criteria', to_jsonb(criteria), 'reason', reason), selected_at, 14, id::text FROM gen_sample
  UNION ALL SELECT pg_temp.centre(), iv, 'iv.verdict', 'IvSample', sample_id::text,
         jsonb_build_object('verdictId', id, 'outcome', outcome, 'signOffId', so_id, 'judgements', cardinality(judgement_ids), 'follows', follows_id, 'needsCountersignature', needs_cs), decided_at, 15, id::text FROM gen_verdict
  UNION ALL SELECT pg_temp.centre(), (SELECT id FROM gen_iv_countersigner), 'iv.countersign', 'IvVerdict', id::text,
         jsonb_build_object('countersignatureId', pg_temp.gid('iv-countersignature:' || id)), cs_at, 16, id::text FROM gen_verdict WHERE cs_at IS NOT NULL
  UNION ALL SELECT pg_temp.centre(), assessor, 'iv.response', 'IvSample', sample_id::text, jsonb_build_object('responseId', id), at, 17, id::text FROM gen_response
  UNION ALL SELECT pg_temp.centre(), assessor, 'iv.action-done', 'IvSample', sample_id::text, jsonb_build_object('actionPointId', id), done_at, 18, id::text FROM gen_ivap WHERE done_at IS NOT NULL
  UNION ALL SELECT pg_temp.centre(), iv, 'iv.observation', 'User', assessor::text, jsonb_build_object('observationId', id, 'outcome', outcome), pg_temp.ts(observed_on, 0.8), 19, id::text FROM gen_observation
  UNION ALL SELECT pg_temp.centre(), recorded_by, 'iv.standardisation', 'StandardisationMeeting', id::text,
         jsonb_build_object('people', ${ASSESSORS + IVS}, 'units', to_jsonb(unit_refs), 'evidence', 0), pg_temp.ts(held_on, 0.9), 20, id::text FROM gen_meeting
  UNION ALL SELECT pg_temp.centre(), pg_temp.admin(), 'claim.raise', 'CertificateClaim', id::text,
         jsonb_build_object('kind', kind, 'units', to_jsonb(units), 'packSha256', sha, 'corrects', corrects_id, 'releasedDirectly', false), raised_at, 21, id::text FROM gen_claim
  UNION ALL SELECT pg_temp.centre(), ev, CASE WHEN outcome = 'AUTHORISED' THEN 'claim.authorise' ELSE 'claim.refuse' END, 'CertificateClaim', id::text,
         jsonb_build_object('decisionId', decision_id, 'reasons', reasons), decided_at, 22, id::text FROM gen_claim WHERE outcome IS NOT NULL
  UNION ALL SELECT pg_temp.centre(), assessor, 'review.record', 'User', cand::text,
         jsonb_build_object('reviewId', r.id, 'actions', (SELECT count(*) FROM gen_action a WHERE a.review_id = r.id)), pg_temp.ts(held_on, 0.4 + pg_temp.rnd('review-at:' || r.id) * 0.6), 23, r.id::text FROM gen_review r
  UNION ALL SELECT pg_temp.centre(), cand, 'review.action-done', 'User', cand::text, jsonb_build_object('actionPointId', id), done_at, 24, id::text FROM gen_action WHERE done_at IS NOT NULL
) e;
SET LOCAL enable_seqscan = off;
INSERT INTO "AuditEvent" ("centreId", "actorId", action, "subjectType", "subjectId", detail, at)
SELECT centre, actor, action, subject_type, subject_id, detail, at FROM gen_audit ORDER BY ord;
`;

// ---------------------------------------------------------------------------------------------

async function stage<T>(client: pg.Client, name: string, work: () => Promise<T>): Promise<T> {
  const t = Date.now();
  await client.query("BEGIN");
  try {
    const result = await work();
    await client.query("COMMIT");
    log(`${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** Writes each evidence file into evidence storage under its key, a bounded number at a time. */
async function writeFiles(client: pg.Client) {
  const { rows } = await client.query<{
    file_id: string;
    kind: string;
    storage_key: string;
    sha256: string;
    size: number;
  }>("SELECT file_id::text, kind, storage_key, sha256, size FROM gen_ev ORDER BY n, k");
  const storage = evidenceStorage();
  const staging = await mkdtemp(path.join(tmpdir(), "generate-"));
  let next = 0;
  let done = 0;
  try {
    const worker = async () => {
      for (;;) {
        const row = rows[next++];
        if (!row) return;
        const bytes = fileBytes(row.kind, row.file_id);
        if (bytes.length !== row.size || createHash("sha256").update(bytes).digest("hex") !== row.sha256) {
          throw new Error(`The bytes of file ${row.file_id} do not match the SHA-256 computed in the database.`);
        }
        const source = path.join(staging, row.file_id);
        await writeFile(source, bytes);
        await storage.putFile(row.storage_key, source, bytes.length);
        if (++done % 20_000 === 0) log(`  ${done} of ${rows.length} files written`);
      }
    };
    await Promise.all(Array.from({ length: FILE_CONCURRENCY }, worker));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return rows.length;
}

async function generate(client: pg.Client) {
  const ctx = await client.query<{
    centre: string;
    centre_name: string;
    admin: string;
    admin_name: string;
    assessor: string | null;
    marker: string | null;
    started: boolean;
  }>(
    `SELECT c.id AS centre, c.name AS centre_name, a.id AS admin, a.name AS admin_name,
            (SELECT id FROM "User" WHERE email = 'assessor@northgate.example' AND "centreId" = c.id) AS assessor,
            (SELECT detail::text FROM "AuditEvent" WHERE action = 'dataset.generate' AND "centreId" = c.id AND detail->>'seed' = $2 ORDER BY id DESC LIMIT 1) AS marker,
            EXISTS (SELECT 1 FROM "User" WHERE email IN ($3, $4)) AS started
     FROM "Centre" c LEFT JOIN "User" a ON a."centreId" = c.id AND a.email = 'admin@northgate.example' WHERE c.code = $1`,
    [CENTRE_CODE, String(SEED), `candidate.1@s${SEED}.northgate.example`, `assessor.1@s${SEED}.northgate.example`],
  );
  const row = ctx.rows[0];
  if (!row)
    throw new Error(
      `This database has no centre ${CENTRE_CODE} (the demo centre): run it on an empty database, or one seeded with the demo centre.`,
    );
  if (!row.admin || !row.assessor)
    throw new Error(
      "The demo centre's administrator (admin@northgate.example) or assessor (assessor@northgate.example) is missing.",
    );
  if (row.marker) {
    console.error(
      `This database already has the dataset generated with seed ${SEED} (${row.marker}). Nothing was changed. Use another --seed, or a fresh database (e.g. EMBEDDED_PG_DIR=/tmp/other-pg).`,
    );
    return false;
  }
  if (row.started) {
    console.error(
      `An earlier run with seed ${SEED} stopped part-way: some of its rows are in this database. Nothing was changed. Use a fresh database, or another --seed.`,
    );
    return false;
  }

  const specs = (
    await client.query<SpecRow>(
      `SELECT DISTINCT ON (code) id, code, version, title, "awardingBody", sha256, spec FROM "QualificationSpec"
       WHERE "awardingBody" IN ('City & Guilds', 'OCR') ORDER BY code, "importedAt" DESC, version DESC`,
    )
  ).rows;
  const plan = planTemplates(specs);
  if (plan.specRows.length === 0)
    throw new Error("The catalogue has none of the City & Guilds 3412 or OCR 0344x qualifications.");
  log(`candidates on ${plan.specRows.map((s) => s.code).join(", ")} (${plan.templates.length} unit selections)`);

  await client.query(sessionSql(row.centre, row.admin));
  await client.query(`INSERT INTO gen_spec SELECT * FROM json_populate_recordset(NULL::gen_spec, $1::json)`, [
    JSON.stringify(plan.specRows),
  ]);
  await client.query(`INSERT INTO gen_tmpl SELECT * FROM json_populate_recordset(NULL::gen_tmpl, $1::json)`, [
    JSON.stringify(plan.templates),
  ]);
  await client.query(`INSERT INTO gen_tmpl_crit SELECT * FROM json_populate_recordset(NULL::gen_tmpl_crit, $1::json)`, [
    JSON.stringify(plan.criteria),
  ]);
  await client.query(`INSERT INTO gen_unit SELECT * FROM json_populate_recordset(NULL::gen_unit, $1::json)`, [
    JSON.stringify(plan.units),
  ]);
  for (const t of FILE_TEMPLATES)
    await client.query(`INSERT INTO gen_file_tmpl VALUES ($1, $2, $3, $4, $5)`, [
      t.kind,
      t.bytes,
      t.offset,
      t.mime,
      t.ext,
    ]);
  await client.query(PLAN_SQL);
  log("planned the rows");

  if (WRITE_FILES) log(`wrote ${await writeFiles(client)} evidence files to ${evidenceStorage().kind} storage`);
  else log("--no-files: evidence files not written (the rows name keys with nothing stored under them)");

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await stage(client, "users, competence, assignments, registrations", () => client.query(USERS_SQL(passwordHash)));
  await stage(client, "evidence, files, uploads, mappings", () =>
    client.query(EVIDENCE_SQL(CANDIDATE_EVIDENCE_DECLARATION, ASSESSOR_RECORD_DECLARATION)),
  );
  await stage(client, "judgements, sign-offs, countersignatures", () =>
    client.query(ASSESSMENT_SQL(COUNTERSIGN_DECLARATION, ASSESSOR_UNIT_DECLARATION, CANDIDATE_UNIT_DECLARATION)),
  );
  await stage(client, "IV samples, verdicts, responses, observations, standardisation", () =>
    client.query(IV_SQL(IV_COUNTERSIGN_DECLARATION)),
  );
  await stage(client, "certificate claims and EV decisions", async () => {
    await client.query(CLAIMS_SQL(row.centre_name, CENTRE_CODE, row.admin_name));
    // The packs' hashes were made in SQL: check some against the app's own canonical JSON.
    const { rows: packs } = await client.query<{ id: string; pack: unknown; packSha256: string }>(
      `SELECT c.id, c.pack, c."packSha256" FROM "CertificateClaim" c JOIN gen_claim g ON g.id = c.id ORDER BY c.id LIMIT 50`,
    );
    for (const p of packs) {
      if (createHash("sha256").update(canonicalJson(p.pack)).digest("hex") !== p.packSha256)
        throw new Error(`Claim ${p.id}: the pack's SHA-256 does not match its canonical JSON.`);
    }
  });
  await stage(client, "reviews and action points", () => client.query(REVIEWS_SQL));
  await stage(client, "audit events (hash-chained by the database)", async () => {
    await client.query(AUDIT_SQL);
    await client.query(
      `INSERT INTO "AuditEvent" ("centreId", "actorId", action, "subjectType", "subjectId", detail)
       VALUES ($1, NULL, 'dataset.generate', 'Centre', $2, $3)`,
      [
        row.centre,
        row.centre,
        JSON.stringify({ seed: SEED, candidates: N, asOf: AS_OF, files: WRITE_FILES, by: "scripts/generate.ts" }),
      ],
    );
  });
  await client.query("ANALYZE");
  log("analysed");
  return true;
}

async function main() {
  const database = await resolveDatabase();
  log(database.embedded ? "started the embedded PostgreSQL server" : "using the configured database");
  try {
    const applied = await deployMigrations(database.url);
    if (applied.length) log(`applied migrations: ${applied.join(", ")}`);
    await prepareJobQueue(database.url);
    if (await seedDemo(database.url)) log("seeded the demo centre");
    await withPrisma(database.url, importShippedCatalogue);
    const generated = await withPgClient(database.url, generate);
    if (!generated) return 1;
    const counts = await withPgClient(
      database.url,
      async (client) =>
        (
          await client.query<Record<string, string>>(`
      SELECT (SELECT count(*) FROM "User") AS users, (SELECT count(*) FROM "UserRole" WHERE role = 'CANDIDATE') AS candidates,
             (SELECT count(*) FROM "Evidence") AS evidence, (SELECT count(*) FROM "EvidenceFile") AS files,
             (SELECT count(*) FROM "EvidenceCriterion") AS mappings, (SELECT count(*) FROM "CriterionJudgement") AS judgements,
             (SELECT count(*) FROM "UnitSignOff") AS "sign-offs", (SELECT count(*) FROM "IvSample") AS samples, (SELECT count(*) FROM "IvVerdict") AS verdicts,
             (SELECT count(*) FROM "CertificateClaim") AS claims, (SELECT count(*) FROM "CandidateReview") AS reviews,
             (SELECT count(*) FROM "AuditEvent") AS "audit events"`)
        ).rows[0]!,
    );
    console.log(
      `Generated seed ${SEED}, ${N} candidates, as of ${AS_OF}, in ${elapsed()}: ${Object.entries(counts)
        .map(([k, v]) => `${k} ${Number(v).toLocaleString("en-GB")}`)
        .join(", ")}.`,
    );
    return 0;
  } finally {
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
