export * from "./assignments";
export * from "./candidates";
export * from "./users";
export { assertCandidateVisible } from "./internal/guards";
