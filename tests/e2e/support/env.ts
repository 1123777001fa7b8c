import path from "node:path";

export const E2E_PORT = 3100;
/** The test SMTP server's port, and where it leaves each message it receives (as JSON). */
export const E2E_SMTP_PORT = 2525;
export const E2E_MAIL_DIR = path.resolve(".data/e2e-mail");
export const E2E_DATABASE_URL_FILE = path.resolve(".data/e2e-database-url");
export const UNVERIFIED_CENTRE = { code: "C30003", name: "Hillside Academy" };
/** The e2e server's session key: tests use it to read the known-device cookie as the server does. */
export const E2E_AUTH_SECRET = "e2e-only-secret-not-for-production";
