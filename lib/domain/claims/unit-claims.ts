// Which units a centre may claim a certificate for, and why not. A unit counts when it is signed
// off, countersigned (by the candidate, and by a qualified assessor where needed), not flagged and
// not on IV hold, and the IV either sampled it with agreement or a sampling plan covering its
// sign-off considered it and did not select it; it must not already be in a claim that is waiting
// or authorised. A unit no plan ever considered and no IV sampled is held: OCR, "Each assessor's
// work must be checked and confirmed by an internal verifier". Pure, so the screen and the server
// give the same reasons.
import type { UnitState } from "../assessment/rules";
import { formatDate } from "../format";

/**
 * Where internal verification of the unit stands: sampled and agreed; sampled and not finished;
 * not sampled, but a sampling plan covering its sign-off did not select it ("none"); or not
 * sampled and no plan covers its sign-off ("unplanned").
 */
export type SampleStatus = "none" | "agreed" | "outstanding" | "unplanned";

export interface UnitClaimFacts {
  /** The registration's entry ("101", or "AA@2"). */
  entry: string;
  state: UnitState;
  sample: SampleStatus;
  /** In a claim that is waiting for the EV or authorised. */
  claimed: boolean;
  /** The standing sign-off's date (YYYY-MM-DD, UK time), named when no plan covers it. */
  signedOn?: string | null;
}

const STATE_PROBLEM: Record<Exclude<UnitState, "achieved">, string> = {
  "not-signed-off": "is not signed off",
  withdrawn: "has its sign-off withdrawn",
  flagged: "has evidence behind its sign-off that was superseded: the assessor must review it",
  "on-hold": "is on hold: the internal verifier disagreed and has not yet agreed",
  "awaiting-countersignature": "waits for a qualified assessor's countersignature",
  "awaiting-candidate": "waits for the candidate's countersignature",
};

/** Why this unit cannot be claimed, or null when it can. */
export function unitClaimProblem(u: UnitClaimFacts): string | null {
  const name = `Unit ${u.entry.split("@")[0]}`;
  if (u.state !== "achieved") return `${name} ${STATE_PROBLEM[u.state]}.`;
  if (u.sample === "outstanding") return `${name} has an internal verification sample still outstanding.`;
  if (u.claimed) return `${name} is already in a claim that is waiting for the external verifier or authorised.`;
  if (u.sample === "unplanned") {
    const on = u.signedOn ? ` on ${formatDate(new Date(`${u.signedOn}T12:00:00Z`))}` : "";
    return `${name} has no internal verification of its sign-off: no sampling plan for the qualification covers its sign-off${on}, and no internal verifier has sampled the signed-off unit. An internal verifier must sample it, or make a sampling plan whose period covers that date (the plan then decides whether it is sampled).`;
  }
  return null;
}

/** Canonical JSON: keys sorted at every level, so the same pack always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
