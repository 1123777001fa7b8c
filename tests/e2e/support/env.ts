import path from "node:path";

export const E2E_PORT = 3100;
export const E2E_DATABASE_URL_FILE = path.resolve(".data/e2e-database-url");
export const UNVERIFIED_CENTRE = { code: "C30003", name: "Hillside Academy" };
/** The e2e server's session key: tests use it to read the known-device cookie as the server does. */
export const E2E_AUTH_SECRET = "e2e-only-secret-not-for-production";
