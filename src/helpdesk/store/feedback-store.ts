// Where article feedback is kept. Separate from tickets: it is anonymous and never forwarded.
import type { DatabaseSync } from "node:sqlite";
import { openSqliteFile } from "./sqlite-file.ts";
import type { ArticleFeedback, FeedbackTally } from "../../lib/feedback.ts";
import { PostgresStorePart } from "./postgres-database.ts";

export interface FeedbackStore {
  save(feedback: ArticleFeedback, at: Date): Promise<void>;
  /** Articles with the most "not helpful" answers first, each with its latest comments. */
  tally(commentsPerArticle?: number): Promise<FeedbackTally[]>;
  close(): Promise<void>;
}

function sortTallies(tallies: FeedbackTally[]): FeedbackTally[] {
  return tallies.sort((a, b) => b.notHelpful - a.notHelpful || b.helpful - a.helpful || a.article.localeCompare(b.article));
}

export class MemoryFeedbackStore implements FeedbackStore {
  private readonly entries: (ArticleFeedback & { at: string })[] = [];
  async save(feedback: ArticleFeedback, at: Date) {
    this.entries.push({ ...feedback, at: at.toISOString() });
  }
  async tally(commentsPerArticle = 5) {
    const byArticle = new Map<string, FeedbackTally>();
    for (const entry of this.entries) {
      const tally = byArticle.get(entry.article) ?? { article: entry.article, helpful: 0, notHelpful: 0, comments: [] };
      if (entry.helpful === "yes") tally.helpful += 1;
      else tally.notHelpful += 1;
      if (entry.comment) tally.comments.unshift({ at: entry.at, comment: entry.comment });
      tally.comments = tally.comments.slice(0, commentsPerArticle);
      byArticle.set(entry.article, tally);
    }
    return sortTallies([...byArticle.values()]);
  }
  async close() {}
}

export class SqliteFeedbackStore implements FeedbackStore {
  private readonly db: DatabaseSync;
  constructor(dataDir: string) {
    this.db = openSqliteFile(dataDir, "feedback.sqlite", `
      CREATE TABLE IF NOT EXISTS feedback (
        id INTEGER PRIMARY KEY,
        article TEXT NOT NULL,
        helpful INTEGER NOT NULL,
        comment TEXT,
        at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS feedback_article ON feedback(article);
    `);
  }
  async save(feedback: ArticleFeedback, at: Date) {
    this.db
      .prepare("INSERT INTO feedback (article, helpful, comment, at) VALUES (?, ?, ?, ?)")
      .run(feedback.article, feedback.helpful === "yes" ? 1 : 0, feedback.comment ?? null, at.toISOString());
  }
  async tally(commentsPerArticle = 5) {
    const rows = this.db
      .prepare("SELECT article, SUM(helpful) AS helpful, SUM(1 - helpful) AS notHelpful FROM feedback GROUP BY article")
      .all() as { article: string; helpful: number; notHelpful: number }[];
    const comments = this.db.prepare(
      "SELECT at, comment FROM feedback WHERE article = ? AND comment IS NOT NULL ORDER BY id DESC LIMIT ?",
    );
    return sortTallies(
      rows.map((row) => ({
        article: row.article,
        helpful: Number(row.helpful),
        notHelpful: Number(row.notHelpful),
        comments: comments.all(row.article, commentsPerArticle) as { at: string; comment: string }[],
      })),
    );
  }
  async close() {
    this.db.close();
  }
}

/** Feedback in the shared PostgreSQL database, so every instance adds to one tally. */
export class PostgresFeedbackStore extends PostgresStorePart implements FeedbackStore {
  async save(feedback: ArticleFeedback, at: Date) {
    const sql = await this.queries();
    await sql`INSERT INTO feedback (article, helpful, comment, at)
      VALUES (${feedback.article}, ${feedback.helpful === "yes"}, ${feedback.comment ?? null}, ${at.toISOString()})`;
  }
  async tally(commentsPerArticle = 5) {
    const sql = await this.queries();
    const rows = await sql`
      SELECT article, COUNT(*) FILTER (WHERE helpful) AS helpful, COUNT(*) FILTER (WHERE NOT helpful) AS not_helpful,
        COALESCE((SELECT json_agg(json_build_object('at', latest.at, 'comment', latest.comment) ORDER BY latest.id DESC)
          FROM (SELECT id, at, comment FROM feedback c WHERE c.article = f.article AND c.comment IS NOT NULL
                ORDER BY id DESC LIMIT ${commentsPerArticle}) latest), '[]') AS comments
      FROM feedback f GROUP BY article`;
    return sortTallies(
      rows.map((row) => ({
        article: String(row.article),
        helpful: Number(row.helpful),
        notHelpful: Number(row.not_helpful),
        comments: row.comments as { at: string; comment: string }[],
      })),
    );
  }}
