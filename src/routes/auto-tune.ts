// Applies the auto-tuning rule after feedback: sums one version's feedback over the window from
// every metrics shard and, when a filter's rule says so, writes a new version with a higher
// minScore through the normal lifecycle (its tests gate it), audited and announced.
import type { Bindings } from '../env.js';
import { ApiError } from '../errors.js';
import { recordChange } from '../observe/record-change.js';
import { decideTuning } from '../policy/auto-tune.js';
import { DEFAULT_MIN_SCORE, filterIds } from '../policy/compile.js';
import type { GuardrailConfig } from '../policy/guardrail-schema.js';
import { readActive } from '../storage/configs.js';
import { allMetricsShards } from '../storage/observe-stubs.js';
import { registry, unwrap } from '../storage/registry-client.js';
import { writeVersion } from './guardrail-write.js';

export const AUTOTUNE_ACTOR = 'autotune';

export interface TuneOutcome {
  filter: string;
  adjusted: boolean;
  reason?: string;
  from?: number;
  to?: number;
  version?: number;
  falsePositiveRate: number | null;
  samples: number;
}

/** Filters of the active version named in `filters` that carry an enabled autoTune rule. */
function tunable(config: GuardrailConfig, filters: string[]) {
  const ids = filterIds(config.filters);
  return config.filters
    .map((f, index) => ({ f, index, id: ids[index] }))
    .filter(({ f, id }) => filters.includes(id) && (f.type === 'pii' || f.type === 'secrets') && f.autoTune?.enabled);
}

export async function autoTune(env: Bindings, tenant: string, guardrail: string, version: number, filters: string[]): Promise<TuneOutcome[]> {
  const active = await readActive(env, tenant, guardrail);
  // Feedback on an older version says nothing about the one serving now.
  if (!active || active.version !== version) return [];
  const candidates = tunable(active.config, filters);
  if (candidates.length === 0) return [];
  const now = Date.now();
  const outcomes: TuneOutcome[] = [];
  const config: GuardrailConfig = structuredClone(active.config);
  const changes: Array<{ filter: string; from: number; to: number; falsePositiveRate: number; samples: number }> = [];
  for (const { f, index, id } of candidates) {
    if (f.type !== 'pii' && f.type !== 'secrets') continue;
    const rule = f.autoTune!;
    const parts = await Promise.all(allMetricsShards(env, tenant, guardrail).map((s) => s.feedbackStats(version, [id], now - rule.windowSeconds * 1000)));
    const stats = parts.reduce((acc, p) => ({ n: acc.n + p[id].n, fp: acc.fp + p[id].fp }), { n: 0, fp: 0 });
    const decision = decideTuning(rule, f.minScore ?? DEFAULT_MIN_SCORE, stats);
    if (!decision.adjust) {
      outcomes.push({ filter: id, adjusted: false, reason: decision.reason, falsePositiveRate: decision.falsePositiveRate, samples: decision.samples });
      continue;
    }
    const target = config.filters[index];
    if (target.type === 'pii' || target.type === 'secrets') target.minScore = decision.to;
    changes.push({ filter: id, from: decision.from, to: decision.to, falsePositiveRate: decision.falsePositiveRate, samples: decision.samples });
  }
  if (changes.length === 0) return outcomes;
  return [...outcomes, ...(await proposeVersion(env, tenant, guardrail, active.version, config, changes))];
}

async function proposeVersion(
  env: Bindings,
  tenant: string,
  id: string,
  activeVersion: number,
  config: GuardrailConfig,
  changes: Array<{ filter: string; from: number; to: number; falsePositiveRate: number; samples: number }>,
): Promise<TuneOutcome[]> {
  const stub = registry(env, tenant);
  const { guardrail } = unwrap(await stub.getGuardrail(id));
  // The same proposal already failed its tests and waits as a draft: do not pile up copies.
  if (guardrail.latestVersion > activeVersion) {
    const latest = unwrap(await stub.getVersion(id, guardrail.latestVersion));
    if (latest.createdBy === AUTOTUNE_ACTOR && JSON.stringify(latest.config) === JSON.stringify(config)) {
      return changes.map((c) => ({ filter: c.filter, adjusted: false, reason: `proposed as version ${latest.version}, which failed its tests`, falsePositiveRate: c.falsePositiveRate, samples: c.samples }));
    }
  }
  const base = { guardrail: { id, previousVersion: activeVersion }, changes };
  try {
    const out = await writeVersion(env, config, { tenant, actor: AUTOTUNE_ACTOR, draft: false, update: { id, ifMatch: guardrail.latestVersion } });
    await recordChange(env, { tenant, actor: AUTOTUNE_ACTOR, action: 'threshold.adjusted', target: `guardrail:${id}`, details: { ...base, guardrail: { id, version: out.version, previousVersion: activeVersion } } });
    return changes.map((c) => ({ filter: c.filter, adjusted: true, from: c.from, to: c.to, version: out.version, falsePositiveRate: c.falsePositiveRate, samples: c.samples }));
  } catch (e) {
    if (e instanceof ApiError && e.code === 'tests_failed') {
      const version = e.details?.version as number;
      await recordChange(env, { tenant, actor: AUTOTUNE_ACTOR, action: 'threshold.adjustment_rejected', target: `guardrail:${id}`, details: { ...base, draftVersion: version, failedTests: (e.details?.failures as unknown[]).length } });
      return changes.map((c) => ({ filter: c.filter, adjusted: false, reason: `version ${version} failed its tests and was kept as a draft`, version, falsePositiveRate: c.falsePositiveRate, samples: c.samples }));
    }
    // Another writer got there first (409): the next feedback decides again on the new version.
    if (e instanceof ApiError && (e.code === 'version_conflict' || e.code === 'conflict')) {
      return changes.map((c) => ({ filter: c.filter, adjusted: false, reason: 'the guardrail changed meanwhile', falsePositiveRate: c.falsePositiveRate, samples: c.samples }));
    }
    throw e;
  }
}
