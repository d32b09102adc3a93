// `npm run feedback`: what readers said about articles, least helpful first, with recent notes.
// Reads where the server keeps it: the PostgreSQL database in DATABASE_URL, else KB_DATA_DIR.
import { PostgresFeedbackStore, SqliteFeedbackStore, type FeedbackStore } from "../src/helpdesk/store/feedback-store.ts";
import { openCommandStore } from "./command-store.ts";

const store = openCommandStore<FeedbackStore>({ sqlite: (dir) => new SqliteFeedbackStore(dir), postgres: (db) => new PostgresFeedbackStore(db) });
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
