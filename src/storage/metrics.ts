// One metrics shard of one guardrail: counters and latency histograms per minute, hour and day
// bucket in SQLite. Several shards per (tenant, guardrail) share the write load (docs/scaling.md);
// readers merge them. Deltas arrive batched from isolates, never one per evaluation.
import { DurableObject } from 'cloudflare:workers';
import type { Bindings } from '../env.js';
import { type HistogramData, merge } from '../observe/histogram.js';
import { type MetricsDelta, emptyVerdicts } from '../observe/metrics-delta.js';
import { RESOLUTIONS, RETENTION, type Resolution, bucketStart } from '../observe/time-buckets.js';
import { METRICS_MIGRATIONS, METRICS_SCHEMA, METRICS_SCHEMA_VERSION } from './metrics-schema.js';
import { applySchema } from './sql-schema.js';
import type { BucketCounts, FeedbackInput, SeriesRow, ShardQuery } from './metrics-types.js';

/** Feedback rows (per evaluation) are kept this long: the longest auto-tuning window. */
export const FEEDBACK_RETENTION_MS = 8 * 86400 * 1000;
const PURGE_EVERY_MS = 6 * 3600 * 1000;

interface BucketRow {
  res: number;
  start: number;
  requests: number;
  allow_n: number;
  warn_n: number;
  redact_n: number;
  block_n: number;
  findings: number;
  redactions: number;
  errors: number;
  fail_open: number;
  fallback_calls: number;
  fallback_failures: number;
  feedback: number;
  false_positives: number;
  eval_latency: string;
  request_latency: string;
  [k: string]: SqlStorageValue;
}

export const emptyCounts = (): BucketCounts => ({
  requests: 0,
  verdicts: emptyVerdicts(),
  findings: 0,
  redactions: 0,
  errors: 0,
  failOpen: 0,
  fallbackCalls: 0,
  fallbackFailures: 0,
  feedback: 0,
  falsePositives: 0,
  evaluationLatency: {},
  requestLatency: {},
  byFinding: {},
  byFilterFeedback: {},
});

/** Adds `from` into `into` (the one merge used for buckets, shards and totals). */
export function addCounts(into: BucketCounts, from: BucketCounts): BucketCounts {
  into.requests += from.requests;
  for (const v of Object.keys(into.verdicts) as Array<keyof BucketCounts['verdicts']>) into.verdicts[v] += from.verdicts[v];
  into.findings += from.findings;
  into.redactions += from.redactions;
  into.errors += from.errors;
  into.failOpen += from.failOpen;
  into.fallbackCalls += from.fallbackCalls;
  into.fallbackFailures += from.fallbackFailures;
  into.feedback += from.feedback;
  into.falsePositives += from.falsePositives;
  merge(into.evaluationLatency, from.evaluationLatency);
  merge(into.requestLatency, from.requestLatency);
  for (const [k, n] of Object.entries(from.byFinding)) into.byFinding[k] = (into.byFinding[k] ?? 0) + n;
  for (const [k, f] of Object.entries(from.byFilterFeedback)) {
    const cur = (into.byFilterFeedback[k] ??= { n: 0, fp: 0 });
    cur.n += f.n;
    cur.fp += f.fp;
  }
  return into;
}

export class GuardrailMetrics extends DurableObject<Bindings> {
  private readonly sql: SqlStorage;

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    this.sql = ctx.storage.sql;
    ctx.blockConcurrencyWhile(async () => applySchema(this.sql, METRICS_SCHEMA, METRICS_SCHEMA_VERSION, METRICS_MIGRATIONS));
  }

  /** Adds a batch of per-minute deltas to the minute, hour and day buckets, in one transaction. */
  async ingest(deltas: MetricsDelta[]): Promise<void> {
    this.ctx.storage.transactionSync(() => {
      for (const d of deltas) {
        for (const res of RESOLUTIONS) this.addDelta(res, bucketStart(d.minute * 1000, res), d);
      }
    });
    await this.ensurePurgeAlarm();
  }

  /** Counts feedback once per (evaluation, filter); returns whether anything new was counted. */
  async recordFeedback(input: FeedbackInput): Promise<{ counted: boolean }> {
    let counted = false;
    this.ctx.storage.transactionSync(() => {
      // '' stands for the evaluation as a whole: the overall false-positive rate counts evaluations.
      for (const filter of ['', ...input.filters]) {
        const inserted = this.sql
          .exec(`INSERT OR IGNORE INTO feedback (evaluation_id, filter, at, version, false_positive) VALUES (?, ?, ?, ?, ?) RETURNING filter`,
            input.evaluationId, filter, input.at, input.version, input.falsePositive ? 1 : 0)
          .toArray().length > 0;
        if (!inserted) continue;
        counted = true;
        const fp = input.falsePositive ? 1 : 0;
        for (const res of RESOLUTIONS) {
          const start = bucketStart(input.at, res);
          if (filter === '') {
            this.sql.exec(`INSERT INTO buckets (res, start, feedback, false_positives) VALUES (?, ?, 1, ?)
              ON CONFLICT (res, start) DO UPDATE SET feedback = feedback + 1, false_positives = false_positives + excluded.false_positives`, res, start, fp);
          } else {
            this.sql.exec(`INSERT INTO filter_feedback (res, start, filter, n, fp) VALUES (?, ?, ?, 1, ?)
              ON CONFLICT (res, start, filter) DO UPDATE SET n = n + 1, fp = fp + excluded.fp`, res, start, filter, fp);
          }
        }
      }
    });
    await this.ensurePurgeAlarm();
    return { counted };
  }

  /** Feedback on one version's evaluations since `sinceMs`, per filter: what the auto-tuner decides on. */
  feedbackStats(version: number, filters: string[], sinceMs: number): Record<string, { n: number; fp: number }> {
    const out: Record<string, { n: number; fp: number }> = {};
    for (const filter of filters) {
      const row = this.sql
        .exec<{ n: number; fp: number | null }>(`SELECT COUNT(*) AS n, SUM(false_positive) AS fp FROM feedback WHERE version = ? AND filter = ? AND at >= ?`, version, filter, sinceMs)
        .one();
      out[filter] = { n: row.n, fp: row.fp ?? 0 };
    }
    return out;
  }

  /** Buckets of one resolution in [from, to), paged by start; totals over the whole range. */
  query(res: Resolution, from: number, to: number, after: number | null, limit: number): ShardQuery {
    const totals = emptyCounts();
    const rows: SeriesRow[] = [];
    let more = false;
    const lower = after === null ? from : Math.max(from, after + 1);
    for (const r of this.sql.exec<BucketRow>(`SELECT * FROM buckets WHERE res = ? AND start >= ? AND start < ? ORDER BY start`, res, from, to)) {
      const counts = this.countsOf(r);
      addCounts(totals, counts);
      if (r.start < lower) continue;
      if (rows.length < limit) rows.push({ start: r.start, ...counts });
      else more = true;
    }
    return { rows, more, totals };
  }

  /** Everything retained (day buckets) and the minutes since `recentFrom` (unix s), for /v1/metrics. */
  snapshot(recentFrom: number): { allTime: BucketCounts; recent: BucketCounts } {
    return { allTime: this.query(86400, 0, Number.MAX_SAFE_INTEGER, null, 0).totals, recent: this.query(60, recentFrom, Number.MAX_SAFE_INTEGER, null, 0).totals };
  }

  override async alarm(): Promise<void> {
    const now = Date.now();
    this.ctx.storage.transactionSync(() => {
      for (const res of RESOLUTIONS) {
        const cutoff = Math.floor(now / 1000) - RETENTION[res];
        for (const table of ['buckets', 'finding_counts', 'filter_feedback']) this.sql.exec(`DELETE FROM ${table} WHERE res = ? AND start < ?`, res, cutoff);
      }
      this.sql.exec(`DELETE FROM feedback WHERE at < ?`, now - FEEDBACK_RETENTION_MS);
    });
    await this.ctx.storage.setAlarm(now + PURGE_EVERY_MS);
  }

  private async ensurePurgeAlarm(): Promise<void> {
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + PURGE_EVERY_MS);
  }

  private addDelta(res: Resolution, start: number, d: MetricsDelta): void {
    const existing = this.sql.exec<{ eval_latency: string; request_latency: string }>(`SELECT eval_latency, request_latency FROM buckets WHERE res = ? AND start = ?`, res, start).toArray()[0];
    const evalLatency = merge(existing ? (JSON.parse(existing.eval_latency) as HistogramData) : {}, d.evaluationLatency);
    const requestLatency = merge(existing ? (JSON.parse(existing.request_latency) as HistogramData) : {}, d.requestLatency);
    const v = d.verdicts;
    this.sql.exec(
      `INSERT INTO buckets (res, start, requests, allow_n, warn_n, redact_n, block_n, findings, redactions, errors, fail_open, fallback_calls, fallback_failures, eval_latency, request_latency)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (res, start) DO UPDATE SET requests = requests + excluded.requests, allow_n = allow_n + excluded.allow_n,
         warn_n = warn_n + excluded.warn_n, redact_n = redact_n + excluded.redact_n, block_n = block_n + excluded.block_n,
         findings = findings + excluded.findings, redactions = redactions + excluded.redactions, errors = errors + excluded.errors,
         fail_open = fail_open + excluded.fail_open, fallback_calls = fallback_calls + excluded.fallback_calls,
         fallback_failures = fallback_failures + excluded.fallback_failures, eval_latency = excluded.eval_latency, request_latency = excluded.request_latency`,
      res, start, d.requests, v.ALLOW, v.WARN, v.REDACT, v.BLOCK, d.findings, d.redactions, d.errors, d.failOpen, d.fallbackCalls, d.fallbackFailures,
      JSON.stringify(evalLatency), JSON.stringify(requestLatency),
    );
    for (const [key, n] of Object.entries(d.byFinding)) {
      const [filter, entity] = key.split('\u0000');
      this.sql.exec(`INSERT INTO finding_counts (res, start, filter, entity, n) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (res, start, filter, entity) DO UPDATE SET n = n + excluded.n`, res, start, filter, entity, n);
    }
  }

  private countsOf(r: BucketRow): BucketCounts {
    const byFinding: Record<string, number> = {};
    for (const f of this.sql.exec<{ filter: string; entity: string; n: number }>(`SELECT filter, entity, n FROM finding_counts WHERE res = ? AND start = ?`, r.res, r.start)) {
      byFinding[`${f.filter}\u0000${f.entity}`] = f.n;
    }
    const byFilterFeedback: Record<string, { n: number; fp: number }> = {};
    for (const f of this.sql.exec<{ filter: string; n: number; fp: number }>(`SELECT filter, n, fp FROM filter_feedback WHERE res = ? AND start = ?`, r.res, r.start)) {
      byFilterFeedback[f.filter] = { n: f.n, fp: f.fp };
    }
    return {
      requests: r.requests,
      verdicts: { ALLOW: r.allow_n, WARN: r.warn_n, REDACT: r.redact_n, BLOCK: r.block_n },
      findings: r.findings,
      redactions: r.redactions,
      errors: r.errors,
      failOpen: r.fail_open,
      fallbackCalls: r.fallback_calls,
      fallbackFailures: r.fallback_failures,
      feedback: r.feedback,
      falsePositives: r.false_positives,
      evaluationLatency: JSON.parse(r.eval_latency),
      requestLatency: JSON.parse(r.request_latency),
      byFinding,
      byFilterFeedback,
    };
  }
}
