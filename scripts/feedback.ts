// `npm run feedback`: what readers said about articles, least helpful first, with recent notes.
// Reads where the server keeps it: the PostgreSQL database in DATABASE_URL, else KB_DATA_DIR.
import { resolve } from "node:path";
import { ConfigError, loadDatabaseConfig } from "../src/helpdesk/config.ts";
import { PostgresFeedbackStore, SqliteFeedbackStore, type FeedbackStore } from "../src/helpdesk/store/feedback-store.ts";
import { PostgresDatabase } from "../src/helpdesk/store/postgres-database.ts";

let store: FeedbackStore;
try {
  const { database, dataDir } = loadDatabaseConfig(process.env);
  store = database.kind === "postgres" ? new PostgresFeedbackStore(new PostgresDatabase(database.url, { max: 1 })) : new SqliteFeedbackStore(resolve(dataDir));
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}
try {
  const tallies = await store.tally();
  if (tallies.length === 0) {
    console.log("No feedback yet.");
  } else {
    for (const t of tallies) {
      console.log(`${t.article}  helpful: ${t.helpful}  not helpful: ${t.notHelpful}`);
      for (const c of t.comments) console.log(`    ${c.at.slice(0, 10)}  ${c.comment.replace(/\s+/g, " ")}`);
    }
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await store.close();
}
