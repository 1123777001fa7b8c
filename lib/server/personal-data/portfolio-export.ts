import "server-only";
// A candidate's portfolio as a ZIP, streamed (archiver): every evidence file under files/, a
// manifest of their SHA-256 values, the mappings, decisions, sign-offs, verifications and claims as
// JSON, and an index page that opens offline in a browser. Files are added one at a time as the
// reader takes the archive, so a 5 GB portfolio never needs 5 GB of memory.
import type { Readable } from "node:stream";
import type { Actor } from "@/lib/domain/policy";
import { assertCandidateVisible } from "@/lib/server/identity/internal/guards";
import { portfolioArchive } from "./internal/portfolio-archive";
import { requireRecentPassword } from "@/lib/server/core/reauthentication";

export async function portfolioExport(actor: Actor, candidateId: string): Promise<{ name: string; stream: Readable }> {
  // Whoever may see the candidate's portfolio: the candidate, their assessors, the centre's IVs and
  // administrators, and the EVs appointed to the centre (never an expert witness).
  await assertCandidateVisible(actor, candidateId);
  // Someone else's portfolio: the password must have been typed in the last 10 minutes.
  if (actor.userId !== candidateId) requireRecentPassword(actor);
  return portfolioArchive(actor, candidateId, { action: "portfolio.export" });
}
