// The roles a user can hold, and the area (home and navigation) each one works in.
export const ROLES = [
  "CANDIDATE",
  "ASSESSOR",
  "EXPERT_WITNESS",
  "INTERNAL_VERIFIER",
  "EXTERNAL_VERIFIER",
  "CENTRE_ADMIN",
] as const;
export type Role = (typeof ROLES)[number];

export const AREAS = ["candidate", "assessor", "witness", "iv", "ev", "admin"] as const;
export type Area = (typeof AREAS)[number];

export const AREA_ROLE: Record<Area, Role> = {
  candidate: "CANDIDATE",
  assessor: "ASSESSOR",
  witness: "EXPERT_WITNESS",
  iv: "INTERNAL_VERIFIER",
  ev: "EXTERNAL_VERIFIER",
  admin: "CENTRE_ADMIN",
};

export const ROLE_LABEL: Record<Role, string> = {
  CANDIDATE: "Candidate",
  ASSESSOR: "Assessor",
  EXPERT_WITNESS: "Expert witness",
  INTERNAL_VERIFIER: "Internal verifier",
  EXTERNAL_VERIFIER: "External verifier",
  CENTRE_ADMIN: "Centre administrator",
};

/** The areas a user may work in, in a stable order (the first is where they land). */
export function areasFor(roles: readonly Role[]): Area[] {
  return AREAS.filter((area) => roles.includes(AREA_ROLE[area]));
}
