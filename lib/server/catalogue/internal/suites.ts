import "server-only";
// Parsed qualification specifications. A stored specification never changes (a new version of a
// qualification is a new row with a new id), so each is read and parsed once per process instead of
// on every page that shows a registration: a specification is tens of kilobytes of JSON.
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import { db } from "@/lib/server/core/internal/db";

const parsed = new Map<string, Suite>();

/** The parsed specifications of these ids (ids not in the database are left out). */
export async function suitesFor(specIds: string[]): Promise<Map<string, Suite>> {
  const missing = [...new Set(specIds)].filter((id) => !parsed.has(id));
  if (missing.length > 0) {
    for (const s of await db().qualificationSpec.findMany({
      where: { id: { in: missing } },
      select: { id: true, spec: true },
    })) {
      parsed.set(s.id, suiteShape.parse(s.spec) as Suite);
    }
  }
  return new Map(specIds.filter((id) => parsed.has(id)).map((id) => [id, parsed.get(id)!]));
}
