import { resolve } from "node:path";
import { defineConfig } from "vitest/config";

// Unit tests read a small fixture organisation (tests/fixtures/content), never the sample in
// content/, so an organisation that replaces content/ with its own keeps them green. Integration
// tests build the whole site with Astro; they run once, as their own project (npm run
// test:integration), outside the unit suite's time.
const FIXTURE_CONTENT = resolve(import.meta.dirname, "tests/fixtures/content");

export default defineConfig({
  test: {
    environment: "node",
    testTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          // Finds (or starts) a PostgreSQL for the tests that run against it; without one they are skipped.
          globalSetup: ["tests/postgres-setup.ts"],
          include: ["tests/unit/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
          env: { KB_CONTENT_DIR: FIXTURE_CONTENT },
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts", "scripts/**/*.integration.test.ts"],
          env: { KB_CONTENT_DIR: FIXTURE_CONTENT },
          testTimeout: 180_000,
        },
      },
    ],
  },
});
