export * from "./qualifications";
