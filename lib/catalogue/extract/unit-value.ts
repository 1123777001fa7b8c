/**
 * Reads the unit-value schemes: OCR's centre guide for 03447-03451 (a table of
 * areas of competence with a unit value per level) and the candidate guide
 * with Edexcel's 2006 changes (one level-2 programme).
 */
import type { AreaUnit, Flag, UnitValueQualification, UnitValueSuite } from "../../domain/catalogue/spec";
import { clean } from "./text";

/** Rows of the OCR table: "| CC | Customer care | 10 | 20 | 30 | 40 | 50 |". */
export function readOcrAreas(guide: string): AreaUnit[] {
  const areas: AreaUnit[] = [];
  let restricted = false;
  for (const raw of guide.split("\n")) {
    if (!raw.startsWith("|")) continue;
    const cells = raw
      .split("|")
      .slice(1, -1)
      .map((c) => clean(c));
    if (/Restricted Optional Units/.test(cells[0] ?? "")) restricted = true;
    const ref = cells[0] ?? "";
    if (!/^[A-Z]{1,2}\d{0,2}$/.test(ref) || cells.length < 7) continue;
    const values: Record<string, number> = {};
    cells.slice(2, 7).forEach((v, i) => {
      if (/^\d+$/.test(v)) values[String(i + 1)] = Number(v);
    });
    areas.push({
      ref,
      title: cells[1]!.replace(/\*$/, ""),
      values,
      restricted,
      requiresCentreApproval: false,
      criteriaInSource: false,
      outcomes: [],
      evidenceRequirements: [],
      flags: [],
      ...(cells[1]!.endsWith("*") ? { note: "Sector specific unit (marked * in the source)." } : {}),
    });
  }
  return areas;
}

const OCR_QUALIFICATIONS = [
  {
    code: "03447",
    level: 1,
    title: "OCR Level 1 NVQ in Contact Centre Operations",
    total: 40,
    aaLevel: 1,
    published: 25,
  },
  {
    code: "03448",
    level: 2,
    title: "OCR Level 2 NVQ in Contact Centre Operations",
    total: 100,
    aaLevel: 2,
    published: 60,
  },
  {
    code: "03449",
    level: 3,
    title: "OCR Level 3 NVQ for Contact Centre Professionals",
    total: 180,
    aaLevel: 3,
    published: 110,
  },
  {
    code: "03450",
    level: 4,
    title: "OCR Level 4 NVQ for Contact Centre Professionals",
    total: 280,
    aaLevel: 4,
    published: 170,
  },
  {
    code: "03451",
    level: 5,
    title: "OCR Level 5 NVQ for Contact Centre Professionals",
    total: 350,
    aaLevel: 4,
    published: 210,
  },
];

const AREA_FLAGS: Record<string, Flag[]> = {
  BB: [
    {
      about: "unit values",
      note: 'The table gives Health and Safety (BB) 5 UV at level 1, nothing at level 2 and 30, 40 and 50 at levels 3 to 5, the same as the optional areas. The rule says BB is needed "at least at level 1". Kept as published.',
    },
  ],
  S: [
    {
      about: "letter",
      note: 'OCR calls S "General uses of IT" and T "Use IT software"; the candidate guide gives the same letters the other way round (S "Use IT Software", T "General Uses of IT"). Each is kept as its source has it.',
    },
  ],
  T: [{ about: "letter", note: "See area S: the candidate guide swaps the letters S and T." }],
  W15: [
    {
      about: "title",
      note: 'Edexcel\'s list of management units calls this "Chair and participate in meeting" (singular).',
    },
  ],
};

export function buildOcr(guide: string): UnitValueSuite {
  const units = readOcrAreas(guide).map((a) => ({ ...a, flags: AREA_FLAGS[a.ref] ?? [] }));
  const qualifications: UnitValueQualification[] = OCR_QUALIFICATIONS.map((q) => ({
    code: q.code,
    title: q.title,
    level: q.level,
    accreditationNumber: null,
    // "Assessors must possess the relevant D/A1 units" (What are the important assessment
    // requirements): stricter than C&G's "hold, or be working towards".
    assessment: {
      assessors: {
        rule: "qualified" as const,
        basis:
          "OCR scheme, assessment requirements: assessors must possess the relevant D/A1 units. An assessor working towards them cannot assess these qualifications.",
      },
      verifiers: {
        rule: "qualified" as const,
        basis:
          "OCR scheme, assessment requirements: internal verifiers must possess the relevant D/V1 units. An internal verifier working towards them cannot verify these qualifications.",
      },
    },
    flags:
      q.level === 5
        ? [
            {
              about: "AA at level 4",
              note: "The level 5 qualification takes AA at level 4: the table gives AA no level 5 value.",
            },
          ]
        : [],
    areas: units.map((u) => u.ref),
    rules: {
      totalValue: q.total,
      mandatory: [
        { area: "AA", level: q.aaLevel },
        { area: "BB", minLevel: 1 },
      ],
      oneLevelPerArea: true,
      optionalShareAtLevel: { percent: 60, level: q.level, publishedMinimum: q.published },
      maxRestricted: 2,
    },
  }));
  return {
    format: "nvq-qualification-spec",
    formatVersion: 1,
    awardingBody: "OCR",
    suite: "OCR-CCO",
    title: "OCR NVQs in Contact Centre Operations and for Contact Centre Professionals (03447-03451)",
    version: "2009",
    scheme: "unitValue",
    sources: [
      {
        title: "OCR Levels 1-5 NVQ in Contact Centre Operations / for Contact Centre Professionals centre guide",
        version: "FS 27093",
        published: "2009",
      },
    ],
    flags: [
      {
        about: "60% rule",
        note: 'The guide says at least 60% of the unit value of the optional units must be at the qualification\'s level and that this "equates to" 25, 60, 110, 170 and 210 UV for levels 1 to 5. Those figures are 60% of the whole minimum total (40, 100, 180, 280, 350) rounded up to 5, not 60% of the optional units (which would be 15, 45, 87, 141 and 183 at the minimum totals). The engine applies both: 60% of the optional units chosen and the published figure.',
      },
      {
        about: "Restricted list",
        note: "The table of restricted optional units runs across a page break; the restricted heading is taken to cover every row after it, G to Y15, including the imported learning and development (V), management (W), quality (X) and project management (Y) units.",
      },
      {
        about: "Areas at a level above the qualification",
        note: "The guide does not forbid optional areas at a level above the qualification's; the engine allows them (they do not count towards the 60% at the qualification's level).",
      },
    ],
    units,
    qualifications,
  };
}

/** "- CC - Customer Care (20 uv):" lines of the candidate guide. */
export function readGuideAreas(guide: string): AreaUnit[] {
  const areas: AreaUnit[] = [];
  let restricted = false;
  const lines = guide.split("\n");
  lines.forEach((raw, i) => {
    const line = clean(raw);
    if (line.startsWith("Restricted Units")) restricted = true;
    const m = /^- ([A-Z]{1,2}) - (.*) \((\d+) ?uv\):?$/.exec(line);
    if (!m) return;
    const description = clean(lines[i + 1] ?? "");
    areas.push({
      ref: m[1]!,
      title: m[2]!,
      values: { [m[1] === "BB" ? "1" : "2"]: Number(m[3]) },
      restricted,
      requiresCentreApproval: m[1] === "N",
      criteriaInSource: false,
      outcomes: [],
      evidenceRequirements: [],
      flags: [],
      ...(description ? { aim: description } : {}),
    });
  });
  return areas;
}

const GUIDE_FLAGS: Record<string, Flag[]> = {
  BB: [
    {
      about: "level",
      note: 'The candidate guide gives BB 5 UV without a level; it is held at level 1, where OCR\'s table has 5 UV and which meets the rule "at least at level 1".',
    },
  ],
  S: [{ about: "letter", note: 'The guide calls S "Use IT Software"; OCR\'s table calls S "General uses of IT".' }],
  T: [{ about: "letter", note: 'The guide calls T "General Uses of IT"; OCR\'s table calls T "Use IT software".' }],
  G: [{ about: "title", note: '"Internets and Intranets" as published.' }],
  EE: [{ about: "description", note: 'The description spells "organisation" as "organsiation", as published.' }],
  N: [
    {
      about: "centre approval",
      note: "Edexcel (notes, section 5): centres must apply for approval to offer the specialist or bespoke software unit and cannot offer it until Edexcel confirms it.",
    },
  ],
  AA: [{ about: "unit value", note: "Edexcel raised the value of this area from 1 April 2006 (notes, change 3)." }],
  ZZ: [
    {
      about: "added area",
      note: "Edexcel added Incident Management as an optional area from 1 April 2006 (notes, change 1).",
    },
  ],
  H: [
    {
      about: "general option",
      note: "Edexcel moved E-mail from the restricted to the general options from 1 April 2006 (notes, change 2).",
    },
  ],
};

export function buildEdexcel(candidateGuide: string): UnitValueSuite {
  const units = readGuideAreas(candidateGuide).map((a) => ({ ...a, flags: GUIDE_FLAGS[a.ref] ?? [] }));
  return {
    format: "nvq-qualification-spec",
    formatVersion: 1,
    awardingBody: "Edexcel",
    suite: "EDX-CCO",
    title: "Edexcel Levels 1 and 2 NVQs in Contact Centre Operations (level 2 programme, from the candidate guide)",
    version: "2006",
    scheme: "unitValue",
    sources: [
      { title: "Candidate guide: What is an NVQ? (NVQ in Contact Centre Operations)", version: null, published: null },
      {
        title: "Edexcel changes to standards and guidance notes for centres",
        version: null,
        published: "From 1 April 2006",
      },
    ],
    flags: [
      {
        about: "Source",
        note: "Edexcel's notes give changes only, not a full structure. The level 2 programme is built from the candidate guide, which reflects those changes (Incident Management added, E-mail a general option). The guide gives no 60% rule, so none is applied.",
      },
      {
        about: "Imported units",
        note: "Edexcel values imported units, including sector specific units, by the lowest level at which the originating sector body uses them (e.g. a unit used at levels 3 and 4 is worth 30 UV); the named project management units are 'small' units. The guide lists no imported units, so none are held.",
      },
      {
        about: "Spelling",
        note: 'The candidate guide has typos kept as published: "enrironment", "organsiation".',
      },
    ],
    units,
    qualifications: [
      {
        code: "EDX-CCO-2",
        title: "Edexcel Level 2 NVQ in Contact Centre Operations",
        level: 2,
        accreditationNumber: null,
        flags: [],
        areas: units.map((u) => u.ref),
        rules: {
          totalValue: 100,
          mandatory: [
            { area: "AA", level: 2 },
            { area: "BB", minLevel: 1 },
          ],
          oneLevelPerArea: true,
          optionalShareAtLevel: null,
          maxRestricted: 2,
        },
      },
    ],
  };
}
