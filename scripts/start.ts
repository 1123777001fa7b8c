// `npm start`: build, prepare the database (embedded PostgreSQL unless DATABASE_URL is set;
// migrations; demo data on first run) and serve the production build on PORT (default 3000).
//   --dev        serve with `next dev` instead of building
//   SKIP_BUILD=1 reuse the existing .next build
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureAppRole } from "../lib/db/app-role";
import { resolveDatabase } from "../lib/db/database-url";
import { deployMigrations } from "../lib/db/migrations";
import { prepareJobQueue } from "../lib/jobs/queue";
import { importShippedCatalogue } from "../lib/catalogue/store";
import { withPrisma } from "../lib/db/prisma-script";
import { seedDemo } from "../prisma/seed";
import { configOrExit } from "../lib/config/cli";

const settings = configOrExit(); // stops here, naming each bad variable
const dev = process.argv.includes("--dev");
const port = String(settings.PORT);
const nextBin = path.resolve("node_modules/.bin/next");

/** A signing secret for sessions, made once and kept with the local data. */
function authSecret(): string {
  if (settings.NEXTAUTH_SECRET) return settings.NEXTAUTH_SECRET;
  const file = path.resolve(".data/auth-secret");
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

async function main() {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  if (!dev && settings.SKIP_BUILD !== "1") {
    console.log("Building the app…");
    const build = spawnSync(nextBin, ["build"], { stdio: "inherit", env });
    if (build.status !== 0) process.exit(build.status ?? 1);
  }
  const database = await resolveDatabase();
  console.log(database.embedded ? "Started the embedded PostgreSQL server." : "Using the configured database.");
  const applied = await deployMigrations(database.url);
  if (applied.length) console.log(`Applied migrations: ${applied.join(", ")}`);
  await prepareJobQueue(database.url);
  if (await seedDemo(database.url)) console.log("Seeded the demo centre (logins in README.md).");
  const catalogue = await withPrisma(database.url, importShippedCatalogue);
  const added = catalogue.filter((c) => c.status === "imported");
  if (added.length)
    console.log(`Added to the qualification catalogue: ${added.map((c) => `${c.code} v${c.version}`).join(", ")}`);

  // The app connects as a role that reads and writes rows but owns nothing, so it cannot switch
  // off the triggers that keep records permanent (decision 0020). APP_DATABASE_URL names one made
  // by the operator; otherwise it is made here, as DATABASE_URL's owner (who needs CREATEROLE).
  const appUrl =
    settings.APP_DATABASE_URL ??
    (await ensureAppRole(database.url).catch((error: unknown) => {
      console.warn(
        `Could not make the app's own database role (${error instanceof Error ? error.message : String(error)}); the app connects as DATABASE_URL's user.`,
      );
      return database.url;
    }));

  // Production runs behind the app's own server (scripts/server.ts: client addresses from the
  // socket); development uses `next dev`, where every client counts as an unknown address.
  const [command, args] = dev
    ? [nextBin, ["dev", "-p", port]]
    : [path.resolve("node_modules/.bin/tsx"), [path.resolve("scripts/server.ts")]];
  const server = spawn(command, args, {
    stdio: "inherit",
    env: {
      ...env,
      DATABASE_URL: appUrl,
      NEXTAUTH_SECRET: authSecret(),
      NEXTAUTH_URL: settings.NEXTAUTH_URL ?? `http://localhost:${port}`,
      PORT: port,
    },
  });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", async (code) => {
    await database.stop();
    process.exit(code ?? 0);
  });
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
