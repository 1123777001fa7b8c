/**
 * A unit's content: what a candidate must evidence, in the two shapes the seeds describe. Pure.
 *
 * - **QCF** (the C&G 3412 handbook): learning outcomes, each with assessment criteria ("1.1").
 * - **NOS-based NVQ** (the OCR units are "based on the national occupational standards"): elements
 *   with performance criteria ("1.1") and range ("R1.1"), knowledge and understanding ("K1") and
 *   evidence requirements ("E1"). The OCR scheme: "evidence is available for all performance,
 *   knowledge and evidence requirements before they can decide that a candidate has completed a
 *   unit". The scheme does not itemise them; judging each one (range items too) like a criterion is
 *   the product's reading, so a sign-off shows what covered each.
 *
 * Every requirement has a number unique in its unit: the key that mapping, judgements, sign-offs,
 * samples and claims already use (unit ref, criterion number). Content is held per level: an area
 * of competence offered at several levels (OCR's "AA" at levels 1 to 4) has different standards at
 * each, and a selection ("AA@2") says which applies.
 */
import { z } from "zod";
import { displayTextProblem } from "../text";

/** Words a candidate, assessor and verifier read: no hidden direction or control characters. */
const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .superRefine((value, ctx) => {
      const problem = displayTextProblem(value, { multiline: true });
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/** The longest text of one requirement, outcome or element. */
export const REQUIREMENT_TEXT_MAX = 2000;

const item = (pattern: RegExp, example: string) =>
  z
    .object({
      number: z.string().regex(pattern, `A number here looks like ${example}`),
      text: text(REQUIREMENT_TEXT_MAX),
    })
    .strict();

export const CRITERION_NUMBER = /^\d{1,2}\.\d{1,2}$/;
export const RANGE_NUMBER = /^R\d{1,2}\.\d{1,2}$/;
export const KNOWLEDGE_NUMBER = /^K\d{1,3}$/;
export const EVIDENCE_NUMBER = /^E\d{1,3}$/;
export const HEADING_NUMBER = /^\d{1,2}$/;
/** Any requirement's number: a criterion (1.2), range (R1.2), knowledge (K3) or evidence (E2). */
export const REQUIREMENT_NUMBER = /^(?:R?\d{1,2}\.\d{1,2}|[KE]\d{1,3})$/;
/** "unit:requirement" as forms send them, e.g. "208:1.2" or "AA:K3". */
export const REQUIREMENT_KEY = /^[A-Z0-9]{1,8}:(?:R?\d{1,2}\.\d{1,2}|[KE]\d{1,3})$/;

export const qcfContentSchema = z
  .object({
    shape: z.literal("qcf"),
    outcomes: z
      .array(
        z
          .object({
            number: z.string().regex(HEADING_NUMBER, "An outcome number is a whole number"),
            text: text(REQUIREMENT_TEXT_MAX),
            criteria: z.array(item(CRITERION_NUMBER, "1.2")).min(1).max(60),
          })
          .strict(),
      )
      .min(1)
      .max(30),
  })
  .strict();

export const nosContentSchema = z
  .object({
    shape: z.literal("nos"),
    elements: z
      .array(
        z
          .object({
            number: z.string().regex(HEADING_NUMBER, "An element number is a whole number"),
            text: text(REQUIREMENT_TEXT_MAX),
            criteria: z.array(item(CRITERION_NUMBER, "1.2")).min(1).max(60),
            range: z.array(item(RANGE_NUMBER, "R1.2")).max(60).default([]),
          })
          .strict(),
      )
      .min(1)
      .max(30),
    knowledge: z.array(item(KNOWLEDGE_NUMBER, "K3")).max(200).default([]),
    evidence: z.array(item(EVIDENCE_NUMBER, "E2")).max(60).default([]),
  })
  .strict();

export const unitContentSchema = z.discriminatedUnion("shape", [qcfContentSchema, nosContentSchema]);
export type UnitContent = z.infer<typeof unitContentSchema>;
export type QcfContent = z.infer<typeof qcfContentSchema>;
export type NosContent = z.infer<typeof nosContentSchema>;
export type UnitShape = UnitContent["shape"];

export const SHAPE_LABEL: Record<UnitShape, string> = {
  qcf: "QCF unit: learning outcomes and assessment criteria",
  nos: "NVQ unit (national occupational standards): elements, performance criteria, range, knowledge and evidence requirements",
};

export type RequirementKind = "criterion" | "performance" | "range" | "knowledge" | "evidence";

export const KIND_LABEL: Record<RequirementKind, string> = {
  criterion: "Assessment criterion",
  performance: "Performance criterion",
  range: "Range",
  knowledge: "Knowledge and understanding",
  evidence: "Evidence requirement",
};

export type Requirement = { number: string; text: string; kind: RequirementKind };

/** How a requirement is named in a sentence: "criterion 1.2", "range R1.2", "knowledge K3". */
export function requirementName(r: { number: string; kind?: RequirementKind }): string {
  if (r.kind === "range" || r.number.startsWith("R")) return `range ${r.number}`;
  if (r.kind === "knowledge" || r.number.startsWith("K")) return `knowledge ${r.number}`;
  if (r.kind === "evidence" || r.number.startsWith("E")) return `evidence requirement ${r.number}`;
  return `criterion ${r.number}`;
}

/** A heading and the requirements under it, in the order a candidate reads them. */
export type RequirementGroup = {
  key: string;
  /** "Learning outcome 1", "Element 2", "Knowledge and understanding", "Evidence requirements". */
  label: string;
  /** As the portfolio and its forms head it: "Outcome 1" (as before), "Element 2", "Knowledge and understanding". */
  short: string;
  /** The outcome's or element's own words; empty for the knowledge and evidence lists. */
  text: string;
  requirements: Requirement[];
};

/** What the status says wherever a unit has nothing to assess against. */
export const NOT_ASSESSABLE = "Not yet assessable: the awarding body has not published its criteria.";

type UnitLike = {
  ref: string;
  level?: number;
  values?: Record<string, number>;
  outcomes: { number: string; text: string; criteria: { number: string; text: string }[] }[];
  content?: Record<string, UnitContent>;
};

/**
 * The level a unit is taken at: a credit unit's own level, or an area's level in the selection
 * ("AA@2"). Null when the selection does not name the area.
 */
export function levelOf(unit: UnitLike, selection: readonly string[] | null): number | null {
  if (typeof unit.level === "number") return unit.level;
  if (!selection) return null;
  for (const entry of selection) {
    const [ref, level] = entry.trim().toUpperCase().split("@");
    if (ref === unit.ref && level && /^[1-8]$/.test(level)) return Number(level);
  }
  return null;
}

/** The levels content can be published at: a credit unit's level, or each level an area is offered at. */
export function contentLevels(unit: UnitLike): number[] {
  if (typeof unit.level === "number") return [unit.level];
  return Object.keys(unit.values ?? {})
    .map(Number)
    .sort((a, b) => a - b);
}

/**
 * The unit's content at a level: published content, or the outcomes the handbook printed (credit
 * units shipped with the catalogue). Null when there is none: the unit is not yet assessable.
 */
export function contentAt(unit: UnitLike, level: number | null): UnitContent | null {
  if (level === null) return null;
  const published = unit.content?.[String(level)];
  if (published) return published;
  if (typeof unit.level === "number" && unit.level === level && unit.outcomes.length > 0) {
    return { shape: "qcf", outcomes: unit.outcomes };
  }
  return null;
}

/** The content a candidate with this selection is assessed against. */
export function contentFor(unit: UnitLike, selection: readonly string[] | null): UnitContent | null {
  return contentAt(unit, levelOf(unit, selection));
}

export function groupsOf(content: UnitContent | null): RequirementGroup[] {
  if (!content) return [];
  if (content.shape === "qcf") {
    return content.outcomes.map((o) => ({
      key: `outcome-${o.number}`,
      label: `Learning outcome ${o.number}`,
      short: `Outcome ${o.number}`,
      text: o.text,
      requirements: o.criteria.map((c) => ({ ...c, kind: "criterion" as const })),
    }));
  }
  const groups: RequirementGroup[] = content.elements.map((e) => ({
    key: `element-${e.number}`,
    label: `Element ${e.number}`,
    short: `Element ${e.number}`,
    text: e.text,
    requirements: [
      ...e.criteria.map((c) => ({ ...c, kind: "performance" as const })),
      ...(e.range ?? []).map((c) => ({ ...c, kind: "range" as const })),
    ],
  }));
  if (content.knowledge.length > 0) {
    groups.push({
      key: "knowledge",
      label: "Knowledge and understanding",
      short: "Knowledge and understanding",
      text: "",
      requirements: content.knowledge.map((k) => ({ ...k, kind: "knowledge" as const })),
    });
  }
  if (content.evidence.length > 0) {
    groups.push({
      key: "evidence",
      label: "Evidence requirements",
      short: "Evidence requirements",
      text: "",
      requirements: content.evidence.map((k) => ({ ...k, kind: "evidence" as const })),
    });
  }
  return groups;
}

/** Every requirement of the unit for this selection, in reading order. */
export function requirementsFor(unit: UnitLike, selection: readonly string[] | null): Requirement[] {
  return groupsOf(contentFor(unit, selection)).flatMap((g) => g.requirements);
}

/** The group headings and requirements for this selection. */
export function requirementGroupsFor(unit: UnitLike, selection: readonly string[] | null): RequirementGroup[] {
  return groupsOf(contentFor(unit, selection));
}

/** Is there anything to assess the unit against at any level it is offered at? */
export function hasAnyContent(unit: UnitLike): boolean {
  return contentLevels(unit).some((l) => contentAt(unit, l) !== null);
}

/** Every requirement's text by number: what a decision on it judged. */
export function requirementTexts(content: UnitContent | null): Map<string, Requirement> {
  return new Map(groupsOf(content).flatMap((g) => g.requirements.map((r) => [r.number, r])));
}

/** Does the content have the same requirements with the same words (the order and headings aside)? */
export function sameContent(a: UnitContent | null, b: UnitContent | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * What is wrong with content a schema cannot see: a number used twice in the unit, or a criterion
 * filed under the wrong heading (criterion 2.1 belongs to outcome or element 2, range R2.1 too).
 */
export function contentProblems(content: UnitContent): string[] {
  const problems: string[] = [];
  const headings: { number: string; items: { number: string }[] }[] =
    content.shape === "qcf"
      ? content.outcomes.map((o) => ({ number: o.number, items: o.criteria }))
      : content.elements.map((e) => ({ number: e.number, items: [...e.criteria, ...e.range] }));
  const noun = content.shape === "qcf" ? "outcome" : "element";
  const headingSeen = new Set<string>();
  for (const h of headings) {
    if (headingSeen.has(h.number)) problems.push(`${noun} ${h.number} is listed twice`);
    headingSeen.add(h.number);
    const items = h.items;
    for (const r of items) {
      const owner = r.number.replace(/^R/, "").split(".")[0];
      if (owner !== h.number)
        problems.push(`${r.number} is filed under ${noun} ${h.number}: it belongs to ${noun} ${owner}`);
    }
  }
  const seen = new Set<string>();
  for (const r of groupsOf(content).flatMap((g) => g.requirements)) {
    if (seen.has(r.number)) problems.push(`${r.number} is listed twice`);
    seen.add(r.number);
  }
  return problems;
}
