export * from "./assessment";
export * from "./assessment-view";
export * from "./caseload";
export * from "./progress";
export * from "./reviews";
