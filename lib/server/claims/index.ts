export * from "./claim-exports";
export * from "./claims";
