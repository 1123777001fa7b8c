export * from "./error-reference";
export * from "./errors";
export * from "./health";
export * from "./reauthentication";
