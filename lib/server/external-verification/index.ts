export * from "./centre-records";
export * from "./sample-packs";
export * from "./verified-centres";
export * from "./visits";
