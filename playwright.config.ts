import { defineConfig, devices } from "@playwright/test";

import { E2E_PORT } from "./tests/e2e/support/env";

// Playwright cannot download browsers here: use Debian's Chromium (scripts/test.sh installs it).
const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  },
};

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 2,
  retries: 0,
  reporter: [["list"]],
  timeout: 60_000,
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    actionTimeout: 30_000,
    navigationTimeout: 60_000,
    locale: "en-GB",
    timezoneId: "Europe/London",
    trace: "retain-on-failure",
  },
  projects: [
    { name: "sign-in personas", testMatch: /personas\.setup\.ts/, use: chromium },
    { name: "chromium", testMatch: /\.spec\.ts/, dependencies: ["sign-in personas"], use: chromium },
  ],
  webServer: {
    // A fresh database with the demo data, and the production build (built by scripts/test.sh).
    command: "tsx tests/e2e/server.ts",
    url: `http://localhost:${E2E_PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
