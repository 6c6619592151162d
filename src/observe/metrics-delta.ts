// Folds a batch of observations into one delta per (guardrail, minute) before anything leaves the
// isolate: a thousand evaluations of one guardrail in one minute become one small RPC argument.
import type { Verdict } from '../policy/guardrail-schema.js';
import type { BucketCounts } from '../storage/metrics-types.js';
import type { EvaluationObservation } from './events.js';
import { record } from './histogram.js';
import { bucketStart } from './time-buckets.js';

/** One minute of one guardrail's evaluations: the bucket counters evaluations feed (feedback comes apart). */
export interface MetricsDelta extends Omit<BucketCounts, 'feedback' | 'falsePositives' | 'byFilterFeedback'> {
  /** Unix seconds of the minute. */
  minute: number;
}

export const emptyVerdicts = (): Record<Verdict, number> => ({ ALLOW: 0, WARN: 0, REDACT: 0, BLOCK: 0 });

export const findingKey = (filter: string, entity: string) => `${filter}\u0000${entity}`;

/** Deltas per guardrail key (`tenant\u0000id`), each a list of minutes. */
export function aggregate(observations: readonly EvaluationObservation[]): Map<string, MetricsDelta[]> {
  const out = new Map<string, Map<number, MetricsDelta>>();
  for (const o of observations) {
    const key = `${o.tenant}\u0000${o.guardrail.id}`;
    let minutes = out.get(key);
    if (!minutes) out.set(key, (minutes = new Map()));
    const minute = bucketStart(o.at, 60);
    let d = minutes.get(minute);
    if (!d) {
      d = { minute, requests: 0, verdicts: emptyVerdicts(), findings: 0, redactions: 0, errors: 0, failOpen: 0, fallbackCalls: 0, fallbackFailures: 0, byFinding: {}, evaluationLatency: {}, requestLatency: {} };
      minutes.set(minute, d);
    }
    d.requests++;
    d.verdicts[o.verdict]++;
    d.findings += o.findings.length;
    for (const f of o.findings) {
      if (f.action === 'redact') d.redactions++;
      const k = findingKey(f.filter, f.entity);
      d.byFinding[k] = (d.byFinding[k] ?? 0) + 1;
    }
    if (o.decisionLayer === 'error') {
      d.errors++;
      if (o.verdict === 'ALLOW') d.failOpen++;
    }
    d.fallbackCalls += o.fallbackCalls;
    d.fallbackFailures += o.fallbackFailures;
    record(d.evaluationLatency, o.evaluationUs);
    record(d.requestLatency, o.requestUs);
  }
  return new Map([...out].map(([k, m]) => [k, [...m.values()]]));
}
