export * from "./qualifications";
export * from "./unit-content";
