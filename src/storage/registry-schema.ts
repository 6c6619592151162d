// Tables of the per-tenant registry Durable Object. `schema_version` lets later releases migrate.
export const SCHEMA_VERSION = 1;

export const SCHEMA = `
CREATE TABLE IF NOT EXISTS guardrails (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  latest INTEGER NOT NULL,
  active INTEGER,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE TABLE IF NOT EXISTS versions (
  guardrail TEXT NOT NULL,
  version INTEGER NOT NULL,
  config TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by TEXT NOT NULL,
  tests TEXT,
  activated INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (guardrail, version)
);
CREATE TABLE IF NOT EXISTS activations (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  guardrail TEXT NOT NULL,
  version INTEGER NOT NULL,
  at TEXT NOT NULL,
  actor TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS api_keys (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  record TEXT NOT NULL
);
-- KV writes decided but not yet confirmed: flushed after each change, retried by alarm.
CREATE TABLE IF NOT EXISTS outbox (key TEXT PRIMARY KEY, value TEXT, seq INTEGER NOT NULL);
`;
