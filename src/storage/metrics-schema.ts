// Tables of one metrics shard (one of several Durable Objects per (tenant, guardrail)).
export const METRICS_SCHEMA_VERSION = 2;

/** Version 2 counts requests to the fallback model. */
export const METRICS_MIGRATIONS: Record<number, string> = {
  2: `ALTER TABLE buckets ADD COLUMN fallback_calls INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE buckets ADD COLUMN fallback_failures INTEGER NOT NULL DEFAULT 0;`,
};

export const METRICS_SCHEMA = `
-- One row per (resolution, bucket start): 60, 3600 and 86400 second buckets, written together.
CREATE TABLE IF NOT EXISTS buckets (
  res INTEGER NOT NULL,
  start INTEGER NOT NULL,
  requests INTEGER NOT NULL DEFAULT 0,
  allow_n INTEGER NOT NULL DEFAULT 0,
  warn_n INTEGER NOT NULL DEFAULT 0,
  redact_n INTEGER NOT NULL DEFAULT 0,
  block_n INTEGER NOT NULL DEFAULT 0,
  findings INTEGER NOT NULL DEFAULT 0,
  redactions INTEGER NOT NULL DEFAULT 0,
  errors INTEGER NOT NULL DEFAULT 0,
  fail_open INTEGER NOT NULL DEFAULT 0,
  fallback_calls INTEGER NOT NULL DEFAULT 0,
  fallback_failures INTEGER NOT NULL DEFAULT 0,
  feedback INTEGER NOT NULL DEFAULT 0,
  false_positives INTEGER NOT NULL DEFAULT 0,
  eval_latency TEXT NOT NULL DEFAULT '{}',
  request_latency TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (res, start)
);
CREATE TABLE IF NOT EXISTS finding_counts (
  res INTEGER NOT NULL,
  start INTEGER NOT NULL,
  filter TEXT NOT NULL,
  entity TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (res, start, filter, entity)
);
CREATE TABLE IF NOT EXISTS filter_feedback (
  res INTEGER NOT NULL,
  start INTEGER NOT NULL,
  filter TEXT NOT NULL,
  n INTEGER NOT NULL,
  fp INTEGER NOT NULL,
  PRIMARY KEY (res, start, filter)
);
-- Each feedback once per (evaluation, filter): retried requests do not count twice, and the
-- auto-tuner reads a window of one version's feedback from here.
CREATE TABLE IF NOT EXISTS feedback (
  evaluation_id TEXT NOT NULL,
  filter TEXT NOT NULL,
  at INTEGER NOT NULL,
  version INTEGER NOT NULL,
  false_positive INTEGER NOT NULL,
  PRIMARY KEY (evaluation_id, filter)
);
CREATE INDEX IF NOT EXISTS feedback_by_version ON feedback (version, filter, at);
`;
