import { defineConfig } from "@playwright/test";
import { findFreePort } from "./tests/e2e/free-port";

/*
 * End-to-end journeys (docs/decisions/016-end-to-end-tests-on-playwright-test.md): one server
 * with the demo data on a scratch database (tests/e2e/web-server.ts), driven by Debian's
 * Chromium; Playwright downloads no browser.
 */

// Every worker loads this file again: the port the runner chose reaches them through the
// environment they inherit.
process.env.E2E_PORT ??= String(await findFreePort());
const baseURL = `http://localhost:${process.env.E2E_PORT}`;

export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "*.e2e.ts",
  outputDir: "test-results",
  // The journeys share one server and its demo data; some count what others might change.
  workers: 1,
  // A journey changes the demo data for good (an admitted organisation stays admitted), so a
  // second attempt would not start from the same state.
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL,
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
    actionTimeout: 15_000,
    navigationTimeout: 15_000,
    // DOM snapshots of every step, kept for failed journeys. Without the screencast: recording it
    // made the journeys about a third slower, and a failure gets its screenshots anyway.
    trace: { mode: "retain-on-failure", screenshots: false },
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        browserName: "chromium",
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
      },
    },
  ],
  webServer: {
    // Builds first (E2E_SKIP_BUILD=1 skips that); the build and demo data take their time.
    command: "node --import tsx tests/e2e/web-server.ts",
    url: `${baseURL}/healthz`,
    timeout: 240_000,
    // A server left over from another run has other data: never test against it.
    reuseExistingServer: false,
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
