// How the EV's judgements on a sampled unit read, on the visit's page and in its report.
import { formatDate } from "../format";

/** "Agrees with the assessor's decision; does not agree with the internal verifier's verdict." */
export function agreementText(f: { agreesAssessment: boolean | null; agreesIv: boolean | null }): string {
  const parts = [
    f.agreesAssessment === null
      ? null
      : `${f.agreesAssessment ? "agrees" : "does not agree"} with the assessor's decision`,
    f.agreesIv === null ? null : `${f.agreesIv ? "agrees" : "does not agree"} with the internal verifier's verdict`,
  ].filter((p): p is string => p !== null);
  if (parts.length === 0) return "";
  const text = parts.join("; ");
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** The internal verification behind a sampled unit, as it stood when the EV drew it. */
export function verificationText(item: {
  iv: string | null;
  ivVerdict: { outcome: string; decidedAt: Date } | null;
  ownVerification: boolean;
}): string {
  if (!item.iv || !item.ivVerdict) return "not sampled by an internal verifier";
  const verdict = `${item.ivVerdict.outcome === "AGREE" ? "agreed" : "disagreed"} by ${item.iv} on ${formatDate(item.ivVerdict.decidedAt)}`;
  return item.ownVerification ? `${verdict}, who also assessed it: nobody may verify their own assessments` : verdict;
}
