// The app as the e2e tests see it: `next start` on a fresh database holding the demo data plus a
// centre the demo EV does not verify. Its URL is left in .data/ for tests that look at the data.
import { spawn } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { withPgClient } from "../../lib/db/pg-client";
import { ensureAppRole } from "../../lib/db/app-role";
import { seedDemo } from "../../prisma/seed";
import { createTestDatabase } from "../support/test-database";
import { startTestSmtp } from "../support/smtp";
import {
  E2E_AUTH_SECRET,
  E2E_DATABASE_URL_FILE,
  E2E_MAIL_DIR,
  E2E_PORT,
  E2E_SMTP_PORT,
  UNVERIFIED_CENTRE,
} from "./support/env";

async function main() {
  // Set before seeding, so the demo evidence files land where the server will look for them.
  process.env.EVIDENCE_STORAGE_DIR = path.resolve(".data/e2e-evidence");
  process.env.EVIDENCE_UPLOAD_DIR = path.resolve(".data/e2e-uploads");
  for (const dir of [
    process.env.EVIDENCE_STORAGE_DIR,
    process.env.EVIDENCE_UPLOAD_DIR,
    path.resolve(".data/e2e-files"),
    E2E_MAIL_DIR,
  ]) {
    rmSync(dir, { recursive: true, force: true }); // each run starts from an empty store, like its database
  }
  const database = await createTestDatabase("e2e", ".data/e2e-postgres");
  await seedDemo(database.url);
  await withPgClient(database.url, (client) =>
    client.query(`INSERT INTO "Centre" (id, code, name) VALUES (gen_random_uuid(), $1, $2)`, [
      UNVERIFIED_CENTRE.code,
      UNVERIFIED_CENTRE.name,
    ]),
  );
  mkdirSync(path.dirname(E2E_DATABASE_URL_FILE), { recursive: true });
  // The tests read and arrange data as the owner; the app runs as its own role, as `npm start` does.
  writeFileSync(E2E_DATABASE_URL_FILE, database.url);
  const appUrl = await ensureAppRole(database.url);

  // A real SMTP server for the app's e-mail; tests read what it received from E2E_MAIL_DIR.
  const smtp = await startTestSmtp({ port: E2E_SMTP_PORT, folder: E2E_MAIL_DIR });

  // The app's own server, as `npm start` runs it (client addresses from the socket).
  const server = spawn(path.resolve("node_modules/.bin/tsx"), [path.resolve("scripts/server.ts")], {
    stdio: "inherit",
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: appUrl,
      NEXTAUTH_SECRET: E2E_AUTH_SECRET,
      NEXTAUTH_URL: `http://localhost:${E2E_PORT}`,
      PORT: String(E2E_PORT),
      SMTP_URL: smtp.url,
      MAIL_FROM: "NVQ e-portfolio <no-reply@northgate.example>",
    },
  });
  const shutdown = () => server.kill("SIGTERM");
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  server.on("exit", async (code) => {
    await smtp.close().catch((e) => console.error(e));
    await database.drop().catch((e) => console.error(e));
    process.exit(code ?? 0);
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
