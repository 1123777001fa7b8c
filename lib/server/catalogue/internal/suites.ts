import "server-only";
// Parsed qualification specifications, each read and parsed once per process and content instead
// of on every page that shows a registration: a specification is tens of kilobytes of JSON. A
// version's content changes only when the awarding body fills its empty units (decision 0022), which
// changes its SHA-256: each call reads the hashes (an index read) and re-reads what changed, so no
// app server keeps a stale specification after another server's change.
import { suiteShape, type Suite } from "@/lib/domain/catalogue/spec";
import { db } from "@/lib/server/core/internal/db";

const parsed = new Map<string, { sha256: string; suite: Suite }>();

/** The parsed specifications of these ids (ids not in the database are left out). */
export async function suitesFor(specIds: string[]): Promise<Map<string, Suite>> {
  const ids = [...new Set(specIds)];
  if (ids.length === 0) return new Map();
  const hashes = await db().qualificationSpec.findMany({
    where: { id: { in: ids } },
    select: { id: true, sha256: true },
  });
  const stale = hashes.filter((h) => parsed.get(h.id)?.sha256 !== h.sha256).map((h) => h.id);
  if (stale.length > 0) {
    for (const s of await db().qualificationSpec.findMany({
      where: { id: { in: stale } },
      select: { id: true, spec: true, sha256: true },
    })) {
      parsed.set(s.id, { sha256: s.sha256, suite: suiteShape.parse(s.spec) as Suite });
    }
  }
  const present = new Set(hashes.map((h) => h.id));
  return new Map(specIds.filter((id) => present.has(id) && parsed.has(id)).map((id) => [id, parsed.get(id)!.suite]));
}

/**
 * The units the candidate's latest registration on this version selects ("208", "AA@2"): an area's
 * level there says which of its levels' content the candidate is assessed against. Empty when the
 * candidate was never registered on it.
 */
export async function selectionOn(candidateId: string, specId: string): Promise<string[]> {
  const row = await db().candidateRegistration.findFirst({
    where: { candidateId, specId },
    orderBy: { createdAt: "desc" },
    select: { units: true },
  });
  return row?.units ?? [];
}
