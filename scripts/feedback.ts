// `npm run feedback`: what readers said about articles, least helpful first, with recent notes.
import { resolve } from "node:path";
import { SqliteFeedbackStore } from "../src/helpdesk/store/feedback-store.ts";

const store = new SqliteFeedbackStore(resolve(process.env.KB_DATA_DIR ?? "data"));
const tallies = await store.tally();
store.close();
if (tallies.length === 0) {
  console.log("No feedback yet.");
} else {
  for (const t of tallies) {
    console.log(`${t.article}  helpful: ${t.helpful}  not helpful: ${t.notHelpful}`);
    for (const c of t.comments) console.log(`    ${c.at.slice(0, 10)}  ${c.comment.replace(/\s+/g, " ")}`);
  }
}
