import { z } from "zod";
import { DRAFT_LIMITS, DRAFT_OP, type Draft } from "@/lib/domain/catalogue/draft";

const unitRef = z.string().regex(/^[A-Z0-9]{1,8}$/, "Choose a unit from the list.");

/** Which unit and level a form is about. */
export const unitKeySchema = z.object({
  specId: z.uuid(),
  unitRef,
  level: z.coerce.number().int().min(1).max(8),
});

export const draftFormSchema = unitKeySchema.extend({
  op: z
    .string()
    .regex(DRAFT_OP, "Unknown change.")
    .or(z.literal("save"))
    .optional()
    .transform((v) => (v === "save" || v === undefined ? null : v)),
});

export const startDraftSchema = unitKeySchema.extend({
  start: z.enum(["qcf", "nos"], { error: "Choose the unit's shape." }),
});

/** The listing page's filter. */
export const unitListQuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  show: z.enum(["missing", "all"]).optional().catch(undefined),
});

/**
 * The editor's fields as a draft: "heading.0", "criterion.0.1", "range.0.0", "knowledge.2",
 * "evidence.0", in index order. Indexes past the limits are refused by the draft's schema.
 */
export function draftFromForm(form: FormData): Draft {
  const headings: Draft["headings"] = [];
  const knowledge: string[] = [];
  const evidence: string[] = [];
  const at = <T>(list: T[], i: number, make: () => T) => {
    while (list.length <= i) list.push(make());
    return list[i]!;
  };
  const newHeading = () => ({ text: "", criteria: [] as string[], range: [] as string[] });
  for (const [name, raw] of form.entries()) {
    if (typeof raw !== "string") continue;
    const m = /^(heading|criterion|range|knowledge|evidence)\.(\d{1,3})(?:\.(\d{1,3}))?$/.exec(name);
    if (!m) continue;
    const i = Number(m[2]);
    const j = m[3] === undefined ? -1 : Number(m[3]);
    // Far past any limit: a forged form, not a unit. The schema refuses what is merely over.
    if (i > DRAFT_LIMITS.knowledge || j > DRAFT_LIMITS.criteria) continue;
    if (m[1] === "heading") at(headings, i, newHeading).text = raw;
    else if (m[1] === "criterion" && j >= 0) at(headings, i, newHeading).criteria[j] = raw;
    else if (m[1] === "range" && j >= 0) at(headings, i, newHeading).range[j] = raw;
    else if (m[1] === "knowledge") knowledge[i] = raw;
    else if (m[1] === "evidence") evidence[i] = raw;
  }
  const dense = (list: (string | undefined)[]) => Array.from(list, (x) => x ?? "");
  return {
    shape: form.get("shape") === "nos" ? "nos" : "qcf",
    headings: headings.map((h) => ({ text: h.text, criteria: dense(h.criteria), range: dense(h.range) })),
    knowledge: dense(knowledge),
    evidence: dense(evidence),
  };
}
