export * from "./assignments";
export * from "./candidates";
export * from "./users";
