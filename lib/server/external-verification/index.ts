export * from "./centre-records";
export * from "./sample-packs";
export * from "./visits";
