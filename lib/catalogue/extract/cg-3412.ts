/**
 * Reads the City & Guilds 3412 handbook (v3.0) and its levels 4-5 imported
 * unit pack (v1.1) into the interchange format. The structure tables give
 * every unit's UAN, level, GLH and credits per qualification; the unit
 * sections give aims, outcomes and criteria. Differences between the two
 * are kept as published and flagged.
 */
import type { CreditQualification, CreditSuite, CreditUnit, Flag, Outcome } from "../../domain/catalogue/spec";
import { clean, splitCriteria } from "./text";

type TableRow = {
  uan: string;
  ref: string;
  title: string;
  level: number;
  glh: number;
  credits: number;
  barred: string | null;
};
type StructureQualification = {
  code: string;
  heading: string;
  qan: string;
  groups: { id: string; name: string; rows: TableRow[] }[];
};

const QUALIFICATION_HEADINGS: Record<string, string> = {
  "Level 1 NVQ Award in Contact Centre Operations": "3412-01",
  "Level 1 NVQ Certificate in Contact Centre Operations": "3412-02",
  "Level 2 NVQ Certificate in Contact Centre Operations": "3412-03",
  "Level 3 NVQ Diploma in Contact Centre Operations": "3412-04",
  "Level 4 NVQ Diploma in Contact Centre Operations": "3412-05",
};

/** The structure section: one table per qualification, split into groups A, B and C. */
export function readStructure(handbook: string): StructureQualification[] {
  const lines = handbook.split("\n");
  const start = lines.findIndex((l) => l.trim() === "Structure");
  const end = lines.findIndex((l, i) => i > start && l.trim() === "Total Qualification Time");
  const result: StructureQualification[] = [];
  let current: StructureQualification | null = null;
  for (const raw of lines.slice(start, end)) {
    const line = clean(raw);
    const heading = /^(.*) \(QAN (.*)\)$/.exec(line);
    if (heading && QUALIFICATION_HEADINGS[heading[1]!]) {
      current = { code: QUALIFICATION_HEADINGS[heading[1]!]!, heading: heading[1]!, qan: heading[2]!, groups: [] };
      result.push(current);
      continue;
    }
    if (!current) continue;
    const group = /^(Mandatory|Optional) Group ([A-C])$/.exec(line);
    if (group) {
      current.groups.push({ id: group[2]!, name: line, rows: [] });
      continue;
    }
    const cells = raw.split("\t").map((c) => c.trim());
    if (/^[A-Z]\/\d{3}\/\d{4}$/.test(cells[0] ?? "")) {
      const [uan, ref, title, level, glh, credits, barred] = cells;
      current.groups.at(-1)!.rows.push({
        uan: uan!,
        ref: ref!,
        title: title!,
        level: Number(level),
        glh: Number(glh),
        credits: Number(credits),
        barred: barred ? barred : null,
      });
    }
  }
  return result;
}

type UnitSection = {
  ref: string;
  marker: string;
  title: string;
  note?: string;
  fields: Record<string, string>;
  outcomes: Outcome[];
  evidenceRequirements: CreditUnit["evidenceRequirements"];
  flags: Flag[];
};

const FIELD_NAMES: Record<string, string> = {
  UAN: "uan",
  Level: "level",
  "Credit value": "credits",
  GLH: "glh",
  "Relationship to NOS": "nos",
  "Assessment requirements specified by a sector or regulatory body": "endorsement",
  Aim: "aim",
};

/** The unit sections of the handbook (units 101-508, 319 and 619). */
export function readHandbookUnits(handbook: string): UnitSection[] {
  const lines = handbook.split("\n");
  const start = lines.findIndex((l) => l.trim() === "Summary of contact centre specific units");
  const end = lines.findIndex((l, i) => i > start && l.startsWith("Appendix 1"));
  const units: UnitSection[] = [];
  let unit: UnitSection | null = null;
  let mode: "head" | "outcome" | "criteria" = "head";
  let expectTitle = false;
  for (const raw of lines.slice(start, end)) {
    const line = clean(raw);
    if (!line) continue;
    const unitStart = /^Unit (\d{3})(\**)(?: (.*))?$/.exec(line);
    if (unitStart) {
      unit = {
        ref: unitStart[1]!,
        marker: unitStart[2]!,
        title: unitStart[3] ?? "",
        fields: {},
        outcomes: [],
        evidenceRequirements: [],
        flags: [],
      };
      units.push(unit);
      mode = "head";
      expectTitle = !unitStart[3];
      continue;
    }
    if (!unit) continue;
    if (expectTitle) {
      unit.title = line;
      expectTitle = false;
      continue;
    }
    if (mode === "head") {
      const field = /^([^:]+):\s*(.*)$/.exec(line);
      if (field && FIELD_NAMES[field[1]!]) {
        unit.fields[FIELD_NAMES[field[1]!]!] = field[2]!;
        continue;
      }
      if (line.startsWith("This unit has")) {
        unit.note = line;
        continue;
      }
    }
    if (line === "Learning outcome The learner will:") {
      mode = "outcome";
      continue;
    }
    if (mode === "outcome") {
      if (line === "Assessment criteria") {
        mode = "criteria";
        continue;
      }
      const outcome = /^(\d+) (.*)$/.exec(line);
      if (outcome && unit.outcomes.every((o) => o.number !== outcome[1])) {
        unit.outcomes.push({ number: outcome[1]!, text: outcome[2]!, criteria: [] });
      } else {
        const last = unit.outcomes.at(-1)!;
        last.text = `${last.text} ${line}`;
      }
      continue;
    }
    if (mode === "criteria") {
      const outcome = unit.outcomes.at(-1)!;
      let rest = line;
      if (rest.startsWith("The learner can:")) rest = rest.slice("The learner can:".length).trim();
      if (!rest) continue;
      const { prefix, criteria } = splitCriteria(rest, outcome.number);
      if (prefix) {
        const last = outcome.criteria.at(-1);
        if (!last) throw new Error(`Unit ${unit.ref}: cannot read criterion line "${line}"`);
        last.text = `${last.text} ${prefix}`;
      }
      outcome.criteria.push(...criteria);
    }
  }
  return units;
}

/** The imported unit pack: units 411-418 and 509-512 with their evidence requirements. */
export function readImportedUnits(pack: string): UnitSection[] {
  const lines = pack.split("\n").map(clean);
  const units: UnitSection[] = [];
  const headerStarts = lines.flatMap((l, i) => (/^Level: \d$/.test(l) ? [i] : []));
  headerStarts.forEach((start, n) => {
    const end =
      n + 1 < headerStarts.length
        ? headerStarts[n + 1]!
        : lines.findIndex((l, i) => i > start && l.startsWith("Appendix 1"));
    const block = lines.slice(start, end).filter((l) => l !== "");
    const field = (name: string) =>
      block
        .find((l) => l.startsWith(`${name}:`))
        ?.slice(name.length + 1)
        .trim() ?? "";
    const paragraphAfter = (heading: string) => {
      const i = block.indexOf(heading);
      return i >= 0 ? block[i + 1] : undefined;
    };
    const criteriaStart = block.indexOf("Learning outcomes and assessment criteria");
    const heading = /^Unit (\d{3}) (.*)$/.exec(block[criteriaStart - 1] ?? "");
    if (!heading) throw new Error(`Imported unit at line ${start}: no "Unit NNN title" heading`);
    const glh = /It is recommended that (\d+) hours/.exec(block.join("\n"));
    const unit: UnitSection = {
      ref: heading[1]!,
      marker: "",
      title: heading[2]!,
      fields: {
        uan: field("UAN"),
        level: field("Level"),
        credits: field("Credit value"),
        glh: glh ? glh[1]! : "",
        aim: paragraphAfter("Unit aim") ?? "",
        nos:
          paragraphAfter("Details of the relationship between the unit and relevant national occupational standards") ??
          "",
        endorsement: paragraphAfter("Support of the unit by a sector or other appropriate body") ?? "",
        assessment: paragraphAfter("Assessment") ?? "",
      },
      outcomes: [],
      evidenceRequirements: [],
      flags: [],
    };
    let mode: "criteria" | "evidence" | "skip" = "criteria";
    for (const line of block.slice(criteriaStart + 1)) {
      const outcome = /^Outcome (\d+): (.*)$/.exec(line);
      if (outcome) {
        unit.outcomes.push({ number: outcome[1]!, text: outcome[2]!, criteria: [] });
        mode = "criteria";
        continue;
      }
      if (line === "Evidence requirements") {
        mode = "evidence";
        continue;
      }
      if (/^Unit \d{3}( |$)/.test(line)) {
        mode = "skip";
        continue;
      }
      if (mode === "skip" || line === "The learner can:") continue;
      if (mode === "criteria") {
        const criterion = /^- (\d+\.\d+) (.*)$/.exec(line);
        const outcomeNow = unit.outcomes.at(-1);
        if (criterion && outcomeNow) {
          outcomeNow.criteria.push({ number: criterion[1]!, text: criterion[2]! });
        } else if (outcomeNow?.criteria.length) {
          const last = outcomeNow.criteria.at(-1)!;
          last.text = `${last.text} ${line}`;
        } else {
          mode = "skip";
        }
        continue;
      }
      const requirement = /^- (\d+) (.*)$/.exec(line);
      const item = /^- ([a-z]) (.*)$/.exec(line);
      if (requirement) {
        unit.evidenceRequirements.push({ number: requirement[1]!, text: requirement[2]!, items: [] });
      } else if (item && unit.evidenceRequirements.length) {
        unit.evidenceRequirements.at(-1)!.items.push({ letter: item[1]!, text: item[2]! });
      } else if (unit.evidenceRequirements.length) {
        const last = unit.evidenceRequirements.at(-1)!;
        last.text = `${last.text} ${line}`;
      }
    }
    units.push(unit);
  });
  return units;
}

const LEVEL_OF = (text: string) => Number(/(\d)/.exec(text)?.[1] ?? NaN);

/** Builds the suite: units from the sections and tables, qualifications from the structure. */
export function buildCg3412(handbook: string, importedPack: string): CreditSuite {
  const structure = readStructure(handbook);
  const sections = [...readHandbookUnits(handbook), ...readImportedUnits(importedPack)];
  const sectionByRef = new Map(sections.map((s) => [s.ref, s]));
  const rowsByRef = new Map<string, TableRow[]>();
  for (const q of structure) {
    for (const g of q.groups) {
      for (const row of g.rows) {
        const ref = row.ref.replace(/\*+$/, "");
        rowsByRef.set(ref, [...(rowsByRef.get(ref) ?? []), row]);
      }
    }
  }
  const allRefs = [...new Set([...sections.map((s) => s.ref), ...rowsByRef.keys()])].sort();
  const units: CreditUnit[] = allRefs.map((ref) => {
    const section = sectionByRef.get(ref);
    const rows = rowsByRef.get(ref) ?? [];
    const flags: Flag[] = [];
    const first = rows[0];
    const uan = section?.fields.uan || first?.uan || "";
    const level = section ? LEVEL_OF(section.fields.level!) : first!.level;
    const credits = section ? Number(section.fields.credits) : first!.credits;
    const glh = section?.fields.glh ? Number(section.fields.glh) : (first?.glh ?? null);
    const title = section?.title || first!.title;
    const differs = (what: string, values: (string | number)[]) => {
      const distinct = [...new Set(values.map(String))];
      if (distinct.length > 1) {
        flags.push({
          about: what,
          note: `The sources give different values: ${distinct.map((v) => `"${v}"`).join(", ")}. The first is used.`,
        });
      }
    };
    differs("title", [title, ...rows.map((r) => r.title)]);
    differs("UAN", [uan, ...rows.map((r) => r.uan)]);
    differs("level", [level, ...rows.map((r) => r.level)]);
    differs("credit value", [credits, ...rows.map((r) => r.credits)]);
    differs("GLH", [...(glh === null ? [] : [glh]), ...rows.map((r) => r.glh)]);
    for (const o of section?.outcomes ?? []) {
      o.criteria.forEach((c) => {
        if (!c.number.startsWith(`${o.number}.`)) {
          flags.push({ about: `criterion ${c.number}`, note: `Numbered ${c.number} under outcome ${o.number}.` });
        }
      });
    }
    const unit: CreditUnit = {
      ref,
      uan,
      title,
      level,
      credits,
      glh,
      ...(section?.note ? { note: section.note } : {}),
      ...(section?.fields.aim ? { aim: section.fields.aim } : {}),
      ...(section?.fields.nos ? { nos: section.fields.nos } : {}),
      ...(section?.fields.endorsement ? { endorsement: section.fields.endorsement } : {}),
      ...(section?.fields.assessment ? { assessment: section.fields.assessment } : {}),
      criteriaInSource: Boolean(section),
      outcomes: section?.outcomes ?? [],
      evidenceRequirements: section?.evidenceRequirements ?? [],
      flags: [...flags, ...(section?.flags ?? [])],
      requiresCentreApproval: false,
    };
    return unit;
  });
  const byUan = new Map<string, string[]>();
  units.forEach((u) => byUan.set(u.uan, [...(byUan.get(u.uan) ?? []), u.ref]));
  for (const unit of units) {
    const sharing = byUan.get(unit.uan)!.filter((r) => r !== unit.ref);
    if (sharing.length) {
      unit.flags.push({
        about: "UAN",
        note: `Unit ${sharing.join(", ")} has the same UAN, ${unit.uan}, in the sources; one of them is wrong but the sources do not say which.`,
      });
    }
  }
  return {
    format: "nvq-qualification-spec",
    formatVersion: 1,
    awardingBody: "City & Guilds",
    suite: "3412",
    title: "NVQ in Contact Centre Operations (3412)",
    version: "3.0",
    scheme: "credit",
    sources: [
      {
        title: "NVQ in Contact Centre Operations (3412) qualification handbook",
        version: "3.0",
        published: "October 2017",
      },
      {
        title: "NVQ in Contact Centre Operations (3412) levels 4 and 5 imported unit pack",
        version: "1.1",
        published: "September 2014",
      },
    ],
    flags: SUITE_FLAGS,
    units,
    qualifications: structure.map((q) => ({ ...qualification(q), ...minimumAge(handbook, q.heading) })),
  };
}

const SUITE_FLAGS: Flag[] = [
  {
    about: "Units 319 and 619",
    note: 'The handbook says learners registered "before 1st July 2017" use unit 319 and those registered "after 1st July 2017" use unit 619, which leaves 1 July 2017 itself unstated. The catalogue treats a registration on 1 July 2017 as after the change (unit 619).',
  },
  {
    about: "Imported units",
    note: "The handbook lists group C units such as 107-117, 208-229, 311-330 and 316/329 only by title, level, GLH and credits; their outcomes and criteria are in other City & Guilds packs not among the sources, so the catalogue holds them marked “criteria not in the source”.",
  },
];

const RULES: Record<
  string,
  {
    total: number;
    atLevel: { level: number; min: number };
    minB: number;
    maxAtLevel?: { level: number; max: number };
    maxFrom?: string[];
    flags?: Flag[];
  }
> = {
  "3412-01": { total: 12, atLevel: { level: 1, min: 7 }, minB: 3 },
  "3412-02": {
    total: 21,
    atLevel: { level: 1, min: 11 },
    minB: 6,
    maxAtLevel: { level: 2, max: 6 },
    maxFrom: ["112", "113", "114"],
  },
  "3412-03": {
    total: 28,
    atLevel: { level: 2, min: 15 },
    minB: 12,
    maxFrom: ["112", "113", "114", "116", "221", "222", "223", "224"],
    flags: [
      {
        about: "Unit 116",
        note: 'The rule "No more than two units may be taken from units 112, 113, 114, 116, 221, 222, 223 and 224" names unit 116, which is not in the Level 2 Certificate\'s unit tables or anywhere else in the handbook. It is kept in the rule as published; it can never be selected.',
      },
    ],
  },
  "3412-04": { total: 42, atLevel: { level: 3, min: 23 }, minB: 21 },
  "3412-05": {
    total: 42,
    atLevel: { level: 3, min: 23 },
    minB: 21,
    flags: [
      {
        about: "Credits at level",
        note: 'The handbook says the Level 4 Diploma needs "at least 23 credits … at level 3", the same words as the Level 3 Diploma. It may be a copying error for level 4, but it is kept as published.',
      },
    ],
  },
};

function qualification(q: StructureQualification): CreditQualification {
  const rules = RULES[q.code]!;
  const groups = q.groups.map((g) => ({
    id: g.id,
    name: g.name,
    units: [...new Set(g.rows.map((r) => r.ref.replace(/\*+$/, "")))],
  }));
  const barred = new Map<string, [string, string]>();
  for (const g of q.groups) {
    for (const row of g.rows) {
      if (!row.barred) continue;
      const pair = [row.ref, row.barred].sort() as [string, string];
      barred.set(pair.join("-"), pair);
    }
  }
  const duplicates = q.groups.flatMap((g) => g.rows.map((r) => r.ref)).filter((r, i, all) => all.indexOf(r) !== i);
  const flags: Flag[] = [...(rules.flags ?? [])];
  if (duplicates.length) {
    flags.push({
      about: "Unit tables",
      note: `Units listed more than once in the structure table: ${duplicates.join(", ")}.`,
    });
  }
  const has319 = groups.some((g) => g.units.includes("319"));
  return {
    code: q.code,
    title: q.heading,
    level: Number(/Level (\d)/.exec(q.heading)![1]),
    accreditationNumber: q.qan,
    flags,
    assessment: assessmentStrategy(q.heading),
    groups,
    rules: {
      totalCredits: rules.total,
      minCreditsAtLevel: [rules.atLevel],
      mandatoryGroups: ["A"],
      minCreditsFromGroup: [{ group: "B", min: rules.minB }],
      maxCreditsAtLevel: rules.maxAtLevel ? [{ ...rules.maxAtLevel, groups: ["B", "C"] }] : [],
      maxUnitsFrom: rules.maxFrom ? [{ units: rules.maxFrom, max: 2 }] : [],
      barredPairs: [...barred.values()],
      replacements: has319 ? [{ unit: "319", replacedBy: "619", from: "2017-07-01" }] : [],
    },
  };
}

/**
 * Section 4, "Assessment strategy" (from the Cfa): "Only the Level 1 NVQ Award in Contact Centres
 * can be simulated", in a realistic working environment; "Assessment of all Levels of NVQ
 * Certificates and Diplomas 1 – 4 must be based on candidate performance at work." Section 2:
 * staff "should hold, or be working towards, the relevant Assessor/Verifier (A/V) units".
 */
/**
 * Section 2, "Candidate entry requirements": "For the level 3 Diploma City & Guilds cannot accept
 * any registrations for candidates under 16 as this qualification is not approved for under 16s"
 * (and 18 for the level 4 Diploma). Read from those sentences, so the age and its words travel
 * together.
 */
function minimumAge(handbook: string, heading: string): { minimumAge?: { years: number; basis: string } } {
  const level = /Level (\d) (?:NVQ )?Diploma/.exec(heading)?.[1];
  if (!level) return {};
  const sentence = new RegExp(
    `For the level ${level} Diploma City & Guilds cannot accept any registrations for candidates under (\\d+)[^.]*\\.`,
  ).exec(handbook);
  if (!sentence) return {};
  return { minimumAge: { years: Number(sentence[1]), basis: `C&G 3412 handbook, section 2: "${sentence[0].trim()}"` } };
}

function assessmentStrategy(heading: string) {
  const assessors = {
    rule: "qualified-or-working-towards" as const,
    basis:
      "C&G 3412 handbook, section 2: centre staff should hold, or be working towards, the relevant Assessor/Verifier (A/V) units for their role.",
  };
  const verifiers = { ...assessors };
  return /Level 1 NVQ Award/.test(heading)
    ? {
        simulation: {
          rule: "realistic-working-environment" as const,
          basis:
            "C&G 3412 handbook, section 4 (Cfa assessment strategy): only the Level 1 NVQ Award can be simulated, and a simulated unit or part of a unit must be undertaken in a realistic working environment (RWE).",
        },
        assessors,
        verifiers,
      }
    : {
        simulation: {
          rule: "not-allowed" as const,
          basis:
            "C&G 3412 handbook, section 4 (Cfa assessment strategy): assessment of all Levels of NVQ Certificates and Diplomas 1 – 4 must be based on candidate performance at work; only the Level 1 NVQ Award can be simulated.",
        },
        assessors,
        verifiers,
      };
}
