import { defineConfig } from "@playwright/test";

/**
 * Browser journeys against the app on the Hosting emulator (scripts/test-web.sh sets the URLs).
 * Debian's chromium is used: Playwright cannot download its own browser here.
 */
export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
  timeout: 120_000,
  expect: { timeout: 20_000 },
  workers: 1, // two cores, shared with the emulators
  retries: 0,
  outputDir: "test-results",
  use: {
    baseURL: process.env.KIRANA_APP_URL ?? "http://127.0.0.1:5050",
    viewport: { width: 1280, height: 860 },
    locale: "en-IN",
    timezoneId: "Asia/Kolkata",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
});
