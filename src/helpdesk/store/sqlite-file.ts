// Opens one of the small SQLite files beside tickets.sqlite (feedback, search-gap counts): the data
// folder is created if needed, the file uses WAL so `npm run feedback` can read while the server
// writes, and its tables are created if they are not there yet.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";

export function openSqliteFile(dataDir: string, fileName: string, schema: string): DatabaseSync {
  mkdirSync(dataDir, { recursive: true });
  const db = new DatabaseSync(join(dataDir, fileName));
  db.exec(`PRAGMA journal_mode = WAL;\n${schema}`);
  return db;
}
