// What metrics shards answer; plain JSON, merged in the Worker across shards.
import type { Verdict } from '../policy/guardrail-schema.js';
import type { HistogramData } from '../observe/histogram.js';

export interface BucketCounts {
  requests: number;
  verdicts: Record<Verdict, number>;
  findings: number;
  /** Spans removed or replaced by a redacting filter. */
  redactions: number;
  /** Internal errors the fail mode decided. */
  errors: number;
  /** Internal errors that let the request through (fail mode `open`). */
  failOpen: number;
  /** Requests to the fallback model, and those that failed (timeout, error). */
  fallbackCalls: number;
  fallbackFailures: number;
  feedback: number;
  falsePositives: number;
  evaluationLatency: HistogramData;
  requestLatency: HistogramData;
  /** `filter\u0000entity` -> findings. */
  byFinding: Record<string, number>;
  /** filter -> feedback on evaluations where it fired, and how much of it said false positive. */
  byFilterFeedback: Record<string, { n: number; fp: number }>;
}

export interface SeriesRow extends BucketCounts {
  /** Unix seconds. */
  start: number;
}

export interface ShardQuery {
  rows: SeriesRow[];
  /** True when rows after the last returned exist. */
  more: boolean;
  /** Over the whole range, not only this page. */
  totals: BucketCounts;
}

export interface FeedbackInput {
  evaluationId: string;
  /** Unix ms. */
  at: number;
  version: number;
  falsePositive: boolean;
  /** Filters the feedback is about (the named one, or every filter that fired). */
  filters: string[];
}
