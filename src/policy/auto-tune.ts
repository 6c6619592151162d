// The auto-tuning rule: whether feedback justifies raising a filter's minScore, and to what.
import type { AutoTune } from './filter-schema.js';

export type TuneDecision =
  | { adjust: true; from: number; to: number; falsePositiveRate: number; samples: number }
  | { adjust: false; reason: string; falsePositiveRate: number | null; samples: number };

export function decideTuning(rule: AutoTune, currentMinScore: number, stats: { n: number; fp: number }): TuneDecision {
  const rate = stats.n === 0 ? null : stats.fp / stats.n;
  const no = (reason: string): TuneDecision => ({ adjust: false, reason, falsePositiveRate: rate, samples: stats.n });
  if (!rule.enabled) return no('auto-tuning is disabled');
  if (stats.n < rule.minSamples) return no(`${stats.n} of ${rule.minSamples} samples needed`);
  if (rate! <= rule.maxFalsePositiveRate) return no('false-positive rate within bound');
  if (currentMinScore >= rule.ceiling) return no('minScore is at its ceiling');
  // Two decimals: scores are configured that way, and float steps would drift (0.1 + 0.2).
  const to = Math.min(rule.ceiling, Math.round((currentMinScore + rule.step) * 100) / 100);
  return { adjust: true, from: currentMinScore, to, falsePositiveRate: rate!, samples: stats.n };
}
