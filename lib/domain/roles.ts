// The roles a user can hold, and the area (home and navigation) each one works in.
export const ROLES = [
  "CANDIDATE",
  "ASSESSOR",
  "EXPERT_WITNESS",
  "INTERNAL_VERIFIER",
  "EXTERNAL_VERIFIER",
  "CENTRE_ADMIN",
  "AWARDING_BODY_ADMIN",
] as const;
export type Role = (typeof ROLES)[number];

/**
 * Platform roles belong to the awarding body, not to a centre: an external verifier checks the
 * centres it is appointed to, so the centre being verified must not control the account. A
 * centre administrator can neither grant nor remove them (decision 0007).
 */
export const PLATFORM_ROLES = ["EXTERNAL_VERIFIER", "AWARDING_BODY_ADMIN"] as const satisfies readonly Role[];
export const CENTRE_ROLES = [
  "CANDIDATE",
  "ASSESSOR",
  "EXPERT_WITNESS",
  "INTERNAL_VERIFIER",
  "CENTRE_ADMIN",
] as const satisfies readonly Role[];
export type CentreRole = (typeof CENTRE_ROLES)[number];
export const isPlatformRole = (role: Role) => (PLATFORM_ROLES as readonly Role[]).includes(role);

export const AREAS = ["candidate", "assessor", "witness", "iv", "ev", "admin", "awarding"] as const;
export type Area = (typeof AREAS)[number];

export const AREA_ROLE: Record<Area, Role> = {
  candidate: "CANDIDATE",
  assessor: "ASSESSOR",
  witness: "EXPERT_WITNESS",
  iv: "INTERNAL_VERIFIER",
  ev: "EXTERNAL_VERIFIER",
  admin: "CENTRE_ADMIN",
  awarding: "AWARDING_BODY_ADMIN",
};

export const ROLE_LABEL: Record<Role, string> = {
  CANDIDATE: "Candidate",
  ASSESSOR: "Assessor",
  EXPERT_WITNESS: "Expert witness",
  INTERNAL_VERIFIER: "Internal verifier",
  EXTERNAL_VERIFIER: "External verifier",
  CENTRE_ADMIN: "Centre administrator",
  AWARDING_BODY_ADMIN: "Awarding-body administrator",
};

/** The areas a user may work in, in a stable order (the first is where they land). */
export function areasFor(roles: readonly Role[]): Area[] {
  return AREAS.filter((area) => roles.includes(AREA_ROLE[area]));
}
