import { z } from "zod";
import { contentFor, contentLevels, contentProblems, unitContentSchema, type UnitContent } from "./content";

/**
 * The interchange format for qualification specifications (docs/catalogue-format.md).
 *
 * A file holds one *suite*: the units of one awarding body's handbook and the
 * qualifications built from them, each with its rules of combination. Two
 * schemes exist because the sources use two: credits (City & Guilds 3412,
 * QCF) and unit values by area of competence (OCR 03447-03451, Edexcel).
 */

export const SPEC_FORMAT = "nvq-qualification-spec";
export const SPEC_FORMAT_VERSION = 1;

const text = (max: number) => z.string().trim().min(1).max(max);
const unitRef = z
  .string()
  .regex(/^[A-Z0-9]{1,8}$/, "A unit reference is 1 to 8 capital letters or digits, e.g. 101 or AA");
const level = z.number().int().min(1).max(8);
const isoDate = z.iso.date();

/** Something in a source that is odd or wrong, kept as published and flagged. */
export const flagSchema = z
  .object({
    about: text(200),
    note: text(2000),
  })
  .strict();

export const criterionSchema = z
  .object({
    number: z.string().regex(/^\d+\.\d+$/, "A criterion number looks like 1.2"),
    text: text(2000),
  })
  .strict();

export const outcomeSchema = z
  .object({
    number: z.string().regex(/^\d+$/, "An outcome number is a whole number"),
    text: text(1000),
    criteria: z.array(criterionSchema).min(1).max(60),
  })
  .strict();

export const evidenceRequirementSchema = z
  .object({
    number: z.string().regex(/^\d+$/),
    text: text(2000),
    items: z.array(z.object({ letter: z.string().regex(/^[a-z]$/), text: text(1000) }).strict()).max(30),
  })
  .strict();

const unitCommon = {
  ref: unitRef,
  title: text(300),
  /** Published notes about the unit (e.g. "This unit has been replaced by unit 619..."). */
  note: text(2000).optional(),
  aim: text(4000).optional(),
  nos: text(1000).optional(),
  endorsement: text(1000).optional(),
  assessment: text(2000).optional(),
  /** False when the sources name the unit but do not give its outcomes and criteria. */
  criteriaInSource: z.boolean(),
  outcomes: z.array(outcomeSchema).max(30),
  evidenceRequirements: z.array(evidenceRequirementSchema).max(40).default([]),
  flags: z.array(flagSchema).max(30).default([]),
  /**
   * Content the awarding body published in the product (docs/catalogue-format.md), by level: a QCF
   * unit's outcomes and criteria, or a NOS unit's elements, performance criteria, range, knowledge
   * and evidence requirements. Absent: the unit's `outcomes` (if any) are its content.
   */
  content: z.record(z.string().regex(/^[1-8]$/, "Levels are 1 to 8"), unitContentSchema).optional(),
};

export const creditUnitSchema = z
  .object({
    ...unitCommon,
    uan: z.string().regex(/^[A-Z]\/\d{3}\/\d{4}$/, "A unit accreditation number looks like D/503/0352"),
    level,
    credits: z.number().int().min(1).max(100),
    glh: z.number().int().min(0).max(2000).nullable(),
    /** Only where the unit may be offered by the centre only with the awarding body's approval. */
    requiresCentreApproval: z.boolean().default(false),
  })
  .strict();

export const areaUnitSchema = z
  .object({
    ...unitCommon,
    /** Unit value at each level the area is offered at, e.g. { "1": 10, "2": 20 }. */
    values: z
      .record(z.string().regex(/^[1-8]$/, "Levels are 1 to 8"), z.number().int().min(1).max(200))
      .refine((v) => Object.keys(v).length > 0, "An area needs a unit value at one level at least"),
    restricted: z.boolean(),
    requiresCentreApproval: z.boolean().default(false),
  })
  .strict();

/**
 * The awarding body's assessment strategy, where its handbook sets one. Each rule carries the
 * words it comes from (`basis`), quoted in the reason given when something is refused.
 * - `simulation`: "not-allowed" (assessment must be based on the candidate's performance at work)
 *   or "realistic-working-environment" (allowed, in a realistic working environment, recorded).
 *   Absent: not allowed; NVQs assess performance at work.
 * - `assessors`: "qualified" (assessors must hold the assessor units) or
 *   "qualified-or-working-towards" (those working towards them decide subject to a qualified
 *   assessor's countersignature). Absent: qualified or working towards.
 * - `verifiers`: the same for internal verifiers and the verifier units (V1/D34 or TAQA IQA):
 *   "qualified-or-working-towards" verdicts of an IV working towards them count once a qualified
 *   IV countersigns them. Absent: qualified or working towards.
 */
export const assessmentStrategySchema = z
  .object({
    simulation: z
      .object({ rule: z.enum(["not-allowed", "realistic-working-environment"]), basis: text(1000) })
      .strict()
      .optional(),
    assessors: z
      .object({ rule: z.enum(["qualified", "qualified-or-working-towards"]), basis: text(1000) })
      .strict()
      .optional(),
    verifiers: z
      .object({ rule: z.enum(["qualified", "qualified-or-working-towards"]), basis: text(1000) })
      .strict()
      .optional(),
  })
  .strict();

const qualificationCommon = {
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,30}$/, "A qualification code is letters, digits and dashes"),
  title: text(300),
  level,
  accreditationNumber: z.string().max(40).nullable(),
  flags: z.array(flagSchema).max(30).default([]),
  assessment: assessmentStrategySchema.optional(),
  /** The awarding body accepts no registration of a candidate younger than this on the registration date; `basis` quotes the rule. */
  minimumAge: z
    .object({ years: z.number().int().min(1).max(99), basis: text(1000) })
    .strict()
    .optional(),
};

export const groupSchema = z
  .object({
    id: z.string().regex(/^[A-Z]$/),
    name: text(100),
    units: z.array(unitRef).min(1).max(200),
  })
  .strict();

export const creditRulesSchema = z
  .object({
    totalCredits: z.number().int().min(1),
    minCreditsAtLevel: z.array(z.object({ level, min: z.number().int().min(1) }).strict()).default([]),
    mandatoryGroups: z.array(z.string().regex(/^[A-Z]$/)).default([]),
    minCreditsFromGroup: z.array(z.object({ group: z.string(), min: z.number().int().min(1) }).strict()).default([]),
    /** "with a maximum of 6 credits at level 2" (counted over the named groups). */
    maxCreditsAtLevel: z
      .array(z.object({ level, max: z.number().int().min(0), groups: z.array(z.string()).min(1) }).strict())
      .default([]),
    /** "No more than two units may be taken from units 112, 113 and 114". */
    maxUnitsFrom: z
      .array(z.object({ units: z.array(unitRef).min(2), max: z.number().int().min(1) }).strict())
      .default([]),
    barredPairs: z.array(z.tuple([unitRef, unitRef])).default([]),
    /** A unit replaced by another for candidates registered on or after a date. */
    replacements: z.array(z.object({ unit: unitRef, replacedBy: unitRef, from: isoDate }).strict()).default([]),
  })
  .strict();

export const creditQualificationSchema = z
  .object({ ...qualificationCommon, groups: z.array(groupSchema).min(1).max(10), rules: creditRulesSchema })
  .strict();

export const unitValueRulesSchema = z
  .object({
    totalValue: z.number().int().min(1),
    mandatory: z
      .array(
        z
          .object({
            area: unitRef,
            /** Exactly this level… */
            level: level.optional(),
            /** …or at least this level. */
            minLevel: level.optional(),
          })
          .strict(),
      )
      .default([]),
    oneLevelPerArea: z.boolean(),
    /** "At least 60% of the unit value of the optional units must be achieved at the level of the qualification." */
    optionalShareAtLevel: z
      .object({
        percent: z.number().int().min(1).max(100),
        level,
        /** The figure the source says this "equates to", when it gives one. */
        publishedMinimum: z.number().int().min(0).nullable(),
      })
      .strict()
      .nullable(),
    maxRestricted: z.number().int().min(0).nullable(),
  })
  .strict();

export const unitValueQualificationSchema = z
  .object({ ...qualificationCommon, areas: z.array(unitRef).min(1).max(200), rules: unitValueRulesSchema })
  .strict();

const sourceSchema = z
  .object({ title: text(300), version: z.string().max(40).nullable(), published: z.string().max(40).nullable() })
  .strict();

const suiteCommon = {
  format: z.literal(SPEC_FORMAT),
  formatVersion: z.literal(SPEC_FORMAT_VERSION),
  awardingBody: text(100),
  suite: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{1,30}$/),
  title: text(300),
  /** The specification's version; candidates stay on the version they were registered on. */
  version: z.string().regex(/^[0-9A-Za-z.-]{1,20}$/, "A version is like 3.0 or 2009-1"),
  sources: z.array(sourceSchema).min(1).max(10),
  flags: z.array(flagSchema).max(50).default([]),
};

export const creditSuiteSchema = z
  .object({
    ...suiteCommon,
    scheme: z.literal("credit"),
    units: z.array(creditUnitSchema).min(1).max(500),
    qualifications: z.array(creditQualificationSchema).min(1).max(20),
  })
  .strict();

export const unitValueSuiteSchema = z
  .object({
    ...suiteCommon,
    scheme: z.literal("unitValue"),
    units: z.array(areaUnitSchema).min(1).max(500),
    qualifications: z.array(unitValueQualificationSchema).min(1).max(20),
  })
  .strict();

export const suiteShape = z.discriminatedUnion("scheme", [creditSuiteSchema, unitValueSuiteSchema]);

/** Cross-references a shape check cannot see: every unit named exists, numbers are unique. */
export const suiteSchema = suiteShape.superRefine((suite, ctx) => {
  const refs = new Map<string, number>();
  suite.units.forEach((unit, i) => {
    if (refs.has(unit.ref)) {
      ctx.addIssue({ code: "custom", path: ["units", i, "ref"], message: `Unit ${unit.ref} is listed twice` });
    }
    refs.set(unit.ref, i);
    const outcomeNumbers = new Set<string>();
    const criterionNumbers = new Set<string>();
    unit.outcomes.forEach((outcome, j) => {
      if (outcomeNumbers.has(outcome.number)) {
        ctx.addIssue({
          code: "custom",
          path: ["units", i, "outcomes", j, "number"],
          message: `Unit ${unit.ref} has outcome ${outcome.number} twice`,
        });
      }
      outcomeNumbers.add(outcome.number);
      outcome.criteria.forEach((criterion, k) => {
        if (criterionNumbers.has(criterion.number)) {
          ctx.addIssue({
            code: "custom",
            path: ["units", i, "outcomes", j, "criteria", k, "number"],
            message: `Unit ${unit.ref} has criterion ${criterion.number} twice`,
          });
        }
        criterionNumbers.add(criterion.number);
      });
    });
    if (unit.content) {
      const levels = contentLevels(unit).map(String);
      for (const [level, content] of Object.entries(unit.content)) {
        if (!levels.includes(level)) {
          ctx.addIssue({
            code: "custom",
            path: ["units", i, "content", level],
            message: `Unit ${unit.ref} is not offered at level ${level}`,
          });
        }
        for (const message of contentProblems(content)) {
          ctx.addIssue({
            code: "custom",
            path: ["units", i, "content", level],
            message: `Unit ${unit.ref}: ${message}`,
          });
        }
      }
    }
    if (unit.criteriaInSource && unit.outcomes.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["units", i, "outcomes"],
        message: `Unit ${unit.ref} says its criteria are in the source but lists no outcomes`,
      });
    }
  });
  const known = (ref: string, path: (string | number)[]) => {
    if (!refs.has(ref)) ctx.addIssue({ code: "custom", path, message: `Unit ${ref} is not in this file's units` });
  };
  const codes = new Set<string>();
  suite.qualifications.forEach((q, qi) => {
    if (codes.has(q.code)) {
      ctx.addIssue({
        code: "custom",
        path: ["qualifications", qi, "code"],
        message: `Qualification ${q.code} is listed twice`,
      });
    }
    codes.add(q.code);
    const base: (string | number)[] = ["qualifications", qi];
    if ("groups" in q) {
      const groupIds = new Set(q.groups.map((g) => g.id));
      q.groups.forEach((g, gi) => g.units.forEach((r, ui) => known(r, [...base, "groups", gi, "units", ui])));
      const knownGroup = (id: string, path: (string | number)[]) => {
        if (!groupIds.has(id))
          ctx.addIssue({ code: "custom", path, message: `Group ${id} is not defined in ${q.code}` });
      };
      q.rules.mandatoryGroups.forEach((g, i) => knownGroup(g, [...base, "rules", "mandatoryGroups", i]));
      q.rules.minCreditsFromGroup.forEach((r, i) =>
        knownGroup(r.group, [...base, "rules", "minCreditsFromGroup", i, "group"]),
      );
      q.rules.maxCreditsAtLevel.forEach((r, i) =>
        r.groups.forEach((g, j) => knownGroup(g, [...base, "rules", "maxCreditsAtLevel", i, "groups", j])),
      );
      // maxUnitsFrom may name units the file does not hold: the 3412 handbook's list names unit 116,
      // which exists nowhere else in it. Such a unit can never be selected, so the rule stays safe.
      q.rules.barredPairs.forEach((pair, i) =>
        pair.forEach((u, j) => known(u, [...base, "rules", "barredPairs", i, j])),
      );
      q.rules.replacements.forEach((r, i) => {
        known(r.unit, [...base, "rules", "replacements", i, "unit"]);
        known(r.replacedBy, [...base, "rules", "replacements", i, "replacedBy"]);
      });
    } else {
      q.areas.forEach((r, i) => known(r, [...base, "areas", i]));
      q.rules.mandatory.forEach((m, i) => {
        known(m.area, [...base, "rules", "mandatory", i, "area"]);
        if ((m.level === undefined) === (m.minLevel === undefined)) {
          ctx.addIssue({
            code: "custom",
            path: [...base, "rules", "mandatory", i],
            message: "A mandatory area needs exactly one of level or minLevel",
          });
        }
      });
    }
  });
});

export type Suite = z.infer<typeof suiteShape>;
export type CreditSuite = z.infer<typeof creditSuiteSchema>;
export type UnitValueSuite = z.infer<typeof unitValueSuiteSchema>;
export type CreditUnit = z.infer<typeof creditUnitSchema>;
export type AreaUnit = z.infer<typeof areaUnitSchema>;
export type CreditQualification = z.infer<typeof creditQualificationSchema>;
export type UnitValueQualification = z.infer<typeof unitValueQualificationSchema>;
export type Outcome = z.infer<typeof outcomeSchema>;
export type Flag = z.infer<typeof flagSchema>;
export type SuiteInput = z.input<typeof suiteShape>;

/** One qualification with only the units it uses: what is stored per version and exported. */
export function projectSuite(suite: Suite, code: string): Suite | null {
  if (suite.scheme === "credit") {
    const q = suite.qualifications.find((x) => x.code === code);
    if (!q) return null;
    const used = new Set(q.groups.flatMap((g) => g.units));
    return { ...suite, units: suite.units.filter((u) => used.has(u.ref)), qualifications: [q] };
  }
  const q = suite.qualifications.find((x) => x.code === code);
  if (!q) return null;
  const used = new Set(q.areas);
  return { ...suite, units: suite.units.filter((u) => used.has(u.ref)), qualifications: [q] };
}

/** The content of a unit of this version as a candidate with this selection is assessed against it. */
export function contentOf(suite: Suite, unitRef: string, selection: readonly string[]): UnitContent | null {
  const unit = (suite.units as (CreditUnit | AreaUnit)[]).find((u) => u.ref === unitRef);
  return unit ? contentFor(unit, selection) : null;
}
