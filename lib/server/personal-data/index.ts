export * from "./portfolio-export";
export * from "./subject-access";
