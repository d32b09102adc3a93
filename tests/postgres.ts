// PostgreSQL for unit tests: the server found by tests/postgres-setup.ts, and a fresh schema in it
// per use, so tests never see each other's rows and can run side by side. The schemas a test file
// made are dropped when it finishes.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { afterAll, describe, inject } from "vitest";

/** The test server's URL, or null when the PostgreSQL tests are skipped. */
export const postgresUrl = inject("postgresUrl");

/** `describe`, or `describe.skip` when there is no PostgreSQL to run against. */
export const describePostgres = postgresUrl ? describe : describe.skip;

const made: string[] = [];

afterAll(async () => {
  if (!postgresUrl || !made.length) return;
  const sql = postgres(postgresUrl, { max: 1, onnotice: () => {} });
  try {
    for (const schema of made.splice(0)) await sql.unsafe(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await sql.end();
  }
});

/**
 * The test server's URL with a search_path naming a new schema: the store creates it and its tables
 * there on opening. Throws when there is no PostgreSQL (use it inside describePostgres).
 */
export function freshPostgresUrl(): string {
  if (!postgresUrl) throw new Error("No PostgreSQL for the tests (see tests/postgres-setup.ts)");
  const schema = `test_${randomBytes(6).toString("hex")}`;
  made.push(schema);
  const url = new URL(postgresUrl);
  url.searchParams.set("search_path", schema);
  return url.href;
}
