import "server-only";
import type { Actor } from "@/lib/domain/policy";

/**
 * A filter for evidence the actor authors: the candidate's own (no author), or what an assessor or
 * witness records. Callers check the role first; this narrows the rows.
 */
export const authoredBy = (actor: Actor) => ({
  OR: [{ authorId: actor.userId }, { authorId: null, candidateId: actor.userId }],
});
