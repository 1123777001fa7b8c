export * from "./assessor-competence";
export * from "./countersignatures";
export * from "./dashboard";
export * from "./internal-verification";
export * from "./sampling-plans";
export * from "./standardisation";
export * from "./verification";
