// Errors that may reach a user: a code and friendly British-English text. Anything else is logged
// on the server and shown as a generic failure; raw exception messages never leave the server.
export const ERROR_TEXT = {
  UNAUTHENTICATED: "Please sign in to continue.",
  FORBIDDEN: "You do not have permission to do that.",
  NOT_FOUND: "We could not find that.",
  INVALID_INPUT: "Some of the details are not valid. Check the highlighted fields.",
  CONFLICT: "Someone else changed this at the same time. Reload the page and try again.",
  EMAIL_TAKEN: "A user with that email address already exists.",
  SELF_LOCKOUT: "You cannot remove your own administrator role or deactivate your own account.",
  NOT_A_CANDIDATE: "That user is not a candidate.",
  NOT_AN_ASSESSOR: "That user is not an assessor.",
  PLATFORM_ROLE:
    "A centre cannot give that role. External verifiers are appointed by the awarding body, and awarding-body administrators are platform accounts.",
  NOT_A_VERIFIER: "That account is not an external verifier.",
  EVIDENCE_SUBMITTED:
    "This evidence has been submitted for assessment, so it cannot change. Add a new version instead.",
  INVALID_SELECTION: "The units chosen do not make a valid qualification, so nothing was saved.",
  STALE: "This changed since you opened it. The page now shows the latest state: check it and decide again.",
  ALREADY_SIGNED: "This has already been signed. The page now shows the signature.",
  OWN_ASSESSMENT: "Nobody may assess their own portfolio.",
  OWN_VERIFICATION:
    "You took part in assessing this unit (a judgement, a sign-off, a countersignature, or assessment evidence you recorded), and nobody internally verifies their own assessments (C&G 3412 section 2; OCR's internal verifier requirements). Another internal verifier must verify it.",
  WRONG_PASSWORD: "That password is not right. Enter the password you sign in with.",
  REAUTH_REQUIRED:
    "For your security, confirm your password to do this (needed within 10 minutes of a sensitive action). Nothing was changed.",
  NOT_QUALIFIED:
    "Only a qualified assessor can countersign. C&G 3412: decisions of an assessor working towards the assessor units count once a qualified assessor countersigns them.",
  NOT_QUALIFIED_IV:
    "Only a qualified internal verifier can countersign a verification. C&G 3412: the verifications of an internal verifier working towards the verifier units count once a qualified internal verifier countersigns them.",
  CLAIM_REFUSED: "The claim cannot be raised: every rule it breaks is listed.",
  WITNESS_NOT_APPROVED:
    "That expert witness cannot be asked for testimony until an assessor has vetted and approved them.",
  INVITATION_UNKNOWN:
    "This invitation link is not recognised. Check that you have the whole link, or ask your assessor for a new one.",
  INVITATION_EXPIRED: "This invitation link has expired. Ask your assessor for a new one.",
  INVITATION_USED:
    "This invitation link has already been used to set a password. Sign in with that password, or ask your assessor for a new link.",
  TESTIMONY_SIGNED: "This testimony has already been signed, so it cannot change.",
  SAMPLE_PACK_CLOSED:
    "This sample-pack link has expired or the centre has withdrawn it, so it gives nothing. Ask the centre for a new link.",
  SCAN_PENDING: "This file is still being checked for viruses. Try again in a few minutes.",
  INTERNAL: "Something went wrong on our side. Nothing was changed; please try again.",
} as const;
export type ErrorCode = keyof typeof ERROR_TEXT;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(code);
    this.name = "AppError";
  }
}

export const forbidden = () => new AppError("FORBIDDEN");
export const notFound = () => new AppError("NOT_FOUND");

/** The HTTP status for an error a route handler returns instead of a page. */
export function httpStatus(code: ErrorCode): number {
  if (code === "UNAUTHENTICATED") return 401;
  if (code === "FORBIDDEN") return 403;
  if (code === "NOT_FOUND") return 404;
  if (code === "SAMPLE_PACK_CLOSED") return 410;
  if (code === "REAUTH_REQUIRED") return 403;
  if (code === "SCAN_PENDING") return 409;
  if (code === "INTERNAL") return 500;
  return 400;
}
