// Shapes merged shard counts into what the metrics endpoint answers.
import type { BucketCounts, SeriesRow } from '../storage/metrics-types.js';
import { percentiles } from './histogram.js';

const rate = (fp: number, n: number) => (n === 0 ? null : Math.round((fp / n) * 10_000) / 10_000);

export function countsView(c: BucketCounts) {
  const byFilter: Record<string, number> = {};
  const byEntity: Record<string, number> = {};
  for (const [key, n] of Object.entries(c.byFinding)) {
    const [filter, entity] = key.split('\u0000');
    byFilter[filter] = (byFilter[filter] ?? 0) + n;
    byEntity[entity] = (byEntity[entity] ?? 0) + n;
  }
  const feedbackByFilter = Object.fromEntries(
    Object.entries(c.byFilterFeedback).map(([f, v]) => [f, { feedback: v.n, falsePositives: v.fp, falsePositiveRate: rate(v.fp, v.n) }]),
  );
  return {
    requests: c.requests,
    verdicts: c.verdicts,
    findings: { total: c.findings, byFilter, byEntity },
    redactions: c.redactions,
    blocks: c.verdicts.BLOCK,
    errors: c.errors,
    failOpen: c.failOpen,
    /** Requests to the fallback model (cache hits excluded), and how many failed. */
    fallback: { calls: c.fallbackCalls, failures: c.fallbackFailures },
    /** Evaluation time as runEvaluation measured it. */
    latency: percentiles(c.evaluationLatency),
    /** From the request's arrival to the verdict. */
    requestLatency: percentiles(c.requestLatency),
    feedback: { total: c.feedback, falsePositives: c.falsePositives, byFilter: feedbackByFilter },
    falsePositiveRate: rate(c.falsePositives, c.feedback),
  };
}

export function seriesView(row: SeriesRow) {
  return { start: new Date(row.start * 1000).toISOString(), ...countsView(row) };
}
