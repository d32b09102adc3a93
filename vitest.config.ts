import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/unit/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    // Finds (or starts) a PostgreSQL for the tests that run against it; without one they are skipped.
    globalSetup: ["tests/postgres-setup.ts"],
  },
});
