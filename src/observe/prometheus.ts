// Prometheus text exposition (format 0.0.4) of a tenant's guardrail metrics.
import type { Verdict } from '../policy/guardrail-schema.js';
import type { BucketCounts } from '../storage/metrics-types.js';
import { quantileMs } from './histogram.js';

export interface GuardrailSnapshot {
  id: string;
  /** Counters over the retained days. */
  allTime: BucketCounts;
  /** The last few minutes, for latency quantiles. */
  recent: BucketCounts;
}

const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const labels = (l: Record<string, string>) => `{${Object.entries(l).map(([k, v]) => `${k}="${escape(v)}"`).join(',')}}`;

export function renderPrometheus(snapshots: GuardrailSnapshot[], recentMinutes: number): string {
  const out: string[] = [];
  const family = (name: string, type: 'counter' | 'gauge', help: string, samples: Array<[Record<string, string>, number]>) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [l, v] of samples) out.push(`${name}${labels(l)} ${v}`);
  };
  const each = <T>(f: (s: GuardrailSnapshot) => T[]) => snapshots.flatMap(f);
  family('cordon_evaluations_total', 'counter', 'Counted evaluations by verdict (not /test runs).',
    each((s) => (['ALLOW', 'WARN', 'REDACT', 'BLOCK'] as Verdict[]).map((v): [Record<string, string>, number] => [{ guardrail: s.id, verdict: v }, s.allTime.verdicts[v]])));
  family('cordon_findings_total', 'counter', 'Findings by filter and entity.',
    each((s) => Object.entries(s.allTime.byFinding).map(([k, n]): [Record<string, string>, number] => {
      const [filter, entity] = k.split('\u0000');
      return [{ guardrail: s.id, filter, entity }, n];
    })));
  family('cordon_redactions_total', 'counter', 'Spans redacted.', each((s) => [[{ guardrail: s.id }, s.allTime.redactions]]));
  family('cordon_errors_total', 'counter', 'Evaluations decided by the fail mode after an internal error.', each((s) => [[{ guardrail: s.id }, s.allTime.errors]]));
  family('cordon_fail_open_total', 'counter', 'Internal errors that let the request through (fail mode open).', each((s) => [[{ guardrail: s.id }, s.allTime.failOpen]]));
  family('cordon_feedback_total', 'counter', 'Feedback on evaluations.', each((s) => [[{ guardrail: s.id }, s.allTime.feedback]]));
  family('cordon_false_positives_total', 'counter', 'Feedback saying the evaluation was a false positive.', each((s) => [[{ guardrail: s.id }, s.allTime.falsePositives]]));
  family('cordon_filter_feedback_total', 'counter', 'Feedback per filter that fired.',
    each((s) => Object.entries(s.allTime.byFilterFeedback).map(([filter, f]): [Record<string, string>, number] => [{ guardrail: s.id, filter }, f.n])));
  family('cordon_filter_false_positives_total', 'counter', 'False-positive feedback per filter.',
    each((s) => Object.entries(s.allTime.byFilterFeedback).map(([filter, f]): [Record<string, string>, number] => [{ guardrail: s.id, filter }, f.fp])));
  family('cordon_evaluation_latency_ms', 'gauge', `Evaluation time quantiles over the last ${recentMinutes} minutes (absent without traffic).`,
    each((s) => [0.5, 0.95, 0.99].flatMap((q): Array<[Record<string, string>, number]> => {
      const v = quantileMs(s.recent.evaluationLatency, q);
      return v === null ? [] : [[{ guardrail: s.id, quantile: String(q) }, v]];
    })));
  return `${out.join('\n')}\n`;
}
