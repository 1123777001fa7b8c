export * from "./registrations";
