// One PostgreSQL connection pool (through the `postgres` client) shared by the stores of one
// process, with the schema brought up to date before the first query. Several instances may start
// at once against one database: the migrations run under an advisory lock, so one applies them and
// the others find them done.
import postgres from "postgres";
import { POSTGRES_MIGRATIONS, POSTGRES_SCHEMA_VERSION } from "./postgres-migrations.ts";

export type Sql = postgres.Sql;
export type Transaction = postgres.TransactionSql;

/** Any constant: the key of the advisory lock that serialises migrations across instances. */
const MIGRATION_LOCK = 7_201_844_512;

export interface PostgresOptions {
  /** Connections in the pool (default 10; a serverless function wants one or two). */
  max?: number;
}

/** Where the database is, for messages: host, port and database, never the user or password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ""}${parsed.pathname === "/" ? "" : parsed.pathname}`;
  } catch {
    return "(an address that cannot be read)";
  }
}

/**
 * The schema a `?search_path=name` in the URL names, which the tables are kept in (and which is
 * created if missing); null for none, or for a list of schemas, which is left to the server.
 */
function ownSchema(url: string): string | null {
  const path = URL.canParse(url) ? new URL(url).searchParams.get("search_path") : null;
  return path && /^[A-Za-z_][A-Za-z0-9_]*$/.test(path) ? path : null;
}

/** Applies the steps the database has not had yet, all in one transaction; throws naming the step that failed. */
export async function migratePostgres(sql: Sql, where: string, schema: string | null = null): Promise<void> {
  await sql.begin(async (tx) => {
    await tx`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`;
    if (schema) await tx`CREATE SCHEMA IF NOT EXISTS ${tx(schema)}`;
    await tx`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY,
      description text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`;
    const [row] = await tx`SELECT COALESCE(MAX(version), 0) AS version FROM schema_migrations`;
    const found = Number(row?.version ?? 0);
    if (found > POSTGRES_SCHEMA_VERSION) {
      throw new Error(
        `The PostgreSQL database ${where} was set up by a newer version of the help center (schema ${found}; this version knows up to ${POSTGRES_SCHEMA_VERSION}). Run the newer version, or point DATABASE_URL at another database.`,
      );
    }
    for (const step of POSTGRES_MIGRATIONS.filter((m) => m.version > found)) {
      try {
        await tx.unsafe(step.sql);
        await tx`INSERT INTO schema_migrations (version, description) VALUES (${step.version}, ${step.description})`;
      } catch (error) {
        throw new Error(
          `Could not upgrade the PostgreSQL database ${where} to schema ${step.version} (${step.description}): ${(error as Error).message}. Nothing was changed; report the message.`,
        );
      }
    }
  });
}

/**
 * A pool shared by several stores: each store takes a reference and gives it back when it closes;
 * the pool ends with the last one. `ready` settles once the schema is up to date (or rejects with
 * why the database cannot be used); every store waits for it before its first query.
 */
export class PostgresDatabase {
  readonly sql: Sql;
  readonly where: string;
  readonly ready: Promise<void>;
  #users = 0;
  #ended: Promise<void> | null = null;

  constructor(url: string, options: PostgresOptions = {}) {
    this.where = describePostgresUrl(url);
    this.sql = postgres(url, {
      max: options.max ?? 10,
      // Ids and millisecond times are bigints; every one the stores keep fits a JavaScript number.
      types: { bigint: { to: 20, from: [20], parse: (value: string) => Number(value), serialize: (value: number) => String(value) } },
      // CREATE ... IF NOT EXISTS and similar notices are not problems; errors still throw.
      onnotice: () => {},
      connection: { application_name: "help-center" },
    });
    this.ready = migratePostgres(this.sql, this.where, ownSchema(url)).catch((error: Error) => {
      throw new Error(
        error.message.startsWith("The PostgreSQL") || error.message.startsWith("Could not upgrade")
          ? error.message
          : `Cannot use the PostgreSQL database ${this.where} (DATABASE_URL): ${error.message}`,
      );
    });
    // Each store's calls see the failure; this only keeps it from being unhandled meanwhile.
    this.ready.catch(() => {});
  }

  /** Takes a reference for a store; give it back with release(). */
  use(): this {
    this.#users += 1;
    return this;
  }

  async release(): Promise<void> {
    this.#users -= 1;
    if (this.#users > 0) return;
    this.#ended ??= this.sql.end({ timeout: 5 });
    await this.#ended;
  }
}

/** What each store on a shared pool starts from: its reference to the pool, the pool once the schema is ready, and closing. */
export abstract class PostgresStorePart {
  protected readonly database: PostgresDatabase;

  constructor(database: PostgresDatabase) {
    this.database = database.use();
  }

  /** The pool, once the schema is up to date (or the reason it cannot be used). */
  protected async queries(): Promise<Sql> {
    await this.database.ready;
    return this.database.sql;
  }

  /** Gives the pool back; it ends when no store uses it. */
  async close(): Promise<void> {
    await this.database.release();
  }
}
