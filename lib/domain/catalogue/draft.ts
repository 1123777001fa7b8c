/**
 * A unit's content while the awarding body writes it: headings (outcomes or elements) with their
 * criteria and range, knowledge and evidence requirements, as plain texts in order. Numbers follow
 * from the order (outcome 2's third criterion is 2.3, the first knowledge item K1), so adding,
 * moving and removing never leaves a gap or a clash. Pure.
 */
import { z } from "zod";
import {
  REQUIREMENT_TEXT_MAX,
  contentProblems,
  groupsOf,
  unitContentSchema,
  type UnitContent,
  type UnitShape,
} from "./content";

export const DRAFT_LIMITS = { headings: 30, criteria: 60, range: 60, knowledge: 200, evidence: 60 } as const;

const draftText = z.string().max(REQUIREMENT_TEXT_MAX, `A text is at most ${REQUIREMENT_TEXT_MAX} characters.`);

export const draftSchema = z
  .object({
    shape: z.enum(["qcf", "nos"]),
    headings: z
      .array(
        z
          .object({
            text: draftText,
            criteria: z.array(draftText).max(DRAFT_LIMITS.criteria),
            range: z.array(draftText).max(DRAFT_LIMITS.range),
          })
          .strict(),
      )
      .max(DRAFT_LIMITS.headings),
    knowledge: z.array(draftText).max(DRAFT_LIMITS.knowledge),
    evidence: z.array(draftText).max(DRAFT_LIMITS.evidence),
  })
  .strict();
export type Draft = z.infer<typeof draftSchema>;

export function emptyDraft(shape: UnitShape): Draft {
  return { shape, headings: [{ text: "", criteria: [""], range: [] }], knowledge: [], evidence: [] };
}

/** Published content as a draft to change. */
export function draftFromContent(content: UnitContent): Draft {
  if (content.shape === "qcf") {
    return {
      shape: "qcf",
      headings: content.outcomes.map((o) => ({ text: o.text, criteria: o.criteria.map((c) => c.text), range: [] })),
      knowledge: [],
      evidence: [],
    };
  }
  return {
    shape: "nos",
    headings: content.elements.map((e) => ({
      text: e.text,
      criteria: e.criteria.map((c) => c.text),
      range: e.range.map((c) => c.text),
    })),
    knowledge: content.knowledge.map((k) => k.text),
    evidence: content.evidence.map((k) => k.text),
  };
}

const nounOf = (shape: UnitShape) => (shape === "qcf" ? "Learning outcome" : "Element");

/** The draft as content to publish, or what stops it, in words a person can act on. */
export function contentFromDraft(draft: Draft): { ok: true; content: UnitContent } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  const noun = nounOf(draft.shape);
  if (draft.headings.length === 0) problems.push(`Add a ${noun.toLowerCase()}: the unit has none.`);
  draft.headings.forEach((h, i) => {
    const n = i + 1;
    if (!h.text.trim()) problems.push(`${noun} ${n} has no text.`);
    if (h.criteria.length === 0) problems.push(`${noun} ${n} has no criteria.`);
    h.criteria.forEach((c, j) => {
      if (!c.trim()) problems.push(`${noun} ${n}, criterion ${n}.${j + 1} has no text.`);
    });
    if (draft.shape === "qcf" && h.range.some((r) => r.trim()))
      problems.push(`${noun} ${n} has range statements: a QCF unit has none. Remove them or choose the NOS shape.`);
    h.range.forEach((r, j) => {
      if (draft.shape === "nos" && !r.trim()) problems.push(`${noun} ${n}, range R${n}.${j + 1} has no text.`);
    });
  });
  if (draft.shape === "qcf" && (draft.knowledge.some((k) => k.trim()) || draft.evidence.some((k) => k.trim())))
    problems.push(
      "A QCF unit has no separate knowledge or evidence requirements: remove them or choose the NOS shape.",
    );
  if (draft.shape === "nos") {
    draft.knowledge.forEach((k, j) => {
      if (!k.trim()) problems.push(`Knowledge K${j + 1} has no text.`);
    });
    draft.evidence.forEach((k, j) => {
      if (!k.trim()) problems.push(`Evidence requirement E${j + 1} has no text.`);
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  const content =
    draft.shape === "qcf"
      ? {
          shape: "qcf" as const,
          outcomes: draft.headings.map((h, i) => ({
            number: String(i + 1),
            text: h.text.trim(),
            criteria: h.criteria.map((c, j) => ({ number: `${i + 1}.${j + 1}`, text: c.trim() })),
          })),
        }
      : {
          shape: "nos" as const,
          elements: draft.headings.map((h, i) => ({
            number: String(i + 1),
            text: h.text.trim(),
            criteria: h.criteria.map((c, j) => ({ number: `${i + 1}.${j + 1}`, text: c.trim() })),
            range: h.range.map((c, j) => ({ number: `R${i + 1}.${j + 1}`, text: c.trim() })),
          })),
          knowledge: draft.knowledge.map((k, j) => ({ number: `K${j + 1}`, text: k.trim() })),
          evidence: draft.evidence.map((k, j) => ({ number: `E${j + 1}`, text: k.trim() })),
        };
  const parsed = unitContentSchema.safeParse(content);
  if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((i) => i.message) };
  const more = contentProblems(parsed.data);
  return more.length > 0 ? { ok: false, problems: more } : { ok: true, content: parsed.data };
}

/** The draft as a candidate would read it so far, for the preview: empty texts shown as gaps. */
export function previewGroups(draft: Draft) {
  const filled: Draft = {
    ...draft,
    headings: draft.headings.map((h) => ({
      text: h.text.trim() || "(no text yet)",
      criteria: (h.criteria.length ? h.criteria : [""]).map((c) => c.trim() || "(no text yet)"),
      range: draft.shape === "nos" ? h.range.map((c) => c.trim() || "(no text yet)") : [],
    })),
    knowledge: draft.shape === "nos" ? draft.knowledge.map((c) => c.trim() || "(no text yet)") : [],
    evidence: draft.shape === "nos" ? draft.evidence.map((c) => c.trim() || "(no text yet)") : [],
  };
  const result = contentFromDraft(filled);
  return result.ok ? groupsOf(result.content) : [];
}

/**
 * What the editor's buttons do: "add-heading", "add-criterion:0", "up-criterion:0:2",
 * "remove-knowledge:3"… Indexes count from 0. An operation the draft cannot take (an index gone
 * since the page was drawn, a limit reached) leaves it as it is and says why.
 */
export function applyDraftOp(draft: Draft, op: string): { draft: Draft; refused?: string } {
  const d: Draft = structuredClone(draft);
  const [verb, what, a, b] = op.split(/[-:]/) as [string, string | undefined, string | undefined, string | undefined];
  const i = a === undefined ? -1 : Number(a);
  const j = b === undefined ? -1 : Number(b);
  const listOf = (): string[] | { text: string }[] | null => {
    if (what === "heading") return d.headings;
    if (what === "knowledge") return d.knowledge;
    if (what === "evidence") return d.evidence;
    if ((what === "criterion" || what === "range") && d.headings[i])
      return what === "criterion" ? d.headings[i]!.criteria : d.headings[i]!.range;
    return null;
  };
  const list = listOf();
  if (!list) return { draft, refused: "That part of the unit is no longer there: the page was out of date." };
  const limit =
    what === "heading"
      ? DRAFT_LIMITS.headings
      : what === "criterion"
        ? DRAFT_LIMITS.criteria
        : what === "range"
          ? DRAFT_LIMITS.range
          : what === "knowledge"
            ? DRAFT_LIMITS.knowledge
            : DRAFT_LIMITS.evidence;
  const at = what === "criterion" || what === "range" ? j : i;
  const move = (from: number, to: number) => {
    const [x] = list.splice(from, 1);
    (list as unknown[]).splice(to, 0, x);
  };
  switch (verb) {
    case "add":
      if (list.length >= limit) return { draft, refused: `A unit has at most ${limit} of these.` };
      if (what === "heading") d.headings.push({ text: "", criteria: [""], range: [] });
      else (list as string[]).push("");
      return { draft: d };
    case "up":
      if (at <= 0 || at >= list.length) return { draft, refused: "That is already first." };
      move(at, at - 1);
      return { draft: d };
    case "down":
      if (at < 0 || at >= list.length - 1) return { draft, refused: "That is already last." };
      move(at, at + 1);
      return { draft: d };
    case "remove":
      if (at < 0 || at >= list.length) return { draft, refused: "That part of the unit is no longer there." };
      list.splice(at, 1);
      return { draft: d };
    default:
      return { draft, refused: "Unknown change." };
  }
}

export const DRAFT_OP =
  /^(?:add-(?:heading|knowledge|evidence)|add-(?:criterion|range):\d{1,2}|(?:up|down|remove)-(?:heading|knowledge|evidence):\d{1,3}|(?:up|down|remove)-(?:criterion|range):\d{1,2}:\d{1,2})$/;
