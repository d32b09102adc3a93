// For the commands that read one of the server's stores (npm run feedback, npm run search-report):
// open it where the server keeps it, the PostgreSQL database in DATABASE_URL or else KB_DATA_DIR,
// or say which setting is wrong and stop.
import { resolve } from "node:path";
import { ConfigError, loadDatabaseConfig } from "../src/helpdesk/config.ts";
import { PostgresDatabase } from "../src/helpdesk/store/postgres-database.ts";

export function openCommandStore<T>(open: { sqlite(dataDir: string): T; postgres(db: PostgresDatabase): T }): T {
  try {
    const { database, dataDir } = loadDatabaseConfig(process.env);
    return database.kind === "postgres" ? open.postgres(new PostgresDatabase(database.url, { max: 1 })) : open.sqlite(resolve(dataDir));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
