// The PostgreSQL store's schema, as numbered steps, applied at start-up by postgres-database.ts and
// recorded in schema_migrations. Never edit a step that has shipped: add the next one.
//
// The layout follows the SQLite store's (sqlite-migrations.ts), so both map rows the same way
// (sql-rows.ts): times handed back as given are ISO text, in the "C" collation so that they sort as
// times; times that are compared and computed with are milliseconds in a bigint; a ticket's list of
// attachments and a draft's values are JSON text. `seq` columns keep the order rows were saved in,
// which SQLite's rowid gives for free.
export interface PostgresMigration {
  version: number;
  /** Named in the error if the step fails. */
  description: string;
  sql: string;
}

export const POSTGRES_MIGRATIONS: readonly PostgresMigration[] = [
  {
    version: 1,
    description: "tickets with their files, idempotency keys, forwarding history and chat alerts; drafts, feedback, search-gap counts and rate-limit counters",
    sql: `
CREATE TABLE tickets (
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  reference text PRIMARY KEY,
  created_at text COLLATE "C" NOT NULL,
  channel text NOT NULL,
  name text NOT NULL,
  email text NOT NULL,
  subject text NOT NULL,
  description text NOT NULL,
  priority text NOT NULL,
  plan text NOT NULL,
  product_area text NOT NULL,
  workspace_url text,
  version text,
  department text NOT NULL,
  tier text NOT NULL,
  first_response_target text,
  first_response_due_at text COLLATE "C",
  idempotency_key text,
  attachments text NOT NULL DEFAULT '[]',
  forward_status text NOT NULL DEFAULT 'pending' CHECK (forward_status IN ('pending', 'sent', 'failed', 'suspended')),
  forward_target text,
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at bigint,
  lease_until bigint,
  last_error text,
  external_id text,
  external_url text,
  sent_at text,
  suspended_reason text,
  suspended_at text COLLATE "C",
  released_at text,
  first_response_at text,
  first_response_source text
);
CREATE INDEX tickets_forwarding ON tickets (forward_status, next_attempt_at);
CREATE INDEX tickets_suspended ON tickets (forward_status, suspended_at);
CREATE INDEX tickets_listed ON tickets (created_at, seq);
CREATE INDEX tickets_awaiting_response ON tickets (first_response_due_at) WHERE first_response_at IS NULL;
CREATE TABLE attachments (
  ticket_reference text NOT NULL REFERENCES tickets (reference) ON DELETE CASCADE,
  position integer NOT NULL,
  name text NOT NULL,
  type text NOT NULL,
  size integer NOT NULL,
  bytes bytea NOT NULL,
  PRIMARY KEY (ticket_reference, position)
);
CREATE TABLE idempotency_keys (
  key text PRIMARY KEY,
  body_hash text NOT NULL,
  reference text NOT NULL REFERENCES tickets (reference) ON DELETE CASCADE,
  response text NOT NULL
);
CREATE INDEX idempotency_keys_reference ON idempotency_keys (reference);
CREATE TABLE forward_events (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_reference text NOT NULL REFERENCES tickets (reference) ON DELETE CASCADE,
  at text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('sent', 'retry', 'failed', 'requeued', 'released')),
  target text,
  attempt integer NOT NULL,
  detail text
);
CREATE INDEX forward_events_ticket ON forward_events (ticket_reference, id);
CREATE TABLE alerts (
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  ticket_reference text NOT NULL REFERENCES tickets (reference) ON DELETE CASCADE,
  rule text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('new', 'warning', 'breach')),
  destination text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'skipped')),
  attempts integer NOT NULL DEFAULT 0,
  created_at text COLLATE "C" NOT NULL,
  next_attempt_at bigint,
  lease_until bigint,
  last_error text,
  delivered_at text,
  PRIMARY KEY (ticket_reference, rule, kind)
);
CREATE INDEX alerts_due ON alerts (status, next_attempt_at);
CREATE TABLE drafts (
  seq bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
  token text PRIMARY KEY,
  values_json text NOT NULL,
  errors_json text NOT NULL,
  expires_at bigint NOT NULL
);
CREATE INDEX drafts_expiry ON drafts (expires_at);
CREATE TABLE feedback (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  article text NOT NULL,
  helpful boolean NOT NULL,
  comment text,
  at text NOT NULL
);
CREATE INDEX feedback_article ON feedback (article, id);
CREATE TABLE search_gaps (
  day text COLLATE "C" NOT NULL,
  query text NOT NULL,
  outcome text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (day, query, outcome)
);
CREATE TABLE rate_limit_hits (
  limiter text NOT NULL,
  key text NOT NULL,
  at bigint NOT NULL
);
CREATE INDEX rate_limit_hits_key ON rate_limit_hits (limiter, key, at);
CREATE TABLE rate_limit_salt (
  id integer PRIMARY KEY CHECK (id = 1),
  salt text NOT NULL
);`,
  },
];

export const POSTGRES_SCHEMA_VERSION = POSTGRES_MIGRATIONS.at(-1)!.version;
