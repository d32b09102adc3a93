import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "@playwright/test";
import { chromiumLaunchOptions } from "./scripts/lib/browser.ts";
import { freePorts } from "./tests/e2e/free-ports.ts";

// Free ports unless given; chosen once here and kept in the environment, which the test workers
// inherit, so every worker sees the same servers.
if (!process.env.E2E_PORT || !process.env.E2E_HELPDESK_PORT) {
  const [site, helpdesk] = freePorts(2);
  process.env.E2E_PORT ??= String(site);
  process.env.E2E_HELPDESK_PORT ??= String(helpdesk);
}
const port = Number(process.env.E2E_PORT);
const helpdeskPort = Number(process.env.E2E_HELPDESK_PORT);
process.env.E2E_HELPDESK_URL = `http://127.0.0.1:${helpdeskPort}`;
// Each run stores its tickets in a fresh folder so tests never see an earlier run's data; the
// folder made here is removed after the run (tests/e2e/global-teardown.ts).
if (!process.env.E2E_DATA_DIR) process.env.E2E_DATA_DIR = process.env.E2E_TEMP_DATA_DIR = mkdtempSync(join(tmpdir(), "kb-e2e-"));
const dataDir = process.env.E2E_DATA_DIR;

export default defineConfig({
  testDir: "tests/e2e",
  globalTeardown: "./tests/e2e/global-teardown.ts",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
  expect: { timeout: 7_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromiumLaunchOptions(),
    trace: "retain-on-failure",
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      // A stand-in for the team's helpdesk: records every ticket forwarded to its webhook.
      command: "node tests/e2e/helpdesk-stub.ts",
      url: `http://127.0.0.1:${helpdeskPort}/received`,
      reuseExistingServer: false,
      env: { HELPDESK_STUB_PORT: String(helpdeskPort) },
    },
    {
      command: "node scripts/serve.ts",
      url: `http://127.0.0.1:${port}/`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: {
        PORT: String(port),
        KB_DATA_DIR: dataDir,
        KB_DIST_DIR: process.env.KB_DIST_DIR ?? "dist",
        HELPDESK_TARGET: "webhook",
        WEBHOOK_URL: `http://127.0.0.1:${helpdeskPort}/hook`,
        WEBHOOK_SECRET: "e2e-webhook-secret",
        HELPDESK_RETRY_DELAY_MS: "200",
        // The team's chat, played by the stand-in: new High tickets are announced there.
        ALERT_WEBHOOK_SUPPORT_TEAM: `http://127.0.0.1:${helpdeskPort}/rocketchat/hooks/e2eIntegration01/e2eToken0123456789`,
        // Browser tests fill the form faster than a person; the time trap is covered by unit tests.
        TICKET_MIN_FILL_MS: "0",
        TICKET_RATE_LIMIT_MAX: "1000",
      },
    },
  ],
});
