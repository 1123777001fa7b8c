export * from "./assessor-evidence";
export * from "./evidence";
export * from "./uploads";
