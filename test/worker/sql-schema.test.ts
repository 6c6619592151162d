// Durable Object tables: made at the current version, or brought forward from an older one.
import { env, runInDurableObject } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { METRICS_MIGRATIONS, METRICS_SCHEMA, METRICS_SCHEMA_VERSION } from '../../src/storage/metrics-schema.js';
import { applySchema } from '../../src/storage/sql-schema.js';

/** A scratch SQLite database: a conversation object, which keeps no tables of its own. */
const scratch = (name: string) => env.CONVERSATIONS.get(env.CONVERSATIONS.idFromName(`schema-test-${name}`));

const columns = (sql: SqlStorage, table: string) => sql.exec<{ name: string }>(`PRAGMA table_info(${table})`).toArray().map((c) => c.name);
const version = (sql: SqlStorage) => sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = 'schema_version'`).one().value;

describe('applySchema', () => {
  it('migrates a metrics shard written at version 1, keeping its rows', async () => {
    await runInDurableObject(scratch('v1'), async (_o, state) => {
      const sql = state.storage.sql;
      // The buckets table as version 1 made it (no fallback counters).
      sql.exec(`CREATE TABLE buckets (res INTEGER NOT NULL, start INTEGER NOT NULL, requests INTEGER NOT NULL DEFAULT 0, allow_n INTEGER NOT NULL DEFAULT 0,
        warn_n INTEGER NOT NULL DEFAULT 0, redact_n INTEGER NOT NULL DEFAULT 0, block_n INTEGER NOT NULL DEFAULT 0, findings INTEGER NOT NULL DEFAULT 0,
        redactions INTEGER NOT NULL DEFAULT 0, errors INTEGER NOT NULL DEFAULT 0, fail_open INTEGER NOT NULL DEFAULT 0, feedback INTEGER NOT NULL DEFAULT 0,
        false_positives INTEGER NOT NULL DEFAULT 0, eval_latency TEXT NOT NULL DEFAULT '{}', request_latency TEXT NOT NULL DEFAULT '{}', PRIMARY KEY (res, start))`);
      sql.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);
      sql.exec(`INSERT INTO meta (key, value) VALUES ('schema_version', '1')`);
      sql.exec(`INSERT INTO buckets (res, start, requests) VALUES (60, 0, 7)`);
      applySchema(sql, METRICS_SCHEMA, METRICS_SCHEMA_VERSION, METRICS_MIGRATIONS);
      expect(columns(sql, 'buckets')).toEqual(expect.arrayContaining(['fallback_calls', 'fallback_failures']));
      expect(sql.exec(`SELECT requests, fallback_calls FROM buckets`).one()).toEqual({ requests: 7, fallback_calls: 0 });
      expect(version(sql)).toBe(String(METRICS_SCHEMA_VERSION));
      // Running again (every start of the object) changes nothing.
      applySchema(sql, METRICS_SCHEMA, METRICS_SCHEMA_VERSION, METRICS_MIGRATIONS);
      expect(sql.exec(`SELECT count(*) AS n FROM buckets`).one().n).toBe(1);
    });
  });

  it('makes a new object at the current version without migrating', async () => {
    await runInDurableObject(scratch('new'), async (_o, state) => {
      const sql = state.storage.sql;
      applySchema(sql, METRICS_SCHEMA, METRICS_SCHEMA_VERSION, METRICS_MIGRATIONS);
      expect(columns(sql, 'buckets')).toContain('fallback_calls');
      expect(version(sql)).toBe(String(METRICS_SCHEMA_VERSION));
    });
  });
});
