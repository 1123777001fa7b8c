export * from "./claim-decisions";
export * from "./claim-exports";
export * from "./claim-lists";
