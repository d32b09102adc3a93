// The SQLite store's schema, as numbered steps. A database records the last step applied in
// PRAGMA user_version; opening it applies the steps it has not had yet, each in its own transaction,
// so a tickets.sqlite made by any earlier version keeps working. Never edit a step that has
// shipped: add the next one.
import type { DatabaseSync } from "node:sqlite";

interface Migration {
  version: number;
  /** Named in the error if the step fails. */
  description: string;
  sql: string;
}

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: "tickets, attachments, idempotency keys and drafts",
    sql: `
CREATE TABLE IF NOT EXISTS tickets (
  reference TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  channel TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  priority TEXT NOT NULL,
  plan TEXT NOT NULL,
  product_area TEXT NOT NULL,
  workspace_url TEXT,
  version TEXT,
  department TEXT NOT NULL,
  tier TEXT NOT NULL,
  first_response_due_at TEXT,
  idempotency_key TEXT,
  attachments TEXT NOT NULL DEFAULT '[]',
  forward_status TEXT NOT NULL DEFAULT 'pending' CHECK (forward_status IN ('pending', 'sent', 'failed')),
  forward_target TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  lease_until INTEGER,
  last_error TEXT,
  external_id TEXT,
  sent_at TEXT
);
CREATE INDEX IF NOT EXISTS tickets_forwarding ON tickets (forward_status, next_attempt_at);
CREATE TABLE IF NOT EXISTS attachments (
  ticket_reference TEXT NOT NULL REFERENCES tickets (reference) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  size INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (ticket_reference, position)
);
CREATE TABLE IF NOT EXISTS idempotency_keys (
  key TEXT PRIMARY KEY,
  body_hash TEXT NOT NULL,
  reference TEXT NOT NULL REFERENCES tickets (reference) ON DELETE CASCADE,
  response TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS drafts (
  token TEXT PRIMARY KEY,
  values_json TEXT NOT NULL,
  errors_json TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);`,
  },
  {
    // SQLite cannot change a CHECK constraint in place, so the tickets table is rebuilt (the
    // documented twelve-step way: new table, copy, drop, rename) with foreign keys off meanwhile.
    version: 2,
    description: "the suspended queue, the first-response target kept with each ticket, and the forwarding history",
    sql: `
CREATE TABLE tickets_v2 (
  reference TEXT PRIMARY KEY,
  created_at TEXT NOT NULL,
  channel TEXT NOT NULL,
  name TEXT NOT NULL,
  email TEXT NOT NULL,
  subject TEXT NOT NULL,
  description TEXT NOT NULL,
  priority TEXT NOT NULL,
  plan TEXT NOT NULL,
  product_area TEXT NOT NULL,
  workspace_url TEXT,
  version TEXT,
  department TEXT NOT NULL,
  tier TEXT NOT NULL,
  first_response_target TEXT,
  first_response_due_at TEXT,
  idempotency_key TEXT,
  attachments TEXT NOT NULL DEFAULT '[]',
  forward_status TEXT NOT NULL DEFAULT 'pending' CHECK (forward_status IN ('pending', 'sent', 'failed', 'suspended')),
  forward_target TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER,
  lease_until INTEGER,
  last_error TEXT,
  external_id TEXT,
  sent_at TEXT,
  suspended_reason TEXT,
  suspended_at TEXT,
  released_at TEXT
);
INSERT INTO tickets_v2 (reference, created_at, channel, name, email, subject, description, priority, plan, product_area,
    workspace_url, version, department, tier, first_response_due_at, idempotency_key, attachments, forward_status,
    forward_target, attempts, next_attempt_at, lease_until, last_error, external_id, sent_at)
  SELECT reference, created_at, channel, name, email, subject, description, priority, plan, product_area,
    workspace_url, version, department, tier, first_response_due_at, idempotency_key, attachments, forward_status,
    forward_target, attempts, next_attempt_at, lease_until, last_error, external_id, sent_at
  FROM tickets ORDER BY rowid;
DROP TABLE tickets;
ALTER TABLE tickets_v2 RENAME TO tickets;
CREATE INDEX tickets_forwarding ON tickets (forward_status, next_attempt_at);
CREATE INDEX tickets_suspended ON tickets (forward_status, suspended_at);
CREATE TABLE forward_events (
  id INTEGER PRIMARY KEY,
  ticket_reference TEXT NOT NULL REFERENCES tickets (reference) ON DELETE CASCADE,
  at TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('sent', 'retry', 'failed', 'requeued', 'released')),
  target TEXT,
  attempt INTEGER NOT NULL,
  detail TEXT
);
CREATE INDEX forward_events_ticket ON forward_events (ticket_reference, id);`,
  },
  {
    version: 3,
    description: "chat alerts, the helpdesk's link to each ticket, and whether the customer was answered",
    sql: `
ALTER TABLE tickets ADD COLUMN external_url TEXT;
ALTER TABLE tickets ADD COLUMN first_response_at TEXT;
ALTER TABLE tickets ADD COLUMN first_response_source TEXT;
CREATE INDEX tickets_awaiting_response ON tickets (first_response_due_at) WHERE first_response_at IS NULL;
CREATE TABLE alerts (
  ticket_reference TEXT NOT NULL REFERENCES tickets (reference) ON DELETE CASCADE,
  rule TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('new', 'warning', 'breach')),
  destination TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  next_attempt_at INTEGER,
  lease_until INTEGER,
  last_error TEXT,
  delivered_at TEXT,
  PRIMARY KEY (ticket_reference, rule, kind)
);
CREATE INDEX alerts_due ON alerts (status, next_attempt_at);`,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/**
 * Files made before the store gave deleted rows' space back have auto_vacuum off, which only a
 * VACUUM can change: it rewrites the file once, without the space earlier deletions left (a file
 * grown by large drafts shrinks here). Not a numbered step, because VACUUM cannot run inside a
 * step's transaction; the file's own setting says whether it is done. If it cannot run now (another
 * process is writing, or the disk has no room for the copy), the store works as before and the
 * next opening tries again.
 */
function useIncrementalVacuum(db: DatabaseSync): void {
  const INCREMENTAL = 2;
  if (Number(db.prepare("PRAGMA auto_vacuum").get()?.auto_vacuum) === INCREMENTAL) return;
  try {
    db.exec("PRAGMA auto_vacuum = INCREMENTAL");
    db.exec("VACUUM");
  } catch {
    // Left as it was; see above.
  }
}

function userVersion(db: DatabaseSync): number {
  return Number(db.prepare("PRAGMA user_version").get()?.user_version ?? 0);
}

/**
 * Brings the database up to SCHEMA_VERSION. Safe when two processes open one file at once: each
 * step re-reads the version after taking the write lock. Throws, naming the file, when the file
 * is from a newer version or a step fails (that step is rolled back; earlier ones stay applied).
 */
export function migrate(db: DatabaseSync, file: string): void {
  const found = userVersion(db);
  if (found > SCHEMA_VERSION) {
    throw new Error(
      `${file} was written by a newer version of the help center (schema ${found}; this version knows up to ${SCHEMA_VERSION}). Run the newer version, or point KB_DATA_DIR at another folder.`,
    );
  }
  useIncrementalVacuum(db);
  if (found === SCHEMA_VERSION) return;
  // Foreign keys must be off while a table is rebuilt, and this pragma is ignored inside a transaction.
  db.exec("PRAGMA foreign_keys = OFF");
  try {
    for (const step of MIGRATIONS) {
      db.exec("BEGIN IMMEDIATE");
      try {
        if (userVersion(db) < step.version) {
          db.exec(step.sql);
          const dangling = db.prepare("PRAGMA foreign_key_check").all();
          if (dangling.length) throw new Error(`${dangling.length} rows point at tickets that do not exist`);
          db.exec(`PRAGMA user_version = ${step.version}`);
        }
        db.exec("COMMIT");
      } catch (error) {
        db.exec("ROLLBACK");
        throw new Error(
          `Could not upgrade ${file} to schema ${step.version} (${step.description}): ${(error as Error).message}. The file is unchanged by this step; keep a copy and report the message.`,
        );
      }
    }
  } finally {
    db.exec("PRAGMA foreign_keys = ON");
  }
}
