export * from "./testimony";
export * from "./testimony-requests";
export * from "./witness-invitations";
export * from "./witness-register";
export { witnessMaySeeEvidence } from "./internal/guards";
