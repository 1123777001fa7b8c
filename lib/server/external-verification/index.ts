export * from "./centre-records";
export * from "./sample-packs";
export * from "./verified-centres";
export * from "./visit-findings";
export * from "./visit-samples";
export * from "./visits";
