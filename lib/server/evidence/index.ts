export * from "./assessor-evidence";
export * from "./evidence-drafts";
export * from "./evidence-reading";
export * from "./uploads";
export { visibleEvidence } from "./internal/guards";
