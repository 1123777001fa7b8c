export * from "./centre-approvals";
export * from "./verifiers";
