// The declarations people sign, word for word. Each record stores the exact text that was shown,
// so a later change of wording never changes what someone signed.

/** The candidate, submitting their own evidence (authenticity: the A of VARCS). */
export const CANDIDATE_EVIDENCE_DECLARATION =
  "I declare that this evidence is my own work, that it is a true record of what I did, and that I have not copied it from anyone else.";

/** An assessor submitting evidence they recorded: an observation, discussion or questioning. */
export const ASSESSOR_RECORD_DECLARATION =
  "I declare that this is an accurate record of the assessment I carried out with the candidate, made at the time and place stated.";

/** An expert witness signing testimony. */
export const WITNESS_DECLARATION =
  "I declare that this testimony is a true account of the candidate's performance that I saw myself, and that I am occupationally competent in the work described.";

/** The assessor signing off a unit. */
export const ASSESSOR_UNIT_DECLARATION =
  "I confirm that the candidate has met every assessment criterion of this unit, that I have judged the evidence listed against each criterion to be valid, authentic, reliable, current and sufficient, and that the evidence was produced by the candidate's performance at work or as the qualification's assessment strategy allows.";

/** The candidate countersigning a unit's sign-off. */
export const CANDIDATE_UNIT_DECLARATION =
  "I confirm that the evidence listed for this unit is my own work and that I have been given feedback on the assessment decisions.";

/** A qualified assessor countersigning a decision of an assessor working towards the assessor units. */
export const COUNTERSIGN_DECLARATION =
  "As a qualified assessor, I have checked this decision and the evidence behind it, and I countersign it.";

/** A qualified IV countersigning a verdict of an IV working towards the verifier units. */
export const IV_COUNTERSIGN_DECLARATION =
  "As a qualified internal verifier, I have checked this verification, the assessment decisions and the evidence behind them, and I countersign it.";

/** The declaration the author of a piece of evidence makes on submitting it. */
export const submissionDeclaration = (evidence: { authorId: string | null }) =>
  evidence.authorId === null ? CANDIDATE_EVIDENCE_DECLARATION : ASSESSOR_RECORD_DECLARATION;
