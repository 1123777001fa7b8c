export * from "./assessment-view";
export * from "./caseload";
export * from "./countersignatures";
export * from "./judgements";
export * from "./progress";
export * from "./reviews";
export * from "./sign-offs";
export { assertOnCaseload } from "./internal/guards";
